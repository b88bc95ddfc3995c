using Choshu.Domain.Reconciliation;
using Choshu.Formats.Barcodes;

namespace Choshu.Forms;

/// <summary>
/// Synthetic letters (made-up people and numbers) for the samples in docs/forms/ and the form benchmark:
/// a 督促状 with a claims table, 教示 and a slip with barcode and eL-QR, in any layout.
/// </summary>
public static class FormSamples
{
    public static readonly FormSender Sender = new(
        "鹿児島市", "鹿児島市長", "税務部 納税課", "鹿児島市山下町11番1号", "099-216-1189");

    /// <summary>The synthetic biller code the samples' store barcodes carry.</summary>
    public const string BillerCode = "912345";

    /// <summary>
    /// Letter number <paramref name="n"/> (1-based): amounts and names vary with n; every letter has two claim
    /// lines and one slip (a second slip for every 10th letter; no store barcode for every 25th, whose
    /// total is above 300,000 yen).
    /// </summary>
    public static FormLetter Reminder(int n, FormLayout layout = FormLayout.A4Letter, DateOnly? issuedOn = null)
    {
        var issued = issuedOn ?? new DateOnly(2026, 12, 7);
        var deadline = issued.AddDays(13);
        var big = n % 25 == 0;
        var principal = big ? 412_300 : 12_000 + n % 97 * 1_100;
        var late = big ? 8_700 : n % 7 * 100;
        const long fee = 100;
        var surnames = new[] { "山田", "鈴木", "佐藤", "田中", "中村", "西郷", "大久保", "東郷" };
        var givens = new[] { "太郎", "花子", "一郎", "美咲", "健太", "由美", "翔", "さくら" };
        var name = $"{surnames[n % surnames.Length]}　{givens[n / surnames.Length % givens.Length]}";
        var noticeNo = (260000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var claims = new List<FormClaimLine>
        {
            new("市民税（普通徴収）", 2026, noticeNo, 2, new DateOnly(2026, 9, 30), principal, fee, late, $"督促状発付 {Choshu.Formats.Text.JapaneseDate.Wareki(issued)}"),
            new("軽自動車税（種別割）", 2026, (560000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, new DateOnly(2026, 6, 1), 10_800, fee, 0, null),
        };
        var slips = new List<FormSlip> { Slip(n, name, "市民税（普通徴収）", noticeNo, 2, principal, fee, late, deadline) };
        if (n % 10 == 0) slips.Add(Slip(n + 500_000, name, "軽自動車税（種別割）", (560000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, 10_800, fee, 0, deadline));

        return new FormLetter(
            layout,
            "督促状",
            (12000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture),
            issued,
            new FormRecipient(
                "8920853",
                ["鹿児島市城山町3番30号", "城山ハイツ403号"],
                name,
                n % 3 == 0 ? "納税管理人" : null,
                n % 3 == 0 ? "西郷　隆子" : null,
                (100000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Sender,
            [
                "あなたの下記の市税は、納期限までに納付が確認できませんでした。地方税法の規定により督促します。",
                $"下記の金額を{Choshu.Formats.Text.JapaneseDate.Wareki(deadline)}までに、同封の納付書で納付してください。この督促状を発した日から起算して10日を経過した日までに完納されないときは、滞納処分（財産の差押え）を行うことがあります。",
                "行き違いで納付済みの場合は、ご容赦ください。",
            ],
            claims,
            slips,
            [
                "この処分について不服がある場合は、この処分があったことを知った日の翌日から起算して3か月以内に、鹿児島市長に対して審査請求をすることができます。",
                "この処分の取消しの訴えは、審査請求に対する裁決があったことを知った日の翌日から起算して6か月以内に、鹿児島市を被告として（訴訟において鹿児島市を代表する者は鹿児島市長となります。）提起することができます。",
            ],
            "延滞金は納期限の翌日から納付の日までの日数に応じて計算します。納付書の延滞金は支払期限までに納付された場合の金額です。");
    }

    private static FormSlip Slip(int n, string name, string kind, string noticeNo, short period, long principal, long fee, long late, DateOnly deadline)
    {
        var key = new MatchKey(1_000 + n).Value;
        var amount = principal + fee + late;
        var barcode = amount > StoreBarcode.MaxBarcodeAmount
            ? null
            : new StoreBarcode(BillerCode, MatchKey.StoreSchemeDigit + key, 0, deadline, false, amount).Encode();
        var qr = new ChoshuElQrPayload().Build(new ElQrFields(BillerCode, key, amount, deadline));
        return new FormSlip(name, kind, 2026, noticeNo, period, principal, fee, late, amount, deadline, key, key, barcode, qr);
    }
}
