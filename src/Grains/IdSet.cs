using System.Collections;

namespace Matching.Grains;

/// <summary>
/// A set of item ids that is small for most items and large for a few: a plain array while it holds at most
/// <see cref="ArrayLimit"/> ids, a hash set beyond. An index shard keeps one per item of the other side (the
/// shard's lists that hold it), a few ids each on average: at 5,000 + 5,000 they took 14 MB as hash sets and
/// about 6.5 MB as these (docs/benchmarks.md, "Memory per item").
/// </summary>
public sealed class IdSet : IEnumerable<string>
{
    private const int ArrayLimit = 16;

    private string[] _ids = new string[2];
    private int _count;
    private HashSet<string>? _set;

    public int Count => _set?.Count ?? _count;

    public bool Contains(string id) => _set?.Contains(id) ?? Array.IndexOf(_ids, id, 0, _count) >= 0;

    public bool Add(string id)
    {
        if (_set is not null)
        {
            return _set.Add(id);
        }

        if (Contains(id))
        {
            return false;
        }

        if (_count == ArrayLimit)
        {
            _set = new HashSet<string>(_ids, StringComparer.Ordinal) { id };
            _ids = [];
            _count = 0;
            return true;
        }

        if (_count == _ids.Length)
        {
            Array.Resize(ref _ids, _count * 2);
        }

        _ids[_count++] = id;
        return true;
    }

    public bool Remove(string id)
    {
        if (_set is not null)
        {
            return _set.Remove(id);
        }

        var at = Array.IndexOf(_ids, id, 0, _count);
        if (at < 0)
        {
            return false;
        }

        // Order does not matter: the last id takes the removed one's place.
        _ids[at] = _ids[--_count];
        _ids[_count] = null!;
        return true;
    }

    public IEnumerator<string> GetEnumerator() =>
        _set is not null ? _set.GetEnumerator() : _ids.Take(_count).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
