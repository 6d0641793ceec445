namespace TiersPayant.Security.Guard;

/// <summary>
/// <c>Guard:Detection</c>: the detector inside the guard's decision. Each signal adds points; at
/// <see cref="StepUpScore"/> a portal session must confirm its holder (the second factor again)
/// and an API client is slowed down; at <see cref="ContainScore"/> the account or client is
/// contained. Limits are learned from the scope's own recent weeks (or its profession's, for a
/// newcomer), never below the profession's floors.
/// </summary>
public sealed class DetectionOptions
{
    /// <summary>Off: the hard caps alone decide (for measuring the detector's cost).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Points from which a portal session steps up and an API client is slowed down.</summary>
    public int StepUpScore { get; set; } = 50;

    /// <summary>Points from which the account or client is contained.</summary>
    public int ContainScore { get; set; } = 100;

    /// <summary>Weeks of reserved counts the baselines learn from, in days.</summary>
    public int LearningDays { get; set; } = 28;

    /// <summary>Active days a scope needs before its own baseline counts (else its profession's applies).</summary>
    public int MinActiveDays { get; set; } = 5;

    /// <summary>How far above the learned busiest period a count may go before it is unusual (1.5 = half again).</summary>
    public double Headroom { get; set; } = 1.5;

    /// <summary>Hours a passed step-up is good for: the session is not asked again meanwhile (containment still applies).</summary>
    public int StepUpValidHours { get; set; } = 12;

    /// <summary>Norms by profession code; <c>default</c> for the others.</summary>
    public Dictionary<string, ProfessionNorms> Professions { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["default"] = new() { TenMinutes = 5, Hourly = 10, Daily = 50, FollowUpMinutes = 60 },
        ["pharmacien"] = new() { TenMinutes = 12, Hourly = 40, Daily = 250, FollowUpMinutes = 10 },
        ["opticien"] = new() { TenMinutes = 3, Hourly = 6, Daily = 25, FollowUpMinutes = 60 },
        ["audioprothesiste"] = new() { TenMinutes = 3, Hourly = 4, Daily = 12, FollowUpMinutes = 90 },
        ["chirurgien-dentiste"] = new() { TenMinutes = 4, Hourly = 8, Daily = 40, FollowUpMinutes = 60 },
        ["laboratoire"] = new() { TenMinutes = 15, Hourly = 50, Daily = 300, FollowUpMinutes = 120 },
        ["etablissement"] = new() { TenMinutes = 30, Hourly = 100, Daily = 800, FollowUpMinutes = 240, FollowsUp = false },
    };

    /// <summary>The norms of <paramref name="profession"/>.</summary>
    public ProfessionNorms NormsFor(string profession) =>
        Professions.TryGetValue(profession, out var norms) ? norms
        : Professions.TryGetValue("default", out var fallback) ? fallback
        : new ProfessionNorms();
}

/// <summary>What is normal for one profession, whatever has been learned.</summary>
public sealed class ProfessionNorms
{
    /// <summary>Floor of the distinct people in ten minutes before it is a burst.</summary>
    public int TenMinutes { get; set; } = 5;

    /// <summary>Floor of the distinct people in an hour before it is unusual.</summary>
    public int Hourly { get; set; } = 10;

    /// <summary>Floor of the distinct people in a day before it is unusual.</summary>
    public int Daily { get; set; } = 50;

    /// <summary>Minutes within which a rights check is normally followed by an agreement or an invoice.</summary>
    public int FollowUpMinutes { get; set; } = 60;

    /// <summary>Whether the profession follows a rights check with an agreement or an invoice (a hospital checks ahead of stays).</summary>
    public bool FollowsUp { get; set; } = true;
}
