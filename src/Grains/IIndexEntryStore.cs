namespace Matching.Grains;

/// <summary>
/// What an index shard rebuilds itself from after deactivation or the loss of its silo: each item's index entry,
/// written when the item is indexed (one write costs one entry, never a rewrite of the shard).
/// </summary>
public interface IIndexEntryStore
{
    /// <summary>Stores an item's entry; the write is durable when the task completes.</summary>
    Task SaveAsync(string shard, IndexEntry entry);

    Task DeleteAsync(string shard, string id);

    /// <summary>Every entry of a shard, in no order.</summary>
    IAsyncEnumerable<IndexEntry> LoadAsync(string shard);
}
