namespace HybridAI.Planning;
public static class Probe { public static long[] T = new long[8]; public static long N; }
