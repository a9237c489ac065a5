using System.Collections.Concurrent;
using System.Diagnostics;

namespace HybridAI.Integration.Tests.Infrastructure;

/// <summary>One real device agent process (<c>dotnet HybridAI.DeviceAgent.dll</c>) connected to a test silo over Azurite; killed at dispose.</summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AgentProcess(Process process, string nodeId, int localApiPort)
    {
        _process = process;
        NodeId = nodeId;
        LocalApi = new Uri($"http://127.0.0.1:{localApiPort}/");
    }

    public string NodeId { get; }

    public Uri LocalApi { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output => string.Join('\n', _output);

    public static AgentProcess Start(string clusterId, string nodeId, string profile, string secret, IReadOnlyDictionary<string, string>? extra = null)
    {
        var port = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryPaths.BuildOutput("src/DeviceAgent", "HybridAI.DeviceAgent.dll"));
        var environment = new Dictionary<string, string>
        {
            ["Agent__NodeId"] = nodeId,
            ["Agent__Profile"] = profile,
            ["Agent__Region"] = clusterId,
            ["Agent__Credential"] = secret,
            ["Agent__ModelSizes__0"] = "tiny",
            ["Agent__Precisions__0"] = "fp32",
            ["Agent__Threads"] = "1",
            ["Agent__BenchmarkIterations"] = "1",
            ["Agent__HeartbeatInterval"] = "00:00:00.500",
            ["Agent__LocalApiPort"] = port.ToString(),
            ["Cluster__Mode"] = "AzureStorage",
            ["Cluster__StorageConnectionString"] = AzuriteFixture.ConnectionString,
            ["Cluster__ClusterId"] = clusterId,
            ["Cluster__ServiceId"] = clusterId,
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Orleans"] = "Warning",
            ["Logging__LogLevel__Microsoft"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start agent {nodeId}.");
        var agent = new AgentProcess(process, nodeId, port);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) agent._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) agent._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return agent;
    }

    /// <summary>Waits until the agent logged that it registered with the cluster (after preparing and measuring its models).</summary>
    public async Task WaitRegisteredAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains($"Registered {NodeId}", StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                throw new InvalidOperationException($"Agent {NodeId} exited with {_process.ExitCode}:\n{Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Agent {NodeId} did not register in {timeout}:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as a service manager stops the agent: it should hand back its lease and exit cleanly.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(timeout);
    }

    public async Task WaitForLogAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new TimeoutException($"Agent {NodeId} never logged '{text}':\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: the phone's battery died; nothing is handed back.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
