namespace Matching.Grains;

/// <summary>What differs between offers and needs for their grains; the behaviour is shared in <see cref="ItemGrain{TData}"/>.</summary>
public sealed record ItemSchema<TData>(
    Side Side,
    Func<TData, (TData Normalized, Dictionary<string, string[]> Errors)> Validate,
    Func<TData, TData, bool> Same,
    Func<TData, ItemFacts> Facts,
    Func<TData, ItemText> Text,
    Func<TData, string> Title);
