namespace Matching.Ranking;

/// <summary>The language of an item's text, as far as the pair features need it.</summary>
public enum Language : byte
{
    Unknown = 0,
    Chinese = 1,
    English = 2,
}
