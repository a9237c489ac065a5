using System.CommandLine;
using HybridAI.Grains.Security;

namespace HybridAI.Cli.Commands;

/// <summary><c>hybridai credential issue NODE-ID --key-file F</c>: prints the secret an agent presents for that node.</summary>
public static class CredentialCommand
{
    public static Command Create()
    {
        var nodeId = new Argument<string>("node-id") { Description = "The device, edge node or worker id the credential is for." };
        var keyFile = new Option<FileInfo>("--key-file") { Description = "File holding the cluster's base64 credential key (Security:CredentialKey).", Required = true };
        var issue = new Command("issue", "Issue the credential of one node.") { nodeId, keyFile };
        issue.SetAction(result =>
        {
            var file = result.GetValue(keyFile)!;
            if (!file.Exists)
            {
                Console.Error.WriteLine($"hybridai: key file '{file.FullName}' does not exist.");
                return 2;
            }

            try
            {
                var authority = new NodeCredentialAuthority(File.ReadAllText(file.FullName).Trim());
                Console.WriteLine(authority.Issue(result.GetValue(nodeId)!).Secret);
                return 0;
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"hybridai: {e.Message}");
                return 2;
            }
        });
        return new Command("credential", "Node credentials.") { issue };
    }
}
