namespace Matching.Contracts;

/// <summary>
/// A kept shortlist changed: its items or their order (a change of scores alone is not an event). Published by the
/// item grain that owns the list on the stream <see cref="ShortlistStreams.Namespace"/>/<see cref="ShortlistStreams.Key"/>; SSE and webhooks deliver it.
/// </summary>
/// <param name="Tenant">The tenant of the item.</param>
/// <param name="Owner">The side of the item whose shortlist changed: <see cref="Side.Needs"/> for a need's list of offers.</param>
/// <param name="Id">The item's id.</param>
/// <param name="Sequence">Rises on every change of this item's list, across restarts too: an activation continues from the
/// stored value or from the clock in microseconds, whichever is ahead, so an event id never repeats.</param>
/// <param name="Previous">The ids of the list before the change, best first.</param>
/// <param name="Shortlist">The list after the change (the kept length, best first).</param>
/// <param name="At">When the change was made.</param>
[GenerateSerializer, Immutable, Alias("Matching.ShortlistChanged")]
public sealed record ShortlistChanged(
    string Tenant,
    Side Owner,
    string Id,
    long Sequence,
    string[] Previous,
    Shortlist Shortlist,
    DateTimeOffset At)
{
    /// <summary>The event's id for SSE <c>id:</c> and <c>X-Matching-Event-Id</c>: <c>need:{id}:{sequence}</c> or <c>offer:{id}:{sequence}</c>.</summary>
    public string EventId => $"{(Owner == Side.Needs ? "need" : "offer")}:{Id}:{Sequence}";

    /// <summary>Whether the first <paramref name="k"/> items differ from before: a listener showing k items is told only then.</summary>
    public bool ChangesTop(int k) =>
        !Previous.Take(k).SequenceEqual(Shortlist.Items.Take(k).Select(i => i.Id), StringComparer.Ordinal);
}
