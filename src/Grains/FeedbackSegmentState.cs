namespace Matching.Grains;

/// <summary>What storage holds for one segment: its events in log order.</summary>
[GenerateSerializer, Alias("Matching.FeedbackSegmentState")]
public sealed class FeedbackSegmentState
{
    [Id(0)] public List<FeedbackRecord> Events { get; set; } = [];
}
