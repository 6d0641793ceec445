using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TiersPayant.Security.Accounts;

/// <summary>
/// Where a portal request comes from, as far as a session is bound to it: the browser family and
/// platform (<c>Chrome sur Windows</c>, no version, so an update changes nothing), the network
/// (the address's prefix) and the address itself (shown to the holder only).
/// </summary>
/// <param name="Device">Browser family and platform.</param>
/// <param name="Network">The address's prefix, e.g. <c>203.0.113.0/24</c>.</param>
/// <param name="Address">The source address.</param>
public sealed record SessionPlace(string Device, string Network, string Address)
{
    /// <summary>The network of <paramref name="address"/>: its first bits as configured, or <c>inconnu</c>.</summary>
    public static string NetworkOf(IPAddress? address, SessionBindingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (address is null)
        {
            return "inconnu";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var length = address.AddressFamily == AddressFamily.InterNetwork ? options.IPv4PrefixLength : options.IPv6PrefixLength;
        var bytes = address.GetAddressBytes();
        for (var bit = length; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{new IPAddress(bytes)}/{length}");
    }
}

/// <summary><c>Accounts:Sessions</c>: how wide the network a session is bound to is.</summary>
public sealed class SessionBindingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Accounts:Sessions";

    /// <summary>Bits of an IPv4 address that make its network (default 24).</summary>
    [Range(8, 32)]
    public int IPv4PrefixLength { get; set; } = 24;

    /// <summary>Bits of an IPv6 address that make its network (default 48).</summary>
    [Range(16, 128)]
    public int IPv6PrefixLength { get; set; } = 48;
}
