namespace Matching.Contracts;

/// <summary>The language of an item's text, as far as the pair features need it.</summary>
[GenerateSerializer]
public enum Language : byte
{
    /// <summary>No letters to tell by.</summary>
    Unknown = 0,
    /// <summary>At least a fifth of the letters are CJK ideographs.</summary>
    Chinese = 1,
    /// <summary>Any other text.</summary>
    English = 2,
}
