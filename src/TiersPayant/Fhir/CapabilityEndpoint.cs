using Hl7.Fhir.Model;
using TiersPayant.Accounts.ApiClients;
using TiersPayant.Guard;

namespace TiersPayant.Fhir;

/// <summary><c>GET /fhir/r4/metadata</c>: what this server does, for clients that discover before they call.</summary>
internal static class CapabilityEndpoint
{
    public static RouteHandlerBuilder MapFhirCapability(this IEndpointRouteBuilder fhir) =>
        fhir.MapGet("/metadata", () => FhirIo.Write(Statement()))
            .AllowAnonymous()
            .WithName("FhirCapabilityStatement")
            .WithSummary("The FHIR R4 CapabilityStatement")
            .FhirExchange(null, "CapabilityStatement", "What this server does: resources, operations, security, and the code systems a client sends.")
            .NoPersonalData();

    private static CapabilityStatement Statement() => new()
    {
        Status = PublicationStatus.Active,
        Date = "2025-01-01",
        Publisher = "TiersPayant",
        Kind = CapabilityStatementKind.Instance,
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["json"],
        Implementation = new CapabilityStatement.ImplementationComponent { Description = "TiersPayant third-party payment for complementary health insurance" },
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Documentation = FhirTerminology.Rest,
                Security = new CapabilityStatement.SecurityComponent
                {
                    Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")],
                    Description = "OAuth 2.0 client credentials at " + TokenEndpoint.Path + " (private_key_jwt or a registered TLS client certificate); "
                        + "send 'Authorization: Bearer <token>'. A token acts for one practice. Scopes: eligibility (CoverageEligibilityRequest), "
                        + "agreements (Claim/$submit use=preauthorization), claims (Claim/$submit use=claim, ClaimResponse read).",
                },
                Resource =
                [
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "CoverageEligibilityRequest",
                        Interaction = [new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create }],
                        Documentation = FhirTerminology.CoverageEligibilityRequest,
                    },
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "Claim",
                        Documentation = FhirTerminology.Claim,
                        Operation =
                        [
                            new CapabilityStatement.OperationComponent
                            {
                                Name = "submit",
                                Definition = "http://hl7.org/fhir/us/davinci-pas/OperationDefinition/Claim-submit",
                                Documentation = "A Bundle with one Claim (use preauthorization or claim); answers a Bundle with one ClaimResponse.",
                            },
                        ],
                    },
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "ClaimResponse",
                        Interaction = [new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read }],
                        Documentation = "An invoice's current state by its claimId (FAC-…), with payment (type, date, amount, identifier) once paid.",
                    },
                ],
            },
        ],
    };
}
