using System.Data;
using System.Data.Common;
using System.Reflection;
using ArchUnitNET.Fluent;
using ArchUnitNET.Fluent.Conditions;
using ArchUnitNET.Fluent.Syntax.Elements.Types;
using ArchUnitNET.xUnitV3;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Configuration;
using TiersPayant.Data.Audit;
using TiersPayant.Data.Guard;
using TiersPayant.Data.Members;
using TiersPayant.Data.Protection;
using TiersPayant.Security.Guard;
using TiersPayant.Tests.Architecture.Fixtures;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using ArchLoader = ArchUnitNET.Loader.ArchLoader;
using IType = ArchUnitNET.Domain.IType;
using LoadedArchitecture = ArchUnitNET.Domain.Architecture;
using MethodCallDependency = ArchUnitNET.Domain.Dependencies.MethodCallDependency;

namespace TiersPayant.Tests.Architecture;

/// <summary>
/// Rules on the compiled assemblies, read by ArchUnitNET. Each rule is built once by a helper and
/// checked twice: on the product, where it must hold, and on the deliberate violations in
/// <see cref="Fixtures"/>, where it must report exactly the fixture types written to break it, so
/// a rule that silently stopped seeing anything would fail here. Which endpoints disclose
/// personal data is checked at run time by <c>EveryEndpointIsDeclaredTests</c>, not here.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(TiersPayant.Domain.Money).Assembly;
    private static readonly Assembly Data = typeof(TiersPayantDbContext).Assembly;
    private static readonly Assembly Security = typeof(GuardedBeneficiaries).Assembly;
    private static readonly Assembly Web = typeof(Program).Assembly;
    private static readonly Assembly SqliteMigrations = Assembly.Load(DatabaseProviders.SqliteMigrationsAssembly);
    private static readonly Assembly PostgresMigrations = Assembly.Load(DatabaseProviders.PostgresMigrationsAssembly);
    private static readonly Assembly Tests = typeof(ArchitectureTests).Assembly;

    /// <summary>Copied beside the tests by the project reference (its IL is read, it is never loaded).</summary>
    private const string BenchFile = "TiersPayant.Bench.dll";

    private static readonly string FixturesNamespace = typeof(TakesABeneficiaryRecord).Namespace!;

    /// <summary>Every product assembly, the bench, and the fixtures namespace of this assembly only: loaded once.</summary>
    private static readonly Lazy<LoadedArchitecture> Loaded = new(() => new ArchLoader()
        .LoadAssemblies(Domain, Data, Security, Web, SqliteMigrations, PostgresMigrations)
        .LoadFilteredDirectory(AppContext.BaseDirectory, BenchFile)
        .LoadNamespacesWithinAssembly(Tests, FixturesNamespace)
        .Build());

    private static LoadedArchitecture Product => Loaded.Value;

    private static GivenTypesConjunction FixtureTypes => Types().That().ResideInNamespace(FixturesNamespace);

    [Fact]
    public void The_rules_see_every_product_assembly_the_bench_and_of_the_tests_only_the_fixtures()
    {
        string[] Names(IEnumerable<string> names) => [.. names.Distinct().Order(StringComparer.Ordinal)];

        Assert.Equal(
            Names(["tiers", "TiersPayant.Domain", "TiersPayant.Data", "TiersPayant.Security", "TiersPayant.Data.Migrations.Sqlite",
                "TiersPayant.Data.Migrations.Postgres", "TiersPayant.Bench", "TiersPayant.Tests"]),
            Names(Product.Assemblies.Select(a => a.Name)));
        Assert.Equal(Names(["tiers", "TiersPayant.Domain", "TiersPayant.Bench"]), Names(OutsideTheGuardedPath.GetObjects(Product).Select(t => t.Assembly.Name)));
        Assert.All(Product.Types.Where(t => t.Assembly.Name == Tests.GetName().Name), t => Assert.Equal(FixturesNamespace, t.Namespace.FullName));
    }

    // ---------------------------------------------------------------------------------------
    // 1. Sealed path: beneficiary rows, disclosure records and the field encryption are seen by
    //    the guarded path's assemblies only.
    // ---------------------------------------------------------------------------------------

    /// <summary>The guarded path: the only assemblies that may touch the sealed types.</summary>
    private static readonly Assembly[] GuardedPath = [Data, Security, SqliteMigrations, PostgresMigrations];

    /// <summary>By type, not by name: a move to another namespace keeps this list compiling and true.</summary>
    private static readonly Type[] Sealed =
    [
        typeof(BeneficiaryRecord), typeof(DisclosureRecord), typeof(MatchFailureRecord), typeof(GuardReachRecord), typeof(GuardScopeRecord),
        typeof(FieldCipher), typeof(BlindIndex), typeof(KeyRing), typeof(BeneficiaryProtector),
        typeof(Data.Agreements.AgreementDocumentRecord),
    ];

    private static IArchRule SealedPath(GivenTypesConjunction types) =>
        types.Should().NotDependOnAny(Sealed)
            .Because("a beneficiary is reached only through the guard in TiersPayant.Security, which logs every disclosure; "
                + "outside TiersPayant.Data, TiersPayant.Security and the migrations, use GuardedBeneficiaries and its views");

    /// <summary>The web host, the domain and the bench; the tests' fixtures are not product.</summary>
    private static GivenTypesConjunction OutsideTheGuardedPath =>
        Types().That().DoNotResideInAssembly(GuardedPath[0], GuardedPath[1..]).And().DoNotResideInAssembly(Tests);

    [Fact]
    public void No_type_outside_the_guarded_path_depends_on_beneficiary_rows_disclosure_records_or_the_field_encryption() =>
        SealedPath(OutsideTheGuardedPath).Check(Product);

    [Fact]
    public void The_sealed_path_rule_reports_a_type_that_takes_a_beneficiary_record_uses_the_field_cipher_or_counts_beneficiary_rows() =>
        AssertReportsExactly(SealedPath(FixtureTypes), typeof(TakesABeneficiaryRecord), typeof(UsesTheFieldCipher), typeof(CountsBeneficiaryRows));

    // ---------------------------------------------------------------------------------------
    // 2. Pure domain: TiersPayant.Domain holds rules only, no I/O and no framework.
    // ---------------------------------------------------------------------------------------

    /// <summary>Types in these namespaces or below them (Microsoft.Extensions: below it).</summary>
    private const string FrameworkAndIo =
        @"^(Microsoft\.EntityFrameworkCore|Microsoft\.AspNetCore|System\.IO|System\.Net|System\.Data|Microsoft\.Extensions)\.";

    private static IArchRule PureDomain(GivenTypesConjunction types) =>
        types.Should().NotDependOnAny(Types(includeReferenced: true).That().HaveFullNameMatching(FrameworkAndIo))
            .Because("the domain holds pure rules: files, network, databases, EF Core, ASP.NET Core and Microsoft.Extensions "
                + "belong to TiersPayant.Data, TiersPayant.Security or the web host, which hand the domain plain values");

    [Fact]
    public void Domain_types_depend_on_no_io_database_or_framework_namespace() =>
        PureDomain(Types().That().ResideInAssembly(Domain)).Check(Product);

    [Fact]
    public void The_pure_domain_rule_reports_a_type_that_reads_a_file_or_takes_a_db_context() =>
        AssertReportsExactly(PureDomain(FixtureTypes),
            typeof(ReadsAFile), typeof(TakesADbContext),
            // The raw SQL fixtures use EF Core and ADO.NET too: impure as well.
            typeof(RunsRawSql), typeof(SetsACommandText), typeof(OnlyMigrates));

    // ---------------------------------------------------------------------------------------
    // 3. No raw SQL outside the migrations.
    // ---------------------------------------------------------------------------------------

    /// <summary>The accepted exceptions, by full name, each with its reason. Keep this list short.</summary>
    private static readonly Dictionary<string, string> AcceptedRawSql = new()
    {
        [typeof(BulkInsert).FullName!] = "builds its INSERT statement from the EF model's own metadata (tables, columns, type mappings) "
            + "for bulk seeding, and sets a SQLite PRAGMA on the bulk connection",
        ["TiersPayant.Bench.SeedBenchmark"] = "its baseline inserts rows with plain SQL into a throw-away SQLite file of its own, "
            + "never the platform's database: the floor the seeder's cost is measured against",
    };

    /// <summary>
    /// EF Core's raw SQL entry points, by prefix on their class: ExecuteSql, ExecuteSqlAsync,
    /// ExecuteSqlRaw(Async), ExecuteSqlInterpolated(Async), SqlQuery, SqlQueryRaw, FromSql,
    /// FromSqlRaw, FromSqlInterpolated. The class also holds MigrateAsync and the transaction
    /// helpers, which are allowed.
    /// </summary>
    private static readonly (string DeclaringType, string[] Prefixes)[] EfRawSql =
    [
        (typeof(RelationalDatabaseFacadeExtensions).FullName!,
            [nameof(RelationalDatabaseFacadeExtensions.ExecuteSql), nameof(RelationalDatabaseFacadeExtensions.SqlQuery)]),
        (typeof(RelationalQueryableExtensions).FullName!, [nameof(RelationalQueryableExtensions.FromSql)]),
    ];

    private static IArchRule NoRawSql(GivenTypesConjunction types) => NoRawSql(types, [.. AcceptedRawSql.Keys]);

    private static IArchRule NoRawSql(GivenTypesConjunction types, IReadOnlyCollection<string> exceptions) =>
        types.And().FollowCustomPredicate(t => !exceptions.Contains(t.FullName), exceptions.Count == 0 ? "are any type" : "are not " + string.Join(" or ", exceptions))
            .Should().FollowCustomCondition(RunsNoRawSql, "run no raw SQL (EF Core ExecuteSql*, SqlQuery*, FromSql*, or a DbCommand's CommandText)")
            .Because("SQL is written by the migrations and generated by EF Core from the model; "
                + "a hand-written statement escapes both (write a query, or add the type to AcceptedRawSql with its reason)");

    private static ConditionResult RunsNoRawSql(IType type)
    {
        var calls = type.Members
            .SelectMany(member => member.MemberDependencies.OfType<MethodCallDependency>()
                .Where(call => IsRawSql(call.TargetMember.DeclaringType, MethodName(call.TargetMember.Name)))
                .Select(call => $"{MethodName(member.Name)} calls {call.TargetMember.DeclaringType.FullName}.{MethodName(call.TargetMember.Name)}"))
            .Distinct()
            .ToList();
        return new ConditionResult(type, calls.Count == 0, "runs raw SQL: " + string.Join("; ", calls));
    }

    private static string MethodName(string signature) => signature.Split('(')[0];

    private static bool IsRawSql(IType declaringType, string method) =>
        EfRawSql.Any(api => api.DeclaringType == declaringType.FullName && api.Prefixes.Any(p => method.StartsWith(p, StringComparison.Ordinal)))
        || (method == "set_" + nameof(DbCommand.CommandText) && IsDbCommand(declaringType));

    /// <summary>DbCommand, IDbCommand, or a provider's command (SqliteCommand, NpgsqlCommand), resolved by reflection.</summary>
    private static bool IsDbCommand(IType declaringType) =>
        declaringType.FullName == typeof(DbCommand).FullName
        || declaringType.FullName == typeof(IDbCommand).FullName
        || (Type.GetType(declaringType.AssemblyQualifiedName, throwOnError: false) is { } type && type.IsAssignableTo(typeof(IDbCommand)));

    [Fact]
    public void No_type_outside_the_migrations_runs_raw_sql_but_the_accepted_exceptions() =>
        NoRawSql(Types().That().DoNotResideInAssembly(SqliteMigrations, PostgresMigrations).And().DoNotResideInAssembly(Tests)).Check(Product);

    [Fact]
    public void The_raw_sql_rule_reports_a_type_that_runs_raw_sql_and_not_one_that_only_migrates() =>
        AssertReportsExactly(NoRawSql(FixtureTypes), typeof(RunsRawSql), typeof(SetsACommandText));

    [Fact]
    public void Every_raw_sql_exception_still_runs_raw_sql()
    {
        // Also shows that the rule sees calls into EF Core and ADO.NET from real async code.
        foreach (var exception in AcceptedRawSql.Keys)
        {
            var rule = NoRawSql(Types().That().HaveFullName(exception), exceptions: []);
            Assert.True(rule.Evaluate(Product).Any(), $"{exception} is not in the loaded assemblies: remove it from the exceptions");
            Assert.False(rule.HasNoViolations(Product), $"{exception} runs no raw SQL any more: remove it from the exceptions");
        }
    }

    // ---------------------------------------------------------------------------------------

    /// <summary>The rule fails, its message names each expected fixture type, and it reports no other.</summary>
    private static void AssertReportsExactly(IArchRule rule, params Type[] violators)
    {
        var failure = Assert.Throws<FailedArchRuleException>(() => rule.Check(Product));
        TestContext.Current.TestOutputHelper?.WriteLine(failure.Message);

        var reported = rule.Evaluate(Product).Where(r => !r.Passed).Select(r => ((IType)r.EvaluatedObject).FullName).Order(StringComparer.Ordinal);
        Assert.Equal(violators.Select(v => v.FullName!).Order(StringComparer.Ordinal), reported);
        Assert.All(violators, v => Assert.Contains(v.FullName!, failure.Message, StringComparison.Ordinal));
    }
}
