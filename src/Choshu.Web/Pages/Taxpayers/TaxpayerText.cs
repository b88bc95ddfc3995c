using Choshu.App.Taxpayers;
using Choshu.Domain.Labels;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Taxpayers;

namespace Choshu.Web.Pages.Taxpayers;

/// <summary>The Japanese words of the taxpayer screens (search results and the taxpayer page).</summary>
public static class TaxpayerText
{
    /// <summary>The kind of record an opaque handle of these pages seals (a 宛名番号).</summary>
    public const string HandleKind = "taxpayer";

    /// <summary>住登状況: the code's word for the person (<see cref="JapaneseLabels"/>); an individual's 現存 says 住民登録あり.</summary>
    public static string Residency(ResidencyStatus s, PersonKind k = PersonKind.Individual) =>
        s == ResidencyStatus.Current && k == PersonKind.Individual ? JapaneseLabels.Of(s, k) + "（住民登録あり）" : JapaneseLabels.Of(s, k);

    /// <summary>The installment's status (<see cref="InstallmentStatusWords"/>), a lapsed one with its day in 和暦.</summary>
    public static string Status(InstallmentLine i) => InstallmentStatusWords.Of(i, d => Formatting.Display.WarekiDate(d));

    /// <summary>The payment's state; a 速報 says it waits for the 確報, a reversed payment where its money went.</summary>
    public static string PaymentState(PaymentLine p) => p.Reversed
        ? (p.Status == PaymentStatus.Unmatched ? "取消済（未消込に戻し）" : "取消済（別の期別に消込）")
        : p.Status == PaymentStatus.Pending ? JapaneseLabels.Of(p.Status) + "のみ（確報待ち）" : JapaneseLabels.Of(p.Status);

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

    /// <summary>"通知書番号 2026010001 第1期（市民税 2026年度）"; empty for none.</summary>
    public static string Installment(NamedInstallment? r) => r?.Name ?? "";

    /// <summary>〒892-0816 (empty for none).</summary>
    public static string Postal(string? code) => Choshu.Formats.Text.PostalCodeText.Of(code);

    /// <summary>A revealed My Number in groups of four, as the card prints it.</summary>
    public static string Grouped(string digits) =>
        digits.Length == 12 ? $"{digits[..4]} {digits[4..8]} {digits[8..]}" : digits;
}
