using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.Domain.Reconciliation;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Payments;

/// <summary>
/// What the payment pages share: reading what staff type (amounts with or without separators, full-width
/// digits, dates), the installment fields (通知書番号, 期別, 税目, 年度), receipt numbers, handles and the
/// Japanese names of channels and statuses.
/// </summary>
public static class PaymentForms
{
    /// <summary><see cref="OpaqueIds"/> kind of a payment's handle (receipt, match, reversal).</summary>
    public const string PaymentHandle = "payment";

    /// <summary><see cref="OpaqueIds"/> kind of the sealed receipt number in a counter form (the idempotency key).</summary>
    public const string ReceiptHandle = "counter-receipt";

    public const long MaxAmount = 99_999_999_999;

    /// <summary>Receipt numbers are drawn from these (Crockford base32: no I, L, O, U, so they read back without doubt).</summary>
    private const string ReceiptAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>
    /// A new 領収番号 for a counter payment entered on the web: "W", the Japan date as YYMMDD, "-", eight random
    /// characters, e.g. "W261126-7K3M9Q2P" (16 half-width letters, digits and '-', as the counter file's 領収番号).
    /// </summary>
    public static string NewReceiptNo(DateOnly today)
    {
        Span<char> random = stackalloc char[8];
        for (var i = 0; i < random.Length; i++) random[i] = ReceiptAlphabet[RandomNumberGenerator.GetInt32(ReceiptAlphabet.Length)];
        return string.Create(CultureInfo.InvariantCulture, $"W{today:yyMMdd}-{random}");
    }

    /// <summary>Yen as typed: "12300", "12,300", "１２，３００円". Null with a Japanese reason when it is not a whole amount from 1 yen.</summary>
    public static long? ParseYen(string? text, out string? error)
    {
        error = null;
        var s = Normalize(text).Replace(",", "", StringComparison.Ordinal).TrimEnd('円').Trim();
        if (s.Length == 0) { error = "金額を入力してください。"; return null; }
        if (!long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var yen) || yen <= 0 || yen > MaxAmount)
        {
            error = "金額は 1 円以上の整数で入力してください（例: 12,300）。";
            return null;
        }
        return yen;
    }

    /// <summary>A date as typed: 2026-06-30, 2026/6/30 or 20260630 (full-width digits too).</summary>
    public static DateOnly? ParseDate(string? text, string label, out string? error)
    {
        error = null;
        var s = Normalize(text);
        if (s.Length == 0) { error = $"{label}を入力してください。"; return null; }
        string[] formats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "yyyy/M/d", "yyyyMMdd"];
        if (DateOnly.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        error = $"{label}は 2026-06-30 のように年-月-日で入力してください。";
        return null;
    }

    /// <summary>The installment fields of a form, checked; null with the reasons when something is missing or malformed.</summary>
    public static InstallmentQuery? ParseInstallment(string? noticeNo, string? period, string? taxKind, string? fiscalYear, List<string> errors)
    {
        var notice = Normalize(noticeNo);
        if (notice.Length == 0) errors.Add("通知書番号を入力してください。");
        else if (notice.Length > 30) errors.Add("通知書番号が長すぎます（30文字まで）。");
        short p = 0;
        var periodText = Normalize(period);
        if (periodText.Length == 0) errors.Add("期別を入力してください（例: 1）。");
        else if (!short.TryParse(periodText, NumberStyles.None, CultureInfo.InvariantCulture, out p) || p is < 1 or > 99)
            errors.Add("期別は 1〜99 の数字で入力してください。");
        var kind = Normalize(taxKind);
        if (kind.Length > 10) errors.Add("税目コードが長すぎます（10文字まで）。");
        int? year = null;
        var yearText = Normalize(fiscalYear);
        if (yearText.Length > 0)
        {
            if (int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2999) year = y;
            else errors.Add("調定年度は 2026 のように西暦4桁で入力してください。");
        }
        return errors.Count > 0 ? null : new InstallmentQuery(notice, p, kind.Length == 0 ? null : kind, year);
    }

    /// <summary>
    /// The Japanese message for a lookup that found no installment or several: the use case's own for
    /// "not found", and for "several" one that points at the form's 税目コード and 調定年度 fields.
    /// </summary>
    public static string LookupMessage(Domain.DomainException ex) => ex.Code switch
    {
        // "通知書番号 N の第P期が複数あります（税目01 市民税 2025年度、…）。" then the CLI's options: keep the first sentence.
        "installment.ambiguous" => ex.Message[..(ex.Message.IndexOf('。', StringComparison.Ordinal) + 1)]
            + "「税目コード」と「調定年度」も入力して、もう一度照会してください。",
        "installment.not_found" => ex.Message + "通知書番号と期別を確かめてください。",
        _ => ex.Message,
    };

    /// <summary>The refusal of a use case as the 403 page shows it (its Japanese reason; the refusal is already in the audit log).</summary>
    public static IActionResult Forbidden(PageModel page, AccessDeniedException ex)
    {
        page.HttpContext.Items[PermissionHandler.DeniedMessageKey] = ex.Message;
        return page.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static string Normalize(string? text) => (text ?? "").Normalize(NormalizationForm.FormKC).Trim();
}
