using System.Diagnostics;
using HybridAI.Pipelines.Definitions;
using HybridAI.Pipelines.Tensors;
using Microsoft.ML.OnnxRuntime;
using OrtElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace HybridAI.Pipelines.Execution;

/// <summary>
/// One ONNX Runtime session for one model, with contracts read from the model, checked inputs, cancellation through
/// RunOptions.Terminate and the optional slowdown throttle. Thread-safe: ORT sessions allow concurrent Run calls.
/// </summary>
public sealed class ModelSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly ExecutorOptions _options;
    private readonly Dictionary<string, TensorContract> _inputsByName;

    internal ModelSession(string stageName, string modelPath, ExecutorOptions options)
    {
        StageName = stageName;
        ModelPath = modelPath;
        _options = options;
        if (!File.Exists(modelPath))
        {
            throw new InvalidModelException(modelPath, $"file not found (stage '{stageName}')");
        }

        using var sessionOptions = options.CreateSessionOptions();
        try
        {
            _session = new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidModelException(modelPath, $"ONNX Runtime cannot load it for stage '{stageName}': {e.Message}", e);
        }

        try
        {
            Inputs = _session.InputMetadata.Select(kv => ContractOf(kv.Key, kv.Value)).ToArray();
            Outputs = _session.OutputMetadata.Select(kv => ContractOf(kv.Key, kv.Value)).ToArray();
        }
        catch (NotSupportedException e)
        {
            _session.Dispose();
            throw new InvalidModelException(modelPath, e.Message, e);
        }

        _inputsByName = Inputs.ToDictionary(c => c.Name, StringComparer.Ordinal);
        InputNames = Inputs.Select(i => i.Name).ToArray();
        OutputNames = Outputs.Select(o => o.Name).ToArray();
        EstimatedFlops = _session.ModelMetadata.CustomMetadataMap.TryGetValue("hybridai.flops", out var flops)
            && double.TryParse(flops, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double f) ? f : null;
    }

    public string StageName { get; }

    public string ModelPath { get; }

    public IReadOnlyList<TensorContract> Inputs { get; }

    public IReadOnlyList<TensorContract> Outputs { get; }

    public IReadOnlyList<string> InputNames { get; }

    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>FLOPs recorded in the model's metadata by the HybridAI generator, if present.</summary>
    public double? EstimatedFlops { get; }

    /// <summary>The underlying session, for baseline measurements.</summary>
    internal InferenceSession Session => _session;

    public TensorContract Input(string name) => _inputsByName.TryGetValue(name, out var c)
        ? c
        : throw new TensorContractException(StageName, name, $"model '{ModelPath}' has no input of that name (inputs: {string.Join(", ", InputNames)})");

    public TensorContract Output(string name) => Outputs.FirstOrDefault(o => o.Name == name)
        ?? throw new TensorContractException(StageName, name, $"model '{ModelPath}' has no output of that name (outputs: {string.Join(", ", OutputNames)})");

    /// <summary>
    /// Fast path for loops: caller-owned OrtValues (typically over pinned, reused arrays), pre-allocated outputs.
    /// Inputs are checked against the contract before Run.
    /// </summary>
    public void Run(IReadOnlyList<string> inputNames, IReadOnlyList<OrtValue> inputs, IReadOnlyList<string> outputNames, IReadOnlyList<OrtValue> outputs, CancellationToken cancellationToken)
    {
        for (int i = 0; i < inputNames.Count; i++)
        {
            CheckInput(inputNames[i], inputs[i]);
        }

        Execute(runOptions => _session.Run(runOptions, inputNames, inputs, outputNames, outputs), cancellationToken);
    }

    /// <summary>General path: host tensors in, host tensors out (all model outputs, copied).</summary>
    public TensorBundle Run(TensorBundle inputs, CancellationToken cancellationToken)
    {
        foreach (var contract in Inputs)
        {
            if (!inputs.ContainsKey(contract.Name))
            {
                throw new TensorContractException(StageName, contract.Name, $"missing input; expected {TensorElementTypes.Name(contract.ElementType)}{contract.ShapeText}");
            }
        }

        var handles = new List<System.Buffers.MemoryHandle>(Inputs.Count);
        var values = new List<OrtValue>(Inputs.Count);
        try
        {
            foreach (var contract in Inputs)
            {
                HostTensor t = inputs[contract.Name];
                ContractCheck.Check(StageName, contract, t.ElementType, t.Shape, t.Data, _options.CheckFiniteInputs);
                var handle = t.Data.AsMemory().Pin();
                handles.Add(handle);
                unsafe
                {
                    values.Add(OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, (OrtElementType)t.ElementType, t.Shape, (IntPtr)handle.Pointer, t.Data.LongLength));
                }
            }

            IDisposableReadOnlyCollection<OrtValue>? results = null;
            Execute(runOptions => results = _session.Run(runOptions, InputNames.ToArray(), values, OutputNames.ToArray()), cancellationToken);
            using (results)
            {
                var bundle = new TensorBundle();
                int i = 0;
                foreach (var value in results!)
                {
                    bundle.Add(OutputNames[i++], ToHost(value));
                }

                return bundle;
            }
        }
        finally
        {
            foreach (var v in values)
            {
                v.Dispose();
            }

            foreach (var h in handles)
            {
                h.Dispose();
            }
        }
    }

    internal static HostTensor ToHost(OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        var type = (TensorElementType)info.ElementDataType;
        if (!Enum.IsDefined(type))
        {
            throw new NotSupportedException($"output element type {info.ElementDataType} is not supported");
        }

        return new HostTensor(type, info.Shape, value.GetTensorMutableRawData().ToArray());
    }

    private void CheckInput(string name, OrtValue value)
    {
        var contract = Input(name);
        var info = value.GetTensorTypeAndShape();
        ContractCheck.Check(StageName, contract, (TensorElementType)info.ElementDataType, info.Shape, value.GetTensorMutableRawData(), _options.CheckFiniteInputs);
    }

    private void Execute(Action<RunOptions> run, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, runOptions);
        long start = Stopwatch.GetTimestamp();
        try
        {
            run(runOptions);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"stage '{StageName}' was cancelled", cancellationToken);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidModelException(ModelPath, $"run failed in stage '{StageName}': {e.Message}", e);
        }

        if (_options.SlowdownFactor > 1.0)
        {
            TimeSpan extra = Stopwatch.GetElapsedTime(start) * (_options.SlowdownFactor - 1.0);
            if (cancellationToken.WaitHandle.WaitOne(extra))
            {
                throw new OperationCanceledException($"stage '{StageName}' was cancelled", cancellationToken);
            }
        }
    }

    private static TensorContract ContractOf(string name, NodeMetadata metadata)
    {
        if (!metadata.IsTensor)
        {
            throw new NotSupportedException($"'{name}' is a {metadata.OnnxValueType}, only tensors are supported");
        }

        var type = (TensorElementType)metadata.ElementDataType;
        if (!Enum.IsDefined(type))
        {
            throw new NotSupportedException($"'{name}' has element type {metadata.ElementDataType}, which HybridAI tensors do not carry");
        }

        var dims = new Dimension[metadata.Dimensions.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            int d = metadata.Dimensions[i];
            string symbol = metadata.SymbolicDimensions.Length > i ? metadata.SymbolicDimensions[i] : string.Empty;
            dims[i] = d >= 0 ? Dimension.Fixed(d) : Dimension.Symbolic(string.IsNullOrEmpty(symbol) ? "?" : symbol);
        }

        return new TensorContract(name, type, dims);
    }

    public void Dispose() => _session.Dispose();
}
