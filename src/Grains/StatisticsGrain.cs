namespace Matching.Grains;

/// <summary>
/// A tenant's statistics snapshot (see <see cref="IStatisticsGrain"/>). A refresh takes every offers shard's counts,
/// stores the summed snapshot (durable before any shard scores with it, so a shard that starts later reads the same),
/// hands it to every shard of both sides and queues the recomputation of every kept list. Kept lists compare only
/// scores of one version (<see cref="Proposal.StatisticsVersion"/>), and the backlog counts the refresh until the
/// recomputation is queued, so once the backlog is zero every kept list equals a fresh one again. A refresh waits
/// while a bulk import is in flight (<see cref="BatchHold"/>) and runs once after it.
/// </summary>
[KeepAlive]
public sealed class StatisticsGrain(
    [PersistentState("statistics", StorageNames.Statistics)] IPersistentState<StatisticsState> state,
    ShortlistBuilder shortlists,
    IOptions<MatchingOptions> options,
    TimeProvider clock,
    ILogger<StatisticsGrain> log)
    : Grain, IStatisticsGrain
{
    private IGrainTimer? _timer;
    private readonly BatchHold _hold = new(BatchHold.Longest, options.Value.SweepQuiet, clock);
    private long _dueSince; // when the first drift since the last refresh was reported (timestamp); 0: none
    private bool _refreshing;
    private bool _driftedMeanwhile; // reported while a refresh ran: another refresh follows it
    private int _failures; // refreshes failed in a row: retried a few times, not forever (a silo shutting down fails them all)

    private string Tenant => this.GetPrimaryKeyString();

    public Task DriftedAsync()
    {
        // Interleaved with a running refresh (which calls the shards that report): only fields change here.
        if (_refreshing)
        {
            _driftedMeanwhile = true;
        }
        else if (_dueSince == 0)
        {
            _dueSince = clock.GetTimestamp();
            Schedule(options.Value.StatisticsQuiet);
        }

        return Task.CompletedTask;
    }

    public Task BatchStartedAsync()
    {
        _hold.Begin();
        return Task.CompletedTask;
    }

    public Task BatchEndedAsync()
    {
        _hold.End();
        if (_dueSince != 0 && !_refreshing)
        {
            ScheduleAfterHold(); // as the sweeps wait: the next batch may follow at once
        }

        return Task.CompletedTask;
    }

    // A refresh under a bulk import would reweigh every shard and queue every list again for each batch.
    private Task RefreshUnlessHeldAsync()
    {
        if (_hold.Until == 0)
        {
            return RefreshAsync();
        }

        ScheduleAfterHold(); // BatchEndedAsync comes sooner unless the batch was lost
        return Task.CompletedTask;
    }

    private void ScheduleAfterHold()
    {
        var until = _hold.Until;
        Schedule(until == 0 ? TimeSpan.Zero : clock.GetElapsedTime(clock.GetTimestamp(), until));
    }

    public async Task<long> RefreshAsync()
    {
        _dueSince = _dueSince == 0 ? clock.GetTimestamp() : _dueSince; // counted in the backlog while it runs
        _refreshing = true;
        _driftedMeanwhile = false;
        try
        {
            var counts = await Task.WhenAll(shortlists.Shards(Tenant, Side.Offers).Select(s => s.GetCountsAsync()));
            // Versions also rise across a lost state (embedded storage is memory): the clock in milliseconds when ahead.
            var version = Math.Max(state.State.Snapshot.Version + 1, clock.GetUtcNow().ToUnixTimeMilliseconds());
            var merged = CorpusStatistics.Merge(version, counts.Select(c => (c.Documents, c.TotalLength, c.Slots, c.Frequencies)));
            var snapshot = new StatisticsSnapshot(version, merged.Documents, merged.TotalLength, merged.Slots.ToArray(), merged.Frequencies.ToArray(), clock.GetUtcNow());
            state.State.Snapshot = snapshot;
            await state.WriteStateAsync();
            // One shard at a time: at 125,000 items a reweigh is seconds of a core, and 16 at once on 2 cores outlasted
            // the response timeout (5 refreshes failed in a row at 1,000,000 + 1,000,000), held every shard's old and
            // new postings at once, and left no shard free to answer a query meanwhile.
            foreach (var shard in shortlists.Shards(Tenant, Side.Offers).Concat(shortlists.Shards(Tenant, Side.Needs)))
            {
                await shard.UseStatisticsAsync(snapshot);
            }

            await Task.WhenAll(shortlists.Propagators(Tenant).Select(p => p.SweepAsync(all: true)));
            log.LogInformation("Statistics {Version} of tenant {Tenant}: {Offers} offers, mean length {Length:F1}, {Terms} terms",
                version, Tenant, merged.Documents, merged.AverageLength, merged.Terms);
            _dueSince = 0;
            _failures = 0;
            if (_driftedMeanwhile)
            {
                _dueSince = clock.GetTimestamp();
                Schedule(options.Value.StatisticsQuiet);
            }

            return version;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Still due: tried again, so that a shard or storage that failed once is not fatal.
            if (++_failures < MaxFailures)
            {
                log.LogWarning(e, "Statistics refresh of tenant {Tenant} failed; trying again", Tenant);
                Schedule(options.Value.StatisticsQuiet + TimeSpan.FromSeconds(_failures));
            }
            else
            {
                // Given up (a forced refresh or a restarted shard asks again): the backlog stops counting it; the snapshot in use stays valid.
                log.LogError(e, "Statistics refresh of tenant {Tenant} failed {Failures} times; given up", Tenant, _failures);
                (_dueSince, _failures) = (0, 0);
            }

            throw;
        }
        finally
        {
            _refreshing = false;
        }
    }

    private const int MaxFailures = 5;

    private void Schedule(TimeSpan dueTime)
    {
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(cancellation => cancellation.IsCancellationRequested ? Task.CompletedTask : RefreshUnlessHeldAsync(),
            new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan));
    }

    public Task<StatisticsSnapshot> GetAsync() => Task.FromResult(state.State.Snapshot);

    public Task<StatisticsStatus> GetStatusAsync()
    {
        var s = state.State.Snapshot;
        return Task.FromResult(new StatisticsStatus(
            s.Version, s.CreatedAt, s.Offers, s.Offers == 0 ? 0 : Math.Round((double)s.TotalLength / s.Offers, 2), s.Slots.Length,
            RefreshDue: _dueSince != 0,
            DueForMs: _dueSince == 0 ? 0 : (long)clock.GetElapsedTime(_dueSince).TotalMilliseconds));
    }
}
