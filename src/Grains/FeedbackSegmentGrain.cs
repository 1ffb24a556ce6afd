using System.Globalization;

namespace Matching.Grains;

/// <summary>
/// Up to <see cref="FeedbackLog.SegmentCapacity"/> consecutive events of a tenant's feedback log. The whole segment
/// is one stored state, written on every append: bounded by the capacity, never by the log's length.
/// </summary>
public sealed class FeedbackSegmentGrain(
    [PersistentState("segment", StorageNames.Feedback)] IPersistentState<FeedbackSegmentState> state)
    : Grain, IFeedbackSegmentGrain
{
    /// <summary>The segment's number, the last part of its key <c>{tenant}/{n}</c>.</summary>
    private long Number
    {
        get
        {
            var key = this.GetPrimaryKeyString();
            return long.Parse(key.AsSpan(key.LastIndexOf('/') + 1), CultureInfo.InvariantCulture);
        }
    }

    public async Task<FeedbackRecord?> AppendAsync(FeedbackEvent e)
    {
        var events = state.State.Events;
        if (events.Count >= FeedbackLog.SegmentCapacity)
        {
            return null;
        }

        // The events of one model version carry the same feature names: when they share one array, the serializer
        // stores it once, and a full segment is about a third of the size (500 KB to 175 KB with 20 features).
        if (events.Count > 0 && events[^1].Event.Served.FeatureNames is var names && names.AsSpan().SequenceEqual(e.Served.FeatureNames))
        {
            e = e with { Served = e.Served with { FeatureNames = names } };
        }

        var record = new FeedbackRecord(Number * FeedbackLog.SegmentCapacity + events.Count, e);
        events.Add(record);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored: neither kept in memory (a later append would reuse its sequence number) nor acknowledged.
            events.RemoveAt(events.Count - 1);
            DeactivateOnIdle(); // storage may hold it after all (a timeout): the next activation reads what it has
            throw;
        }

        return record;
    }

    public Task<FeedbackRecord[]> ReadAsync(int from, int max)
    {
        var events = state.State.Events;
        var start = Math.Clamp(from, 0, events.Count);
        return Task.FromResult(events.GetRange(start, Math.Clamp(max, 0, events.Count - start)).ToArray());
    }
}
