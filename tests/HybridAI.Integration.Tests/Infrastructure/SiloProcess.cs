using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;

namespace HybridAI.Integration.Tests.Infrastructure;

/// <summary>One real silo process (<c>dotnet HybridAI.Silo.dll</c>) on loopback ports; killed at dispose if still running.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    /// <summary>The key every test silo derives node credentials from; tests issue credentials with it.</summary>
    public static readonly string CredentialKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(Process process, SiloPorts ports)
    {
        _process = process;
        Ports = ports;
    }

    public SiloPorts Ports { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output => string.Join('\n', _output);

    /// <summary>A silo in Embedded mode: localhost clustering and in-memory state, the zero set-up default.</summary>
    public static SiloProcess StartEmbedded(string clusterId, SiloPorts ports) =>
        Start(clusterId, "", ports, new Dictionary<string, string> { ["Silo__Mode"] = "Embedded" });

    public static SiloProcess Start(string clusterId, string connectionString, SiloPorts ports, IReadOnlyDictionary<string, string>? extra = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryPaths.SiloDll);
        start.Environment["Silo__Mode"] = "AzureStorage";
        start.Environment["Silo__StorageConnectionString"] = connectionString;
        start.Environment["Silo__ClusterId"] = clusterId;
        start.Environment["Silo__ServiceId"] = clusterId;
        start.Environment["Silo__SiloPort"] = ports.Silo.ToString();
        start.Environment["Silo__GatewayPort"] = ports.Gateway.ToString();
        start.Environment["Silo__HttpPort"] = ports.Http.ToString();
        // Fast failure detection so a killed silo is declared dead within seconds, not a minute.
        start.Environment["Membership__ProbeTimeout"] = "00:00:01";
        start.Environment["Membership__NumMissedProbesLimit"] = "2";
        start.Environment["Membership__NumVotesForDeathDeclaration"] = "1";
        start.Environment["Security__CredentialKey"] = CredentialKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo process.");
        var silo = new SiloProcess(process, ports);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) silo._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) silo._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until this silo's /health reports <paramref name="activeSilos"/> active silos.</summary>
    public async Task<HealthReport> WaitForActiveSilosAsync(int activeSilos, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        HealthReport? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the redirected output
                throw new InvalidOperationException($"Silo on port {Ports.Silo} exited with {_process.ExitCode}:\n{Output}");
            }

            last = await TryGetHealthAsync();
            if (last?.ActiveSilos == activeSilos)
            {
                return last;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Silo on port {Ports.Silo} did not see {activeSilos} active silos in {timeout}; last health: {last}.\n{Output}");
    }

    public async Task<HealthReport?> TryGetHealthAsync()
    {
        try
        {
            return await Http.GetFromJsonAsync<HealthReport>($"http://127.0.0.1:{Ports.Http}/health");
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>SIGTERM and wait: the silo leaves the cluster gracefully.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
    }

    /// <summary>SIGKILL: the silo vanishes without telling anyone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.CompletedTask;
        _process.Dispose();
    }
}

public sealed record SiloPorts(int Silo, int Gateway, int Http)
{
    public static SiloPorts Allocate() => new(FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
}

public sealed record HealthReport(string Status, string Mode, string ClusterId, string Silo, int ActiveSilos, string[] Silos);
