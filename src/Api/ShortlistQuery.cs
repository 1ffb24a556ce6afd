using System.Globalization;

namespace Matching.Api;

/// <summary>The query string of a shortlist read: <c>k</c> (1..50, default 3) and <c>fresh</c> (default false).</summary>
public readonly record struct ShortlistQuery(int K, bool Fresh)
{
    public const int MaxK = 50;

    public static (ShortlistQuery Query, IResult? Problem) Parse(IQueryCollection query)
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
    public static int ReadK(IQueryCollection query, int maxK, Dictionary<string, string[]> errors)
    {
        var k = 3;
        if (query.TryGetValue("k", out var kValues) &&
            (kValues.Count != 1 || !int.TryParse(kValues[0], NumberStyles.None, CultureInfo.InvariantCulture, out k) || k < 1 || k > maxK))
        {
            errors["k"] = [$"must be one integer from 1 to {maxK}"];
        }

        return k;
    }
}
