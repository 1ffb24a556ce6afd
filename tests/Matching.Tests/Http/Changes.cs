using Matching.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Tests.Http;

/// <summary>Publishes shortlist changes to the cluster's stream, as the item grains do.</summary>
internal static class Changes
{
    public static Task PublishAsync(IServiceProvider services, ShortlistChanged change) =>
        services.GetRequiredService<IClusterClient>().GetStreamProvider(ShortlistStreams.Provider)
            .GetStream<ShortlistChanged>(StreamId.Create(ShortlistStreams.Namespace, ShortlistStreams.Key(change.Tenant, change.Id)))
            .OnNextAsync(change);

    public static ShortlistChanged Of(Side owner, string id, long sequence, string[] previous, params string[] items) => new(
        GrainKeys.DefaultTenant, owner, id, sequence, previous,
        new Shortlist("test-model", items.Select((item, i) => new ShortlistItem(item, 0.9 - (i * 0.1), $"Title of {item}", ["reason"])).ToArray()),
        DateTimeOffset.UtcNow);

    /// <summary>An id with the given prefix that falls in the same partition stream as <paramref name="other"/>.</summary>
    public static string SamePartition(string prefix, string other)
    {
        for (var i = 0; ; i++)
        {
            var id = $"{prefix}{i}";
            if (ShortlistStreams.Key(GrainKeys.DefaultTenant, id) == ShortlistStreams.Key(GrainKeys.DefaultTenant, other))
            {
                return id;
            }
        }
    }
}
