namespace TiersPayant.Tests.Infrastructure;

/// <summary>
/// For state another node or process changes (switches, containments: each node rereads them at
/// most once a second): asks until the answer is the expected one, for at most ten seconds, and
/// returns the last answer for the test to assert on. A wait, never a timing assertion.
/// </summary>
internal static class Eventually
{
    public static async Task<HttpResponseMessage> UntilAsync(Func<Task<HttpResponseMessage>> send, Func<HttpResponseMessage, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await send();
            if (done(response) || DateTime.UtcNow > deadline)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
