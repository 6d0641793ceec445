using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Schema;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Payments;

/// <summary>
/// The SEPA schemas, read where they live — the shared folder beside the checkout — never copied
/// into the repository; and validation of a file against them that fails on any error or warning.
/// </summary>
internal static class SepaSchemas
{
    public const string Variable = "TIERSPAYANT_SEPA_SCHEMAS";
    public const string CreditTransfer = "pain.001.001.09.xsd";
    public const string DirectDebit = "pain.008.001.02.xsd";

    private const string DefaultFolder = "/work/shared/schemas";

    private static readonly Lazy<(string? Folder, string Missing)> Located = new(Locate);
    private static readonly ConcurrentDictionary<string, XmlSchemaSet> Compiled = new(StringComparer.Ordinal);

    // A compiled schema set is not documented as safe for concurrent validation; the property
    // tests validate from several threads.
    private static readonly Lock Gate = new();

    /// <summary>The folder of the schemas, or a skip (a failure under CI) saying how to provide it.</summary>
    public static string RequireFolder()
    {
        var (folder, missing) = Located.Value;
        if (folder is not null)
        {
            return folder;
        }

        var how = missing + $" Set {Variable} to the folder holding {CreditTransfer} and {DirectDebit}, " +
            "or check the repository out beside the shared folder (its ../shared/schemas).";
        if (TestEnvironment.IsCi)
        {
            Assert.Fail("CI=true but the SEPA schemas are missing. " + how);
        }

        Assert.Skip(how);
        return string.Empty;
    }

    /// <summary>Every error and warning of <paramref name="xml"/> against <paramref name="schema"/>; none when valid.</summary>
    public static IReadOnlyList<string> Problems(byte[] xml, string schema)
    {
        var set = Compiled.GetOrAdd(schema, Compile);
        var problems = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = set,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.ProcessIdentityConstraints,
            DtdProcessing = DtdProcessing.Prohibit,
        };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} at {e.Exception.LineNumber}:{e.Exception.LinePosition}: {e.Message}");
        lock (Gate)
        {
            using var reader = XmlReader.Create(new MemoryStream(xml), settings);
            while (reader.Read())
            {
            }
        }

        return problems;
    }

    /// <summary>Fails with the validation messages unless <paramref name="xml"/> is valid.</summary>
    public static void AssertValid(byte[] xml, string schema)
    {
        var problems = Problems(xml, schema);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static XmlSchemaSet Compile(string schema)
    {
        var set = new XmlSchemaSet();
        var problems = new List<string>();
        set.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity}: {e.Message}");
        using (var reader = XmlReader.Create(Path.Combine(RequireFolder(), schema), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            set.Add(null, reader);
        }

        set.Compile();
        Assert.True(problems.Count == 0, $"{schema} does not compile: " + string.Join(Environment.NewLine, problems));
        return set;
    }

    private static (string? Folder, string Missing) Locate()
    {
        var variable = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(variable))
        {
            return Holds(variable) ? (variable, "") : (null, $"{Variable} names a folder without the SEPA schemas.");
        }

        // The test assembly sits in <checkout>/tests/TiersPayant.Tests/bin/<configuration>/<tfm>/;
        // the schemas in shared/schemas beside the checkout, found by walking up.
        var start = Path.GetDirectoryName(typeof(SepaSchemas).Assembly.Location) ?? AppContext.BaseDirectory;
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "schemas");
            if (Holds(candidate))
            {
                return (candidate, "");
            }
        }

        return Holds(DefaultFolder)
            ? (DefaultFolder, "")
            : (null, $"The SEPA schemas were found neither in a shared/schemas folder above the test assembly nor in {DefaultFolder}.");
    }

    private static bool Holds(string folder) =>
        File.Exists(Path.Combine(folder, CreditTransfer)) && File.Exists(Path.Combine(folder, DirectDebit));
}
