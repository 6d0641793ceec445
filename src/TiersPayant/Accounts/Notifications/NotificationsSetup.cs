namespace TiersPayant.Accounts.Notifications;

internal static class NotificationsSetup
{
    /// <summary>The e-mail sender runs only when an SMTP host is configured.</summary>
    public static IServiceCollection AddNotificationMailer(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SmtpOptions.Section);
        services.AddOptions<SmtpOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        if (!string.IsNullOrWhiteSpace(section[nameof(SmtpOptions.Host)]))
        {
            services.AddSingleton<NotificationMailer>();
            services.AddHostedService(provider => provider.GetRequiredService<NotificationMailer>());
        }

        return services;
    }
}
