using Choshu.App.Taxpayers;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Taxpayers;

namespace Choshu.Web.Pages.Taxpayers;

/// <summary>The Japanese words of the taxpayer screens (search results and the taxpayer page).</summary>
public static class TaxpayerText
{
    /// <summary>The kind of record an opaque handle of these pages seals (a 宛名番号).</summary>
    public const string HandleKind = "taxpayer";

    public static string Person(PersonKind k) => k == PersonKind.Corporation ? "法人" : "個人";

    public static string Sex(Sex? s) => s switch
    {
        Domain.Taxpayers.Sex.Male => "男",
        Domain.Taxpayers.Sex.Female => "女",
        _ => "",
    };

    /// <summary>住登状況 (現存区分); a corporation's 死亡 is 解散.</summary>
    public static string Residency(ResidencyStatus s, PersonKind k = PersonKind.Individual) => s switch
    {
        ResidencyStatus.Current => k == PersonKind.Corporation ? "存続" : "現存（住民登録あり）",
        ResidencyStatus.MovedOut => "転出",
        ResidencyStatus.Deceased => k == PersonKind.Corporation ? "解散" : "死亡",
        ResidencyStatus.NonResident => "住登外",
        _ => s.ToString(),
    };

    /// <summary>完納 / 一部納付 / 未納 / 納期限超過 (with 一部納付 when part of an overdue installment was paid) / 時効（令和7年7月1日に消滅）.</summary>
    public static string Status(InstallmentLine i) => i.Status switch
    {
        InstallmentStatus.Paid => "完納",
        InstallmentStatus.PartlyPaid => "一部納付",
        InstallmentStatus.NotDue => "未納",
        InstallmentStatus.Overdue => i.PrincipalPaid > 0 ? "納期限超過（一部納付）" : "納期限超過",
        InstallmentStatus.Lapsed => $"時効（{Formatting.Display.WarekiDate(i.ClaimLapsesOn)}に消滅）",
        _ => i.Status.ToString(),
    };

    public static string Channel(PaymentChannel c) => c switch
    {
        PaymentChannel.Counter => "窓口",
        PaymentChannel.Bank => "金融機関",
        PaymentChannel.Store => "コンビニ",
        PaymentChannel.DirectDebit => "口座振替",
        PaymentChannel.Eltax => "地方税共通納税（eLTAX）",
        _ => c.ToString(),
    };

    public static string PaymentState(PaymentLine p) => p.Reversed
        ? (p.Status == PaymentStatus.Unmatched ? "取消済（未消込に戻し）" : "取消済（別の期別に消込）")
        : p.Status switch
    {
        PaymentStatus.Pending => "速報のみ（確報待ち）",
        PaymentStatus.Booked => "消込済",
        PaymentStatus.Unmatched => "未消込",
        PaymentStatus.Cancelled => "速報取消",
        _ => p.Status.ToString(),
    };

    public static string Overpayment(OverpaymentReason r) => r switch
    {
        OverpaymentReason.DoublePayment => "二重納付",
        OverpaymentReason.OverPayment => "過納（納付額が多い）",
        OverpaymentReason.PaidAfterReduction => "減額更正後の納付",
        OverpaymentReason.PaidAfterLapse => "時効後の納付",
        _ => r.ToString(),
    };

    public static string AgentKind(short k) => k switch
    {
        1 => "納税管理人",
        2 => "送付先",
        3 => "相続人代表者",
        _ => k.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string AccountType(short t) => t switch
    {
        1 => "普通",
        2 => "当座",
        _ => "その他",
    };

    /// <summary>"市民税 2026年度 通知書番号 2026010001 第1期"; empty for none.</summary>
    public static string Installment(InstallmentRef? r) =>
        r is null ? "" : $"{r.TaxKindName} {r.FiscalYear}年度 通知書番号 {r.NoticeNo} 第{r.Period}期";

    /// <summary>〒892-0816 (empty for none).</summary>
    public static string Postal(string? code) =>
        code is { Length: 7 } c ? $"〒{c[..3]}-{c[3..]}" : string.IsNullOrWhiteSpace(code) ? "" : "〒" + code;

    /// <summary>A revealed My Number in groups of four, as the card prints it.</summary>
    public static string Grouped(string digits) =>
        digits.Length == 12 ? $"{digits[..4]} {digits[4..8]} {digits[8..]}" : digits;
}
