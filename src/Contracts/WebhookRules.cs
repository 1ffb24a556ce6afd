namespace Matching.Contracts;

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
