using Matching.Grains;

namespace Matching.Api;

public static class OrleansHosting
{
    /// <summary>
    /// The embedded default: this process co-hosts one silo (localhost clustering, in-memory storage), so that
    /// one command serves the whole API with no Redis and no set-up.
    /// </summary>
    public static WebApplicationBuilder AddMatchingOrleans(this WebApplicationBuilder builder)
    {
        builder.UseOrleans(silo => silo.AddMatchingSilo(builder.Configuration));
        return builder;
    }
}
