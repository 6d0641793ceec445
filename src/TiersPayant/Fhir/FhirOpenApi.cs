using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace TiersPayant.Fhir;

/// <summary>
/// FHIR operations in the OpenAPI document: bodies are FHIR R4 JSON resources, described by one
/// schema per resource type (<c>Fhir…</c>: an object whose <c>resourceType</c> names the type,
/// the rest as the FHIR specification defines it), errors by <c>FhirOperationOutcome</c>.
/// </summary>
internal static class FhirOpenApi
{
    private const string Specification = "https://hl7.org/fhir/R4/";

    /// <summary>Declares the FHIR resource the operation reads (if any) and the one it answers with 200.</summary>
    public static RouteHandlerBuilder FhirExchange(this RouteHandlerBuilder builder, string? request, string response, string responseDescription) =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            var document = context.Document!;
            if (request is not null)
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = $"A FHIR R4 {request} resource (FHIR JSON, UTF-8).",
                    Content = new Dictionary<string, OpenApiMediaType> { [FhirIo.MediaType] = new() { Schema = Schema(document, request) } },
                };
            }

            operation.Responses ??= [];
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = responseDescription,
                Content = new Dictionary<string, OpenApiMediaType> { [FhirIo.MediaType] = new() { Schema = Schema(document, response) } },
            };
            return Task.CompletedTask;
        });

    /// <summary>A reference to the schema of <paramref name="resourceType"/>, added to the document's components on first use.</summary>
    public static IOpenApiSchema Schema(OpenApiDocument document, string resourceType)
    {
        var name = "Fhir" + resourceType;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(name))
        {
            document.Components.Schemas[name] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = $"A FHIR R4 {resourceType} resource in FHIR JSON: its elements as the FHIR specification defines them.",
                ExternalDocs = new OpenApiExternalDocs
                {
                    Description = $"{resourceType} in the FHIR R4 specification",
                    Url = new Uri(Specification + resourceType.ToLowerInvariant() + ".html"),
                },
                Required = new HashSet<string> { "resourceType" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["resourceType"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(resourceType)], Description = "The resource type." },
                },
                AdditionalPropertiesAllowed = true,
            };
        }

        return new OpenApiSchemaReference(name, document);
    }
}
