namespace HybridAI.Planning;

/// <summary>One stage of a pipeline profile.</summary>
/// <param name="Name">Display name, e.g. "TextEncode".</param>
/// <param name="Kind">Stage kind; selects which model variants of a node can run it.</param>
/// <param name="OutputBytes">Bytes of the stage's output: what moves when the next stage runs on another node.</param>
/// <param name="InputBytes">Bytes of the stage's input when the pipeline starts with it (the first stage's input lives on the origin device).</param>
/// <param name="TouchesPrivateInput">True when the stage reads the prompt text or token ids (pinned to the origin device under <see cref="PrivacyLevel.Strict"/>).</param>
public sealed record StageProfile(string Name, StageKind Kind, long OutputBytes, long InputBytes, bool TouchesPrivateInput);
