using System.Globalization;
using EFCore.NamingConventions.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;

namespace TiersPayant.Data.Configuration;

/// <summary>
/// EFCore.NamingConventions' snake_case convention (put in its place: see
/// <see cref="TiersPayantDbContext"/>), except that the column holding a JSON document keeps the
/// name it was given: Identity's passkey data is in <c>asp_net_user_passkeys."Data"</c>, which the
/// convention would rename <c>data</c> whatever name is set. The document's own property names are
/// not rewritten by either.
/// </summary>
/// <remarks>
/// The convention lower-cases the column each time its name is set, so a later configuration
/// cannot put the name back: this subclass lets it do the rest of its work on the owned type
/// (table and column names dropped) and then restores the name given. Conventions run delayed,
/// so the changes it makes come back later as events of their own: they are recognised by their
/// value (the name given or its rewriting) and left alone.
/// </remarks>
internal sealed class SnakeCaseNamesConvention(ProviderConventionSetBuilderDependencies dependencies)
    : NameRewritingConvention(dependencies, Rewriter), IEntityTypeAnnotationChangedConvention
{
    private static readonly SnakeCaseNameRewriter Rewriter = new(CultureInfo.InvariantCulture);

    private readonly Dictionary<IConventionEntityType, string> _given = [];

    void IEntityTypeAnnotationChangedConvention.ProcessEntityTypeAnnotationChanged(
        IConventionEntityTypeBuilder entityTypeBuilder,
        string name,
        IConventionAnnotation? annotation,
        IConventionAnnotation? oldAnnotation,
        IConventionContext<IConventionAnnotation> context)
    {
        var entityType = entityTypeBuilder.Metadata;
        if (name != RelationalAnnotationNames.ContainerColumnName || annotation?.Value is not string column)
        {
            ProcessEntityTypeAnnotationChanged(entityTypeBuilder, name, annotation, oldAnnotation, context);
            return;
        }

        if (_given.TryGetValue(entityType, out var given) && (column == given || column == Rewriter.RewriteName(given)))
        {
            if (entityType.GetContainerColumnName() != given)
            {
                entityType.SetContainerColumnName(given);
            }

            return;
        }

        _given[entityType] = column;
        ProcessEntityTypeAnnotationChanged(entityTypeBuilder, name, annotation, oldAnnotation, context);
        entityType.SetContainerColumnName(column);
    }
}
