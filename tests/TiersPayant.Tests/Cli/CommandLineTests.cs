using TiersPayant.Cli;

namespace TiersPayant.Tests.Cli;

public sealed class CommandLineTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await TiersCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Help_lists_every_verb_and_exits_0()
    {
        var (code, output, _) = await RunAsync("--help");

        Assert.Equal(0, code);
        foreach (var verb in new[] { "serve", "seed", "import", "migrate" })
        {
            Assert.Contains(verb, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("migrate")]
    [InlineData("serve")]
    [InlineData("import", "members")]
    public async Task Every_verb_has_help_that_names_the_data_option(params string[] verb)
    {
        var (code, output, _) = await RunAsync([.. verb, "--help"]);

        Assert.Equal(0, code);
        Assert.Contains("--data", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seed", "--beneficiaries", "many")]
    [InlineData("seed", "--beneficiaries", "0")]
    [InlineData("seed", "--colour", "blue")]
    [InlineData("import", "members")]
    [InlineData("import", "members", "x.csv", "--insurer", "AB")]
    [InlineData("migrate", "now")]
    public async Task Bad_usage_exits_2_with_a_message(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
