namespace Matching.Api;

/// <summary>One recorded event as the API shows it: the features as an object of name to value.</summary>
public sealed record FeedbackEventResponse(
    long Sequence, string NeedId, string OfferId, string Event, DateTimeOffset At, DateTimeOffset ReceivedAt,
    string ModelVersion, double? Score, Dictionary<string, float?> Features)
{
    public static FeedbackEventResponse From(FeedbackRecord r)
    {
        var served = r.Event.Served;
        // A value JSON cannot carry (NaN, infinity) is written as null rather than failing the whole page.
        var features = new Dictionary<string, float?>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(served.FeatureNames.Length, served.Features.Length); i++)
        {
            features[served.FeatureNames[i]] = float.IsFinite(served.Features[i]) ? served.Features[i] : null;
        }

        return new FeedbackEventResponse(
            r.Sequence, r.Event.NeedId, r.Event.OfferId, FeedbackKinds.Name(r.Event.Kind), r.Event.At, r.Event.ReceivedAt,
            served.ModelVersion, double.IsFinite(served.Score) ? served.Score : null, features);
    }
}
