namespace TiersPayant.Accounts.ProSanteConnect;

/// <summary>
/// Log events of the federation (event ids 2100–2119). They carry the reason only: never the
/// professional's identifier, the account or a token.
/// </summary>
internal static partial class FederationLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Pro Santé Connect login refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Pro Santé Connect's discovery document could not be read")]
    public static partial void ProviderUnreachable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Pro Santé Connect login opened a portal session")]
    public static partial void Accepted(ILogger logger);
}
