using System.Text.Json;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace TiersPayant.Tests.Fhir;

/// <summary>
/// Firely's validator against the FHIR R4 core specification (the specification.zip of
/// Hl7.Fhir.Specification.Data.R4, copied beside the tests): the JSON is first read strictly
/// (unknown or misplaced members, wrong types), then validated against the base
/// StructureDefinitions (cardinality, invariants, required bindings through the local terminology).
/// </summary>
internal static class R4Validator
{
    private static readonly Lazy<Validator> Instance = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver, LocalTerminologyService.CreateDefaultForCore(resolver));
    });

    private static readonly FhirJsonDeserializer Strict = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    /// <summary>The errors (and fatal issues) the validator finds in <paramref name="json"/>, each with where it is; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(string json)
    {
        Resource? resource;
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
            if (!Strict.TryDeserializeResource(ref reader, out resource, out var issues))
            {
                return [.. issues.Select(i => $"{(i as Hl7.Fhir.Utility.ExtendedCodedException)?.InstancePath ?? "$"}: {i.ErrorCode} {i.Message}")];
            }
        }
        catch (JsonException e)
        {
            return ["$: not JSON: " + e.Message];
        }

        var outcome = Instance.Value.Validate(resource!);
        return [.. outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{string.Join(", ", i.Expression)}: {i.Details?.Text ?? i.Diagnostics}")];
    }
}
