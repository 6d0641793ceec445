using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenIddict.EntityFrameworkCore.Models;

namespace TiersPayant.Data.Accounts;

/// <summary>
/// The snake_case names of OpenIddict's tables (API clients, authorizations, scopes, tokens).
/// OpenIddict names its tables explicitly (OpenIddictApplications, …), and the naming convention
/// rewrites only the names it chose itself, so they are given here.
/// </summary>
internal sealed class OpenIddictTablesConfiguration :
    IEntityTypeConfiguration<OpenIddictEntityFrameworkCoreApplication<Guid>>,
    IEntityTypeConfiguration<OpenIddictEntityFrameworkCoreAuthorization<Guid>>,
    IEntityTypeConfiguration<OpenIddictEntityFrameworkCoreScope<Guid>>,
    IEntityTypeConfiguration<OpenIddictEntityFrameworkCoreToken<Guid>>
{
    public void Configure(EntityTypeBuilder<OpenIddictEntityFrameworkCoreApplication<Guid>> builder) => builder.ToTable("open_iddict_applications");

    public void Configure(EntityTypeBuilder<OpenIddictEntityFrameworkCoreAuthorization<Guid>> builder) => builder.ToTable("open_iddict_authorizations");

    public void Configure(EntityTypeBuilder<OpenIddictEntityFrameworkCoreScope<Guid>> builder) => builder.ToTable("open_iddict_scopes");

    public void Configure(EntityTypeBuilder<OpenIddictEntityFrameworkCoreToken<Guid>> builder) => builder.ToTable("open_iddict_tokens");
}
