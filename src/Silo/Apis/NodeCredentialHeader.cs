using HybridAI.Contracts.Security;

namespace HybridAI.Silo.Apis;

/// <summary>Reads <c>Authorization: Node &lt;node-id&gt;:&lt;secret&gt;</c>; the grains check the credential itself.</summary>
public static class NodeCredentialHeader
{
    public const string Scheme = "Node";

    public static NodeCredential? Read(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var value = header[(Scheme.Length + 1)..].Trim();
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < value.Length - 1 ? new NodeCredential(value[..colon], value[(colon + 1)..]) : null;
    }
}
