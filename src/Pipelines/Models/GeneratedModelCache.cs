using System.Collections.Concurrent;
using Google.Protobuf;
using HybridAI.Pipelines.Text;

namespace HybridAI.Pipelines.Models;

/// <summary>
/// Generates the Stable-Diffusion-shaped model sets on first use into a cache folder
/// (HYBRIDAI_MODEL_CACHE, else &lt;repo root&gt;/.models, else ./.models). Generation is deterministic and safe when
/// several processes race: each writes a private temp folder and renames it into place atomically.
/// </summary>
public static class GeneratedModelCache
{
    /// <summary>Bump when the generated architecture or weights change, so stale caches are not reused.</summary>
    public const string GeneratorVersion = "3";
    public const string CacheEnvironmentVariable = "HYBRIDAI_MODEL_CACHE";

    private static readonly ConcurrentDictionary<string, Lazy<ModelSet>> InProcess = new(StringComparer.Ordinal);

    public static string DefaultCacheFolder()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(CacheEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return Path.Combine(dir.FullName, ".models");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), ".models");
    }

    public static ModelSet GetOrCreate(ModelSize size, ModelPrecision precision, string? cacheFolder = null)
    {
        var variant = ModelVariant.Generated(size, precision);
        string folder = Path.Combine(cacheFolder ?? DefaultCacheFolder(), $"generated-v{GeneratorVersion}", variant.Name);
        var dims = GeneratedModelDimensions.For(size);
        var lazy = InProcess.GetOrAdd(folder, f => new Lazy<ModelSet>(() => Materialize(f, variant, dims), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            InProcess.TryRemove(new KeyValuePair<string, Lazy<ModelSet>>(folder, lazy)); // a later call may retry (e.g. disk was full)
            throw;
        }
    }

    public static ModelSet GetOrCreate(ModelVariant variant, string? cacheFolder = null) =>
        variant.IsGenerated
            ? GetOrCreate(variant.Size!.Value, variant.Precision!.Value, cacheFolder)
            : throw new ArgumentException($"variant '{variant}' is not a generated variant", nameof(variant));

    /// <summary>Writes a model set into a folder (no caching); used by the cache and by determinism tests.</summary>
    internal static void Generate(string folder, ModelSize size, ModelPrecision precision)
    {
        var dims = GeneratedModelDimensions.For(size);
        var (vocabulary, merges) = BpeVocabularyTrainer.Train(dims.VocabularyMerges);
        BpeVocabularyTrainer.Write(Path.Combine(folder, "tokenizer"), vocabulary, merges);
        WriteModel(Path.Combine(folder, "text_encoder", "model.onnx"), TextEncoderBuilder.Build(dims, vocabulary.Count, precision));
        WriteModel(Path.Combine(folder, "unet", "model.onnx"), UNetBuilder.Build(dims, precision));
        WriteModel(Path.Combine(folder, "vae_decoder", "model.onnx"), VaeDecoderBuilder.Build(dims, precision));
    }

    private static ModelSet Materialize(string folder, ModelVariant variant, GeneratedModelDimensions dims)
    {
        var set = new ModelSet(variant, folder, dims.LatentSize);
        if (Directory.Exists(folder))
        {
            return set;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        string temp = $"{folder}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            Generate(temp, variant.Size!.Value, variant.Precision!.Value);
            try
            {
                Directory.Move(temp, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                // another process finished first; its output is byte-identical
            }
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }

        return set;
    }

    private static void WriteModel(string path, Onnx.ModelProto model)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, model.ToByteArray());
    }
}
