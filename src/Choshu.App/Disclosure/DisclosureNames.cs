using Choshu.Data.Privacy;
using Choshu.Domain;

namespace Choshu.App.Disclosure;

/// <summary>The Japanese words the disclosure commands accept and the report prints.</summary>
public static class DisclosureNames
{
    public static string Kind(DisclosureKind k) => k switch
    {
        DisclosureKind.Disclosure => "開示請求",
        DisclosureKind.Correction => "訂正請求",
        DisclosureKind.SuspensionOfUse => "利用停止請求",
        DisclosureKind.Inquiry => "問合せ",
        _ => k.ToString(),
    };

    /// <summary>開示, 訂正, 利用停止, 問合せ (with or without 請求), or the English enum name.</summary>
    public static DisclosureKind ParseKind(string text)
    {
        var s = text.Trim();
        foreach (var k in Enum.GetValues<DisclosureKind>())
            if (s == Kind(k) || s + "請求" == Kind(k) || string.Equals(s, k.ToString(), StringComparison.OrdinalIgnoreCase))
                return k;
        throw new DomainException("disclosure.kind_unknown", $"請求の種別「{text}」はありません（開示・訂正・利用停止・問合せ）。");
    }

    public static readonly IReadOnlyList<string> Relations = ["本人", "法定代理人", "任意代理人"];

    public static string ParseRelation(string text) =>
        Relations.SingleOrDefault(r => r == text.Trim())
        ?? throw new DomainException("disclosure.relation_unknown", $"本人との関係「{text}」はありません（本人・法定代理人・任意代理人）。");

    public static string Decision(DisclosureDecision d) => d switch
    {
        DisclosureDecision.Granted => "全部（開示・訂正・停止する）",
        DisclosureDecision.PartlyGranted => "一部",
        DisclosureDecision.Refused => "しない（不開示・訂正しない・停止しない）",
        DisclosureDecision.Answered => "回答",
        _ => d.ToString(),
    };

    /// <summary>
    /// 全部 (全部開示, 開示, 訂正する, 停止する), 一部 (一部開示), しない (不開示, 訂正しない, 停止しない, 不可), 回答, or the English enum name.
    /// </summary>
    public static DisclosureDecision ParseDecision(string text)
    {
        var s = text.Trim();
        DisclosureDecision? d = s switch
        {
            "全部" or "全部開示" or "開示" or "訂正する" or "停止する" => DisclosureDecision.Granted,
            "一部" or "一部開示" => DisclosureDecision.PartlyGranted,
            "しない" or "不開示" or "訂正しない" or "停止しない" or "不可" => DisclosureDecision.Refused,
            "回答" => DisclosureDecision.Answered,
            _ => Enum.TryParse<DisclosureDecision>(s, ignoreCase: true, out var e) && Enum.IsDefined(e) ? e : null,
        };
        return d ?? throw new DomainException("disclosure.decision_unknown", $"決定「{text}」はありません（全部・一部・しない・回答）。");
    }

    public static string DebitResult(short code) => code switch
    {
        1 => "1 資金不足",
        2 => "2 取引なし",
        3 => "3 預金者の都合による振替停止",
        4 => "4 依頼書なし",
        8 => "8 委託者の都合による振替停止",
        9 => "9 その他",
        _ => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
