namespace Matching.Cli;

/// <summary>What an export wrote.</summary>
/// <param name="Events">Events read (every one is in events.jsonl).</param>
/// <param name="FirstSequence">The first event's sequence number, null when there were none.</param>
/// <param name="LastSequence">The last one: the <c>--after</c> of an export that continues this one.</param>
/// <param name="Judgments">Lines of judgments.jsonl.</param>
/// <param name="Needs">Lines of needs.jsonl.</param>
/// <param name="Offers">Lines of offers.jsonl.</param>
/// <param name="WithdrawnNeeds">Judged needs no longer stored.</param>
/// <param name="WithdrawnOffers">Judged offers no longer stored.</param>
/// <param name="SkippedJudgments">Pairs left out because their need or offer is no longer stored.</param>
public sealed record ExportSummary(
    long Events, long? FirstSequence, long? LastSequence, int Judgments, int Needs, int Offers,
    int WithdrawnNeeds, int WithdrawnOffers, int SkippedJudgments);
