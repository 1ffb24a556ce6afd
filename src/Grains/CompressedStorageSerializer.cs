using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Orleans.Storage;

namespace Matching.Grains;

/// <summary>
/// Grain states as another serializer writes them, Brotli-compressed, with their length in front: the embedded
/// default's memory storage holds every item's record and kept ids in the process, and compressed they take about
/// half the memory (docs/benchmarks.md, issue 19).
/// </summary>
public sealed class CompressedStorageSerializer(IGrainStorageSerializer inner) : IGrainStorageSerializer
{
    // Quality 1: a state is written on every change of its item or list, and the higher qualities gained little here.
    private const int Quality = 1;
    private const int Window = 22;
    private const int MaxState = 256 << 20; // far above any state; guards the allocation against foreign bytes

    public BinaryData Serialize<T>(T? input)
    {
        var raw = inner.Serialize(input).ToMemory().Span;
        var buffer = ArrayPool<byte>.Shared.Rent(sizeof(int) + BrotliEncoder.GetMaxCompressedLength(raw.Length));
        try
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer, raw.Length);
            if (!BrotliEncoder.TryCompress(raw, buffer.AsSpan(sizeof(int)), out var written, Quality, Window))
            {
                throw new InvalidOperationException("Brotli could not compress a grain state into its maximum compressed length.");
            }

            return BinaryData.FromBytes(buffer.AsSpan(0, sizeof(int) + written).ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public T? Deserialize<T>(BinaryData input)
    {
        var stored = input.ToMemory().Span;
        var length = stored.Length < sizeof(int) ? -1 : BinaryPrimitives.ReadInt32LittleEndian(stored);
        if (length is < 0 or > MaxState)
        {
            throw new InvalidDataException("A stored grain state does not start with a plausible length: it was not written compressed.");
        }

        var raw = new byte[length];
        if (!BrotliDecoder.TryDecompress(stored[sizeof(int)..], raw, out var written) || written != raw.Length)
        {
            throw new InvalidDataException("A stored grain state is not the Brotli data of its recorded length.");
        }

        return inner.Deserialize<T>(BinaryData.FromBytes(raw));
    }
}
