namespace TiersPayant.Fhir;

/// <summary>The FHIR R4 surface under <c>/fhir/r4</c>: the same rules, guard and audit as the REST API.</summary>
internal static class FhirSetup
{
    public const string Base = "/fhir/r4";

    public static IEndpointRouteBuilder MapFhir(this IEndpointRouteBuilder endpoints)
    {
        var fhir = endpoints.MapGroup(Base).WithTags("FHIR R4");
        fhir.MapFhirCapability();
        fhir.MapFhirEligibility();
        fhir.MapFhirClaimSubmit();
        fhir.MapFhirClaimResponse();
        return endpoints;
    }
}
