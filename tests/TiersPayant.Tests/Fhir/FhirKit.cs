using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.AspNetCore.TestHost;
using TiersPayant.Tests.Eligibility;

namespace TiersPayant.Tests.Fhir;

/// <summary>Firely's FhirClient against the test server, and FHIR builders for the demo's sample cards.</summary>
internal static class FhirKit
{
    public const string Base = "http://localhost/fhir/r4";

    public static string Today => DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Firely's client with <paramref name="token"/> (none: anonymous); every answer is recorded in <see cref="FhirResponses"/>.</summary>
    public static FhirClient Client(EligibilityKit kit, string? token) =>
        new(Base, new FhirClientSettings { PreferredFormat = ResourceFormat.Json }, new Bearer(token) { InnerHandler = Recorded(kit) });

    /// <summary>A plain HTTP client for what Firely's client would not send; every FHIR answer is recorded in <see cref="FhirResponses"/>.</summary>
    public static HttpClient Http(EligibilityKit kit) => Http(kit.Factory.Server);

    /// <inheritdoc cref="Http(EligibilityKit)"/>
    public static HttpClient Http(TestServer server) => new(new FhirResponses.Recorder { InnerHandler = server.CreateHandler() }) { BaseAddress = new Uri("http://localhost") };

    private static FhirResponses.Recorder Recorded(EligibilityKit kit) => new() { InnerHandler = kit.Factory.Server.CreateHandler() };

    /// <summary>The card's person and card as contained Patient and Coverage, optionally with another last name.</summary>
    public static List<Resource> Presented(JsonElement card, string? lastName = null) =>
    [
        new Patient
        {
            Id = "patient",
            Name = [new HumanName { Family = lastName ?? card.GetProperty("lastName").GetString(), Given = [card.GetProperty("firstName").GetString()!] }],
            BirthDate = card.GetProperty("birthDate").GetString(),
            MultipleBirth = new Integer(card.GetProperty("birthRank").GetInt32()),
        },
        new Coverage
        {
            Id = "coverage",
            Status = FinancialResourceStatusCodes.Active,
            Beneficiary = new ResourceReference("#patient"),
            Payor = [new ResourceReference { Identifier = new Identifier("urn:tierspayant:fhir:amc", card.GetProperty("insurer").GetString()) }],
            SubscriberId = card.GetProperty("memberNumber").GetString(),
        },
    ];

    public static CoverageEligibilityRequest Eligibility(JsonElement card, string? lastName = null) => new()
    {
        Identifier = [new Identifier("urn:test", "check-1")],
        Status = FinancialResourceStatusCodes.Active,
        Purpose = [CoverageEligibilityRequest.EligibilityRequestPurpose.Validation, CoverageEligibilityRequest.EligibilityRequestPurpose.Benefits],
        Patient = new ResourceReference("#patient"),
        Created = Today,
        Insurer = new ResourceReference { Display = "AMC" },
        Serviced = new Date(Today),
        Contained = Presented(card, lastName),
        Insurance = [new CoverageEligibilityRequest.InsuranceComponent { Coverage = new ResourceReference("#coverage") }],
        Item = [.. card.GetProperty("domains").EnumerateArray().Select(d => new CoverageEligibilityRequest.DetailsComponent
        {
            Category = new CodeableConcept("urn:tierspayant:fhir:care-domain", d.GetString()),
        })],
    };

    /// <summary>Class A glasses (frame, two lenses), as in the REST tests, as Claim items.</summary>
    public static List<Claim.ItemComponent> ClassAGlasses() =>
    [
        Item(1, "2999001", 30m, "A", null),
        Item(2, "2999011", 60m, "B", "right"),
        Item(3, "2999011", 60m, "B", "left"),
    ];

    private static Claim.ItemComponent Item(int sequence, string code, decimal price, string? equipmentClass, string? side) => new()
    {
        Sequence = sequence,
        ProductOrService = new CodeableConcept("urn:tierspayant:fhir:product", code),
        Quantity = new Quantity { Value = 1 },
        UnitPrice = new Money { Value = price, Currency = Money.Currencies.EUR },
        Modifier =
        [
            .. equipmentClass is null ? [] : new[] { new CodeableConcept("urn:tierspayant:fhir:equipment-class", equipmentClass) },
            .. side is null ? [] : new[] { new CodeableConcept("urn:tierspayant:fhir:side", side) },
        ],
    };

    private sealed class Bearer(string? token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
