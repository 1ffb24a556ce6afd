using Matching.Contracts;
using Matching.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Matching.Tests.Unit;

public sealed class CompressedStorageSerializerTests
{
    private static readonly OrleansGrainStorageSerializer Plain =
        new(new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    private static readonly CompressedStorageSerializer Compressed = new(Plain);

    private static ItemState<OfferData> Offer(string description) => new()
    {
        Data = new OfferData
        {
            Title = "Low-temperature solid-state battery electrolyte",
            Description = description,
            Keywords = ["solid-state battery", "electrolyte", "固态电池"],
            Country = "CN",
            Trl = 6,
            TransferModes = TransferModes.License | TransferModes.Codevelopment,
        },
        Version = 7,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void A_state_round_trips_and_a_text_record_takes_less_than_uncompressed()
    {
        var state = Offer(string.Join(' ', Enumerable.Repeat("A sulfide electrolyte that conducts lithium ions at minus twenty degrees; pilot line in Suzhou.", 8)));

        var stored = Compressed.Serialize(state);
        var back = Compressed.Deserialize<ItemState<OfferData>>(stored)!;

        Assert.True(state.Data!.SameAs(back.Data!));
        Assert.Equal((7L, DateTimeOffset.UnixEpoch), (back.Version, back.UpdatedAt));
        Assert.True(stored.ToMemory().Length < Plain.Serialize(state).ToMemory().Length / 2);
    }

    [Fact]
    public void Empty_and_small_states_round_trip()
    {
        var kept = new KeptState { Ids = [], Sequence = 0 };

        var back = Compressed.Deserialize<KeptState>(Compressed.Serialize(kept))!;

        Assert.Empty(back.Ids);
        Assert.Null(back.ModelVersion);
    }

    [Fact]
    public void Bytes_that_are_not_a_compressed_state_are_refused()
    {
        var plain = Plain.Serialize(Offer("x"));

        Assert.Throws<InvalidDataException>(() => Compressed.Deserialize<ItemState<OfferData>>(plain));
    }
}
