namespace HybridAI.Pipelines.Sampling;

/// <summary>
/// Deterministic DDIM (eta = 0) with Stable Diffusion 1.x settings: scaled-linear betas 0.00085..0.012 over 1000 training
/// steps, "leading" timestep spacing with steps_offset = 1, set_alpha_to_one = false. Stateless per step, so the
/// denoise loop can be split at any step and resumed elsewhere from the latent alone.
/// </summary>
public sealed class DdimScheduler
{
    public const int TrainSteps = 1000;
    private readonly double[] _alphasCumprod;

    public DdimScheduler(double betaStart = 0.00085, double betaEnd = 0.012)
    {
        _alphasCumprod = new double[TrainSteps];
        double product = 1.0;
        double a = Math.Sqrt(betaStart), b = Math.Sqrt(betaEnd);
        for (int i = 0; i < TrainSteps; i++)
        {
            double sqrtBeta = a + (b - a) * i / (TrainSteps - 1);
            product *= 1.0 - sqrtBeta * sqrtBeta;
            _alphasCumprod[i] = product;
        }
    }

    /// <summary>Standard deviation of the initial latent noise.</summary>
    public static float InitNoiseSigma => 1f;

    /// <summary>Timesteps for a run of <paramref name="steps"/> steps, from noisiest to cleanest.</summary>
    public static int[] Timesteps(int steps)
    {
        if (steps < 1 || steps > TrainSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps must be between 1 and {TrainSteps}");
        }

        int ratio = TrainSteps / steps;
        var t = new int[steps];
        for (int i = 0; i < steps; i++)
        {
            t[i] = (steps - 1 - i) * ratio + 1;
        }

        return t;
    }

    /// <summary>One DDIM update in place: sample becomes x_{t-1} given the predicted noise at timestep t.</summary>
    public void Step(Span<float> sample, ReadOnlySpan<float> noisePrediction, int timestep, int steps)
    {
        if (sample.Length != noisePrediction.Length)
        {
            throw new ArgumentException("sample and noise prediction differ in length");
        }

        int previous = timestep - TrainSteps / steps;
        double alpha = _alphasCumprod[timestep];
        double alphaPrevious = previous >= 0 ? _alphasCumprod[previous] : _alphasCumprod[0];
        float sqrtAlpha = (float)Math.Sqrt(alpha);
        float sqrtOneMinusAlpha = (float)Math.Sqrt(1.0 - alpha);
        float sqrtAlphaPrevious = (float)Math.Sqrt(alphaPrevious);
        float sqrtOneMinusAlphaPrevious = (float)Math.Sqrt(1.0 - alphaPrevious);
        for (int i = 0; i < sample.Length; i++)
        {
            float eps = noisePrediction[i];
            float x0 = (sample[i] - sqrtOneMinusAlpha * eps) / sqrtAlpha;
            sample[i] = sqrtAlphaPrevious * x0 + sqrtOneMinusAlphaPrevious * eps;
        }
    }
}
