using System.Text.Json;
using HybridAI.Pipelines.Definitions;
using HybridAI.Pipelines.Execution;
using HybridAI.Pipelines.Tensors;

namespace HybridAI.Pipelines.Manifests;

/// <summary>
/// A bring-your-own pipeline loaded from a JSON manifest: any chain (or DAG) of ONNX models whose outputs feed later
/// inputs. Bundle keys are pipeline input names and "&lt;stage&gt;.&lt;output&gt;" for stage outputs.
/// </summary>
public sealed class ManifestPipeline : IDisposable
{
    private readonly SessionCache _sessions;
    private readonly Dictionary<string, ManifestStageBinding> _byName;

    private ManifestPipeline(string manifestPath, PipelineDefinition definition, IReadOnlyList<TensorContract> inputs, IReadOnlyList<ManifestStageBinding> stages, SessionCache sessions)
    {
        ManifestPath = manifestPath;
        Definition = definition;
        Inputs = inputs;
        Stages = stages;
        _sessions = sessions;
        _byName = stages.ToDictionary(s => s.Definition.Name, StringComparer.Ordinal);
    }

    public string ManifestPath { get; }

    public PipelineDefinition Definition { get; }

    /// <summary>Pipeline inputs as declared by the manifest (or taken from the first model that reads them).</summary>
    public IReadOnlyList<TensorContract> Inputs { get; }

    /// <summary>Stages in a valid execution order.</summary>
    public IReadOnlyList<ManifestStageBinding> Stages { get; }

