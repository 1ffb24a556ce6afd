namespace Matching.Grains;

/// <summary>
/// The head of a tenant's feedback log. Every append passes through it, one at a time, which is what orders the
/// log; it does no more than forward to the current segment, so an append costs the same however long the log is.
/// </summary>
public sealed class FeedbackLogGrain(
    [PersistentState("head", StorageNames.Feedback)] IPersistentState<FeedbackHeadState> state)
    : Grain, IFeedbackLogGrain
{
    private string Tenant => this.GetPrimaryKeyString();

    public async Task<FeedbackRecord> AppendAsync(FeedbackEvent e)
    {
        if (await Segment(state.State.Segment).AppendAsync(e) is { } record)
        {
            return record;
        }

        // The segment is full: the next one becomes current. The head is stored before anything is appended
        // there, so that after a restart the head never points before a segment that holds events.
        state.State.Segment++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Segment--;
            DeactivateOnIdle(); // read the stored head again rather than trust memory after a failed write
            throw;
        }

        return await Segment(state.State.Segment).AppendAsync(e)
            ?? throw new InvalidOperationException($"Feedback segment {state.State.Segment} of '{Tenant}' is full before its first append.");
    }

    public Task<long> GetCurrentSegmentAsync() => Task.FromResult(state.State.Segment);

    private IFeedbackSegmentGrain Segment(long n) => GrainFactory.GetGrain<IFeedbackSegmentGrain>(FeedbackLog.Segment(Tenant, n));
}
