using Choshu.Domain.Taxpayers;

namespace Choshu.App.Seeding;

/// <summary>
/// Surnames (common in Kagoshima, weighted roughly by frequency) and given names by generation and
/// sex, in kanji and katakana. Full names are written surname, full-width space, given name, as
/// resident records print them.
/// </summary>
public static class JapaneseNames
{
    public const char Space = '\u3000';

    public static readonly WeightedChoice<PersonName> Surnames = new(
    [
        (N("中村", "ナカムラ"), 30), (N("山下", "ヤマシタ"), 28), (N("田中", "タナカ"), 25), (N("前田", "マエダ"), 22),
        (N("浜田", "ハマダ"), 20), (N("東", "ヒガシ"), 18), (N("川畑", "カワバタ"), 17), (N("吉永", "ヨシナガ"), 15),
        (N("福永", "フクナガ"), 15), (N("松元", "マツモト"), 15), (N("池田", "イケダ"), 14), (N("山口", "ヤマグチ"), 14),
        (N("今村", "イマムラ"), 13), (N("有村", "アリムラ"), 13), (N("西", "ニシ"), 13), (N("上村", "カミムラ"), 12),
        (N("坂元", "サカモト"), 12), (N("永田", "ナガタ"), 12), (N("原田", "ハラダ"), 11), (N("竹下", "タケシタ"), 11),
        (N("吉田", "ヨシダ"), 11), (N("山元", "ヤマモト"), 11), (N("松下", "マツシタ"), 10), (N("鮫島", "サメシマ"), 10),
        (N("久保", "クボ"), 10), (N("大山", "オオヤマ"), 10), (N("橋口", "ハシグチ"), 9), (N("森", "モリ"), 9),
        (N("西田", "ニシダ"), 9), (N("岩切", "イワキリ"), 8), (N("下村", "シモムラ"), 8), (N("福留", "フクドメ"), 8),
        (N("宮原", "ミヤハラ"), 8), (N("松尾", "マツオ"), 8), (N("岩元", "イワモト"), 8), (N("有馬", "アリマ"), 7),
        (N("新田", "ニッタ"), 7), (N("野村", "ノムラ"), 7), (N("西村", "ニシムラ"), 7), (N("内田", "ウチダ"), 7),
        (N("川原", "カワハラ"), 7), (N("堀之内", "ホリノウチ"), 6), (N("本田", "ホンダ"), 6), (N("児玉", "コダマ"), 6),
        (N("宮内", "ミヤウチ"), 6), (N("園田", "ソノダ"), 6), (N("上野", "ウエノ"), 6), (N("佐藤", "サトウ"), 6),
        (N("鈴木", "スズキ"), 5), (N("高橋", "タカハシ"), 5), (N("渡辺", "ワタナベ"), 5), (N("伊藤", "イトウ"), 5),
        (N("小林", "コバヤシ"), 5), (N("加藤", "カトウ"), 5), (N("迫田", "サコダ"), 5), (N("東郷", "トウゴウ"), 4),
        (N("肥後", "ヒゴ"), 4), (N("隈元", "クマモト"), 4), (N("白石", "シライシ"), 4), (N("大迫", "オオサコ"), 4),
        (N("四元", "ヨツモト"), 3), (N("北園", "キタゾノ"), 3), (N("春田", "ハルタ"), 3), (N("神園", "カミゾノ"), 3),
        (N("蓑田", "ミノダ"), 3), (N("徳永", "トクナガ"), 3), (N("枦山", "ハゼヤマ"), 2), (N("満尾", "ミツオ"), 2),
    ]);

    private static readonly WeightedChoice<PersonName> MaleBefore1960 = Even(
        ("清", "キヨシ"), ("勇", "イサム"), ("茂", "シゲル"), ("博", "ヒロシ"), ("実", "ミノル"), ("進", "ススム"),
        ("正", "タダシ"), ("隆", "タカシ"), ("明", "アキラ"), ("武", "タケシ"), ("義雄", "ヨシオ"), ("一郎", "イチロウ"),
        ("正夫", "マサオ"), ("和夫", "カズオ"), ("幸男", "ユキオ"), ("秀夫", "ヒデオ"));

