namespace Matching.Grains;

/// <summary>
/// What a change did to a <see cref="KeptList"/>: <see cref="MustRecompute"/> when the list cannot decide without the
/// index; otherwise the list's new mark for its shard, or null when the shard's mark is still right.
/// </summary>
public readonly record struct KeptUpdate(bool MustRecompute, KeptMark? Mark)
{
    /// <summary>The list must be computed again from the index.</summary>
    public static readonly KeptUpdate Recompute = new(true, null);

    /// <summary>The change leaves the list as it was.</summary>
    public static readonly KeptUpdate None = new(false, null);
}
