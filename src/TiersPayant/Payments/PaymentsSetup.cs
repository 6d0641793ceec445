using Microsoft.Extensions.Options;

namespace TiersPayant.Payments;

/// <summary>The Payments module: runs, their files, the ledger check, and the daily schedule on a server.</summary>
internal static class PaymentsSetup
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PaymentsOptions>().Bind(configuration.GetSection(PaymentsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PaymentsOptions>, PaymentsOptionsValidation>();
        services.AddSingleton<PaymentFiles>();
        services.AddSingleton<PaymentRuns>();
        services.AddSingleton<InsurerBilling>();
        services.AddSingleton(sp => new PaymentLauncher(sp.GetRequiredService<PaymentRuns>(), sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<PaymentLauncher>>()));
        services.AddScoped<LedgerCheck>();
        services.AddScoped<Remittances>();
        services.AddScoped<ClaimPayments>();
        services.AddScoped<InsurerStatements>();
        return services;
    }

    /// <summary>The daily run, on a server only (operator verbs do not schedule).</summary>
    public static IServiceCollection AddPaymentSchedule(this IServiceCollection services) =>
        services.AddHostedService<PaymentSchedule>();
}

/// <summary>Refuses to start with settings a run could not use, naming the field.</summary>
internal sealed class PaymentsOptionsValidation : IValidateOptions<PaymentsOptions>
{
    public ValidateOptionsResult Validate(string? name, PaymentsOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}

/// <summary>
/// Starts a payment run every working day at <see cref="PaymentsOptions.RunAt"/> (Paris time) when
/// <see cref="PaymentsOptions.Schedule"/> is on, then a billing run (insurers are billed each day
/// for what was paid on their behalf). Every node may run it: each run's lease lets one through,
/// the others find it taken and wait for the next day.
/// </summary>
internal sealed partial class PaymentSchedule(PaymentRuns runs, InsurerBilling billing, IOptions<PaymentsOptions> options, TimeProvider time, ILogger<PaymentSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Schedule)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Next(Web.Localization.ParisTime.Now(time)) - time.GetUtcNow(), time, stoppingToken);
            try
            {
                var outcome = await runs.RunAsync("schedule", null, stoppingToken);
                if (outcome.Problem is { } problem)
                {
                    LogNotRun(logger, problem);
                }

                if ((await billing.RunAsync(stoppingToken)).Problem is { } notBilled)
                {
                    LogNotRun(logger, notBilled);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException)
            {
                LogFailed(logger, e);
            }
        }
    }

    /// <summary>The next working day's run time after <paramref name="now"/> (Paris time).</summary>
    internal DateTimeOffset Next(DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(now.DateTime);
        while (true)
        {
            var at = Web.Localization.ParisTime.FromLocal(day.ToDateTime(options.Value.RunAt));
            if (at > now && Domain.Payments.WorkingDays.IsWorkingDay(day))
            {
                return at;
            }

            day = day.AddDays(1);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A scheduled payment or billing run did not run: {Problem}")]
    private static partial void LogNotRun(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduled payment run failed; the next run takes it up.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
