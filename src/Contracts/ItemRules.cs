using System.Text.RegularExpressions;

namespace Matching.Contracts;

/// <summary>
/// The field rules of API.md, in one place: the Api runs them to answer with field errors, and the grains run
/// them again so that nothing invalid is ever stored, whoever calls.
/// </summary>
public static partial class ItemRules
{
    /// <summary>Longest title, in characters (Unicode scalar values).</summary>
    public const int MaxTitle = 300;
    /// <summary>Longest description.</summary>
    public const int MaxDescription = 20_000;
    /// <summary>Most keywords an item may carry.</summary>
    public const int MaxKeywords = 32;
    /// <summary>Longest keyword.</summary>
    public const int MaxKeyword = 64;
    /// <summary>Longest field or industry code.</summary>
    public const int MaxCode = 64;
    /// <summary>Longest owner name.</summary>
    public const int MaxOwner = 200;

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex IdPattern();

    /// <summary>True when <paramref name="id"/> is 1..128 characters of A-Z a-z 0-9 . _ : -</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>The message for an invalid id.</summary>
    public const string IdMessage = "must be 1 to 128 characters of A-Z a-z 0-9 . _ : -";

    /// <summary>Trims and upper-cases what the rules normalize, and lists every broken rule by field.</summary>
    public static (OfferData Normalized, Dictionary<string, string[]> Errors) Validate(OfferData offer)
    {
        var errors = new Errors();
        var normalized = offer with
        {
            Title = Title(offer.Title, errors),
            Description = Description(offer.Description, errors),
            Keywords = Keywords(offer.Keywords, errors),
            Field = Code("field", offer.Field, MaxCode, errors),
            Country = Country(offer.Country, errors),
            Trl = Trl("trl", offer.Trl, errors),
            Owner = Code("owner", offer.Owner, MaxOwner, errors),
        };
        return (normalized, errors.ToDictionary());
    }

    /// <summary>Trims and upper-cases what the rules normalize, and lists every broken rule by field.</summary>
    public static (NeedData Normalized, Dictionary<string, string[]> Errors) Validate(NeedData need)
    {
        var errors = new Errors();
        var normalized = need with
        {
            Title = Title(need.Title, errors),
            Description = Description(need.Description, errors),
            Keywords = Keywords(need.Keywords, errors),
            Industry = Code("industry", need.Industry, MaxCode, errors),
            Country = Country(need.Country, errors),
            MinTrl = Trl("minTrl", need.MinTrl, errors),
        };
        return (normalized, errors.ToDictionary());
    }

    /// <summary>The exception a grain throws for data that breaks the rules; its message lists every broken rule.</summary>
    public static ArgumentException Invalid(Dictionary<string, string[]> errors, string paramName) =>
        new(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")), paramName);

    /// <summary>Length in Unicode scalar values, so that a character outside the BMP counts once.</summary>
    public static int Length(string s)
    {
        var n = 0;
        foreach (var _ in s.EnumerateRunes())
        {
            n++;
        }

        return n;
    }

    private static string Title(string? title, Errors errors)
    {
        var t = title?.Trim() ?? "";
        if (t.Length == 0)
        {
            errors.Add("title", "is required and must not be blank");
        }
        else if (Length(t) > MaxTitle)
        {
            errors.Add("title", $"must be at most {MaxTitle} characters");
        }

        NoControl("title", t, allowLineBreaks: false, errors);
        return t;
    }

    private static string? Description(string? description, Errors errors)
    {
        if (description is not null && Length(description) > MaxDescription)
        {
            errors.Add("description", $"must be at most {MaxDescription} characters");
        }

        NoControl("description", description, allowLineBreaks: true, errors);

        return string.IsNullOrWhiteSpace(description) ? null : description.Trim();
    }

    private static string[] Keywords(string[]? keywords, Errors errors)
    {
        keywords ??= [];
        if (keywords.Length > MaxKeywords)
        {
            errors.Add("keywords", $"must have at most {MaxKeywords} items");
        }

        var trimmed = keywords.Select(k => k?.Trim() ?? "").ToArray();
        for (var i = 0; i < trimmed.Length; i++)
        {
            if (trimmed[i].Length == 0 || Length(trimmed[i]) > MaxKeyword)
            {
                errors.Add("keywords", $"item {i} must be 1 to {MaxKeyword} characters");
            }

            NoControl("keywords", trimmed[i], allowLineBreaks: false, errors);
        }

        return trimmed;
    }

    private static string? Code(string field, string? value, int max, Errors errors)
    {
        if (value is not null && Length(value) > max)
        {
            errors.Add(field, $"must be at most {max} characters");
        }

        NoControl(field, value, allowLineBreaks: false, errors);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>
    /// Control characters (NUL, escape sequences, ...) have no place in a portal's text and break the logs and
    /// pages that show it; a description may keep its tabs and line breaks.
    /// </summary>
    private static void NoControl(string field, string? value, bool allowLineBreaks, Errors errors)
    {
        if (value is not null && value.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\n' or '\r')))
        {
            errors.Add(field, allowLineBreaks ? "must not contain control characters other than tab and line breaks" : "must not contain control characters");
        }
    }

    private static string? Country(string? country, Errors errors)
    {
        if (country is null)
        {
            return null;
        }

        var c = country.Trim().ToUpperInvariant();
        if (!Countries.IsAssigned(c))
        {
            errors.Add("country", "must be an ISO 3166-1 alpha-2 code such as CN, GB or US");
        }

        return c;
    }

    private static int? Trl(string field, int? trl, Errors errors)
    {
        if (trl is < 1 or > 9)
        {
            errors.Add(field, "must be an integer from 1 to 9");
        }

        return trl;
    }

    /// <summary>Field errors in the shape of RFC 9457 validation problems.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _byField = [];

        public void Add(string field, string message)
        {
            if (!_byField.TryGetValue(field, out var list))
            {
                _byField[field] = list = [];
            }

            list.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => _byField.ToDictionary(x => x.Key, x => x.Value.ToArray());
    }
}
