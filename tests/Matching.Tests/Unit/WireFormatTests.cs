using Matching.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Matching.Tests.Unit;

/// <summary>
/// Stored types keep explicit field ids, so their bytes in Redis stay readable; messages between grains use Orleans'
/// implicit ids for a record's parameters (README, "Layout").
/// </summary>
public sealed class WireFormatTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void A_stored_record_keeps_its_bytes()
    {
        var served = new ServedPair("default-3", 0.5, ["bm25"], [0.25f]);
        var feedback = new FeedbackEvent("n1", "o1", FeedbackKind.Contacted, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, served);
        var facts = new ItemFacts("C07", "CN", 6, TransferModes.License | TransferModes.Equity, AcceptForeign: true, MinTrl: 4);

        Assert.Equal(FeedbackHex, Convert.ToHexString(Serializer.SerializeToArray(feedback)));
        Assert.Equal(FactsHex, Convert.ToHexString(Serializer.SerializeToArray(facts)));
    }

    [Fact]
    public void A_message_with_nested_records_round_trips()
    {
        var changed = new ShortlistChanged(
            "t", Side.Needs, "n1", 3, ["o2"], new Shortlist("default-3", [new ShortlistItem("o1", 0.75, "Proton therapy", ["field"])]),
            DateTimeOffset.UnixEpoch);

        var back = Serializer.Deserialize<ShortlistChanged>(Serializer.SerializeToArray(changed))!;

        Assert.Equal(changed.EventId, back.EventId);
        Assert.Equal(["o2"], back.Previous);
        Assert.Equal("default-3", back.Shortlist.ModelVersion);
        Assert.Equal(("o1", 0.75, "field"), (back.Shortlist.Items[0].Id, back.Shortlist.Items[0].Score, back.Shortlist.Items[0].Reasons[0]));
    }

    [Fact]
    public void A_message_keeps_a_member_declared_in_its_body()
    {
        var model = new ModelInfo("m1", DateTimeOffset.UnixEpoch, "FastTree", new() { ["ndcg@3"] = 0.5 }, Active: true)
        {
            Baseline = new() { ["ndcg@3"] = 0.25 },
        };

        var back = Serializer.Deserialize<ModelInfo>(Serializer.SerializeToArray(model))!;

        Assert.Equal(("m1", "FastTree", true), (back.Version, back.Trainer, back.Active));
        Assert.Equal(0.5, back.Metrics["ndcg@3"]);
        Assert.Equal(0.25, back.Baseline["ndcg@3"]);
    }

    private const string FeedbackHex =
        "20E840056E3141056F31010521800080B5F7F57F9F08810000000000000000E021800080B5F7F57F9F08810000000000000000E021E8401364656661756C742D3381000000000000E03F2100034109626D3235E0210003610000803EE0E0E0";
    private const string FactsHex = "20E840074330374105434E0119010D010301110101E0";
}
