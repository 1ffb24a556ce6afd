using Matching.Ranking;

namespace Matching.Tests.Unit;

/// <summary>The shipped bilingual dictionary: CC-CEDICT and the glossary, English keys, and folding traditional characters.</summary>
public class BilingualDictionaryTests
{
    private static readonly TextModel Model = TextModel.Train([], "empty");

    [Fact]
    public void The_shipped_dictionary_loads_cc_cedict_and_the_glossary()
    {
        var d = BilingualDictionary.Shared;

        Assert.InRange(d.Headwords, 90_000, 130_000);
        Assert.InRange(d.Folds, 2_000, 5_000);
        Assert.Contains("proton", d.English("质子"));
        Assert.Equal(["proton therapy"], d.English("质子治疗")); // the glossary wins over the dictionary
        Assert.Contains("回旋加速器", d.Chinese(BilingualDictionary.Key("cyclotron")!));
        Assert.Contains("质子治疗", d.Chinese(BilingualDictionary.Key("proton therapy")!));
        Assert.Empty(d.English("钜铼钛"));
    }

    [Fact]
    public void A_small_dictionary_loads_from_its_two_files()
    {
        var d = BilingualDictionary.Load(
            new StringReader("E\t电池\tbattery|electric cell\nE\t殴打\tbeat up|battery\nT\t電\t电\n"),
            new StringReader("# comment\n电池组\tbattery pack\n"));

        Assert.Equal(["battery", "electric cell"], d.English("电池"));
        Assert.Equal(["电池", "殴打"], d.Chinese("batteri")); // a headword's first sense ranks before a later one
        Assert.Equal(["电池组"], d.Chinese("batteri pack"));
        Assert.Equal("电池", d.Fold("電池"));
        Assert.Equal(1, d.Folds);
    }

    [Fact]
    public void English_keys_are_the_analyzers_words_and_two_word_phrases()
    {
        Assert.Equal("medic treatment", BilingualDictionary.Key("medical treatments"));
        Assert.Equal("solid-state batteri", BilingualDictionary.Key("solid-state battery")); // hyphenated words stay whole, as in the analyzer
        Assert.Null(BilingualDictionary.Key("superconducting proton therapy system"));
        Assert.Null(BilingualDictionary.Key("the"));
    }

    [Fact]
    public void Traditional_characters_fold_to_simplified_and_simplified_ones_stay()
    {
        Assert.Equal("质子治疗电池", TextAnalyzer.Normalize("質子治療電池"));
        Assert.Equal("乾燥", BilingualDictionary.Shared.Fold("乾燥")); // 乾 is a simplified character too
        var traditional = Model.Profile(new ItemText("質子治療", null, []));
        var simplified = Model.Profile(new ItemText("质子治疗", null, []));
        Assert.Equal(simplified.Slots, traditional.Slots);
    }
}
