namespace Matching.Contracts;

/// <summary>The wire names of <see cref="TransferModes"/>, as API.md spells them.</summary>
public static class TransferModeNames
{
    /// <summary>Each single mode with its wire name, in a fixed order.</summary>
    public static readonly IReadOnlyList<(TransferModes Mode, string Name)> All =
    [
        (TransferModes.Assignment, "assignment"),
        (TransferModes.License, "license"),
        (TransferModes.Equity, "equity"),
        (TransferModes.Codevelopment, "codevelopment"),
    ];

    /// <summary>Parses one wire name; false for anything else (names are exact and lower-case).</summary>
    public static bool TryParse(string name, out TransferModes mode)
    {
        foreach (var (m, n) in All)
        {
            if (n == name)
            {
                mode = m;
                return true;
            }
        }

        mode = TransferModes.None;
        return false;
    }

    /// <summary>The wire names of a set, in the fixed order.</summary>
    public static string[] ToNames(TransferModes modes) =>
        All.Where(x => (modes & x.Mode) != 0).Select(x => x.Name).ToArray();
}
