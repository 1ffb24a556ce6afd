using Matching.Ranking;

namespace Matching.Tests.Unit;

public class TextAnalyzerTests
{
    private static List<Term> Analyze(string text)
    {
        var terms = new List<Term>();
        TextAnalyzer.Shared.Analyze(text, terms);
        return terms;
    }

    [Fact]
    public void Normalization_folds_full_width_forms_and_case()
    {
        Assert.Equal("sic mosfet 2024", TextAnalyzer.Normalize("ＳｉＣ　ＭＯＳＦＥＴ　２０２４"));
    }

    [Fact]
    public void Chinese_is_segmented_into_words_phrases_and_character_bigrams()
    {
        var terms = Analyze("超导量子计算");

        Assert.Contains(new Term("超导", "超导", TermKind.Word), terms);
        Assert.Contains(new Term("量子", "量子", TermKind.Word), terms);
        Assert.Contains(new Term("量子计算", "量子计算", TermKind.Phrase), terms);
        Assert.Equal(["超导", "导量", "量子", "子计", "计算"], terms.Where(t => t.Kind == TermKind.Gram).Select(t => t.Key));
    }

    [Fact]
    public void Chinese_stop_words_are_not_words()
    {
        var words = Analyze("我们需要一种的方法").Where(t => t.Kind == TermKind.Word).Select(t => t.Key);

        Assert.DoesNotContain("我们", words);
        Assert.DoesNotContain("一种", words);
        Assert.DoesNotContain("的", words);
    }

    [Fact]
    public void A_single_character_that_segmentation_leaves_whole_is_a_word()
    {
        var words = Analyze("镁").Where(t => t.Kind == TermKind.Word).Select(t => t.Key);

        Assert.Equal(["镁"], words);
    }

    [Fact]
    public void English_words_drop_stop_words_are_stemmed_and_form_phrases()
    {
        var terms = Analyze("The batteries of a Cloud Platform");

        Assert.Contains(new Term("batteri", "batteries", TermKind.Word), terms);
        Assert.Contains(new Term("cloud", "cloud", TermKind.Word), terms);
        Assert.Contains(new Term("cloud platform", "cloud platform", TermKind.Phrase), terms);
        Assert.DoesNotContain(terms, t => t.Key is "the" or "of" or "a");
    }

    [Fact]
    public void Punctuation_ends_a_phrase()
    {
        var phrases = Analyze("cloud, platform").Where(t => t.Kind == TermKind.Phrase);

        Assert.Empty(phrases);
    }

    [Fact]
    public void Hyphenated_and_dotted_terms_keep_the_compound_and_its_parts()
    {
        var keys = Analyze("PD-1 antibody and Li-ion cells, Industry 4.0").Select(t => t.Key).ToList();

        Assert.Contains("pd-1", keys);
        Assert.Contains("pd", keys);
        Assert.Contains("li-ion", keys);
        Assert.Contains("ion", keys);
        Assert.Contains("4.0", keys);
    }

    [Fact]
    public void Mixed_text_splits_latin_acronyms_out_of_chinese()
    {
        var keys = Analyze("基于SiC的功率模块").Select(t => t.Key).ToList();

        Assert.Contains("sic", keys);
        Assert.Contains("功率", keys);
        Assert.Contains("模块", keys);
    }

    [Theory]
    [InlineData("batteries", "battery")]
    [InlineData("processes", "process")]
    [InlineData("lasers", "laser")]
    [InlineData("computing", "computers")]
    [InlineData("computation", "compute")]
    [InlineData("optimization", "optimizing")]
    [InlineData("retrieval", "retrieve")]
    [InlineData("matching", "matches")]
    public void Plural_ing_and_ation_forms_share_a_stem(string word, string other) =>
        Assert.Equal(TextAnalyzer.Stem(other), TextAnalyzer.Stem(word));

    [Theory]
    [InlineData("glass")]
    [InlineData("gas")]
    [InlineData("5g")]
    [InlineData("li-ion")]
    public void Short_words_and_words_with_digits_or_joiners_keep_their_form(string word) => Assert.Equal(word, TextAnalyzer.Stem(word));

    [Fact]
    public void Stemmed_forms_match_across_needs_and_offers()
    {
        var need = Analyze("optimizing retrieval of documents").Where(t => t.Kind == TermKind.Word).Select(t => t.Key);
        var offer = Analyze("document retrieval optimization").Where(t => t.Kind == TermKind.Word).Select(t => t.Key);

        Assert.Equal(need.Order(), offer.Order());
    }

    [Fact]
    public void Empty_and_blank_text_has_no_terms()
    {
        Assert.Empty(Analyze(""));
        Assert.Empty(Analyze("  \t\n "));
        Assert.Empty(Analyze("!!! ... ???"));
    }
}
