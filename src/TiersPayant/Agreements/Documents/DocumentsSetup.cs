using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace TiersPayant.Agreements.Documents;

/// <summary>Documents attached to prior-agreement requests: the size limit, and the request form that carries them.</summary>
internal static class DocumentsSetup
{
    /// <summary>The page whose form carries documents.</summary>
    public const string RequestPage = "/Agreements/Pages/PrisesEnCharge/Index";

    public static IServiceCollection AddAgreementDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DocumentOptions>().Bind(configuration.GetSection(DocumentOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DocumentOptions>, DocumentOptionsValidation>();
        services.AddSingleton<DocumentUploads>();
        // The request page reads up to one document of each kind: its body limit rises to match,
        // and the whole form stays in memory while it is read (never a clear copy in a temporary file).
        services.AddOptions<RazorPagesOptions>().Configure<IOptions<DocumentOptions>>((pages, documents) =>
            pages.Conventions.AddPageApplicationModelConvention(RequestPage, page =>
            {
                var limit = documents.Value.FormBodyLimit;
                page.EndpointMetadata.Add(new RequestSizeLimitAttribute(limit));
                page.EndpointMetadata.Add(new RequestFormLimitsAttribute { MemoryBufferThreshold = (int)limit, MultipartBodyLengthLimit = limit });
            }));
        return services;
    }
}

/// <summary>Refuses to start with a size limit out of bounds, naming the field.</summary>
internal sealed class DocumentOptionsValidation : IValidateOptions<DocumentOptions>
{
    public ValidateOptionsResult Validate(string? name, DocumentOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
