using Microsoft.Extensions.Options;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Accounts;

/// <summary>The <see cref="SessionPlace"/> of a request: its browser family, network and address.</summary>
public static class SessionPlaces
{
    public static SessionPlace Of(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<SessionBindingOptions>>().Value;
        return new SessionPlace(
            DeviceRecognition.Describe(context.Request.Headers.UserAgent),
            SessionPlace.NetworkOf(context.Connection.RemoteIpAddress, options),
            PortalLogin.Address(context));
    }
}
