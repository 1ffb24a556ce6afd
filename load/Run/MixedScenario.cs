namespace Matching.Load.Run;

/// <summary><c>mixed</c>: each request is one of the mixed scenarios', drawn by weight (seeded).</summary>
public sealed class MixedScenario : Scenario
{
    private readonly List<(Scenario Scenario, double Weight)> _mix;
    private readonly long[] _next;
    private readonly double _total;
    private readonly Random _random;

    public MixedScenario(List<(Scenario Scenario, double Weight)> mix, int seed)
    {
        _mix = mix;
        _next = new long[mix.Count];
        _total = mix.Sum(m => m.Weight);
        _random = new Random(seed);
    }

    public override string Name => "mixed";

    public override async Task PrepareAsync(HttpClient http, TextWriter log, CancellationToken cancel)
    {
        foreach (var (scenario, _) in _mix)
        {
            await scenario.PrepareAsync(http, log, cancel);
        }
    }

    public override IReadOnlyDictionary<string, long> Counters =>
        _mix.SelectMany(m => m.Scenario.Counters.Select(c => KeyValuePair.Create(m.Scenario.Name + ": " + c.Key, c.Value))).ToDictionary();

    public override Request Next(long index)
    {
        var pick = _random.NextDouble() * _total;
        var i = 0;
        while (i < _mix.Count - 1 && pick >= _mix[i].Weight)
        {
            pick -= _mix[i].Weight;
            i++;
        }

        return _mix[i].Scenario.Next(_next[i]++);
    }
}
