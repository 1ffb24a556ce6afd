using System.Globalization;

namespace Matching.Api;

/// <summary>The query string of a shortlist read: <c>k</c> (1..50, default 3) and <c>fresh</c> (default false).</summary>
public readonly record struct ShortlistQuery(int K, bool Fresh)
{
    public const int MaxK = 50;

    public static (ShortlistQuery Query, ValidationProblem? Problem) Parse(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        var k = ReadK(query, MaxK, errors);

        var fresh = false;
        if (query.TryGetValue("fresh", out var freshValues) &&
            (freshValues.Count != 1 || !bool.TryParse(freshValues[0], out fresh)))
        {
            errors["fresh"] = ["must be true or false"];
        }

        return errors.Count > 0 ? (default, Problems.Validation(errors, "The query string is invalid.")) : (new ShortlistQuery(k, fresh), null);
    }

    /// <summary>The <c>k</c> parameter, 1 to <paramref name="maxK"/> (default 3); an error under "k" when it is not.</summary>
    public static int ReadK(IQueryCollection query, int maxK, Dictionary<string, string[]> errors) =>
        ReadInt(query, "k", 3, 1, maxK, errors);

    /// <summary>
    /// One integer query parameter from <paramref name="min"/> to <paramref name="max"/>, or
    /// <paramref name="fallback"/> when absent; an error under its name when repeated, malformed or out of range.
    /// </summary>
    public static int ReadInt(IQueryCollection query, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return fallback;
        }

        var styles = min < 0 ? NumberStyles.AllowLeadingSign : NumberStyles.None;
        if (values.Count == 1 && int.TryParse(values[0], styles, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [$"must be one integer from {min} to {max}"];
        return fallback;
    }
}
