using System.Net.Http.Headers;

namespace TiersPayant.Tests.Accounts;

public sealed partial class PortalBrowser
{
    /// <summary>A file as a browser sends it: the field, the name it had on disk, the type the browser guessed, the bytes.</summary>
    public sealed record UploadFile(string Field, string FileName, string ContentType, byte[] Content);

    /// <summary>Loads <paramref name="formPage"/>, then posts a multipart form (fields and files) to <paramref name="action"/> with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string formPage, string action, IEnumerable<(string Name, string Value)> fields, IEnumerable<UploadFile> files)
    {
        var page = await (await GetAsync(formPage)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"no form on {formPage}");
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields.Append(("__RequestVerificationToken", token.Groups[1].Value)))
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Content);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
            content.Add(part, file.Field, file.FileName);
        }

        return await Client.PostAsync(new Uri(action, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }
}
