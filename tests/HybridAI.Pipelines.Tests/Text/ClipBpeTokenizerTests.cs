using HybridAI.Pipelines.Tests.Support;
using HybridAI.Pipelines.Text;

namespace HybridAI.Pipelines.Tests.Text;

public sealed class ClipBpeTokenizerTests
{
    /// <summary>A hand-written vocabulary whose expected tokenization is worked out by hand below.</summary>
    private static ClipBpeTokenizer HandWritten()
    {
        var vocab = new Dictionary<string, int>();
        foreach (string t in new[] { "a", "c", "t", "s", "a</w>", "c</w>", "t</w>", "s</w>", "ca", "cat</w>", "cats</w>", "at</w>", "!</w>" })
        {
            vocab[t] = vocab.Count;
        }

        vocab["ca" + "t"] = vocab.Count;
        vocab[ClipBpeTokenizer.StartOfText] = 100;
        vocab[ClipBpeTokenizer.EndOfText] = 101;
        // ranks: (c,a) first, then (ca,t</w>), then (a,t</w>), then (ca,t), then (cat,s</w>)
        var merges = new[] { ("c", "a"), ("ca", "t</w>"), ("a", "t</w>"), ("ca", "t"), ("cat", "s</w>") };
        return new ClipBpeTokenizer(vocab, merges, contextLength: 8);
    }

    [Fact]
    public void Merges_apply_by_rank_and_words_end_with_the_end_of_word_marker()
    {
        var tokenizer = HandWritten();
        Assert.Equal(new[] { "cat</w>", "cats</w>", "at</w>", "!</w>" }, tokenizer.Tokenize("Cat  CATS at!"));
    }

    [Fact]
    public void Encoding_adds_bos_and_eos_and_pads_with_eos_to_the_context_length()
    {
        var tokenizer = HandWritten();
        // cat</w>=9, at</w>=11
        Assert.Equal(new[] { 100, 9, 11, 101, 101, 101, 101, 101 }, tokenizer.Encode("cat at"));
    }

    [Fact]
    public void Long_prompts_are_truncated_keeping_eos_last()
    {
        var ids = HandWritten().Encode(string.Join(' ', Enumerable.Repeat("cat", 20)));
        Assert.Equal(8, ids.Length);
        Assert.Equal(100, ids[0]);
        Assert.Equal(101, ids[^1]);
        Assert.All(ids[1..^1], id => Assert.Equal(9, id));
    }

    [Fact]
    public void Generated_vocabulary_tokenizes_a_known_prompt_into_whole_word_tokens()
    {
        var tokenizer = ClipBpeTokenizer.FromFolder(TinyModels.Fp32.TokenizerFolder);
        // "photo" and "painting" are frequent in the training corpus, so each is a single learned token
        Assert.Equal(new[] { "a</w>", "photo</w>", "of</w>", "a</w>", "cat</w>" }, tokenizer.Tokenize("A photo of a cat"));
        Assert.Equal(new[] { "painting</w>" }, tokenizer.Tokenize("painting"));
        int[] ids = tokenizer.Encode("A photo of a cat");
        Assert.Equal(77, ids.Length);
        Assert.Equal(tokenizer.BosId, ids[0]);
        Assert.Equal(tokenizer.EosId, ids[6]);
        Assert.Equal("a photo of a cat", tokenizer.Decode(ids));
    }

    [Fact]
    public void Words_outside_the_training_corpus_fall_back_to_byte_pieces_and_round_trip()
    {
        var tokenizer = ClipBpeTokenizer.FromFolder(TinyModels.Fp32.TokenizerFolder);
        var tokens = tokenizer.Tokenize("zyxqv ñandú 42");
        Assert.True(tokens.Count >= 4);
        Assert.Equal("zyxqv ñandú 4 2", tokenizer.Decode(tokenizer.Encode("zyxqv ñandú 42")));
    }
}
