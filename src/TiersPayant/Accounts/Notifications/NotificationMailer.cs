using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using TiersPayant.Data;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Accounts.Notifications;

/// <summary>
/// E-mails the account notifications (new device, failed second factor, sessions ended) to their
/// holder, through the configured SMTP relay. Each notification is claimed in the database before
/// it is sent, so several nodes never send it twice; a failed send releases it for the next round.
/// </summary>
internal sealed partial class NotificationMailer(
    IServiceScopeFactory scopes, IOptions<SmtpOptions> options, TimeProvider time, AccountsMetrics metrics, ILogger<NotificationMailer> logger)
    : BackgroundService
{
    private const int Batch = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                await SendPendingAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The relay or the database is down: the outbox keeps everything for the next round.
                LogRoundFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends what is waiting; returns how many were sent.</summary>
    public async Task<int> SendPendingAsync(CancellationToken cancellation)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        // Ones already shown in the portal need no e-mail: their holder has seen them.
        var waiting = await (
            from n in db.Notifications.AsNoTracking()
            join u in db.Users.AsNoTracking() on n.AccountId equals u.Id
            where n.EmailedAt == null && n.ShownAt == null && u.Email != null
            orderby n.Id
            select new { n.Id, n.Kind, n.Detail, u.Email, u.DisplayName }).Take(Batch).ToListAsync(cancellation);
        if (waiting.Count == 0)
        {
            return 0;
        }

        var settings = options.Value;
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(settings.Host!, settings.Port, Socket(settings.Security), cancellation);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellation);
        }

        var sent = 0;
        foreach (var n in waiting)
        {
            var claimed = await db.Notifications.Where(x => x.Id == n.Id && x.EmailedAt == null)
                .ExecuteUpdateAsync(x => x.SetProperty(r => r.EmailedAt, time.GetUtcNow()), cancellation);
            if (claimed == 0)
            {
                continue; // another node has it
            }

            try
            {
                await smtp.SendAsync(Message(settings, n.Email!, n.DisplayName, n.Kind, n.Detail), cancellation);
                metrics.NotificationEmailed(n.Kind, "sent");
                sent++;
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException)
            {
                await db.Notifications.Where(x => x.Id == n.Id)
                    .ExecuteUpdateAsync(x => x.SetProperty(r => r.EmailedAt, (DateTimeOffset?)null), CancellationToken.None);
                metrics.NotificationEmailed(n.Kind, "failed");
                LogSendFailed(logger, n.Id, e.GetType().Name);
                if (e is not SmtpCommandException)
                {
                    break; // the connection is gone
                }
            }
        }

        await smtp.DisconnectAsync(quit: true, cancellation);
        return sent;
    }

    private static MimeMessage Message(SmtpOptions settings, string email, string name, string kind, string detail)
    {
        var message = new MimeMessage { Subject = Subject(kind) };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(new MailboxAddress(name, email));
        message.Body = new TextPart("plain")
        {
            Text = $"""
                Bonjour {name},

                {detail}

                Vous pouvez voir et fermer vos sessions ouvertes dans « Mon compte » sur le portail TiersPayant.
                Ce message est envoyé automatiquement pour protéger votre compte ; ne répondez pas.
                """,
        };
        return message;
    }

    private static string Subject(string kind) => kind switch
    {
        AccountNotifications.NewDevice => "TiersPayant : connexion depuis un nouvel appareil",
        AccountNotifications.SecondFactorFailed => "TiersPayant : votre mot de passe a été utilisé, le second facteur a échoué",
        AccountNotifications.SessionsEnded => "TiersPayant : vos sessions ont été fermées",
        AccountNotifications.AccessContained => "TiersPayant : accès aux données des patients suspendu pour votre cabinet",
        AccountNotifications.AccessRestored => "TiersPayant : accès aux données des patients rétabli pour votre cabinet",
        AccountNotifications.AccessKeptClosed => "TiersPayant : accès aux données des patients maintenu suspendu",
        _ => "TiersPayant : information sur votre compte",
    };

    private static SecureSocketOptions Socket(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => throw new ArgumentOutOfRangeException(nameof(security)),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification e-mails: round failed ({Error}); retried at the next round")]
    private static partial void LogRoundFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} not e-mailed ({Error}); retried at the next round")]
    private static partial void LogSendFailed(ILogger logger, Guid notificationId, string error);
}
