using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using TiersPayant.Data;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Accounts;

public sealed class NotificationEmailTests
{
    [Fact]
    public async Task A_right_password_with_a_wrong_code_is_emailed_to_the_account_holder_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Assert.Equal(0, (await database.RunAsync("seed", "--beneficiaries", "20", "--practices", "4")).ExitCode);
        await using var relay = await Relay.StartAsync();
        database.Settings["Notifications:Smtp:Host"] = "127.0.0.1";
        database.Settings["Notifications:Smtp:Port"] = relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        database.Settings["Notifications:Smtp:Security"] = "None";
        database.Settings["Notifications:Smtp:PollInterval"] = "00:00:00.2";
        await using var factory = new PlatformFactory(database);
        var account = (await DemoAccount.ReadAsync(database))[1];
        using var attacker = new PortalBrowser(factory, TimeProvider.System, "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0");

        await attacker.PasswordAsync(account.Login, account.Password);
        await attacker.CodeAsync("000000");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        var mail = await relay.Received.Reader.ReadAsync(deadline.Token);

        Assert.Equal($"{account.Login}@demo.tierspayant.invalid", ((MailboxAddress)mail.To.Single()).Address);
        Assert.Contains("le second facteur a échoué", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Firefox sur Windows", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(account.Password, mail.TextBody, StringComparison.Ordinal);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        var notification = await db.Notifications.SingleAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(notification.EmailedAt);
        Assert.False(relay.Received.Reader.TryRead(out _));
    }

    /// <summary>A real SMTP server on a loopback port, keeping what it receives.</summary>
    private sealed class Relay : MessageStore, IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _running = Task.CompletedTask;

        public Channel<MimeMessage> Received { get; } = Channel.CreateUnbounded<MimeMessage>();

        public int Port { get; private set; }

        public static async Task<Relay> StartAsync()
        {
            var relay = new Relay();
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                relay.Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var options = new SmtpServerOptionsBuilder().ServerName("relay.test")
                .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, relay.Port))).Build();
            var services = new SmtpServer.ComponentModel.ServiceProvider();
            services.Add(relay);
            relay._running = new SmtpServer.SmtpServer(options, services).StartAsync(relay._stop.Token);
            await Task.Yield();
            return relay;
        }

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            await Received.Writer.WriteAsync(await MimeMessage.LoadAsync(stream, cancellationToken), cancellationToken);
            return SmtpResponse.Ok;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
                // stopped
            }

            _stop.Dispose();
        }
    }
}
