using System.Text.Json.Nodes;
using Matching.Contracts;
using Matching.Grains;

namespace Matching.Tests.Unit;

public sealed class WebhookPayloadTests
{
    [Fact]
    public void A_withheld_need_is_posted_with_its_id_score_and_industry_only()
    {
        var change = new ShortlistChanged(GrainKeys.DefaultTenant, Side.Offers, "o1", 3, [], new Shortlist("m1",
        [
            ShortlistItem.Withheld("n1", 0.8, "batteries"),
            new ShortlistItem("n2", 0.7, "Open need", ["sodium"]),
        ]), DateTimeOffset.UnixEpoch);

        var items = JsonNode.Parse(WebhookPayload.Serialize(change))!["items"]!.AsArray();

        Assert.Equal("""{"needId":"n1","score":0.8,"title":"","reasons":[],"industry":"batteries","confidential":true}""", items[0]!.ToJsonString());
        Assert.Equal("""{"needId":"n2","score":0.7,"title":"Open need","reasons":["sodium"]}""", items[1]!.ToJsonString());
    }
}
