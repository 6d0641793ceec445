using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TiersPayant.Data.Protection;

namespace TiersPayant.Cli;

/// <summary>
/// <c>tiers keys rotate | reencrypt | status</c>: the data keys that encrypt personal data at rest.
/// Rotation adds a key to the keys file and re-encrypts every value under it while the platform
/// keeps serving, with a progress bar here and the progress on the security console.
/// </summary>
internal static class KeysCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("keys", "The data keys (AES-256-GCM) that encrypt NIRs, identities and authenticator secrets at rest.")
        {
            Rotate(output, error), Reencrypt(output, error), Status(output),
        };

    private static Command Rotate(TextWriter output, TextWriter error)
    {
        var data = CommonOptions.Data();
        var command = new Command("rotate", "Adds a fresh random key to the keys file (DATA/keys.json, or Encryption:KeysFile) and makes it current, then re-encrypts every value under an older key, in the background of a running platform: reads and writes go on, every node notices the key within seconds. Old keys stay in the file (values backed up under them still need them).") { data };
        command.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
        {
            var rotation = services.GetRequiredService<FieldKeyRotation>();
            if (rotation.KeysFile is null)
            {
                await error.WriteLineAsync("tiers: the keys come from configuration (Encryption:Keys): add the new key there (Encryption:Keys:<id>), make it Encryption:CurrentKeyId on every node, then run 'tiers keys reencrypt'; or keep the keys in a file (Encryption:KeysFile) that 'tiers keys rotate' adds to.");
                return TiersCli.Problem;
            }

            var key = rotation.AddKey();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"key {key} added to {rotation.KeysFile} and made current; re-encrypting"));
            return await ReencryptAsync(rotation, output, error, cancellation);
        }, cancellation));
        return command;
    }

    private static Command Reencrypt(TextWriter output, TextWriter error)
    {
        var data = CommonOptions.Data();
        var command = new Command("reencrypt", "Re-encrypts every value under an older key with the current key (after a key was added to the configuration, or to take up a rotation that was stopped). Safe to run again.") { data };
        command.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
            await ReencryptAsync(services.GetRequiredService<FieldKeyRotation>(), output, error, cancellation), cancellation));
        return command;
    }

    private static Command Status(TextWriter output)
    {
        var data = CommonOptions.Data();
        var command = new Command("status", "Prints the keys, the current one, how many encrypted values each holds, and the latest re-encryption.") { data };
        command.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
        {
            var rotation = services.GetRequiredService<FieldKeyRotation>();
            var usage = await rotation.UsageAsync(cancellation);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"current key: {rotation.CurrentKeyId} ({rotation.KeysFile ?? "keys from configuration"})"));
            foreach (var id in rotation.KeyIds)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"key {id}: {usage.GetValueOrDefault(id)} values"));
            }

            foreach (var (id, count) in usage.Where(u => !rotation.KeyIds.Contains(u.Key)))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"key {id}: {count} values, and the key is missing"));
            }

            if (await rotation.LatestAsync(cancellation) is { } latest)
            {
                await output.WriteLineAsync(Describe(latest));
            }

            return usage.Keys.All(rotation.KeyIds.Contains) ? 0 : TiersCli.Problem;
        }, cancellation));
        return command;
    }

    private static async Task<int> ReencryptAsync(FieldKeyRotation rotation, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        RotationProgress? last = null;
        try
        {
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(string.Create(CultureInfo.InvariantCulture, $"re-encrypting under key {rotation.CurrentKeyId}"), maxValue: 1);
                    var reporter = new InlineProgress<RotationProgress>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.FinishedAt is null ? Math.Min(p.Scanned, task.MaxValue) : task.MaxValue;
                    });
                    last = await rotation.ReencryptAsync(reporter, cancellation);
                    task.Value = task.MaxValue;
                    task.StopTask();
                });
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync($"tiers: {ex.Message}");
            return TiersCli.Problem;
        }

        await output.WriteLineAsync(Describe(last!));
        return 0;
    }

    private static string Describe(RotationProgress p) => p.FinishedAt is { } finished
        ? string.Create(CultureInfo.InvariantCulture, $"re-encryption under key {p.KeyId}: done at {finished:O}, {p.Reencrypted} values re-encrypted, {p.Total} rows looked at")
        : string.Create(CultureInfo.InvariantCulture, $"re-encryption under key {p.KeyId}: running or stopped, {p.Scanned} of {p.Total} rows looked at, {p.Reencrypted} values re-encrypted, last progress {p.UpdatedAt:O}");
}
