using System.Text;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Records;

namespace TiersPayant.Data;

/// <summary>The platform's database: the unit of work of every module.</summary>
public sealed class TiersPayantDbContext(DbContextOptions<TiersPayantDbContext> options) : DbContext(options)
{
    public DbSet<InsurerRecord> Insurers => Set<InsurerRecord>();

    public DbSet<ContractPlanRecord> ContractPlans => Set<ContractPlanRecord>();

    public DbSet<GuaranteeRecord> Guarantees => Set<GuaranteeRecord>();

    public DbSet<BeneficiaryRecord> Beneficiaries => Set<BeneficiaryRecord>();

    public DbSet<PracticeRecord> Practices => Set<PracticeRecord>();

    public DbSet<PlatformSetting> Settings => Set<PlatformSetting>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InsurerRecord>(e =>
        {
            e.ToTable("insurers");
            e.HasKey(i => i.Amc);
            e.Property(i => i.Amc).HasMaxLength(10);
            e.Property(i => i.Name).HasMaxLength(200);
            e.Property(i => i.ConventionType).HasMaxLength(50);
            e.Property(i => i.RoutingCriterion).HasMaxLength(50);
            e.HasMany(i => i.Contracts).WithOne().HasForeignKey(c => c.InsurerAmc);
        });
        modelBuilder.Entity<ContractPlanRecord>(e =>
        {
            e.ToTable("contract_plans");
            e.Property(c => c.Code).HasMaxLength(30);
            e.Property(c => c.Name).HasMaxLength(200);
            e.HasIndex(c => new { c.InsurerAmc, c.Code }).IsUnique();
            e.HasMany(c => c.Guarantees).WithOne().HasForeignKey(g => g.ContractPlanId);
        });
        modelBuilder.Entity<GuaranteeRecord>(e =>
        {
            e.ToTable("guarantees");
            e.Property(g => g.Domain).HasMaxLength(30);
            e.HasIndex(g => new { g.ContractPlanId, g.Domain }).IsUnique();
        });
        modelBuilder.Entity<BeneficiaryRecord>(e =>
        {
            e.ToTable("beneficiaries");
            e.HasOne<InsurerRecord>().WithMany().HasForeignKey(b => b.InsurerAmc).OnDelete(DeleteBehavior.Restrict);
            e.Property(b => b.MemberIndex).HasMaxLength(32);
            e.Property(b => b.IdentityIndex).HasMaxLength(32);
            e.Property(b => b.NirIndex).HasMaxLength(32);
            e.Property(b => b.Relationship).HasMaxLength(10);
            e.Property(b => b.ContractCode).HasMaxLength(30);
            e.HasIndex(b => b.IdentityIndex).IsUnique();
            e.HasIndex(b => b.MemberIndex);
            e.HasIndex(b => b.NirIndex);
        });
        modelBuilder.Entity<PracticeRecord>(e =>
        {
            e.ToTable("practices");
            e.Property(p => p.Profession).HasMaxLength(30);
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.City).HasMaxLength(100);
            e.Property(p => p.BillingNumber).HasMaxLength(9);
            e.Property(p => p.Finess).HasMaxLength(9);
            e.HasIndex(p => p.BillingNumber).IsUnique();
        });
        modelBuilder.Entity<PlatformSetting>(e =>
        {
            e.ToTable("platform_settings");
            e.HasKey(s => s.Key);
            e.Property(s => s.Key).HasMaxLength(100);
            e.Property(s => s.Value).HasMaxLength(1000);
        });

        UseSnakeCaseColumns(modelBuilder);
    }

    // Operators read PostgreSQL with psql: unquoted snake_case names are what they type.
    private static void UseSnakeCaseColumns(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    private static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
