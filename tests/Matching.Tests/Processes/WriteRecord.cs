using System.Globalization;

namespace Matching.Tests.Processes;

/// <summary>One write as a client saw it. <paramref name="Seq"/> is the caller's sequence number for the key.</summary>
public sealed record WriteRecord(
    string Kind, string Id, int Seq, string Title, Outcome Outcome, int Status, long? Version, TimeSpan Start, TimeSpan Elapsed, string Detail)
{
    public override string ToString() =>
        $"{Kind}/{Id} #{Seq} {Outcome} {(Status == 0 ? "" : Status.ToString(CultureInfo.InvariantCulture))} v{Version?.ToString(CultureInfo.InvariantCulture) ?? "-"} " +
        $"at {Start.TotalSeconds:0.000}s took {Elapsed.TotalMilliseconds:0}ms {Detail}".TrimEnd();
}
