using System.ComponentModel.DataAnnotations;

namespace HybridAI.Grains.Security;

/// <summary>Configuration section <c>Security</c>.</summary>
public sealed class CredentialOptions
{
    public const string SectionName = "Security";

    /// <summary>Base64 key (at least 32 bytes) from which every node's credential is derived; keep it secret.</summary>
    [Required(ErrorMessage = "Security:CredentialKey is required: a base64 key of at least 32 bytes (deploy/dev creates one).")]
    public string CredentialKey { get; set; } = "";
}
