using System.Net.Sockets;
using System.Text;

namespace TiersPayant.Tests.Web.Fuzz;

/// <summary>
/// Requests HttpClient refuses to send (a Content-Length that lies, bytes that are not ASCII in a
/// header or the path, a broken chunk), written on a socket; answers the response's status code.
/// </summary>
internal static class RawHttp
{
    /// <summary>The status code, or null when the server closed the connection without an answer.</summary>
    public static async Task<int?> SendAsync(Uri server, byte[] head, byte[] body, bool closeAfterBody, CancellationToken cancellation)
    {
        using var tcp = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        await tcp.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(head, timeout.Token);
            await stream.WriteAsync(body, timeout.Token);
            if (closeAfterBody)
            {
                tcp.Client.Shutdown(SocketShutdown.Send);
            }

            var buffer = new byte[64];
            var read = 0;
            while (read < 12)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), timeout.Token);
                if (n == 0)
                {
                    return null;
                }

                read += n;
            }

            // "HTTP/1.1 413 ..."
            return int.Parse(Encoding.ASCII.GetString(buffer, 9, 3), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A request head; <paramref name="target"/> and header values are written as the bytes given, not validated.</summary>
    public static byte[] Head(string method, byte[] target, Uri server, IEnumerable<(string Name, byte[] Value)> headers)
    {
        using var head = new MemoryStream();
        void Write(string text) => head.Write(Encoding.ASCII.GetBytes(text));
        Write(method + " ");
        head.Write(target);
        Write($" HTTP/1.1\r\nHost: {server.Host}:{server.Port}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            Write(name + ": ");
            head.Write(value);
            Write("\r\n");
        }

        Write("\r\n");
        return head.ToArray();
    }
}
