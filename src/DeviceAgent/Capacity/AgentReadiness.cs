namespace HybridAI.DeviceAgent.Capacity;

/// <summary>Completes when the agent's models are prepared and measured; loops that talk to the cluster wait for it.</summary>
public sealed class AgentReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();

    public void MarkFailed(Exception error) => _ready.TrySetException(error);
}
