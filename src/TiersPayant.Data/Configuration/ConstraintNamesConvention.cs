using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace TiersPayant.Data.Configuration;

/// <summary>
/// Keeps EF Core's own names for primary and alternate keys, foreign keys and indexes
/// (<c>PK_sessions</c>, <c>FK_sessions_asp_net_users_account_id</c>,
/// <c>IX_sessions_account_id_ended_at</c>), built from the snake_case table and column names and
/// shortened to the provider's identifier limit as EF Core does. EFCore.NamingConventions would
/// lower-case them (<c>pk_sessions</c>…), and the databases already have these. Names given
/// explicitly (Identity's <c>RoleNameIndex</c>, <c>EmailIndex</c>, <c>UserNameIndex</c>) stay.
/// </summary>
internal sealed class ConstraintNamesConvention : IModelFinalizingConvention
{
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        foreach (var entityType in modelBuilder.Metadata.GetEntityTypes())
        {
            // A name set by a convention is removed (an explicit one cannot be): the default applies.
            foreach (var key in entityType.GetDeclaredKeys())
            {
                key.Builder.HasNoAnnotation(RelationalAnnotationNames.Name);
            }

            foreach (var foreignKey in entityType.GetDeclaredForeignKeys())
            {
                foreignKey.Builder.HasNoAnnotation(RelationalAnnotationNames.Name);
            }

            foreach (var index in entityType.GetDeclaredIndexes())
            {
                index.Builder.HasNoAnnotation(RelationalAnnotationNames.Name);
            }
        }
    }
}
