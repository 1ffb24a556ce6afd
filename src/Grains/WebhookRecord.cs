namespace Matching.Grains;

/// <summary>One stored webhook.</summary>
[GenerateSerializer, Alias("Matching.WebhookRecord")]
public sealed class WebhookRecord
{
    [Id(0)] public required WebhookSpec Spec { get; set; }
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }
}
