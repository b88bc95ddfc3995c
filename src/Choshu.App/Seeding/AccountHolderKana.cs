using Choshu.Formats.Kana;

namespace Choshu.App.Seeding;

/// <summary>
/// カナ名義人 as a bank records it: the kana name in the Zengin character set
/// (<see cref="HalfWidthKana.ToZengin(string)"/>: ヤマシタ　タロウ → ﾔﾏｼﾀ ﾀﾛｳ), with a company's legal form
/// written in the banks' usual abbreviation (法人略語): 株式会社 ｶ), 有限会社 ﾕ), 合同会社 ﾄﾞ) before the name,
/// (ｶ after it for 後株. Cut at the 30 characters of the Zengin 預金者名 field.
/// </summary>
public static class AccountHolderKana
{
    public const int MaxLength = 30;

    private static readonly (string Form, string Before, string After)[] LegalForms =
    [
        ("カブシキガイシャ", "ｶ)", "(ｶ"),
        ("ユウゲンガイシャ", "ﾕ)", "(ﾕ"),
        ("ゴウドウガイシャ", "ﾄﾞ)", "(ﾄﾞ"),
    ];

    public static string For(string nameKana)
    {
        ArgumentNullException.ThrowIfNull(nameKana);
        var kana = nameKana;
        foreach (var (form, before, after) in LegalForms)
        {
            if (kana.StartsWith(form + JapaneseNames.Space, StringComparison.Ordinal))
            {
                kana = before + HalfWidthKana.ToZengin(kana[(form.Length + 1)..]);
                return Cut(kana);
            }

            if (kana.EndsWith(JapaneseNames.Space + form, StringComparison.Ordinal))
            {
                kana = HalfWidthKana.ToZengin(kana[..^(form.Length + 1)]) + after;
                return Cut(kana);
            }
        }

        return Cut(HalfWidthKana.ToZengin(kana));
    }

    private static string Cut(string zengin) => zengin.Length > MaxLength ? zengin[..MaxLength] : zengin;
}
