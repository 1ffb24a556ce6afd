namespace Matching.Grains;

/// <summary>The embedded default: a propagator lives as long as the process (kept alive), and so does its queue.</summary>
public sealed class NoPropagationJournal : IPropagationJournal
{
    public Task AddAsync(string propagator, string id) => Task.CompletedTask;

    public Task RemoveAsync(string propagator, string id) => Task.CompletedTask;

    public Task SetSweepAsync(string propagator, bool pending) => Task.CompletedTask;

    public Task<(string[] Ids, bool Sweep)> LoadAsync(string propagator) => Task.FromResult<(string[], bool)>(([], false));
}
