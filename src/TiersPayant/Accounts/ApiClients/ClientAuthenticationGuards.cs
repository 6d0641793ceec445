using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using TiersPayant.Security.Accounts.ApiClients;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers;

namespace TiersPayant.Accounts.ApiClients;

/// <summary>What OpenIddict's client authentication leaves to the platform: which clients may use a secret, and assertion replay.</summary>
internal static class ClientAuthenticationGuards
{
    /// <summary>Transaction property holding the <see cref="TokenFailureReason"/> a guard refused for.</summary>
    public const string ReasonProperty = ".tierspayant.token_failure_reason";

    public static void Refuse(ProcessAuthenticationContext context, TokenFailureReason reason)
    {
        context.Transaction.Properties[ReasonProperty] = reason;
        // The description is replaced by TokenFailureReporter's single message for every client-authentication failure.
        context.Reject(Errors.InvalidClient, TokenFailureReasons.Tag(reason));
    }

    /// <summary>
    /// A client secret is a shared password, which DESIGN.md rules out for software clients: it
    /// is accepted only from a client the demo seeding created, and only while
    /// <c>Accounts:ApiClients:AllowDemoSecrets</c> is true. Runs after the unknown-client check and
    /// before OpenIddict compares the secret.
    /// </summary>
    internal sealed class DemoSecretGate(IOpenIddictApplicationManager applications, IOptions<ApiClientOptions> options)
        : IOpenIddictServerHandler<ProcessAuthenticationContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
                .AddFilter<OpenIddictServerHandlerFilters.RequireClientIdParameter>()
                .AddFilter<OpenIddictServerHandlerFilters.RequireClientSecretParameter>()
                .UseScopedHandler<DemoSecretGate>()
                .SetOrder(ValidateClientId.Descriptor.Order + 500)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(ProcessAuthenticationContext context)
        {
            if (options.Value.AllowDemoSecrets != true)
            {
                Refuse(context, TokenFailureReason.SecretNotAllowed);
                return;
            }

            var application = await applications.FindByClientIdAsync(context.ClientId!, context.CancellationToken);
            if (application is null || !ApiClientRegistry.IsDemo(await applications.GetPropertiesAsync(application, context.CancellationToken)))
            {
                Refuse(context, TokenFailureReason.SecretNotAllowed);
            }
        }
    }

    /// <summary>
    /// Refuses an assertion without a <c>jti</c>, one that asks to live longer than allowed, and
    /// one already used: OpenIddict verifies the signature, audience and expiry of an assertion,
    /// but not that it is used once (RFC 7523 section 3, item 7).
    /// </summary>
    internal sealed class AssertionReplayGuard(ClientAssertionReplay replay, IOptions<ApiClientOptions> options, TimeProvider time)
        : IOpenIddictServerHandler<ProcessAuthenticationContext>
    {
        private const int MaximumJtiLength = 200;

        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
                .AddFilter<OpenIddictServerHandlerFilters.RequireClientAssertionPrincipal>()
                .UseScopedHandler<AssertionReplayGuard>()
                // After the signature, claims and issuer checks: only a genuine assertion is remembered.
                .SetOrder(ValidateClientAssertionIssuer.Descriptor.Order + 500)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(ProcessAuthenticationContext context)
        {
            var principal = context.ClientAssertionPrincipal!;
            var clientId = principal.GetClaim(OpenIddictConstants.Claims.Issuer);
            var jti = principal.GetClaim(OpenIddictConstants.Claims.JwtId);
            var expires = principal.GetExpirationDate();
            if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(jti) || jti.Length > MaximumJtiLength || expires is null)
            {
                Refuse(context, TokenFailureReason.MalformedAssertion);
                return;
            }

            if (expires.Value - time.GetUtcNow() > options.Value.MaximumAssertionLifetime)
            {
                Refuse(context, TokenFailureReason.ExpiredAssertion);
                return;
            }

            // OpenIddict accepts an assertion until its exp plus the clock skew: remember it that long.
            var rememberUntil = expires.Value + Microsoft.IdentityModel.Tokens.TokenValidationParameters.DefaultClockSkew;
            if (!await replay.TryRecordAsync(clientId, jti, rememberUntil, context.CancellationToken))
            {
                Refuse(context, TokenFailureReason.ReplayedAssertion);
            }
        }
    }
}
