namespace Matching.Load.Generation;

/// <summary>One technical concept, spelled in both languages, so a topic can be written in either.</summary>
public sealed record Concept(string Chinese, string English)
{
    public string In(Language language) => language == Language.Chinese ? Chinese : English;
}
