namespace Matching.Grains;

/// <summary>
/// The writes a propagator admitted that have not queued their change yet: each first stores its item and computes
/// its own list, and a burst admitted meanwhile against an empty queue would all wait once they queue. Admission
/// counts them as queued. One whose storage failed never queues; it stops counting after <see cref="Hold"/>.
/// </summary>
public sealed class AdmittedWrites(TimeProvider clock)
{
    /// <summary>How long an admitted write counts at most.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromSeconds(5);

    private readonly Queue<long> _admittedAt = new();

    /// <summary>How many admitted writes have not queued their change, within <see cref="Hold"/>.</summary>
    public int Count
    {
        get
        {
            while (_admittedAt.TryPeek(out var at) && clock.GetElapsedTime(at) > Hold)
            {
                _admittedAt.Dequeue();
            }

            return _admittedAt.Count;
        }
    }

    /// <summary>Writes were admitted now.</summary>
    public void Admit(int writes)
    {
        for (var i = 0; i < writes; i++)
        {
            _admittedAt.Enqueue(clock.GetTimestamp());
        }
    }

    /// <summary>A change was queued: the oldest admitted write is taken to be the one that queued it.</summary>
    public void Queued() => _admittedAt.TryDequeue(out _);
}
