namespace TiersPayant.Demo;

/// <summary>Identifiers drawn from the seeded random stream, so that the same seed gives the same ids.</summary>
internal static class SeededGuid
{
    public static Guid Next(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
