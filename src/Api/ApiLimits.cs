namespace Matching.Api;

/// <summary>Every request limit, bound from the "Limits" section; <see cref="RequestBody"/> enforces the byte sizes.</summary>
public sealed class ApiLimits
{
    public const string Section = "Limits";

    /// <summary>Largest batch body; larger gets 413.</summary>
    public long MaxRequestBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Largest single item, as a PUT body, an ad-hoc need or one element of a batch.</summary>
    public long MaxItemBytes { get; set; } = 64 * 1024;

    /// <summary>The most items one batch carries.</summary>
    public int MaxBatchItems { get; set; } = 10_000;

    /// <summary>Largest model file: a trained model is a few megabytes; this leaves room for large ensembles.</summary>
    public long MaxModelBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Largest feedback event: four short fields, so anything near this size is not one.</summary>
    public long MaxFeedbackBytes { get; set; } = 4 * 1024;

    /// <summary>Largest webhook registration: three short fields.</summary>
    public long MaxWebhookBytes { get; set; } = 16 * 1024;

    /// <summary>Largest request for a new API key: three short fields.</summary>
    public long MaxKeyBytes { get; set; } = 4 * 1024;
}
