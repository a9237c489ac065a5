using System.Diagnostics;

namespace HybridAI.Integration.Tests.Infrastructure;

/// <summary>
/// Makes sure an Azure Storage emulator listens on 127.0.0.1:10000-10002. Starts Azurite (installing the pinned
/// version through deploy/dev/azurite.sh when missing) only when nothing listens, and stops only what it started.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionString = "UseDevelopmentStorage=true";
    private static readonly int[] Ports = [10000, 10001, 10002];
    private Process? _azurite;
    private string? _dataDir;

    public bool StartedByFixture => _azurite is not null;

    public async Task InitializeAsync()
    {
        if (Ports.All(FreePorts.IsListening))
        {
            return;
        }

        await RunAsync("bash", $"\"{Path.Combine(RepositoryPaths.Root, "deploy/dev/azurite.sh")}\" install", TimeSpan.FromMinutes(5));
        _dataDir = Directory.CreateTempSubdirectory("hybridai-azurite-").FullName;
        var start = new ProcessStartInfo(Path.Combine(RepositoryPaths.Root, ".azurite/node_modules/.bin/azurite"))
        {
            ArgumentList =
            {
                "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
                "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                "--location", _dataDir,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _azurite = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        _azurite.OutputDataReceived += (_, _) => { };
        _azurite.ErrorDataReceived += (_, _) => { };
        _azurite.BeginOutputReadLine();
        _azurite.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Ports.All(FreePorts.IsListening))
        {
            if (_azurite.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_azurite.ExitCode} before listening.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Azurite did not listen on 10000-10002 within 60 s.");
            }

            await Task.Delay(200);
        }
    }

    public Task DisposeAsync()
    {
        if (_azurite is { HasExited: false })
        {
            _azurite.Kill(entireProcessTree: true);
            _azurite.WaitForExit(10_000);
        }

        _azurite?.Dispose();
        if (_dataDir is not null)
        {
            Directory.Delete(_dataDir, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static async Task RunAsync(string file, string arguments, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException($"Could not start {file}.");
        using var cts = new CancellationTokenSource(timeout);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        _ = process.StandardOutput.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' failed with {process.ExitCode}: {await stderr}");
        }
    }
}
