namespace Matching.Ranking;

/// <summary>Tells Chinese from English text by its letters.</summary>
public static class Languages
{
    /// <summary>Chinese when at least a fifth of the letters of title and description are CJK ideographs.</summary>
    public static Language Detect(ItemText text)
    {
        int cjk = 0, latin = 0;
        Count(text.Title, ref cjk, ref latin);
        Count(text.Description, ref cjk, ref latin);
        if (cjk + latin == 0)
        {
            return Language.Unknown;
        }

        // One ideograph carries about as much as a short English word: a fifth is already mostly Chinese prose.
        return cjk * 5 >= cjk + latin ? Language.Chinese : Language.English;
    }

    private static void Count(string? text, ref int cjk, ref int latin)
    {
        foreach (var c in text ?? "")
        {
            if (c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf')
            {
                cjk++;
            }
            else if (char.IsAsciiLetter(c))
            {
                latin++;
            }
        }
    }
}
