using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.ApiClients;

/// <summary>
/// Mutual TLS through a real handshake: the in-memory test server carries no TLS, so the platform
/// runs on Kestrel at 127.0.0.1 with an HTTPS endpoint that asks for client certificates, configured
/// the way an operator would (Kestrel:Endpoints:…:ClientCertificateMode).
/// </summary>
public sealed class MutualTlsTests
{
    [Fact]
    public async Task A_registered_self_signed_certificate_gets_a_token_and_any_other_does_not()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var practice = Practices(await SeedAsync(database))[1];
        using var registered = ClientCertificate("CN=Logiciel optique");
        var certificatePath = Path.Combine(database.DataDirectory, "software.crt");
        await File.WriteAllTextAsync(certificatePath, registered.ExportCertificatePem(), Cancellation);
        var (clientId, keyId, _) = await AddClientAsync(database, "--practice", practice.Id, "--certificate", certificatePath);
        Assert.Null(keyId);

        using var server = ServerCertificate();
        var pfx = Path.Combine(database.DataDirectory, "server.pfx");
        await File.WriteAllBytesAsync(pfx, server.Export(X509ContentType.Pfx, "test"), Cancellation);
        database.Settings["Kestrel:Endpoints:Api:Url"] = "https://127.0.0.1:0";
        database.Settings["Kestrel:Endpoints:Api:ClientCertificateMode"] = "AllowCertificate";
        database.Settings["Kestrel:Endpoints:Api:Certificate:Path"] = pfx;
        database.Settings["Kestrel:Endpoints:Api:Certificate:Password"] = "test";
        await using var factory = new PlatformFactory(database);
        factory.UseKestrel();
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Single(a => a.StartsWith("https://", StringComparison.Ordinal));

        using (var https = Client(address, server, registered))
        {
            var token = await AccessTokenAsync(await RequestTokenAsync(https, ("grant_type", "client_credentials"), ("client_id", clientId)));
            Assert.Equal(HttpStatusCode.OK, (await GetPracticeAsync(https, practice.Id, token)).StatusCode);
        }

        using var stranger = ClientCertificate("CN=Logiciel optique");
        using (var https = Client(address, server, stranger))
        {
            var response = await RequestTokenAsync(https, ("grant_type", "client_credentials"), ("client_id", clientId));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("\"invalid_client\"", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        }

        using (var https = Client(address, server, clientCertificate: null))
        {
            // No certificate, no assertion, no secret: a client-authentication failure like any other.
            var response = await RequestTokenAsync(https, ("grant_type", "client_credentials"), ("client_id", clientId));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    private static HttpClient Client(string address, X509Certificate2 server, X509Certificate2? clientCertificate)
    {
        var handler = new HttpClientHandler
        {
            ClientCertificateOptions = ClientCertificateOption.Manual,
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == server.Thumbprint,
        };
        if (clientCertificate is not null)
        {
            handler.ClientCertificates.Add(clientCertificate);
        }

        return new HttpClient(handler, disposeHandler: true) { BaseAddress = new Uri(address) };
    }

    /// <summary>What a practice's software makes for itself: self-signed, for TLS client authentication.</summary>
    internal static X509Certificate2 ClientCertificate(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        // Through PKCS#12 so that SslStream can use the private key on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private static X509Certificate2 ServerCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
