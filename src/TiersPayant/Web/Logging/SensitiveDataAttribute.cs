using Microsoft.Extensions.Compliance.Classification;

namespace TiersPayant.Web.Logging;

/// <summary>Marks a value as <see cref="TiersPayantTaxonomy.SensitiveData"/>: hashed or erased in logs.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue)]
public sealed class SensitiveDataAttribute : DataClassificationAttribute
{
    public SensitiveDataAttribute()
        : base(TiersPayantTaxonomy.SensitiveData)
    {
    }
}
