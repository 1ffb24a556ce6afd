using System.Globalization;

namespace Matching.Load.Run;

/// <summary>Durations for people: 850 µs, 12.3 ms, 1.25 s.</summary>
public static class Format
{
    public static string Duration(TimeSpan t) => Ms(t.TotalMilliseconds);

    public static string Ms(double ms) => ms switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{ms * 1000:0.#} µs"),
        < 1000 => string.Create(CultureInfo.InvariantCulture, $"{ms:0.##} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:0.###} s"),
    };
}
