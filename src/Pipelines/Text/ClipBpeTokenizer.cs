using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HybridAI.Pipelines.Text;

/// <summary>
/// CLIP byte-level BPE tokenizer reading Hugging Face <c>vocab.json</c> + <c>merges.txt</c>; output is padded to the
/// context length as SD pipelines do: BOS, tokens (truncated), EOS, then EOS as padding.
/// </summary>
public sealed partial class ClipBpeTokenizer
{
    public const string StartOfText = "<|startoftext|>";
    public const string EndOfText = "<|endoftext|>";
    public const string EndOfWord = "</w>";

    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<(string, string), int> _mergeRanks;
    private readonly Dictionary<string, string[]> _cache = new(StringComparer.Ordinal);
    private readonly Lock _cacheLock = new();

    public ClipBpeTokenizer(IReadOnlyDictionary<string, int> vocabulary, IEnumerable<(string Left, string Right)> merges, int contextLength = 77)
    {
        _vocabulary = new Dictionary<string, int>(vocabulary, StringComparer.Ordinal);
        _mergeRanks = new Dictionary<(string, string), int>();
        int rank = 0;
        foreach (var pair in merges)
        {
            _mergeRanks.TryAdd(pair, rank++);
        }

        if (!_vocabulary.TryGetValue(StartOfText, out int bos) || !_vocabulary.TryGetValue(EndOfText, out int eos))
        {
            throw new InvalidDataException($"tokenizer vocabulary lacks {StartOfText} or {EndOfText}");
        }

        BosId = bos;
        EosId = eos;
        PadId = _vocabulary.TryGetValue("<|pad|>", out int pad) ? pad : eos;
        ContextLength = contextLength;
    }

    public int BosId { get; }

    public int EosId { get; }

    public int PadId { get; }

    public int ContextLength { get; }

    public int VocabularySize => _vocabulary.Count;

    /// <summary>Loads <c>vocab.json</c> and <c>merges.txt</c> from a folder (e.g. an SD export's tokenizer/).</summary>
    public static ClipBpeTokenizer FromFolder(string folder, int contextLength = 77)
    {
        string vocabPath = Path.Combine(folder, "vocab.json");
        string mergesPath = Path.Combine(folder, "merges.txt");
        if (!File.Exists(vocabPath) || !File.Exists(mergesPath))
        {
            throw new FileNotFoundException($"tokenizer folder '{folder}' must contain vocab.json and merges.txt");
        }

        var vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(vocabPath, Encoding.UTF8))
            ?? throw new InvalidDataException($"'{vocabPath}' is not a JSON object of token -> id");
        return new ClipBpeTokenizer(vocabulary, ReadMerges(mergesPath), contextLength);
    }

    private static IEnumerable<(string, string)> ReadMerges(string path)
    {
        var merges = new List<(string, string)>();
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            string line = raw.TrimEnd('\r');
            if (line.Length == 0 || (lineNumber == 1 && line.StartsWith("#version", StringComparison.Ordinal)))
            {
                continue;
            }

            int space = line.IndexOf(' ');
            if (space <= 0 || space == line.Length - 1)
            {
                throw new InvalidDataException($"'{path}' line {lineNumber} is not a merge pair: '{line}'");
            }

            merges.Add((line[..space], line[(space + 1)..]));
        }

        return merges;
    }

    /// <summary>BPE tokens (without BOS/EOS/padding) of a text.</summary>
    public IReadOnlyList<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        foreach (string word in PreTokenize(text))
        {
            tokens.AddRange(Bpe(word));
        }

        return tokens;
    }

    /// <summary>Token ids of exactly <see cref="ContextLength"/> entries: BOS, tokens, EOS, padding.</summary>
    public int[] Encode(string text)
    {
        var ids = new int[ContextLength];
        Array.Fill(ids, PadId);
        ids[0] = BosId;
        int at = 1;
        foreach (string token in Tokenize(text))
        {
            if (at >= ContextLength - 1)
            {
                break;
            }

            ids[at++] = _vocabulary.TryGetValue(token, out int id)
                ? id
                : throw new InvalidDataException($"token '{token}' is not in the vocabulary");
        }

        ids[at] = EosId;
        return ids;
    }

    /// <summary>Text of token ids (specials and padding dropped), for diagnostics and tests.</summary>
    public string Decode(IEnumerable<int> ids)
    {
        var reverse = _vocabulary.ToDictionary(kv => kv.Value, kv => kv.Key);
        var bytes = new List<byte>();
        var text = new StringBuilder();
        foreach (int id in ids)
        {
            if (id == BosId || id == EosId || id == PadId || !reverse.TryGetValue(id, out var token))
            {
                continue;
            }

            bool endOfWord = token.EndsWith(EndOfWord, StringComparison.Ordinal);
            foreach (char c in endOfWord ? token[..^EndOfWord.Length] : token)
            {
                bytes.Add(ByteUnicodeMap.CharToByte[c]);
            }

            if (endOfWord)
            {
                text.Append(Encoding.UTF8.GetString(bytes.ToArray())).Append(' ');
                bytes.Clear();
            }
        }

        text.Append(Encoding.UTF8.GetString(bytes.ToArray()));
        return text.ToString().Trim();
    }

    /// <summary>CLIP's cleanup and split: collapse whitespace, lower-case, regex split; each piece mapped byte-to-unicode.</summary>
    internal static IEnumerable<string> PreTokenize(string text)
    {
        string cleaned = Whitespace().Replace(text, " ").Trim().ToLowerInvariant();
        foreach (Match m in WordPattern().Matches(cleaned))
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(m.Value);
            var chars = new char[utf8.Length];
            for (int i = 0; i < utf8.Length; i++)
            {
                chars[i] = ByteUnicodeMap.ByteToChar[utf8[i]];
            }

            yield return new string(chars);
        }
    }

    private string[] Bpe(string word)
    {
        lock (_cacheLock)
        {
            if (_cache.TryGetValue(word, out var cached))
            {
                return cached;
            }
        }

        var symbols = new List<string>(word.Length);
        for (int i = 0; i < word.Length - 1; i++)
        {
            symbols.Add(word[i].ToString());
        }

        symbols.Add(word[^1] + EndOfWord);
        while (symbols.Count > 1)
        {
            int bestRank = int.MaxValue;
            (string, string) best = default;
            for (int i = 0; i < symbols.Count - 1; i++)
            {
                if (_mergeRanks.TryGetValue((symbols[i], symbols[i + 1]), out int rank) && rank < bestRank)
                {
                    bestRank = rank;
                    best = (symbols[i], symbols[i + 1]);
                }
            }

            if (bestRank == int.MaxValue)
            {
                break;
            }

            var merged = new List<string>(symbols.Count);
            for (int i = 0; i < symbols.Count; i++)
            {
                if (i < symbols.Count - 1 && symbols[i] == best.Item1 && symbols[i + 1] == best.Item2)
                {
                    merged.Add(best.Item1 + best.Item2);
                    i++;
                }
                else
                {
                    merged.Add(symbols[i]);
                }
            }

            symbols = merged;
        }

        string[] result = [.. symbols];
        lock (_cacheLock)
        {
            _cache[word] = result;
        }

        return result;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+", RegexOptions.IgnoreCase)]
    private static partial Regex WordPattern();
}
