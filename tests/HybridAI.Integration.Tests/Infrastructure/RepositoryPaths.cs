using System.Reflection;

namespace HybridAI.Integration.Tests.Infrastructure;

/// <summary>Finds the checkout and the build outputs of the processes the tests start.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the processes under test are built in the same configuration as the tests.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string SiloDll => BuildOutput("src/Silo", "HybridAI.Silo.dll");

    public static string BuildOutput(string projectDir, string dll)
    {
        var path = Path.Combine(Root, projectDir, "bin", Configuration, "net10.0", dll);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"'{path}' is missing; build the solution ({Configuration}) before running the integration tests.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HybridAI.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No HybridAI.sln above {AppContext.BaseDirectory}.");
    }
}
