using TiersPayant.Cli;

namespace TiersPayant.Tests.Cli;

public sealed class CommandLineTests
{
    /// <summary>Runs the command line in process, without a data folder of its own.</summary>
    internal static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
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
    [InlineData("proxy")]
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
    [InlineData("portal", "close", "--surface", "ftp", "--reason", "test")]
    [InlineData("portal", "close", "--profession", "opticien", "--account", "x", "--reason", "test")]
    [InlineData("proxy")]
    [InlineData("proxy", "--backend", "ftp://127.0.0.1:5081")]
    public async Task Bad_usage_exits_2_with_a_message(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("portals", "close")]
    [InlineData("nosuchverb")]
    [InlineData("--urls", "http://127.0.0.1:0", "nosuchverb")]
    [InlineData("serve", "--Demo:Beneficiaries=5", "portal")]
    public async Task An_unknown_verb_exits_2_with_the_usage_and_starts_nothing(params string[] args)
    {
        // Were a server started, the verb would not return: the guard turns that into a failure, not a hang.
        var (code, output, error) = await RunAsync(args).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.Contains($"Unknown verb or argument '{args.First(a => !a.StartsWith('-') && !a.Contains(':') && a != "serve")}'", error, StringComparison.Ordinal);
        Assert.Contains("migrate", error, StringComparison.Ordinal); // the usage lists the verbs
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public void Host_settings_given_to_the_server_are_not_taken_for_verbs()
    {
        Assert.Empty(TiersCli.StrayWords(["--urls", "http://127.0.0.1:5080", "--Demo:Beneficiaries=5", "/environment", "Production", "Logging:LogLevel:Default=Warning"]));
        Assert.Equal(["portal", "close"], TiersCli.StrayWords(["--urls=http://127.0.0.1:5080", "portal", "close"]));
    }
}
