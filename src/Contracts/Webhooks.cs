using Orleans.Concurrency;

namespace Matching.Contracts;

/// <summary>Which owners' shortlist changes a webhook receives: a need's list of offers, an offer's list of needs, or both.</summary>
[Flags, GenerateSerializer]
public enum WebhookKinds : byte
{
    /// <summary>None: never valid for a stored webhook.</summary>
    None = 0,
    /// <summary>Changes of needs' shortlists (API.md kind <c>need</c>).</summary>
    Need = 1,
    /// <summary>Changes of offers' shortlists (API.md kind <c>offer</c>).</summary>
    Offer = 2,
}

/// <summary>What a caller registers under a webhook's name.</summary>
/// <param name="Url">Absolute http or https URL that receives the POSTs.</param>
/// <param name="Secret">The HMAC-SHA256 key of <c>X-Matching-Signature</c>; never returned by the API.</param>
/// <param name="Kinds">Which owners' changes are sent.</param>
[GenerateSerializer, Immutable, Alias("Matching.WebhookSpec")]
public sealed record WebhookSpec(
    [property: Id(0)] string Url,
    [property: Id(1)] string Secret,
    [property: Id(2)] WebhookKinds Kinds);

/// <summary>A registered webhook as the dispatchers need it (with its secret: it stays inside the cluster).</summary>
[GenerateSerializer, Immutable, Alias("Matching.Webhook")]
public sealed record Webhook(
    [property: Id(0)] string Name,
    [property: Id(1)] WebhookSpec Spec);

/// <summary>Every webhook of a tenant, with a version that rises on every change so that a late copy never replaces a newer one.</summary>
[GenerateSerializer, Immutable, Alias("Matching.WebhookSet")]
public sealed record WebhookSet(
    [property: Id(0)] long Version,
    [property: Id(1)] Webhook[] Webhooks);

/// <summary>A registered webhook as the API shows it: no secret.</summary>
[GenerateSerializer, Immutable, Alias("Matching.WebhookInfo")]
public sealed record WebhookInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string Url,
    [property: Id(2)] WebhookKinds Kinds,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset UpdatedAt);

/// <summary>What registering a webhook did.</summary>
[GenerateSerializer]
public enum WebhookPutOutcome : byte
{
    /// <summary>A new webhook was stored.</summary>
    Created = 0,
    /// <summary>An existing webhook was replaced (or was already equal).</summary>
    Replaced = 1,
    /// <summary>Nothing was stored: the tenant already has <see cref="WebhookRules.MaxWebhooks"/> webhooks.</summary>
    Full = 2,
}

/// <summary>The outcome of registering a webhook: the stored webhook, or null when <see cref="WebhookPutOutcome.Full"/>.</summary>
[GenerateSerializer, Immutable, Alias("Matching.WebhookPutResult")]
public sealed record WebhookPutResult(
    [property: Id(0)] WebhookPutOutcome Outcome,
    [property: Id(1)] WebhookInfo? Webhook);

/// <summary>Delivery counts of one webhook, summed over the dispatchers that answered (kept in memory since each silo started).</summary>
/// <param name="Delivered">POSTs answered with 2xx.</param>
/// <param name="FailedAttempts">POSTs that failed (network error, timeout or non-2xx); each is retried until it succeeds, is superseded or gives up.</param>
/// <param name="Pending">Changes waiting to be delivered (at most one per item: a newer change replaces an undelivered older one).</param>
/// <param name="Dropped">Changes never delivered: the pending queue was full, or the retries ran out.</param>
/// <param name="LastError">The latest failure, or null.</param>
/// <param name="LastErrorAt">When it happened.</param>
[GenerateSerializer, Immutable, Alias("Matching.WebhookStats")]
public sealed record WebhookStats(
    [property: Id(0)] long Delivered,
    [property: Id(1)] long FailedAttempts,
    [property: Id(2)] long Pending,
    [property: Id(3)] long Dropped,
    [property: Id(4)] string? LastError,
    [property: Id(5)] DateTimeOffset? LastErrorAt)
{
    /// <summary>Nothing delivered, nothing pending.</summary>
    public static readonly WebhookStats Zero = new(0, 0, 0, 0, null, null);

    /// <summary>Sums two partitions' counts; the later error wins.</summary>
    public WebhookStats Add(WebhookStats other) => new(
        Delivered + other.Delivered, FailedAttempts + other.FailedAttempts, Pending + other.Pending, Dropped + other.Dropped,
        (other.LastErrorAt ?? DateTimeOffset.MinValue) > (LastErrorAt ?? DateTimeOffset.MinValue) ? other.LastError : LastError,
        (other.LastErrorAt ?? DateTimeOffset.MinValue) > (LastErrorAt ?? DateTimeOffset.MinValue) ? other.LastErrorAt : LastErrorAt);
}

