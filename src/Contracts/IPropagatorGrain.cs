namespace Matching.Contracts;

/// <summary>
/// Carries the changes of one side's items to the other side's kept shortlists, keyed like the index shard of
/// the changed items (<c>{tenant}/offers/{n}</c>). Work is queued by item id, so a burst of changes to one item
/// costs one propagation, and the changes of one item are carried in order.
/// </summary>
public interface IPropagatorGrain : IGrainWithStringKey
{
    /// <summary>Queues the propagation of an item's current state (changed or withdrawn); returns at once.</summary>
    Task EnqueueAsync(string id);

    /// <summary>
    /// Queues the computation of kept lists of this shard's items from the index: every item's when
    /// <paramref name="all"/>, otherwise only those a bulk import deferred. Returns at once.
    /// </summary>
    Task SweepAsync(bool all);

    /// <summary>A bulk batch has begun: no sweep starts until every batch that began has ended (<see cref="BatchEndedAsync"/>).</summary>
    Task BatchStartedAsync();

    /// <summary>A bulk batch has ended: lifts its hold and asks for a sweep, as <see cref="SweepAsync"/> does.</summary>
    Task BatchEndedAsync(bool all);

    /// <summary>
    /// Zero when <paramref name="writes"/> single writes (one, or a small batch's items of this queue) may join this
    /// queue now; otherwise how long their writer should wait, because a change queued now would wait longer than the
    /// admission bound (<c>WriteAdmission</c>). Sweeps do not count.
    /// </summary>
    Task<TimeSpan> AdmitAsync(int writes);

    /// <summary>Lists this propagator's sweeps computed and have left, and their recent pace.</summary>
    Task<SweepProgress> GetSweepProgressAsync();

    /// <summary>Items waiting or being carried (changes and sweeps), and the age of the oldest.</summary>
    Task<Backlog> GetBacklogAsync();
}
