using BenchmarkDotNet.Attributes;
using Matching.Contracts;
using Matching.Load.Adhoc;
using Matching.Load.Generation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Matching.Load.Benchmarks;

/// <summary>
/// A grain call: a kept-shortlist read (<c>INeedGrain.GetShortlistAsync(3)</c>) through an in-process silo's grain
/// factory, over 2,000 generated offers and 200 needs whose lists are computed in setup. What every HTTP read
/// costs inside the silo, without HTTP.
/// </summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private IHost _silo = null!;
    private INeedGrain[] _needs = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _silo = AdhocBenchmark.BuildSilo(shards: 8);
        _silo.StartAsync().GetAwaiter().GetResult();
        var grains = _silo.Services.GetRequiredService<IGrainFactory>();
        var generator = new CorpusGenerator(seed: 1, offers: 2_000, needs: 200);
        foreach (var offer in generator.Offers())
        {
            grains.GetGrain<IOfferGrain>(GrainKeys.Item(GrainKeys.DefaultTenant, offer.Id)).PutAsync(offer.Data).GetAwaiter().GetResult();
        }

        _needs = [.. generator.Needs().Select(n =>
        {
            var need = grains.GetGrain<INeedGrain>(GrainKeys.Item(GrainKeys.DefaultTenant, n.Id));
            need.PutAsync(n.Data).GetAwaiter().GetResult();
            return need;
        })];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _silo.StopAsync().GetAwaiter().GetResult();
        _silo.Dispose();
    }

    /// <summary>One kept-shortlist read, the next of 200 needs each call.</summary>
    [Benchmark]
    public async Task<int> KeptRead() => (await _needs[_next++ % _needs.Length].GetShortlistAsync(3, fresh: false))!.Items.Length;
}
