using System.CommandLine;
using Microsoft.IdentityModel.Tokens;
using TiersPayant.Data.Configuration;
using TiersPayant.Domain;
using TiersPayant.Security.Accounts.ApiClients;

namespace TiersPayant.Cli;

/// <summary>
/// <c>tiers clients add --practice ID</c>: issues an API client for a practice's software;
/// <c>tiers clients add --auditor NAME</c>: one for an auditor of the disclosure log.
/// </summary>
internal static class ClientsCommand
{
    public const string KeysFolder = "clients";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var data = CommonOptions.Data();
        var practice = new Option<string>("--practice") { Description = "Identifier of the practice whose software the client is (as in the demo credentials file)." };
        var auditor = new Option<string>("--auditor") { Description = "Instead of --practice: the name of an auditor (an insurer, a supervisory authority, a witness) whose client reads only the disclosure log's checkpoints, tiles and proofs (scope audit)." };
        auditor.Validators.Add(r => { if (r.GetValueOrDefault<string>() is not { Length: >= 2 and <= 100 } given || string.IsNullOrWhiteSpace(given)) { r.AddError("--auditor must be a name of 2 to 100 characters."); } });
        var name = new Option<string?>("--name") { Description = "A name for the client, e.g. the software's (default: 'Logiciel de <practice name>')." };
        var jwks = new Option<FileInfo>("--jwks") { Description = "A JSON Web Key Set of the client's public signing keys (EC P-256/384/521 or RSA 2048+), for signed client assertions (private_key_jwt)." };
        var certificate = new Option<FileInfo>("--certificate") { Description = "The client's self-signed TLS certificate (PEM or DER; v3, digitalSignature, clientAuth), for mutual TLS." };
        jwks.AcceptExistingOnly();
        certificate.AcceptExistingOnly();
        practice.Validators.Add(r => { if (!Guid.TryParse(r.GetValueOrDefault<string>(), out _)) { r.AddError("--practice must be a practice identifier (32 hexadecimal digits)."); } });
        name.Validators.Add(r => { if (r.GetValueOrDefault<string?>() is { Length: > 100 }) { r.AddError("--name must be at most 100 characters."); } });

        var add = new Command("add", "Registers an OAuth 2.0 client (client credentials) for a practice (or, with --auditor, for an auditor of the disclosure log) and prints its client id. Without --jwks or --certificate, generates an ECDSA P-256 key pair, keeps the public key and writes the private key to DATA/clients/<client id>.pem (readable by its owner only): hand it to the practice and delete it here.")
        {
            data, practice, auditor, name, jwks, certificate,
        };
        add.Validators.Add(r =>
        {
            if ((r.GetResult(practice) is null) == (r.GetResult(auditor) is null))
            {
                r.AddError("Give --practice ID (a practice's software) or --auditor NAME (an auditor of the disclosure log).");
            }

            if (r.GetResult(jwks) is not null && r.GetResult(certificate) is not null)
            {
                r.AddError("Give --jwks or --certificate, not both.");
            }
        });
        add.SetAction(async (parse, cancellation) =>
        {
            GeneratedClientKey? generated = null;
            JsonWebKeySet keys;
            try
            {
                keys = parse.GetValue(jwks) is { } jwksFile ? ClientKeys.ReadKeySet(await File.ReadAllTextAsync(jwksFile.FullName, cancellation))
                    : parse.GetValue(certificate) is { } certificateFile ? ClientKeys.FromCertificate(await File.ReadAllBytesAsync(certificateFile.FullName, cancellation), DateTimeOffset.UtcNow)
                    : (generated = ClientKeys.Generate()).PublicKeys;
            }
            catch (ClientKeyException invalid)
            {
                await error.WriteLineAsync($"{(parse.GetValue(jwks) is not null ? "--jwks" : "--certificate")}: {invalid.Message}");
                return TiersCli.BadUsage;
            }

            return await CliHost.RunAsync(parse.GetValue(data)!, async services =>
            {
                string clientId;
                var registry = services.GetRequiredService<ApiClientRegistry>();
                if (parse.GetValue(auditor) is { } auditorName)
                {
                    clientId = await registry.AddAuditorAsync(auditorName, keys, cancellation);
                }
                else
                {
                    var practiceId = new PracticeId(Guid.Parse(parse.GetValue(practice)!));
                    try
                    {
                        clientId = await registry.AddAsync(practiceId, parse.GetValue(name), keys, cancellation);
                    }
                    catch (UnknownPracticeException)
                    {
                        await error.WriteLineAsync($"--practice: no practice has identifier {practiceId}.");
                        return TiersCli.BadUsage;
                    }
                }

                await output.WriteLineAsync($"client id: {clientId}");
                if (generated is not null)
                {
                    var path = await WritePrivateKeyAsync(services.GetRequiredService<IConfiguration>().DataDirectory(), clientId, generated.PrivateKeyPem, cancellation);
                    await output.WriteLineAsync($"key id: {generated.KeyId}");
                    await output.WriteLineAsync($"private key: {path}");
                }

                return 0;
            }, cancellation);
        });

        return new Command("clients", "API clients: the practices' software.") { add };
    }

    private static async Task<string> WritePrivateKeyAsync(string dataDirectory, string clientId, string pem, CancellationToken cancellation)
    {
        var folder = Path.Combine(dataDirectory, KeysFolder);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var path = Path.Combine(folder, clientId + ".pem");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(pem.AsMemory(), cancellation);
        return path;
    }
}
