using TiersPayant.Domain.Practices;

namespace TiersPayant.Security.Guard;

/// <summary>
/// <c>Guard</c>: hard caps on the distinct beneficiaries one account or client may reach, per
/// profession (a pharmacy sees many people a day, an audioprosthetist a few), and on presented
/// cards that match nobody.
/// </summary>
public sealed class GuardOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Guard";

    /// <summary>Caps by profession code (<c>pharmacien</c>, <c>opticien</c>…); <c>default</c> for the others.</summary>
    public Dictionary<string, GuardCap> Caps { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["default"] = new() { PerHour = 40, PerDay = 200 },
        ["pharmacien"] = new() { PerHour = 150, PerDay = 800 },
        ["opticien"] = new() { PerHour = 30, PerDay = 120 },
        ["audioprothesiste"] = new() { PerHour = 20, PerDay = 80 },
        ["chirurgien-dentiste"] = new() { PerHour = 30, PerDay = 150 },
        ["laboratoire"] = new() { PerHour = 150, PerDay = 800 },
        ["etablissement"] = new() { PerHour = 300, PerDay = 2000 },
    };

    /// <summary>
    /// Caps by staff role (<c>insurer-manager</c>, <c>support</c>, <c>dpo</c>…); <c>default</c> for
    /// the others. A manager reviews a few dozen requests a day; no role browses the population.
    /// </summary>
    public Dictionary<string, GuardCap> StaffCaps { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["default"] = new() { PerHour = 10, PerDay = 40 },
        ["insurer-manager"] = new() { PerHour = 60, PerDay = 300 },
        ["support"] = new() { PerHour = 20, PerDay = 80 },
        ["dpo"] = new() { PerHour = 60, PerDay = 300 },
    };

    /// <summary>
    /// Caps by profession for the <see cref="Channels.Batch"/> channel (a practice's end-of-day
    /// invoice file); <c>default</c> for the others. A batch is counted apart from the practice's
    /// interactive budget (its own scope and its practice's batch scope), so that an end-of-day file
    /// neither exhausts the counter's day nor is throttled by it; it is still capped.
    /// </summary>
    public Dictionary<string, GuardCap> BatchCaps { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["default"] = new() { PerHour = 2_000, PerDay = 5_000 },
        ["pharmacien"] = new() { PerHour = 5_000, PerDay = 10_000 },
        ["laboratoire"] = new() { PerHour = 5_000, PerDay = 10_000 },
        ["etablissement"] = new() { PerHour = 50_000, PerDay = 100_000 },
    };

    /// <summary>Presented cards that may match nobody in an hour before the caller is throttled.</summary>
    public int NoMatchPerHour { get; set; } = 20;

    /// <summary>The same on the <see cref="Channels.Batch"/> channel (a file of a day's patients holds a few typing errors).</summary>
    public int BatchNoMatchPerHour { get; set; } = 200;

    /// <summary>Days of reserved counts and unknown cards kept (the decision reads one; baselines read weeks).</summary>
    public int RetentionDays { get; set; } = 35;

    /// <summary>The credential-stuffing watch over failed password steps.</summary>
    public StuffingOptions Stuffing { get; set; } = new();

    /// <summary>The detector inside the decision (signals, scores, learned baselines).</summary>
    public DetectionOptions Detection { get; set; } = new();

    /// <summary>The caps that apply to <paramref name="profession"/>.</summary>
    public GuardCap CapFor(Profession profession) =>
        Caps.TryGetValue(profession.Code(), out var cap) ? cap
        : Caps.TryGetValue("default", out var fallback) ? fallback
        : new GuardCap();

    /// <summary>The caps that apply to <paramref name="profession"/> on <paramref name="channel"/>.</summary>
    public GuardCap CapFor(Profession profession, string channel) =>
        channel != Channels.Batch ? CapFor(profession)
        : BatchCaps.TryGetValue(profession.Code(), out var cap) ? cap
        : BatchCaps.TryGetValue("default", out var fallback) ? fallback
        : new GuardCap();

    /// <summary>The caps that apply to staff of <paramref name="role"/>.</summary>
    public GuardCap CapForRole(string role) =>
        StaffCaps.TryGetValue(role, out var cap) ? cap
        : StaffCaps.TryGetValue("default", out var fallback) ? fallback
        : new GuardCap { PerHour = 10, PerDay = 40 };
}

/// <summary>Distinct beneficiaries per rolling hour and per rolling day.</summary>
public sealed class GuardCap
{
    /// <summary>Distinct beneficiaries in the last 60 minutes.</summary>
    public int PerHour { get; set; } = 40;

    /// <summary>Distinct beneficiaries in the last 24 hours.</summary>
    public int PerDay { get; set; } = 200;
}
