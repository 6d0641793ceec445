using System.Globalization;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Serialization;
using TiersPayant.Tests.Eligibility;
using TiersPayant.Tests.Fhir;

namespace TiersPayant.Tests.Web.Fuzz;

/// <summary>Valid bodies of the endpoints that take one, that the cases then break.</summary>
internal static class FuzzBodies
{
    private static string Today => DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly object[] Glasses =
    [
        new { code = "2999001", quantity = 1, unitPriceCents = 3000, @class = "A" },
        new { code = "2999011", quantity = 1, unitPriceCents = 6000, @class = "B", side = "right" },
        new { code = "2999011", quantity = 1, unitPriceCents = 6000, @class = "B", side = "left" },
    ];

    public static byte[] Eligibility(JsonElement card) => JsonSerializer.SerializeToUtf8Bytes(EligibilityKit.Body(card));

    public static byte[] Agreement(JsonElement card)
    {
        var body = EligibilityKit.Body(card);
        body.Remove("domains");
        body["careDate"] = Today;
        body["domain"] = "optique";
        body["lines"] = Glasses;
        body["prescription"] = new
        {
            date = DateOnly.FromDateTime(DateTime.Today).AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            prescriber = "10000123454",
            correction = new { right = new { sphere = -1m, cylinder = 0m, axis = 0, addition = 0m }, left = new { sphere = -1m, cylinder = 0m, axis = 0, addition = 0m } },
        };
        body["documents"] = new[] { "prescription", "quote" };
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    public static byte[] Claim(string agreementNumber) =>
        JsonSerializer.SerializeToUtf8Bytes(new { agreementNumber, careDate = Today, lines = Glasses });

    public static byte[] FhirEligibility(JsonElement card) => Encoding.UTF8.GetBytes(new FhirJsonSerializer().SerializeToString(FhirKit.Eligibility(card)));

    public static byte[] FhirClaim(JsonElement card) => Encoding.UTF8.GetBytes(new FhirJsonSerializer().SerializeToString(ClaimBuilder.Preauthorization(card)));
}
