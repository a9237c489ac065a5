using System.Runtime.InteropServices;
using Google.Protobuf;
using HybridAI.Pipelines.Randomness;
using Onnx;

namespace HybridAI.Pipelines.Models;

/// <summary>
/// Builds ONNX graphs from layer-level helpers (linear, conv, norms, attention). Weights come from a seeded
/// deterministic generator keyed by the weight's name, so FP32 and INT8 builds quantize the very same weights.
/// It also tallies multiply-add FLOPs for batch 1, which the pipeline definition reports as the stage's compute.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    public const int Opset = 17;

    /// <summary>
    /// Convs with fewer input channels stay FP32 in INT8 builds: their GEMM is too thin for the integer kernel to repay
    /// quantizing and gathering the activation (measured: the 16-32 channel high-resolution VAE convs got slower).
    /// </summary>
    public const int MinQuantizedConvChannels = 64;
    private readonly GraphProto _graph;
    private readonly ulong _seed;
    private readonly Dictionary<string, string> _shapeOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _constants = new(StringComparer.Ordinal);
    private int _counter;

    public OnnxGraphBuilder(string graphName, ModelPrecision precision, ulong seed)
    {
        _graph = new GraphProto { Name = graphName };
        Precision = precision;
        _seed = seed;
    }

    public ModelPrecision Precision { get; }

    public double Flops { get; private set; }

    public void AddFlops(double flops) => Flops += flops;

    public void Input(string name, TensorProto.Types.DataType type, params object[] dims) => _graph.Input.Add(ValueInfo(name, type, dims));

    public void Output(string name, TensorProto.Types.DataType type, params object[] dims) => _graph.Output.Add(ValueInfo(name, type, dims));

    public ModelProto Build(string docString)
    {
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "HybridAI.Pipelines",
            ProducerVersion = GeneratedModelCache.GeneratorVersion,
            DocString = docString,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "hybridai.flops", Value = Flops.ToString("R", System.Globalization.CultureInfo.InvariantCulture) });
        return model;
    }

    public string Node(string opType, string[] inputs, params AttributeProto[] attributes) => NodeMulti(opType, inputs, 1, attributes)[0];

    public string[] NodeMulti(string opType, string[] inputs, int outputCount, params AttributeProto[] attributes)
    {
        string id = $"{opType}_{_counter++}";
        var node = new NodeProto { OpType = opType, Name = id };
        node.Input.AddRange(inputs);
        var outputs = new string[outputCount];
        for (int i = 0; i < outputCount; i++)
        {
            outputs[i] = $"{id}_out{i}";
        }

        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return outputs;
    }

    /// <summary>Renames the value produced last so it becomes a named graph output.</summary>
    public void Identity(string from, string to)
    {
        var node = new NodeProto { OpType = "Identity", Name = $"Identity_{_counter++}" };
        node.Input.Add(from);
        node.Output.Add(to);
        _graph.Node.Add(node);
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public static AttributeProto Text(string name, string value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    // ---- initializers ----

    public string FloatInit(string name, float[] values, params long[] dims) => Initializer(name, TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), dims);

    public string Int64Const(params long[] values)
    {
        string key = "i64:" + string.Join(",", values);
        if (!_constants.TryGetValue(key, out var name))
        {
            name = Initializer($"const_i64_{_constants.Count}", TensorProto.Types.DataType.Int64, MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), values.Length);
            _constants[key] = name;
        }

        return name;
    }

    public string FloatScalar(float value)
    {
        string key = "f32:" + value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        if (!_constants.TryGetValue(key, out var name))
        {
            name = Initializer($"const_f32_{_constants.Count}", TensorProto.Types.DataType.Float, BitConverter.GetBytes(value));
            _constants[key] = name;
        }

        return name;
    }

    private string Initializer(string name, TensorProto.Types.DataType type, byte[] raw, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(raw) };
        t.Dims.AddRange(dims);
        _graph.Initializer.Add(t);
        return name;
    }

    public float[] RandomNormal(string name, int count, double std)
    {
        var values = new float[count];
        DeterministicRandom.ForName(_seed, name).FillNormal(values, std);
        return values;
    }

    public float[] NearOne(string name, int count, double spread)
    {
        var values = RandomNormal(name, count, spread);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] += 1f;
        }

        return values;
    }

    // ---- layers ----

    /// <summary>x[..., inFeatures] -> [..., outFeatures]; tokens is the number of rows, for the FLOP tally.</summary>
    public string Linear(string name, string x, int inFeatures, int outFeatures, long tokens, double gain = 1.0, bool bias = true)
    {
        float[] w = RandomNormal(name + ".weight", inFeatures * outFeatures, gain / Math.Sqrt(inFeatures)); // [in, out] row-major
        AddFlops(2.0 * tokens * inFeatures * outFeatures);
        string y;
        if (Precision == ModelPrecision.Fp32)
        {
            y = Node("MatMul", [x, FloatInit(name + ".weight", w, inFeatures, outFeatures)]);
        }
        else
        {
            // symmetric per-output-column int8 weights; activations quantized per call (DynamicQuantizeLinear)
            var scales = new float[outFeatures];
            for (int o = 0; o < outFeatures; o++)
            {
                float max = 0;
                for (int i = 0; i < inFeatures; i++)
                {
                    max = Math.Max(max, Math.Abs(w[i * outFeatures + o]));
                }

                scales[o] = max > 0 ? max / 127f : 1f;
            }

            var q = new sbyte[w.Length];
            for (int i = 0; i < inFeatures; i++)
            {
                for (int o = 0; o < outFeatures; o++)
                {
                    q[i * outFeatures + o] = (sbyte)Math.Clamp(MathF.Round(w[i * outFeatures + o] / scales[o]), -127f, 127f);
                }
            }

            string wq = Initializer(name + ".weight_quantized", TensorProto.Types.DataType.Int8, MemoryMarshal.AsBytes(q.AsSpan()).ToArray(), inFeatures, outFeatures);
            string wzp = Initializer(name + ".weight_zero_point", TensorProto.Types.DataType.Int8, [0]);
            string ws = FloatInit(name + ".weight_scale", scales, outFeatures);
            var (xq, xs, xzp) = DynamicQuantize(x);
            string acc = Node("MatMulInteger", [xq, wq, xzp, wzp]);
            string accF = Node("Cast", [acc], Int("to", (long)TensorProto.Types.DataType.Float));
            string scale = Node("Mul", [xs, ws]);
            y = Node("Mul", [accF, scale]);
        }

        if (bias)
        {
            y = Node("Add", [y, FloatInit(name + ".bias", RandomNormal(name + ".bias", outFeatures, 0.02), outFeatures)]);
        }

        return y;
    }

    /// <summary>NCHW convolution with "same" padding for odd kernels; outHeight/outWidth are for the FLOP tally.</summary>
    public string Conv(string name, string x, int inChannels, int outChannels, int kernel, long outHeight, long outWidth, int stride = 1, double gain = 1.0)
    {
        int fanIn = inChannels * kernel * kernel;
        float[] w = RandomNormal(name + ".weight", outChannels * fanIn, gain / Math.Sqrt(fanIn)); // [out, in, k, k]
        float[] b = RandomNormal(name + ".bias", outChannels, 0.02);
        AddFlops(2.0 * outHeight * outWidth * outChannels * fanIn);
        int pad = kernel / 2;
        var attrs = new[] { Ints("kernel_shape", kernel, kernel), Ints("pads", pad, pad, pad, pad), Ints("strides", stride, stride) };
        if (Precision == ModelPrecision.Fp32 || inChannels < MinQuantizedConvChannels)
        {
            return Node("Conv", [x, FloatInit(name + ".weight", w, outChannels, inChannels, kernel, kernel), FloatInit(name + ".bias", b, outChannels)], attrs);
        }

        // INT8: quantize the activation once, gather the kxk taps with Pad/Slice/Concat on uint8 (im2col in the graph),
        // then one MatMulInteger with int8 weights. Measured on ORT 1.31 CPU: ConvInteger (uint8 weights) was no faster
        // than FP32 Conv and int8-weight ConvInteger was 6x slower; this lowering hits the fused u8s8 GEMM instead.
        var scales = new float[outChannels];
        int rows = fanIn;
        var qmat = new sbyte[rows * outChannels]; // [(ky*k+kx)*Cin + c, o]
        for (int o = 0; o < outChannels; o++)
        {
            float max = 0;
            for (int i = 0; i < fanIn; i++)
            {
                max = Math.Max(max, Math.Abs(w[o * fanIn + i]));
            }

            scales[o] = max > 0 ? max / 127f : 1f;
            for (int c = 0; c < inChannels; c++)
            {
                for (int t = 0; t < kernel * kernel; t++)
                {
                    qmat[(t * inChannels + c) * outChannels + o] = (sbyte)Math.Clamp(MathF.Round(w[o * fanIn + c * kernel * kernel + t] / scales[o]), -127f, 127f);
                }
            }
        }

        string wq = Initializer(name + ".weight_quantized", TensorProto.Types.DataType.Int8, MemoryMarshal.AsBytes(qmat.AsSpan()).ToArray(), rows, outChannels);
        string wzp = Initializer(name + ".weight_zero_point", TensorProto.Types.DataType.Int8, [0]);
        string ws = FloatInit(name + ".weight_scale", scales, outChannels);
        var (xq, xs, xzp) = DynamicQuantize(x);

        // gather taps channel-last so every copy moves whole channel vectors, and the columns need no transpose
        string nhwc = Node("Transpose", [xq], Ints("perm", 0, 2, 3, 1));
        string columns;
        if (kernel == 1 && stride == 1)
        {
            columns = nhwc;
        }
        else
        {
            string padded = pad > 0 ? Node("Pad", [nhwc, Int64Const(0, pad, pad, 0, 0, pad, pad, 0), xzp]) : nhwc;
            var taps = new string[kernel * kernel];
            for (int ky = 0; ky < kernel; ky++)
            {
                for (int kx = 0; kx < kernel; kx++)
                {
                    taps[ky * kernel + kx] = Node("Slice", [padded, Int64Const(ky, kx), Int64Const(ky + stride * (outHeight - 1) + 1, kx + stride * (outWidth - 1) + 1), Int64Const(1, 2), Int64Const(stride, stride)]);
                }
            }

            columns = Node("Concat", taps, Int("axis", 3));
        }

        string tokens = Node("Reshape", [columns, Int64Const(0, -1, rows)]);
        string acc = Node("MatMulInteger", [tokens, wq, xzp, wzp]);
        string accF = Node("Cast", [acc], Int("to", (long)TensorProto.Types.DataType.Float));
        string y = Node("Add", [Node("Mul", [accF, Node("Mul", [xs, ws])]), FloatInit(name + ".bias", b, outChannels)]);
        return Node("Reshape", [Node("Transpose", [y], Ints("perm", 0, 2, 1)), Int64Const(0, outChannels, outHeight, outWidth)]);
    }

    private (string Quantized, string Scale, string ZeroPoint) DynamicQuantize(string x)
    {
        var outs = NodeMulti("DynamicQuantizeLinear", [x], 3);
        return (outs[0], outs[1], outs[2]);
    }

    public string ShapeOf(string x)
    {
        if (!_shapeOf.TryGetValue(x, out var s))
        {
            s = Node("Shape", [x]);
            _shapeOf[x] = s;
        }

        return s;
    }

    /// <summary>GroupNorm as SD exports write it: reshape to groups, InstanceNormalization, reshape back, per-channel affine.</summary>
    public string GroupNorm(string name, string x, int channels, int groups)
    {
        string grouped = Node("Reshape", [x, Int64Const(0, groups, -1)]);
        string ones = FloatInit(name + ".instance_scale", Enumerable.Repeat(1f, groups).ToArray(), groups);
        string zeros = FloatInit(name + ".instance_bias", new float[groups], groups);
        string normed = Node("InstanceNormalization", [grouped, ones, zeros], Float("epsilon", 1e-5f));
        string back = Node("Reshape", [normed, ShapeOf(x)]);
        string gamma = FloatInit(name + ".weight", NearOne(name + ".weight", channels, 0.05), channels, 1, 1);
        string beta = FloatInit(name + ".bias", RandomNormal(name + ".bias", channels, 0.02), channels, 1, 1);
        return Node("Add", [Node("Mul", [back, gamma]), beta]);
    }

    public string LayerNorm(string name, string x, int width)
    {
        string gamma = FloatInit(name + ".weight", NearOne(name + ".weight", width, 0.05), width);
        string beta = FloatInit(name + ".bias", RandomNormal(name + ".bias", width, 0.02), width);
        return Node("LayerNormalization", [x, gamma, beta], Int("axis", -1), Float("epsilon", 1e-5f));
    }

    public string SiLU(string x) => Node("Mul", [x, Node("Sigmoid", [x])]);

    /// <summary>CLIP's quick GELU: x * sigmoid(1.702 x).</summary>
    public string QuickGelu(string x) => Node("Mul", [x, Node("Sigmoid", [Node("Mul", [x, FloatScalar(1.702f)])])]);

    /// <summary>Multi-head attention of queries [B,T,width] over context [B,S,contextWidth]; optional additive mask [T,S].</summary>
    public string Attention(string name, string x, string context, int width, int contextWidth, int heads, long queryTokens, long contextTokens, string? mask = null)
    {
        int headDim = width / heads;
        string q = Linear(name + ".to_q", x, width, width, queryTokens, bias: false);
        string k = Linear(name + ".to_k", context, contextWidth, width, contextTokens, bias: false);
        string v = Linear(name + ".to_v", context, contextWidth, width, contextTokens, bias: false);
        string split = Int64Const(0, 0, heads, headDim);
        string qh = Node("Transpose", [Node("Reshape", [q, split])], Ints("perm", 0, 2, 1, 3));
        string kt = Node("Transpose", [Node("Reshape", [k, split])], Ints("perm", 0, 2, 3, 1));
        string vh = Node("Transpose", [Node("Reshape", [v, split])], Ints("perm", 0, 2, 1, 3));
        string scores = Node("Mul", [Node("MatMul", [qh, kt]), FloatScalar((float)(1.0 / Math.Sqrt(headDim)))]);
        if (mask is not null)
        {
            scores = Node("Add", [scores, mask]);
        }

        string probs = Node("Softmax", [scores], Int("axis", -1));
        string attended = Node("MatMul", [probs, vh]);
        AddFlops(2.0 * 2.0 * queryTokens * contextTokens * width);
        string merged = Node("Reshape", [Node("Transpose", [attended], Ints("perm", 0, 2, 1, 3)), Int64Const(0, 0, width)]);
        return Linear(name + ".to_out", merged, width, width, queryTokens, gain: 0.5);
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (object d in dims)
        {
            shape.Dim.Add(d switch
            {
                string p => new TensorShapeProto.Types.Dimension { DimParam = p },
                int i => new TensorShapeProto.Types.Dimension { DimValue = i },
                long l => new TensorShapeProto.Types.Dimension { DimValue = l },
                _ => throw new ArgumentException($"dimension {d} must be an int, long or symbol name"),
            });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
