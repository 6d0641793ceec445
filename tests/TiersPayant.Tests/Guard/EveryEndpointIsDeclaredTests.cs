using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data.Configuration;
using TiersPayant.Guard;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Guard;

public sealed class EveryEndpointIsDeclaredTests
{
    [Fact]
    public async Task Every_endpoint_and_page_declares_whether_it_discloses_personal_data()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        database.Settings["Demo:SeedOnFirstStart"] = "false";
        await using var factory = new PlatformFactory(database);
        _ = factory.Server;

        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<DisclosesPersonalDataAttribute>() is null == e.Metadata.GetMetadata<NoPersonalDataAttribute>() is null)
            .Select(e => $"{e.RoutePattern.RawText} ({e.DisplayName})").ToList();

        Assert.NotEmpty(endpoints);
        Assert.True(undeclared.Count == 0, "declare DisclosesPersonalData or NoPersonalData on:\n" + string.Join('\n', undeclared));
    }
}

public sealed class UndeclaredEndpointsLeakNothingTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task No_endpoint_declared_without_personal_data_returns_any_beneficiarys_identity(DatabaseProvider provider)
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var database = await TestDatabase.CreateAsync(provider);
        Assert.Equal(0, (await database.RunAsync("seed", "--beneficiaries", "150", "--practices", "8")).ExitCode);
        database.Settings["Accounts:ApiClients:AllowDemoSecrets"] = "true";
        await using var factory = new PlatformFactory(database, time: time);
        var secrets = new List<string>();
        using (var scope = factory.Services.CreateScope())
        {
            var protector = scope.ServiceProvider.GetRequiredService<Data.Protection.BeneficiaryProtector>();
            foreach (var row in scope.ServiceProvider.GetRequiredService<Data.TiersPayantDbContext>().Beneficiaries.ToList())
            {
                var person = protector.Reveal(row);
                secrets.AddRange([person.Nir.Value, person.MembershipNumber, $"{person.Name.FirstName} {person.Name.LastName}", $"{person.Name.LastName} {person.Name.FirstName}"]);
            }
        }

        using var anonymous = new Accounts.PortalBrowser(factory, time);
        using var professional = new Accounts.PortalBrowser(factory, time);
        await professional.LogInAsync((await Accounts.DemoAccount.ReadAsync(database))[0]);
        using var staff = new Accounts.PortalBrowser(factory, time);
        await staff.UseSessionOfAsync((await Accounts.DemoStaffAccount.ReadAsync(database)).Single(s => s.Role == "admin").Login);

        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var checkedPaths = new List<string>();
        foreach (var endpoint in endpoints.Where(e => e.Metadata.GetMetadata<NoPersonalDataAttribute>() is not null))
        {
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods;
            if (methods is not null && !methods.Contains("GET"))
            {
                continue;
            }

            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments
                .Select(s => string.Concat(s.Parts.Select(p => p switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "documentName" } => "v1",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { IsOptional: true } => "",
                    _ => "00000000-0000-0000-0000-000000000000",
                })))).TrimEnd('/');
            foreach (var browser in new[] { anonymous, professional, staff })
            {
                var body = await (await browser.GetAsync(path == "" ? "/" : path)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                var leaked = secrets.FirstOrDefault(s => body.Contains(s, StringComparison.OrdinalIgnoreCase));
                Assert.True(leaked is null, $"{path} returned a beneficiary's identity");
            }

            checkedPaths.Add(path);
        }

        Assert.Contains("/compte", checkedPaths);
        Assert.Contains("/securite", checkedPaths);
        Assert.All(endpoints.Where(e => e.Metadata.GetMetadata<DisclosesPersonalDataAttribute>() is not null),
            e => Assert.NotEmpty(e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()));
    }
}
