using System.Security.Cryptography;
using System.Text;
using HybridAI.Contracts.Security;
using Microsoft.Extensions.Options;

namespace HybridAI.Grains.Security;

/// <summary>
/// Issues and checks per-node credentials: a node's secret is HMAC-SHA256(cluster key, node id), so the silo needs
/// no credential table and a secret issued for one node is worthless for any other.
/// </summary>
public sealed class NodeCredentialAuthority
{
    private readonly byte[] _key;

    public NodeCredentialAuthority(IOptions<CredentialOptions> options)
        : this(options.Value.CredentialKey)
    {
    }

    public NodeCredentialAuthority(string base64Key)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64Key);
        }
        catch (FormatException)
        {
            throw new ArgumentException("Security:CredentialKey is not valid base64.", nameof(base64Key));
        }

        _key = key.Length >= 32 ? key : throw new ArgumentException($"Security:CredentialKey has {key.Length} bytes; at least 32 are required.", nameof(base64Key));
    }

    public NodeCredential Issue(string nodeId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        return new NodeCredential(nodeId, Convert.ToBase64String(Mac(nodeId)));
    }

    /// <summary>Throws <see cref="UnauthorizedNodeException"/> unless <paramref name="credential"/> is the valid credential of <paramref name="nodeId"/>.</summary>
    public void Verify(NodeCredential? credential, string nodeId)
    {
        if (credential is null)
        {
            throw new UnauthorizedNodeException(nodeId, "no credential presented");
        }

        if (!string.Equals(credential.NodeId, nodeId, StringComparison.Ordinal))
        {
            throw new UnauthorizedNodeException(nodeId, $"the credential is for '{credential.NodeId}'");
        }

        byte[] presented;
        try
        {
            presented = Convert.FromBase64String(credential.Secret);
        }
        catch (FormatException)
        {
            throw new UnauthorizedNodeException(nodeId, "the credential's secret is not base64");
        }

        if (!CryptographicOperations.FixedTimeEquals(presented, Mac(nodeId)))
        {
            throw new UnauthorizedNodeException(nodeId, "the credential's secret is wrong");
        }
    }

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private byte[] Mac(string nodeId) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("hybridai-node:" + nodeId));
}
