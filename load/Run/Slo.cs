using System.Globalization;

namespace Matching.Load.Run;

public static class Slo
{
    private static readonly Dictionary<string, double> Percentiles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["p50"] = 50, ["p90"] = 90, ["p99"] = 99, ["p99.9"] = 99.9, ["p999"] = 99.9, ["max"] = 100,
    };

    /// <summary>
    /// Reads "--slo" values: each may hold several criteria separated by commas ("p50=5ms,p99=20ms").
    /// Latencies take us, ms or s. When latency criteria are given and "errors" is not, the default error budget is added.
    /// </summary>
    public static bool TryParse(IEnumerable<string> values, out List<SloCriterion> criteria, out string? error)
    {
        criteria = [];
        error = null;
        foreach (var part in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2)
            {
                error = $"--slo: '{part}' is not name=value (p50, p90, p99, p99.9, max with us/ms/s; errors with %)";
                return false;
            }

            var name = pair[0].ToLowerInvariant();
            if (name == "errors")
            {
                var text = pair[1].Trim();
                var percent = text.EndsWith('%');
                if (!double.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var budget) || budget < 0)
                {
                    error = $"--slo: '{part}': errors takes a share, like errors=0.1% or errors=0";
                    return false;
                }

                criteria.RemoveAll(c => c.IsErrors);
                criteria.Add(new SloCriterion("errors", null, TimeSpan.Zero, percent ? budget / 100 : budget));
                continue;
            }

            if (!Percentiles.TryGetValue(name, out var percentile))
            {
                error = $"--slo: '{pair[0]}' is not one of p50, p90, p99, p99.9, max, errors";
                return false;
            }

            if (!Parse.TryDuration(pair[1], out var limit) || !HasUnit(pair[1]))
            {
                error = $"--slo: '{part}': the limit needs a unit, like 20ms, 1s or 500us";
                return false;
            }

            criteria.Add(new SloCriterion(name == "p999" ? "p99.9" : name, percentile, limit, 0));
        }

        if (criteria.Count > 0 && !criteria.Any(c => c.IsErrors))
        {
            criteria.Add(new SloCriterion("errors", null, TimeSpan.Zero, SloCriterion.DefaultErrorRatio));
        }

        return true;
    }

    /// <summary>Judges the measured window. Nothing served counts as missed: there is no latency to hold.</summary>
    public static List<SloOutcome> Evaluate(IReadOnlyList<SloCriterion> criteria, LatencyStats latency, long measured, long failed)
    {
        List<SloOutcome> outcomes = [];
        foreach (var c in criteria)
        {
            if (c.IsErrors)
            {
                var ratio = measured == 0 ? 1.0 : (double)failed / measured;
                outcomes.Add(new SloOutcome(c.ToString(), 0, 0, ratio <= c.ErrorRatio) { LimitRatio = c.ErrorRatio, ActualRatio = Math.Round(ratio, 6) });
            }
            else
            {
                var actual = latency.AtPercentileMs(c.Percentile!.Value);
                outcomes.Add(new SloOutcome(c.ToString(), c.Limit.TotalMilliseconds, actual, latency.Count > 0 && actual <= c.Limit.TotalMilliseconds));
            }
        }

        return outcomes;
    }

    private static bool HasUnit(string text) => text.Trim().TrimEnd().Length > 0 && char.IsLetter(text.Trim()[^1]);
}
