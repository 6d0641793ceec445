using Microsoft.Extensions.DependencyInjection.Extensions;
using TiersPayant.Eligibility;
using TiersPayant.Accounts.ApiClients;
using TiersPayant.Agreements;
using TiersPayant.Web;
using TiersPayant.Security.Guard;

namespace TiersPayant.Guard;

/// <summary>The guarded data path and the professional services built on it.</summary>
internal static class GuardSetup
{
    public static IServiceCollection AddProfessionalServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GuardOptions>().Bind(configuration.GetSection(GuardOptions.Section));
        services.AddScoped<Actors>();
        services.TryAddSingleton<PracticeProfessions>();
        services.AddHostedService<GuardPruning>();
        services.AddHostedService<Audit.Checkpointing>();
        services.AddScoped<PatientReveal>();
        services.AddScoped<EligibilityCheck>();
        services.TryAddScoped<Agreements.BenefitContexts>();
        services.AddScoped<Agreements.AgreementRequests>();
        Agreements.Documents.DocumentsSetup.AddAgreementDocuments(services, configuration);
        services.TryAddScoped<Claims.ClaimAdjudicator>();
        services.TryAddScoped<Claims.ClaimSubmissions>();
        return services;
    }

    public static IEndpointRouteBuilder MapProfessionalServices(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiVersion1();
        api.MapEligibility();
        api.MapReferenceCodes();
        api.MapPracticeProfile();
        Agreements.AgreementsEndpoints.MapAgreements(api);
        Claims.ClaimsEndpoints.MapClaims(api);
        Claims.Batches.ClaimBatchJobsEndpoints.MapClaimBatches(api);
        Payments.PaymentsEndpoints.MapPayments(api);
        Fhir.FhirSetup.MapFhir(endpoints);
        endpoints.MapGuardCharts();
        Payments.InsurerCharts.MapInsurerCharts(endpoints);
        Audit.AuditEndpoints.MapAuditLog(endpoints);
        return endpoints;
    }
}
