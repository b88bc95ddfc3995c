namespace Choshu.Formats.Kana;

/// <summary>How <see cref="HalfWidthKana"/> converts text to the Zengin character set.</summary>
public sealed record HalfWidthKanaOptions
{
    /// <summary>The defaults: small kana become large kana.</summary>
    public static HalfWidthKanaOptions Default { get; } = new();

    /// <summary>
    /// True (the default): small kana ャュョッァィゥェォ (and their half-width forms ｬｭｮｯｧｨｩｪｫ)
    /// become the large ﾔﾕﾖﾂｱｲｳｴｵ, so がっこう → ｶﾞﾂｺｳ. The 全銀協 character set has no small kana,
    /// banks record account holders' names in large kana (キユウヨイチロウ, not キュウヨイチロウ), and
    /// many banks reject a file that carries small kana. False keeps them as ｬｭｮｯｧｨｩｪｫ (ｶﾞｯｺｳ) for
    /// a bank that says it accepts them. ヵヶヮ become ｶｹﾜ either way: half-width forms of them do not exist.
    /// </summary>
    public bool SmallKanaToLarge { get; init; } = true;
}
