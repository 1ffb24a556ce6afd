namespace Matching.Grains;

/// <summary>
/// What a propagator has been asked to do and has not done yet: the ids it queued, and whether a sweep of all its
/// shard's lists (after a bulk import of the other side, or a model activation) is unfinished. A propagator
/// activated again after the loss of its silo carries them (its queue lived in that silo's memory).
/// </summary>
public interface IPropagationJournal
{
    /// <summary>Records a queued id; durable when the task completes.</summary>
    Task AddAsync(string propagator, string id);

    /// <summary>Forgets an id whose propagation is done.</summary>
    Task RemoveAsync(string propagator, string id);

    /// <summary>Records that a sweep of all lists is unfinished (true) or done (false).</summary>
    Task SetSweepAsync(string propagator, bool pending);

    /// <summary>The ids recorded and not forgotten, in no order, and whether a sweep of all lists is unfinished.</summary>
    Task<(string[] Ids, bool Sweep)> LoadAsync(string propagator);
}
