namespace Matching.Load.Run;

/// <summary>
/// Draws indexes 0..n-1 with Zipf's law: the item of popularity rank r is drawn with probability proportional to
/// 1 / r^s. Ranks are given to items by a seeded shuffle, so that the popular items are spread over the corpus
/// (the generator's first needs are the judged ones; they should not also be the hot ones).
/// </summary>
public sealed class ZipfSampler
{
    private readonly double[] _cumulative;
    private readonly int[] _itemOfRank;

    public ZipfSampler(int n, double exponent, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        _cumulative = new double[n];
        var sum = 0.0;
        for (var r = 0; r < n; r++)
        {
            sum += 1 / Math.Pow(r + 1, exponent);
            _cumulative[r] = sum;
        }

        _itemOfRank = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(_itemOfRank);
    }

    public int Next(Random random)
    {
        var u = random.NextDouble() * _cumulative[^1];
        var rank = Array.BinarySearch(_cumulative, u);
        // Not found: the complement of the first element larger than u, which is the rank whose interval holds u.
        rank = rank < 0 ? ~rank : rank;
        return _itemOfRank[Math.Min(rank, _itemOfRank.Length - 1)];
    }
}
