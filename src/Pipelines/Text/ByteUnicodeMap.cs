namespace HybridAI.Pipelines.Text;

/// <summary>GPT-2/CLIP reversible mapping of the 256 byte values to printable unicode characters.</summary>
internal static class ByteUnicodeMap
{
    /// <summary>Byte value -> character, and the byte order CLIP uses for the first 256 vocabulary entries.</summary>
    public static readonly char[] ByteToChar;
    public static readonly byte[] VocabularyOrder;
    public static readonly Dictionary<char, byte> CharToByte;

    static ByteUnicodeMap()
    {
        var order = new List<int>();
        for (int b = '!'; b <= '~'; b++) order.Add(b);
        for (int b = 0xA1; b <= 0xAC; b++) order.Add(b);
        for (int b = 0xAE; b <= 0xFF; b++) order.Add(b);
        var chars = order.Select(b => (char)b).ToList();
        int n = 0;
        for (int b = 0; b < 256; b++)
        {
            if (!order.Contains(b))
            {
                order.Add(b);
                chars.Add((char)(256 + n));
                n++;
            }
        }

        ByteToChar = new char[256];
        CharToByte = new Dictionary<char, byte>();
        VocabularyOrder = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            ByteToChar[order[i]] = chars[i];
            CharToByte[chars[i]] = (byte)order[i];
            VocabularyOrder[i] = (byte)order[i];
        }
    }
}