/// <summary>The rules of a webhook registration (API.md "Push"): the Api runs them for field errors, the registry grain again.</summary>
public static class WebhookRules
{
    /// <summary>Most webhooks one tenant may register: every change is POSTed to each of them.</summary>
    public const int MaxWebhooks = 100;
    /// <summary>Shortest secret: an HMAC key shorter than this is guessable.</summary>
    public const int MinSecret = 16;
    /// <summary>Longest secret.</summary>
    public const int MaxSecret = 256;
    /// <summary>Longest URL.</summary>
    public const int MaxUrl = 2048;

    /// <summary>The API name of a kind: <c>need</c> or <c>offer</c>.</summary>
    public static string KindName(WebhookKinds kind) => kind == WebhookKinds.Need ? "need" : "offer";

    /// <summary>The kind an owner side's changes belong to.</summary>
    public static WebhookKinds KindOf(Side owner) => owner == Side.Needs ? WebhookKinds.Need : WebhookKinds.Offer;

    /// <summary>Parses <c>need</c> or <c>offer</c>.</summary>
    public static bool TryParseKind(string? name, out WebhookKinds kind)
    {
        kind = name switch { "need" => WebhookKinds.Need, "offer" => WebhookKinds.Offer, _ => WebhookKinds.None };
        return kind != WebhookKinds.None;
    }

    /// <summary>The API names of a set of kinds, need first.</summary>
    public static string[] KindNames(WebhookKinds kinds) =>
        new[] { WebhookKinds.Need, WebhookKinds.Offer }.Where(k => kinds.HasFlag(k)).Select(KindName).ToArray();

    /// <summary>Every broken rule of a registration's body, by field; empty when valid. A name follows the id rules of <see cref="ItemRules.IsValidId"/>.</summary>
    public static Dictionary<string, string[]> Validate(WebhookSpec spec)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (UrlError(spec.Url) is { } url)
        {
            errors["url"] = [url];
        }

        if (spec.Secret is null || spec.Secret.Length is < MinSecret or > MaxSecret || spec.Secret.Any(char.IsControl))
        {
            errors["secret"] = [$"must be {MinSecret} to {MaxSecret} characters without control characters"];
        }

        if (spec.Kinds == WebhookKinds.None || (spec.Kinds & ~(WebhookKinds.Need | WebhookKinds.Offer)) != 0)
        {
            errors["kinds"] = ["must list one or both of need, offer"];
        }

        return errors;
    }

    /// <summary>Why a URL cannot receive webhooks, or null.</summary>
    private static string? UrlError(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxUrl ||
            !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return $"must be an absolute http or https URL of at most {MaxUrl} characters";
        }

        // Credentials in the URL would be shown by GET /v1/webhooks; the secret is how a receiver authenticates us.
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not carry a user name or password";
        }

        return uri.Fragment.Length > 0 ? "must not have a fragment" : null;
    }
}

/// <summary>The webhooks of one tenant, keyed by the tenant. Small (at most <see cref="WebhookRules.MaxWebhooks"/>) and rarely written.</summary>
public interface IWebhookRegistryGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces a webhook and tells the tenant's dispatchers; refuses a new one beyond <see cref="WebhookRules.MaxWebhooks"/>.</summary>
    /// <exception cref="ArgumentException">The registration breaks a rule of <see cref="WebhookRules"/>.</exception>
    Task<WebhookPutResult> PutAsync(string name, WebhookSpec spec);

    /// <summary>Removes a webhook; false when it was not registered.</summary>
    Task<bool> DeleteAsync(string name);

    /// <summary>Every webhook, without secrets, by name.</summary>
    Task<WebhookInfo[]> ListAsync();

    /// <summary>Every webhook with its secret, for the dispatchers.</summary>
    Task<WebhookSet> GetSetAsync();
}

/// <summary>
/// Delivers one partition stream's shortlist changes (<see cref="ShortlistStreams.Key"/>) to the tenant's webhooks.
/// Keyed by the partition stream key; activated by the stream itself (an implicit subscription).
/// </summary>
public interface IWebhookDispatcherGrain : IGrainWithStringKey
{
    /// <summary>The registry's latest set of webhooks; an older version than the one held is ignored.</summary>
    [OneWay]
    Task UpdateAsync(WebhookSet set);

    /// <summary>Delivery counts of this partition, by webhook name.</summary>
    Task<Dictionary<string, WebhookStats>> GetStatsAsync();
}
