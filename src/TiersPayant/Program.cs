using TiersPayant.Cli;

// Composition only: the command line decides what runs; `serve` is the default verb.
return await TiersCli.RunAsync(args);

/// <summary>Entry point, visible to <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
