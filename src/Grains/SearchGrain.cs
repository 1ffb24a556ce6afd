using Matching.Contracts;
using Orleans.Concurrency;

namespace Matching.Grains;

/// <summary>Stateless: ad-hoc shortlists and tenant status, on whichever silo the call lands.</summary>
[StatelessWorker]
public sealed class SearchGrain(ShortlistBuilder shortlists, ModelHost models) : Grain, ISearchGrain
{
    public Task<Shortlist> ShortlistForNeedAsync(string tenant, NeedData need, int k)
    {
        var (normalized, errors) = ItemRules.Validate(need);
        if (errors.Count > 0)
        {
            throw ItemRules.Invalid(errors, nameof(need));
        }

        var vector = models.Active.Featurize(Facts.Text(normalized));
        return shortlists.BuildAsync(tenant, Side.Offers, vector, Facts.Of(normalized), k);
    }

    public async Task<TenantStatus> GetStatusAsync(string tenant)
    {
        var offers = await Task.WhenAll(shortlists.Shards(tenant, Side.Offers).Select(s => s.GetStatsAsync()));
        var needs = await Task.WhenAll(shortlists.Shards(tenant, Side.Needs).Select(s => s.GetStatsAsync()));
        var backlogs = await Task.WhenAll(shortlists.Propagators(tenant).Select(p => p.GetBacklogAsync()));
        return new TenantStatus(
            offers.Sum(s => (long)s.Items),
            needs.Sum(s => (long)s.Items),
            shortlists.ShardCount,
            models.Active.Version,
            new Backlog(backlogs.Sum(b => b.Pending), backlogs.Max(b => b.OldestAgeMs)));
    }
}
