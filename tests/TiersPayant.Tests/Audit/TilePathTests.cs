using TiersPayant.Audit;

namespace TiersPayant.Tests.Audit;

/// <summary>C2SP tlog-tiles paths, as transparency-log tooling writes them.</summary>
public sealed class TilePathTests
{
    [Theory]
    [InlineData(0, 0L, 256, "0/000")]
    [InlineData(0, 1L, 157, "0/001.p/157")]
    [InlineData(1, 999L, 256, "1/999")]
    [InlineData(2, 1000L, 256, "2/x001/000")]
    [InlineData(0, 1234067L, 256, "0/x001/x234/067")]
    [InlineData(0, 1234067L, 8, "0/x001/x234/067.p/8")]
    [InlineData(TilePath.Entries, 1234067L, 256, "entries/x001/x234/067")]
    [InlineData(TilePath.Entries, 5L, 1, "entries/005.p/1")]
    public void Paths_are_written_and_read_as_the_specification_gives_them(int level, long index, int width, string path)
    {
        Assert.Equal(path, TilePath.Format(level, index, width));
        Assert.True(TilePath.Parse(path, out var l, out var n, out var w));
        Assert.Equal((level, index, width), (l, n, w));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0/1")]
    [InlineData("0/0001")]
    [InlineData("0/001/002")]
    [InlineData("0/x001")]
    [InlineData("0/x000/001")]
    [InlineData("0/001.p/0")]
    [InlineData("0/001.p/256")]
    [InlineData("0/001.p/08")]
    [InlineData("x/001")]
    [InlineData("100/001")]
    [InlineData("entries/abc")]
    public void Anything_else_is_not_a_tile(string path) => Assert.False(TilePath.Parse(path, out _, out _, out _));
}
