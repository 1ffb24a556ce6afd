using System.Globalization;

namespace Matching.Load.Run;

/// <summary>Reads the command line's durations and mixes.</summary>
public static class Parse
{
    /// <summary>"30s", "500ms", "2m", "1h", "250us" or a plain number of seconds.</summary>
    public static bool TryDuration(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim().ToLowerInvariant();
        // Two-letter units first, so that "ms" is not read as "m" or "s".
        (string Suffix, double Seconds)[] units = [("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)];
        var scale = 1.0;
        foreach (var (suffix, seconds) in units)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal))
            {
                t = t[..^suffix.Length];
                scale = seconds;
                break;
            }
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0 || double.IsInfinity(number))
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(number * scale * TimeSpan.TicksPerSecond));
        return true;
    }

    /// <summary>"read=80,write=15,adhoc=5": scenario names and positive weights.</summary>
    public static bool TryMix(string text, out List<(string Scenario, double Weight)> mix, out string? error)
    {
        mix = [];
        error = null;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !double.TryParse(pair[1].TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || weight < 0)
            {
                error = $"--mix: '{part}' is not name=weight";
                return false;
            }

            if (pair[0] is not ("read" or "write" or "adhoc" or "freshness"))
            {
                error = $"--mix: '{pair[0]}' cannot be mixed (read, write, adhoc, freshness)";
                return false;
            }

            mix.Add((pair[0], weight));
        }

        if (mix.Sum(m => m.Weight) <= 0)
        {
            error = "--mix: the weights add up to nothing";
            return false;
        }

        return true;
    }
}
