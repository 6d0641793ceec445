using Microsoft.Extensions.Compliance.Classification;

namespace TiersPayant.Web.Logging;

/// <summary>Marks a value as <see cref="TiersPayantTaxonomy.PersonalData"/>: erased from every log.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue)]
public sealed class PersonalDataAttribute : DataClassificationAttribute
{
    public PersonalDataAttribute()
        : base(TiersPayantTaxonomy.PersonalData)
    {
    }
}
