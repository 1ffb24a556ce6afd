namespace Matching.Ranking;

/// <summary>What a term is: a whole word (or an English two-word phrase) or a Chinese character bigram.</summary>
public enum TermKind : byte
{
    /// <summary>A word from segmentation or an English word; reasons quote these.</summary>
    Word = 0,
    /// <summary>Two adjacent content words (English words, or Chinese words as segmented).</summary>
    Phrase = 1,
    /// <summary>Two adjacent Han characters: lets a new Chinese word match even when segmentation splits it oddly.</summary>
    Gram = 2,
    /// <summary>A need's term in the other language, from the bilingual dictionary; its spelling says both ("质子 ≈ proton").</summary>
    Translation = 3,
}
