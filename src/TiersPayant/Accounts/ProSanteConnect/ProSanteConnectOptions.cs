namespace TiersPayant.Accounts.ProSanteConnect;

/// <summary>
/// Section <c>Accounts:ProSanteConnect</c>: the relying-party side of Pro Santé Connect, the
/// state's OpenID Connect federation for health professionals. Off unless configured; when on,
/// every value is checked at start (<see cref="ProSanteConnectOptionsValidator"/>).
/// </summary>
public sealed class ProSanteConnectOptions
{
    public const string Section = "Accounts:ProSanteConnect";

    public const string PrivateKeyJwt = "private_key_jwt";
    public const string ClientSecretPost = "client_secret_post";

    public bool Enabled { get; set; }

    /// <summary>The provider's issuer, as given when the service is registered with it.</summary>
    public string? Authority { get; set; }

    /// <summary>
    /// The discovery document, when it is not at <c>{Authority}/.well-known/openid-configuration</c>:
    /// Pro Santé Connect publishes its own at <c>…/.well-known/wallet-openid-configuration</c>.
    /// </summary>
    public string? MetadataAddress { get; set; }

    public string? ClientId { get; set; }

    /// <summary>
    /// <c>private_key_jwt</c> (the HEART profile's choice: no shared secret travels) or
    /// <c>client_secret_post</c>.
    /// </summary>
    public string ClientAuthentication { get; set; } = PrivateKeyJwt;

    /// <summary>For <c>private_key_jwt</c>: a PEM file holding the RSA or EC P-256 private key (PKCS#8 or PKCS#1/SEC 1, unencrypted).</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>The key's <c>kid</c> as registered with the provider; by default its RFC 7638 thumbprint.</summary>
    public string? KeyId { get; set; }

    /// <summary>For <c>client_secret_post</c> only; from the deployment's secret store, never the repository.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The lowest authentication level (<c>acr</c>) accepted, asked for in <c>acr_values</c>.</summary>
    public string RequiredAcr { get; set; } = "eidas1";

    /// <summary>The levels the provider may assert, weakest first, separated by spaces: what "at or above" means.</summary>
    public string AcrLevels { get; set; } = "eidas1 eidas2 eidas3";

    /// <summary>How old the professional's authentication (<c>auth_time</c>) may be; also sent as <c>max_age</c>.</summary>
    public TimeSpan MaxAuthenticationAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The claim holding the professional's national identifier. Pro Santé Connect's user info
    /// carries it as <c>SubjectNameID</c> (and also as <c>preferred_username</c>, which OpenID
    /// Connect says must not be relied on as unique): <c>8</c> followed by the 11-digit RPPS number.
    /// </summary>
    public string IdentifierClaim { get; set; } = "SubjectNameID";

    /// <summary>Scopes asked for, separated by spaces; Pro Santé Connect's professional data comes with <c>scope_all</c>.</summary>
    public string Scopes { get; set; } = "openid scope_all";

    /// <summary>Pro Santé Connect returns the professional's identity from its user-info endpoint.</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; } = true;

    /// <summary>The redirect URI's path, registered with the provider.</summary>
    public string CallbackPath { get; set; } = "/connexion/pro-sante-connect/retour";

    public IReadOnlyList<string> AcrLevelList => Split(AcrLevels);

    public IReadOnlyList<string> ScopeList => Split(Scopes);

    public bool UsesPrivateKeyJwt => string.Equals(ClientAuthentication, PrivateKeyJwt, StringComparison.Ordinal);

    private static string[] Split(string? value) =>
        (value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
