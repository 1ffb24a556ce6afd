namespace Matching.Load.Generation;

/// <summary>A ground-truth link from the generator: need, offer and grade 0..4.</summary>
public readonly record struct Judgment(int NeedIndex, string OfferId, int Grade, LinkKind Kind)
{
    public string NeedId => CorpusGenerator.NeedId(NeedIndex);
}