    public static ManifestPipeline Load(string manifestPath, ExecutorOptions? options = null)
    {
        string path = Path.GetFullPath(manifestPath);
        if (!File.Exists(path))
        {
            throw new InvalidManifestException(path, "(file)", "manifest file not found");
        }

        ManifestDocument document;
        try
        {
            document = JsonSerializer.Deserialize<ManifestDocument>(File.ReadAllText(path), new JsonSerializerOptions { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
                ?? throw new InvalidManifestException(path, "(root)", "manifest is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidManifestException(path, e.Path ?? "(root)", $"not valid JSON: {e.Message}", e);
        }

        var sessions = new SessionCache(options ?? ExecutorOptions.Default);
        try
        {
            return Validate(path, document, sessions);
        }
        catch
        {
            sessions.Dispose();
            throw;
        }
    }

    /// <summary>Runs every stage in order; returns the pipeline inputs plus every stage output.</summary>
    public async Task<TensorBundle> RunAsync(TensorBundle inputs, CancellationToken cancellationToken = default)
    {
        var all = new TensorBundle(inputs);
        foreach (var stage in Stages)
        {
            var outputs = await RunStageAsync(stage.Definition.Name, all, cancellationToken).ConfigureAwait(false);
            foreach (var (key, tensor) in outputs)
            {
                all.Add(key, tensor);
            }
        }

        return all;
    }

    /// <summary>Runs one stage given a bundle holding its sources; returns its outputs keyed "&lt;stage&gt;.&lt;output&gt;".</summary>
    public Task<TensorBundle> RunStageAsync(string stageName, TensorBundle available, CancellationToken cancellationToken = default)
    {
        if (!_byName.TryGetValue(stageName, out var stage))
        {
            throw new ArgumentException($"manifest '{ManifestPath}' has no stage '{stageName}'", nameof(stageName));
        }

        return Task.Run(() =>
        {
            var session = _sessions.Get(stageName, stage.ModelPath);
            var feed = new TensorBundle();
            foreach (var (input, source) in stage.InputSources)
            {
                if (!available.TryGetValue(source, out var tensor))
                {
                    throw new TensorContractException(stageName, input, $"missing; it is fed from '{source}', which is not in the bundle");
                }

                feed.Add(input, tensor);
            }

            var result = session.Run(feed, cancellationToken);
            var outputs = new TensorBundle();
            foreach (var output in stage.Definition.Outputs)
            {
                outputs.Add(stage.OutputKey(output.Name), result[output.Name]);
            }

            return outputs;
        }, cancellationToken);
    }

    public void Dispose() => _sessions.Dispose();

    private static ManifestPipeline Validate(string path, ManifestDocument document, SessionCache sessions)
    {
        string folder = Path.GetDirectoryName(path)!;
        if (string.IsNullOrWhiteSpace(document.Name))
        {
            throw new InvalidManifestException(path, "name", "missing pipeline name");
        }

        if (document.Stages is null || document.Stages.Count == 0)
        {
            throw new InvalidManifestException(path, "stages", "missing or empty stage list");
        }

        var declaredInputs = new Dictionary<string, TensorContract>(StringComparer.Ordinal);
        for (int i = 0; i < (document.Inputs?.Count ?? 0); i++)
        {
            var t = document.Inputs![i];
            string field = $"inputs[{i}]";
            string name = Required(path, field + ".name", t.Name);
            var type = ParseType(path, field + ".elementType", Required(path, field + ".elementType", t.ElementType));
            if (t.Shape is null)
            {
                throw new InvalidManifestException(path, field + ".shape", "missing shape");
            }

            declaredInputs[name] = new TensorContract(name, type, ParseShape(path, field + ".shape", t.Shape));
        }

        // first pass: names, files, model interfaces
        var raw = new List<(string Name, string Model, ModelSession Session, Dictionary<string, string> Sources, List<TensorContract> Outputs, ManifestStage Stage)>();
        var stageNames = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < document.Stages.Count; i++)
        {
            var s = document.Stages[i];
            string field = $"stages[{i}]";
            string name = Required(path, field + ".name", s.Name);
            if (name.Contains('.', StringComparison.Ordinal))
            {
                throw new InvalidManifestException(path, field + ".name", $"stage name '{name}' must not contain '.'");
            }

            if (!stageNames.Add(name))
            {
                throw new InvalidManifestException(path, field + ".name", $"duplicate stage name '{name}'");
            }

            string model = Required(path, field + ".model", s.Model);
            string modelPath = Path.GetFullPath(Path.Combine(folder, model));
            if (!File.Exists(modelPath))
            {
                throw new InvalidManifestException(path, field + ".model", $"model file '{model}' not found (resolved to '{modelPath}')");
            }

            var session = sessions.Get(name, modelPath); // throws InvalidModelException naming the file
            if (s.Inputs is null)
            {
                throw new InvalidManifestException(path, field + ".inputs", "missing input list");
            }

            if (s.Outputs is null || s.Outputs.Count == 0)
            {
                throw new InvalidManifestException(path, field + ".outputs", "missing or empty output list");
            }

            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int j = 0; j < s.Inputs.Count; j++)
            {
                string f = $"{field}.inputs[{j}]";
                string input = Required(path, f + ".name", s.Inputs[j].Name);
                var contract = session.Inputs.FirstOrDefault(c => c.Name == input)
                    ?? throw new InvalidManifestException(path, f + ".name", $"model '{model}' has no input '{input}' (inputs: {string.Join(", ", session.InputNames)})");
                CheckDeclared(path, f, model, contract, s.Inputs[j]);
                sources[input] = Required(path, f + ".from", s.Inputs[j].From);
            }

            foreach (var modelInput in session.Inputs)
            {
                if (!sources.ContainsKey(modelInput.Name))
                {
                    throw new InvalidManifestException(path, field + ".inputs", $"model input '{modelInput.Name}' of '{model}' has no mapping (\"from\")");
                }
            }

            var outputs = new List<TensorContract>();
            for (int j = 0; j < s.Outputs.Count; j++)
            {
                string f = $"{field}.outputs[{j}]";
                string output = Required(path, f + ".name", s.Outputs[j].Name);
                var contract = session.Outputs.FirstOrDefault(c => c.Name == output)
                    ?? throw new InvalidManifestException(path, f + ".name", $"model '{model}' has no output '{output}' (outputs: {string.Join(", ", session.OutputNames)})");
                CheckDeclared(path, f, model, contract, s.Outputs[j]);
                outputs.Add(contract);
            }

            raw.Add((name, model, session, sources, outputs, s));
        }

        // second pass: every mapping must name a pipeline input or an existing stage output; then order (cycle check)
        var outputsByStage = raw.ToDictionary(r => r.Name, r => r.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var dependsOn = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var pipelineInputs = new Dictionary<string, TensorContract>(declaredInputs, StringComparer.Ordinal);
        for (int i = 0; i < raw.Count; i++)
        {
            var r = raw[i];
            dependsOn[r.Name] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (input, source) in r.Sources)
            {
                string field = $"stages[{i}].inputs[{input}].from";
                int dot = source.IndexOf('.', StringComparison.Ordinal);
                if (dot > 0 && outputsByStage.TryGetValue(source[..dot], out var produced))
                {
                    if (!produced.Contains(source[(dot + 1)..]))
                    {
                        throw new InvalidManifestException(path, field, $"'{source}' maps to a tensor that stage '{source[..dot]}' does not output (outputs: {string.Join(", ", produced)})");
                    }

                    dependsOn[r.Name].Add(source[..dot]);
                }
                else if (declaredInputs.Count > 0 && !declaredInputs.ContainsKey(source))
                {
                    throw new InvalidManifestException(path, field, $"'{source}' is neither a declared pipeline input nor '<stage>.<output>' of a stage in this manifest");
                }
                else if (dot > 0 && declaredInputs.Count == 0)
                {
                    throw new InvalidManifestException(path, field, $"'{source}' names no stage output in this manifest");
                }
                else
                {
                    pipelineInputs.TryAdd(source, r.Session.Input(input) with { Name = source });
                }
            }
        }

        var order = TopologicalOrder(path, raw.Select(r => r.Name).ToList(), dependsOn);
        var byName = raw.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var bindings = new List<ManifestStageBinding>();
        foreach (string name in order)
        {
            var r = byName[name];
            var inputs = r.Session.Inputs.ToList();
            bool touchesPrivate = r.Stage.TouchesPrivateInput ?? false;
            double flops = r.Stage.EstimatedFlops ?? r.Session.EstimatedFlops ?? 0;
            var definition = new StageDefinition(name, "onnx", inputs, r.Outputs, flops, touchesPrivate);
            bindings.Add(new ManifestStageBinding(definition, r.Session.ModelPath, r.Sources));
        }

        return new ManifestPipeline(path, new PipelineDefinition(document.Name!, bindings.Select(b => b.Definition).ToArray()), pipelineInputs.Values.ToArray(), bindings, sessions);
    }

    private static List<string> TopologicalOrder(string path, List<string> stages, Dictionary<string, HashSet<string>> dependsOn)
    {
        var order = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        var trail = new List<string>();
        void Visit(string stage)
        {
            if (state.TryGetValue(stage, out int s))
            {
                if (s == 1)
                {
                    int at = trail.IndexOf(stage);
                    throw new InvalidManifestException(path, "stages", $"cycle: {string.Join(" -> ", trail.Skip(at).Append(stage))}");
                }

                return;
            }

            state[stage] = 1;
            trail.Add(stage);
            foreach (string dependency in dependsOn[stage].Order(StringComparer.Ordinal))
            {
                Visit(dependency);
            }

            trail.RemoveAt(trail.Count - 1);
            state[stage] = 2;
            order.Add(stage);
        }

        foreach (string stage in stages)
        {
            Visit(stage);
        }

        return order;
    }

    private static void CheckDeclared(string path, string field, string model, TensorContract actual, ManifestTensor declared)
    {
        if (declared.ElementType is not null)
        {
            var type = ParseType(path, field + ".elementType", declared.ElementType);
            if (type != actual.ElementType)
            {
                throw new InvalidManifestException(path, field + ".elementType", $"declared {TensorElementTypes.Name(type)} but '{model}' has {actual}");
            }
        }

        if (declared.Shape is not null)
        {
            var shape = ParseShape(path, field + ".shape", declared.Shape);
            bool compatible = shape.Count == actual.Shape.Count
                && shape.Zip(actual.Shape).All(p => p.First.Size is null || p.Second.Size is null || p.First.Size == p.Second.Size);
            if (!compatible)
            {
                throw new InvalidManifestException(path, field + ".shape", $"declared [{string.Join(",", shape)}] but '{model}' has {actual}");
            }
        }
    }

    private static string Required(string path, string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidManifestException(path, field, "missing required field") : value;

    private static TensorElementType ParseType(string path, string field, string name) =>
        TensorElementTypes.TryParse(name, out var type) ? type : throw new InvalidManifestException(path, field, $"unknown element type '{name}'");

    private static List<Dimension> ParseShape(string path, string field, List<JsonElement> shape)
    {
        var dims = new List<Dimension>();
        foreach (var d in shape)
        {
            if (d.ValueKind == JsonValueKind.Number && d.TryGetInt64(out long n) && n >= 0)
            {
                dims.Add(Dimension.Fixed(n));
            }
            else if (d.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(d.GetString()))
            {
                dims.Add(Dimension.Symbolic(d.GetString()!));
            }
            else
            {
                throw new InvalidManifestException(path, field, $"dimension {d} must be a non-negative integer or a symbol name");
            }
        }

        return dims;
    }
}
