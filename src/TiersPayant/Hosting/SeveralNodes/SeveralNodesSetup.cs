namespace TiersPayant.Hosting.SeveralNodes;

/// <summary>What nodes of one deployment share beyond the database, when Redis is configured.</summary>
internal static class SeveralNodesSetup
{
    public static IServiceCollection AddSeveralNodes(this IServiceCollection services, IConfiguration configuration)
    {
        if (SharedRedis.From(configuration) is not { } redis)
        {
            return services;
        }

        services.AddSingleton(redis);
        services.AddHostedService<SharedStateNotices>();
        return services;
    }
}
