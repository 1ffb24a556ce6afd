namespace Matching.Contracts;

/// <summary>How a technology may change hands. A set: an offer lists what it allows, a need what it accepts.</summary>
[Flags]
[GenerateSerializer]
public enum TransferModes : byte
{
    /// <summary>No mode stated: the hard rule on modes does not apply.</summary>
    None = 0,
    /// <summary>Outright sale of the rights.</summary>
    Assignment = 1,
    /// <summary>A licence to use.</summary>
    License = 2,
    /// <summary>The technology as an equity stake.</summary>
    Equity = 4,
    /// <summary>Joint development with the owner.</summary>
    Codevelopment = 8,
}
