namespace Matching.Ranking;

/// <summary>Words too common to say anything about a match.</summary>
internal static class StopWords
{
    public static readonly HashSet<string> English = new(
        """
        a about above after again against all also am an and any are as at be because been before being below
        between both but by can could did do does doing down during each few for from further had has have having
        he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
        nor not now of off on once only or other our ours ourselves out over own same she should so some such than
        that the their theirs them themselves then there these they this those through to too under until up very
        was we were what when where which while who whom why will with would you your yours yourself yourselves
        via per etc using based use used new looking seeking need needs want wants our us e.g i.e
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    public static readonly HashSet<string> Chinese = new(
        """
        的 了 和 与 及 或 等 在 是 为 以 对 于 将 把 被 从 由 其 该 这 那 之 也 而 并 且 中 上 下 内 可 能 会 有 无 不 都 就 还
        一种 一个 一些 我们 我司 我们的 本 通过 进行 用于 可以 能够 需要 寻找 希望 以及 其中 以上 以下 相关 方面 具有 包括 提供
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
