using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HybridAI.Pipelines.Text;

/// <summary>
/// Learns a small CLIP-layout BPE vocabulary (256 byte chars, the same with &lt;/w&gt;, merges, specials) from a fixed
/// corpus, deterministically, so generated models ship a real vocab.json + merges.txt for the CLIP tokenizer path.
/// </summary>
internal static class BpeVocabularyTrainer
{
    internal const string Corpus =
        "a photo of a cat sitting on a red chair in the garden . a painting of a dog running on the beach at sunset . " +
        "a portrait of an old man with a white beard , oil painting , highly detailed . a castle on a hill under a starry night sky . " +
        "a futuristic city with flying cars and neon lights , digital art . a bowl of fruit on a wooden table , still life . " +
        "an astronaut riding a horse on the moon , photorealistic . a forest with tall trees and a river in the morning light . " +
        "a cute cat and a cute dog playing together in the snow . a mountain landscape with a lake and clouds , watercolor painting . " +
        "the quick brown fox jumps over the lazy dog . a cup of coffee on a desk next to a laptop . a lighthouse by the sea in a storm . " +
        "a beautiful woman wearing a blue dress , studio lighting , sharp focus . a small house in the woods with smoke from the chimney . " +
        "a robot reading a book in a library , concept art . a sunflower field under a bright summer sky . a red sports car on a highway at night . " +
        "photo photo photo painting painting detailed detailed light light night night city city garden garden portrait portrait . " +
        "1 2 3 4 5 6 7 8 9 0 ! ? ' s ' t ' re ' ve ' m ' ll ' d";

    public static (Dictionary<string, int> Vocabulary, List<(string, string)> Merges) Train(int mergeCount)
    {
        var wordCounts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (string w in ClipBpeTokenizer.PreTokenize(Corpus))
        {
            wordCounts[w] = wordCounts.GetValueOrDefault(w) + 1;
        }

        var words = wordCounts.Select(kv => (Symbols: Split(kv.Key), Count: kv.Value)).ToList();
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (byte b in ByteUnicodeMap.VocabularyOrder)
        {
            vocabulary[ByteUnicodeMap.ByteToChar[b].ToString()] = vocabulary.Count;
        }

        foreach (byte b in ByteUnicodeMap.VocabularyOrder)
        {
            vocabulary[ByteUnicodeMap.ByteToChar[b] + ClipBpeTokenizer.EndOfWord] = vocabulary.Count;
        }

        var merges = new List<(string, string)>();
        while (merges.Count < mergeCount)
        {
            var pairCounts = new Dictionary<(string, string), int>();
            foreach (var (symbols, count) in words)
            {
                for (int i = 0; i < symbols.Count - 1; i++)
                {
                    var pair = (symbols[i], symbols[i + 1]);
                    pairCounts[pair] = pairCounts.GetValueOrDefault(pair) + count;
                }
            }

            // most frequent pair, ties broken by ordinal order so training is deterministic
            (string, string) best = default;
            int bestCount = 0;
            foreach (var (pair, count) in pairCounts)
            {
                if (vocabulary.ContainsKey(pair.Item1 + pair.Item2))
                {
                    continue;
                }

                int order = string.CompareOrdinal(pair.Item1 + " " + pair.Item2, best.Item1 + " " + best.Item2);
                if (count > bestCount || (count == bestCount && order < 0))
                {
                    best = pair;
                    bestCount = count;
                }
            }

            if (bestCount == 0)
            {
                break;
            }

            merges.Add(best);
            vocabulary[best.Item1 + best.Item2] = vocabulary.Count;
            foreach (var (symbols, _) in words)
            {
                for (int i = 0; i < symbols.Count - 1; i++)
                {
                    if (symbols[i] == best.Item1 && symbols[i + 1] == best.Item2)
                    {
                        symbols[i] = best.Item1 + best.Item2;
                        symbols.RemoveAt(i + 1);
                    }
                }
            }
        }

        vocabulary[ClipBpeTokenizer.StartOfText] = vocabulary.Count;
        vocabulary[ClipBpeTokenizer.EndOfText] = vocabulary.Count;
        return (vocabulary, merges);
    }

    public static void Write(string folder, Dictionary<string, int> vocabulary, List<(string, string)> merges)
    {
        Directory.CreateDirectory(folder);
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var stream = File.Create(Path.Combine(folder, "vocab.json")))
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            writer.WriteStartObject();
            foreach (var (token, id) in vocabulary.OrderBy(kv => kv.Value))
            {
                writer.WriteNumber(token, id);
            }

            writer.WriteEndObject();
        }

        var text = new StringBuilder("#version: 0.2\n");
        foreach (var (left, right) in merges)
        {
            text.Append(left).Append(' ').Append(right).Append('\n');
        }

        File.WriteAllText(Path.Combine(folder, "merges.txt"), text.ToString(), new UTF8Encoding(false));
    }

    private static List<string> Split(string word)
    {
        var symbols = new List<string>(word.Length);
        for (int i = 0; i < word.Length - 1; i++)
        {
            symbols.Add(word[i].ToString());
        }

        symbols.Add(word[^1] + ClipBpeTokenizer.EndOfWord);
        return symbols;
    }
}
