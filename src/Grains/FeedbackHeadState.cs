namespace Matching.Grains;

/// <summary>What storage holds for a log's head: the number of the segment being written.</summary>
[GenerateSerializer, Alias("Matching.FeedbackHeadState")]
public sealed class FeedbackHeadState
{
    [Id(0)] public long Segment { get; set; }
}