    private static readonly WeightedChoice<PersonName> FemaleBefore1960 = Even(
        ("和子", "カズコ"), ("幸子", "サチコ"), ("節子", "セツコ"), ("洋子", "ヨウコ"), ("恵子", "ケイコ"), ("京子", "キョウコ"),
        ("美代子", "ミヨコ"), ("久子", "ヒサコ"), ("悦子", "エツコ"), ("照子", "テルコ"), ("文子", "フミコ"), ("信子", "ノブコ"),
        ("トシ子", "トシコ"), ("キミ", "キミ"));

    private static readonly WeightedChoice<PersonName> Male1960To1984 = Even(
        ("誠", "マコト"), ("健一", "ケンイチ"), ("浩二", "コウジ"), ("大輔", "ダイスケ"), ("直樹", "ナオキ"), ("哲也", "テツヤ"),
        ("剛", "ツヨシ"), ("和也", "カズヤ"), ("隆之", "タカユキ"), ("秀樹", "ヒデキ"), ("浩", "ヒロシ"), ("聡", "サトシ"),
        ("達也", "タツヤ"), ("亮", "リョウ"), ("康弘", "ヤスヒロ"), ("修", "オサム"));

    private static readonly WeightedChoice<PersonName> Female1960To1984 = Even(
        ("裕子", "ユウコ"), ("由美子", "ユミコ"), ("真由美", "マユミ"), ("智子", "トモコ"), ("久美子", "クミコ"), ("明美", "アケミ"),
        ("直美", "ナオミ"), ("恵美", "エミ"), ("美穂", "ミホ"), ("陽子", "ヨウコ"), ("香織", "カオリ"), ("純子", "ジュンコ"),
        ("麻衣", "マイ"), ("亜希子", "アキコ"));

    private static readonly WeightedChoice<PersonName> MaleFrom1985 = Even(
        ("翔太", "ショウタ"), ("拓也", "タクヤ"), ("健太", "ケンタ"), ("大輝", "ダイキ"), ("蓮", "レン"), ("颯太", "ソウタ"),
        ("悠斗", "ユウト"), ("翔", "ショウ"), ("大翔", "ヒロト"), ("陸", "リク"), ("海斗", "カイト"), ("拓海", "タクミ"));

    private static readonly WeightedChoice<PersonName> FemaleFrom1985 = Even(
        ("美咲", "ミサキ"), ("彩", "アヤ"), ("愛", "アイ"), ("陽菜", "ヒナ"), ("さくら", "サクラ"), ("結衣", "ユイ"),
        ("葵", "アオイ"), ("七海", "ナナミ"), ("萌", "モエ"), ("優花", "ユウカ"), ("真央", "マオ"), ("遥", "ハルカ"));

    /// <summary>A given name usual for a person of <paramref name="sex"/> born in <paramref name="birthYear"/>.</summary>
    public static PersonName GivenName(Sex sex, int birthYear, SeedRandom rng) => (sex, birthYear) switch
    {
        (Sex.Male, < 1960) => MaleBefore1960.Pick(rng),
        (Sex.Male, < 1985) => Male1960To1984.Pick(rng),
        (Sex.Male, _) => MaleFrom1985.Pick(rng),
        (_, < 1960) => FemaleBefore1960.Pick(rng),
        (_, < 1985) => Female1960To1984.Pick(rng),
        _ => FemaleFrom1985.Pick(rng),
    };

    /// <summary>"山下　太郎" / "ヤマシタ　タロウ".</summary>
    public static PersonName Full(PersonName surname, PersonName given) =>
        new(surname.Kanji + Space + given.Kanji, surname.Kana + Space + given.Kana);

    private static PersonName N(string kanji, string kana) => new(kanji, kana);

    private static WeightedChoice<PersonName> Even(params (string Kanji, string Kana)[] names) =>
        new(names.Select(n => (new PersonName(n.Kanji, n.Kana), 1)));
}
