using System.Net;
using System.Net.Sockets;

namespace HybridAI.Integration.Tests.Infrastructure;

public static class FreePorts
{
    // Below Linux's ephemeral range (32768-60999): a port the OS picked for us could be given to some process's outgoing
    // connection before the silo or agent we hand it to binds it (seen once in CI: an agent's local API lost its port).
    private const int First = 20_000;
    private const int Last = 31_999;
    private static readonly Lock Gate = new();

    // Spread concurrent test processes over the range; each port is handed out once per run.
    private static int _next = First + (Environment.ProcessId % 100 * 100);

    /// <summary>A loopback TCP port nothing listens on right now, outside the range the OS hands out to connections.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            for (var tried = 0; tried <= Last - First; tried++)
            {
                var port = _next;
                _next = _next == Last ? First : _next + 1;
                if (CanBind(port))
                {
                    return port;
                }
            }

            throw new InvalidOperationException($"No free loopback port in {First}-{Last}.");
        }
    }

    public static bool IsListening(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
