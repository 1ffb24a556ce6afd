using Orleans.Concurrency;

namespace Matching.Grains;

/// <summary>
/// Carries changes of one shard's items to the other side's kept shortlists, in the background of the writes.
/// The queue holds item ids, not changes: a job reads the item as it is when the job runs, so a burst of writes
/// to one item costs one job, the queue's memory is bounded by the number of items, and the last job of an item
/// always carries its last state. Jobs of distinct items run side by side (up to <see cref="ParallelJobs"/>); an
/// item never has two at once. Reentrant, so that queueing never waits behind a running job.
/// In cluster mode the queue is also journaled in Redis (<see cref="IPropagationJournal"/>): an id is recorded
/// before <see cref="EnqueueAsync"/> returns and forgotten when its propagation is done, so a propagator activated
/// again after the loss of its silo carries what the lost one had queued, and resumes the sweep of the lists its
/// shard still has deferred.
/// </summary>
[Reentrant, KeepAlive]
public sealed class PropagatorGrain(
    ShortlistBuilder shortlists, SweepGate gate, IPropagationJournal journal, IOptions<MatchingOptions> options, TimeProvider clock, ILogger<PropagatorGrain> log)
    : Grain, IPropagatorGrain
{
    /// <summary>Jobs of distinct items in flight at once.</summary>
    public const int ParallelJobs = 4;

    /// <summary>Proposals of one job in flight at once: a popular item's thousands of lists are told in waves.</summary>
    public const int ParallelProposals = 32;

    /// <summary>
    /// Lists one propagator sweeps at once. Each asks every shard of the other side, so a shard's mailbox holds
    /// about this times the side's propagators of them, and a write's calls wait behind that queue: at 1,000,000 a
    /// side, admitted writes' propagation took 38 s on average with waves of 32 and 2.4 s with 4, which sweep as
    /// fast (docs/benchmarks.md, "Issue 19, eighth part").
    /// </summary>
    public const int SweepWave = 4;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan GatePoll = TimeSpan.FromMilliseconds(20);

    private readonly Queue<string> _queue = new();
    private readonly Dictionary<string, long> _since = new(StringComparer.Ordinal); // queued or running -> when first queued
    private readonly Dictionary<string, long> _again = new(StringComparer.Ordinal); // running and changed since -> when
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    // Lists to compute from the index (a sweep after a bulk import), with when each was queued; one wave at a time.
    private readonly Queue<(string Id, long Since)> _sweep = new();
    private readonly HashSet<string> _swept = new(StringComparer.Ordinal);
    private int _sweepWave;
    private int _sweepRequests; // sweeps asked for whose ids are not fetched yet
    private long _listsSwept;
    private readonly Pace _sweepPace = new();
    private long _lastTick = clock.GetTimestamp();
    private readonly TimeSpan _admissionBound = options.Value.AdmissionBound;
    private TimeSpan _jobDuration;
    private readonly AdmittedWrites _admitted = new(clock);
    private readonly SweepSchedule _schedule = new(options.Value.SweepQuiet, options.Value.SweepMaxWait, BatchHold.Longest, clock);
    private IGrainTimer? _scheduleTimer;
    private bool _sweeping;
    private int _pendingReported; // this activation's share of MatchingMetrics.PropagationPending
    private int _gateReported; // this activation's share of the gate's propagations
    private bool _deactivated; // its queue is the next activation's (journaled); its jobs still running must not count
    private string _tenant = "";
    private Side _side;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _side, _) = GrainKeys.ParseShard(this.GetPrimaryKeyString());
        // What an earlier activation was asked and did not finish (its silo was lost): carried again, which is
        // idempotent (each list decides from the item as it is now; a list swept twice is computed twice).
        var (pending, sweep) = await journal.LoadAsync(this.GetPrimaryKeyString());
        foreach (var id in pending)
        {
            Queue(id);
        }

        if (pending.Length > 0 || sweep)
        {
            log.LogInformation("Propagator {Propagator} resumes {Count} propagations{Sweep} an earlier activation left",
                this.GetPrimaryKeyString(), pending.Length, sweep ? " and a sweep of all lists" : "");
        }

        // Without an unfinished sweep of all lists: those a bulk import or a rebuilt shard deferred that a lost
        // activation had not swept. Usually none: the shard marks each list settled once computed.
        Collect(all: sweep);
        this.RegisterGrainTimer(ReportPending, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Pump();
    }

    public async Task EnqueueAsync(string id)
    {
        // In memory first: a job that ends while the journal write is on its way sees the new change and keeps
        // the id journaled (see RunAsync).
        Queue(id);
        _admitted.Queued();
        await journal.AddAsync(this.GetPrimaryKeyString(), id);
        Pump();
    }

    private void Queue(string id)
    {
        // Queued: the job will read the latest state anyway. Running: the job may have read the state before this
        // change, so the item runs once more after it.
        var now = clock.GetTimestamp();
        if (_running.Contains(id))
        {
            _again.TryAdd(id, now);
        }
        else if (_since.TryAdd(id, now))
        {
            _queue.Enqueue(id);
        }

        ReportToGate();
    }

    /// <summary>Brings the gate's count up to date with this propagator's queued and running propagations.</summary>
    private void ReportToGate()
    {
        if (_deactivated)
        {
            return;
        }

        var propagations = _since.Count + _again.Count;
        gate.Add(propagations - _gateReported);
        _gateReported = propagations;
    }

    public async Task SweepAsync(bool all)
    {
        if (all)
        {
            // Counted while the record is written, so that a sweep ending meanwhile does not record all as done.
            _sweepRequests++;
            try
            {
                await journal.SetSweepAsync(this.GetPrimaryKeyString(), true);
            }
            finally
            {
                _sweepRequests--;
            }
        }

        // Wait until the import pauses, so that its batches share one sweep: of every list of this side after the
        // other side's batches, and of this side's deferred lists after its own (each computed against the whole
        // other side, which would otherwise slow every batch of this side down).
        if (_schedule.Request(all))
        {
            _sweepRequests++; // until the wait ends and the ids are fetched (Collect counts from there)
            LookAgainIn(TimeSpan.Zero);
        }
    }

    public Task BatchStartedAsync()
    {
        _schedule.Hold();
        return Task.CompletedTask;
    }

    public Task BatchEndedAsync(bool all)
    {
        _schedule.Release();
        return SweepAsync(all);
    }

    private Task CollectWhenDueAsync(CancellationToken cancellation)
    {
        if (_schedule.IsDue(out var wait, out var all))
        {
            _sweepRequests--;
            Collect(all);
        }
        else
        {
            LookAgainIn(wait);
        }

        return Task.CompletedTask;
    }

    private void LookAgainIn(TimeSpan wait)
    {
        // A one-shot timer that has fired is done: a new one each time (Change does not revive it).
        _scheduleTimer?.Dispose();
        _scheduleTimer = this.RegisterGrainTimer(CollectWhenDueAsync, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { Interleave = true });
    }

    private void Collect(bool all)
    {
        // The ids are fetched after the request returns: a shard that asks for a sweep while it activates (rebuilt
        // from storage) would otherwise wait on itself. Until fetched, the request counts in the backlog.
        _sweepRequests++;
        _ = CollectAsync(all);
    }

    private async Task CollectAsync(bool all)
    {
        var shard = GrainFactory.GetGrain<IIndexShardGrain>(this.GetPrimaryKeyString());
        try
        {
            while (true)
            {
                try
                {
                    var ids = all ? await shard.SampleIdsAsync(0, 0) : await shard.DeferredIdsAsync();
                    var now = clock.GetTimestamp();
                    foreach (var id in ids)
                    {
                        if (_swept.Add(id))
                        {
                            _sweep.Enqueue((id, now));
                        }
                    }

                    break;
                }
                catch (Exception e) when (e is OrleansException or TimeoutException)
                {
                    log.LogWarning(e, "Sweep of {Shard}: the shard did not answer; retrying", this.GetPrimaryKeyString());
                    await Task.Delay(RetryDelay);
                }
            }
        }
        finally
        {
            _sweepRequests--;
        }

        if (!_sweeping && _sweep.Count > 0)
        {
            _sweeping = true;
            _ = SweepLoopAsync();
        }
    }

    public Task<TimeSpan> AdmitAsync(int writes)
    {
        // The queue's head is its oldest waiting change (a failed job goes to the back with its age, rarely); the
        // running ones are at most ParallelJobs. So the check is constant time however long the queue is. The age
        // alone lags a growing queue: the changes behind the head wait longer than it did, hence the queue's length.
        // Writes admitted earlier count as queued until they queue their change (AdmittedWrites).
        var now = clock.GetTimestamp();
        var oldest = _queue.TryPeek(out var head) ? _since[head] : now;
        foreach (var id in _running)
        {
            oldest = Math.Min(oldest, _since[id]);
        }

        var lag = WriteAdmission.ExpectedLag(clock.GetElapsedTime(oldest, now), _queue.Count + _admitted.Count, _running.Count, _jobDuration, ParallelJobs);
        var retryAfter = WriteAdmission.RetryAfter(lag, _admissionBound);
        if (retryAfter == TimeSpan.Zero)
        {
            _admitted.Admit(writes);
        }

        return Task.FromResult(retryAfter);
    }

    public Task<Backlog> GetBacklogAsync()
    {
        var now = clock.GetTimestamp();
        var oldest = _since.Values.Concat(_again.Values).Append(_sweep.TryPeek(out var next) ? next.Since : now)
            .Append(_schedule.IsWaiting ? _schedule.WaitingSince : now).Min();
        return Task.FromResult(new Backlog(Pending, (long)clock.GetElapsedTime(oldest, now).TotalMilliseconds));
    }

    private int Pending => _since.Count + _again.Count + _sweep.Count + _sweepWave + _sweepRequests;

    public Task<SweepProgress> GetSweepProgressAsync() =>
        Task.FromResult(new SweepProgress(_listsSwept, _sweep.Count + _sweepWave, _sweepPace.PerSecond));

    /// <summary>Brings the process-wide backlog gauge up to date with this propagator's (every second).</summary>
    private Task ReportPending()
    {
        var now = clock.GetTimestamp();
        _sweepPace.Tick(_listsSwept, clock.GetElapsedTime(_lastTick, now));
        _lastTick = now;
        var pending = Pending;
        MatchingMetrics.PropagationPending.Add(pending - _pendingReported);
        _pendingReported = pending;
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        MatchingMetrics.PropagationPending.Add(-_pendingReported); // what is left is the next activation's to report
        _pendingReported = 0;
        gate.Add(-_gateReported);
        _gateReported = 0;
        _deactivated = true;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Computes the queued lists from the index, <see cref="SweepWave"/> at a time, each wave after writes'
    /// propagations (<see cref="SweepGate"/>). Each list is computed
    /// once however many imported items it gains, which is what makes a bulk import cheaper than one propagation
    /// per item (when lists are empty, an early item enters nearly every list of the other side).
    /// </summary>
    private async Task SweepLoopAsync()
    {
        var target = _side;
        while (_sweep.Count > 0 && !_deactivated)
        {
            while (_schedule.IsHeld)
            {
                await Task.Delay(RetryDelay); // a batch began since the sweep did: it goes first
            }

            var held = clock.GetTimestamp();
            while (gate.Holds(held))
            {
                await Task.Delay(GatePoll); // writes' propagations go first, for a while
            }

            var wave = new List<(string Id, long Since)>(SweepWave);
            while (wave.Count < SweepWave && _sweep.TryDequeue(out var next))
            {
                _swept.Remove(next.Id);
                wave.Add(next);
            }

            _sweepWave = wave.Count;
            try
            {
                await Task.WhenAll(wave.Select(w => Owner(target, w.Id).RefreshAsync()));
                _listsSwept += wave.Count;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Sweeping {Side} lists failed; retrying the wave", _side);
                foreach (var w in wave.Where(w => _swept.Add(w.Id)))
                {
                    _sweep.Enqueue(w);
                }

                await Task.Delay(RetryDelay);
            }
            finally
            {
                _sweepWave = 0;
            }
        }

        _sweeping = false;
        if (_sweepRequests == 0 && !_deactivated) // a deactivated one's sweep is the next activation's to finish
        {
            // Every sweep asked for is done (one asked meanwhile is still collecting, and keeps the record).
            try
            {
                await journal.SetSweepAsync(this.GetPrimaryKeyString(), false);
            }
            catch (OrleansException e)
            {
                log.LogWarning(e, "Propagator {Propagator} could not record its sweep as done; a later activation sweeps again", this.GetPrimaryKeyString());
            }
        }
    }

    private void Pump()
    {
        // A deactivated activation's failed jobs would otherwise retry forever against an invalid grain context.
        while (!_deactivated && _running.Count < ParallelJobs && _queue.TryDequeue(out var id))
        {
            _running.Add(id);
            _ = RunAsync(id);
        }
    }

    private async Task RunAsync(string id)
    {
        var done = false;
        var started = clock.GetTimestamp();
        try
        {
            await PropagateAsync(id);
            done = true;
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Propagating {Side} {Id} failed; retrying", _side, id);
            await Task.Delay(RetryDelay);
        }
        finally
        {
            _running.Remove(id);
            if (done)
            {
                MatchingMetrics.PropagationLag.Record(clock.GetElapsedTime(_since[id]).TotalMilliseconds);
                _jobDuration = WriteAdmission.JobDuration(_jobDuration, clock.GetElapsedTime(started));
                _since.Remove(id);
                if (_again.Remove(id, out var since))
                {
                    _since[id] = since;
                    _queue.Enqueue(id);
                }
                else
                {
                    // Sent now, so it reaches Redis before the journal write of any later change of the item.
                    _ = ForgetAsync(id);
                }
            }
            else
            {
                // Kept lists must not stay stale: the item goes to the back of the queue and keeps its age, so the
                // backlog shows the delay.
                _again.Remove(id);
                _queue.Enqueue(id);
            }

            ReportToGate();
            Pump();
        }
    }

    /// <summary>
    /// Forgets a propagated id. A failure is only logged: the id stays journaled, and a later activation carries it
    /// once more, which changes nothing.
    /// </summary>
    private async Task ForgetAsync(string id)
    {
        try
        {
            await journal.RemoveAsync(this.GetPrimaryKeyString(), id);
        }
        catch (OrleansException e)
        {
            log.LogWarning(e, "Propagator {Propagator} could not forget {Id}; it will be carried again if this activation is lost", this.GetPrimaryKeyString(), id);
        }
    }

    private async Task PropagateAsync(string id)
    {
        var target = _side == Side.Offers ? Side.Needs : Side.Offers;
        var entry = await GrainFactory.GetGrain<IIndexShardGrain>(this.GetPrimaryKeyString()).GetEntryAsync(id);
        var perShard = await Task.WhenAll(shortlists.Shards(_tenant, target).Select(s => s.AffectedByAsync(id, entry)));
        MatchingMetrics.Proposals.Record(perShard.Sum(a => a.Length));
        foreach (var wave in perShard.SelectMany(a => a).Chunk(ParallelProposals))
        {
            var marks = await Task.WhenAll(wave.Select(async a => (a.OwnerId, Mark: await Owner(target, a.OwnerId).ConsiderAsync(a.Proposal))));
            await Task.WhenAll(marks
                .Where(m => m.Mark is not null)
                .GroupBy(m => shortlists.ShardOf(m.OwnerId))
                .Select(g => GrainFactory.GetGrain<IIndexShardGrain>(GrainKeys.Shard(_tenant, target, g.Key))
                    .MarkManyAsync([.. g.Select(m => (m.OwnerId, m.Mark!))])));
        }
    }

    private IItemGrain Owner(Side side, string id) => side == Side.Needs
        ? GrainFactory.GetGrain<INeedGrain>(GrainKeys.Item(_tenant, id))
        : GrainFactory.GetGrain<IOfferGrain>(GrainKeys.Item(_tenant, id));
}
