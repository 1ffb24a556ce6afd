namespace Matching.Grains;

/// <summary>
/// The embedded default: shards live as long as the process (they are kept alive), and a process that ends takes
/// the in-memory items with it, so there is nothing to rebuild from and nothing is written.
/// </summary>
public sealed class NoIndexEntryStore : IIndexEntryStore
{
    public Task SaveAsync(string shard, IndexEntry entry) => Task.CompletedTask;

    public Task DeleteAsync(string shard, string id) => Task.CompletedTask;

    public async IAsyncEnumerable<IndexEntry> LoadAsync(string shard)
    {
        await Task.CompletedTask;
        yield break;
    }
}
