namespace Matching.Ranking;

/// <summary>
/// What the two phases read of one item's text (see <see cref="TextModel.Profile"/>): the whole text's vector;
/// each of its slots' term frequency (occurrences weighted by field, title and keywords twice the description,
/// and by kind, <see cref="TextModel"/>), which BM25 reads; the number of terms; the title's and the keywords'
/// own vectors; and the language.
/// </summary>
public sealed record TextProfile(FeatureVector All, float[] Frequencies, int Length, FeatureVector Title, FeatureVector Keywords, Language Language);
