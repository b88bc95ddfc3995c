namespace Choshu.App.Seeding;

/// <summary>
/// Company names of the synthetic city: a local place or motif and a line of business, with the
/// legal form before (前株) or after (後株) it, and the title the representative carries for that form.
/// The kana is the full reading, legal form included, separated by a full-width space.
/// </summary>
public static class CorporateNames
{
    public sealed record LegalForm(string Kanji, string Kana, bool Before, string RepresentativeTitle);

    public sealed record CorporateName(string Kanji, string Kana, string Core, string RepresentativeTitle);

    private static readonly WeightedChoice<LegalForm> Forms = new(
    [
        (new LegalForm("株式会社", "カブシキガイシャ", true, "代表取締役"), 45),
        (new LegalForm("株式会社", "カブシキガイシャ", false, "代表取締役"), 25),
        (new LegalForm("有限会社", "ユウゲンガイシャ", true, "取締役"), 22),
        (new LegalForm("合同会社", "ゴウドウガイシャ", true, "代表社員"), 8),
    ]);

    private static readonly PersonName[] Places =
    [
        new("南日本", "ミナミニホン"), new("鹿児島", "カゴシマ"), new("桜島", "サクラジマ"), new("錦江", "キンコウ"),
        new("薩摩", "サツマ"), new("城山", "シロヤマ"), new("天文館", "テンモンカン"), new("谷山", "タニヤマ"),
        new("九州", "キュウシュウ"), new("南州", "ナンシュウ"), new("霧島", "キリシマ"), new("開聞", "カイモン"),
        new("甲南", "コウナン"), new("隼人", "ハヤト"), new("大隅", "オオスミ"), new("吉野", "ヨシノ"),
        new("鴨池", "カモイケ"), new("武岡", "タケオカ"), new("伊敷", "イシキ"), new("黒潮", "クロシオ"),
        new("南国", "ナンゴク"), new("島津", "シマヅ"), new("紫原", "ムラサキバル"), new("錦", "ニシキ"),
    ];

    private static readonly PersonName[] Businesses =
    [
        new("建設", "ケンセツ"), new("商事", "ショウジ"), new("運輸", "ウンユ"), new("電気工業", "デンキコウギョウ"),
        new("食品", "ショクヒン"), new("不動産", "フドウサン"), new("設備", "セツビ"), new("印刷", "インサツ"),
        new("観光", "カンコウ"), new("水産", "スイサン"), new("農産", "ノウサン"), new("産業", "サンギョウ"),
        new("物産", "ブッサン"), new("技研", "ギケン"), new("自動車", "ジドウシャ"), new("興産", "コウサン"),
        new("住宅", "ジュウタク"), new("工務店", "コウムテン"), new("石油", "セキユ"), new("精工", "セイコウ"),
        new("酒造", "シュゾウ"), new("製茶", "セイチャ"), new("畜産", "チクサン"), new("医療サービス", "イリョウサービス"),
    ];

    public static CorporateName Next(SeedRandom rng)
    {
        var form = Forms.Pick(rng);
        var place = Places[rng.Next(Places.Length)];
        var business = Businesses[rng.Next(Businesses.Length)];
        var coreKanji = place.Kanji + business.Kanji;
        var coreKana = place.Kana + business.Kana;
        return form.Before
            ? new CorporateName(form.Kanji + coreKanji, form.Kana + JapaneseNames.Space + coreKana, place.Kanji, form.RepresentativeTitle)
            : new CorporateName(coreKanji + form.Kanji, coreKana + JapaneseNames.Space + form.Kana, place.Kanji, form.RepresentativeTitle);
    }
}
