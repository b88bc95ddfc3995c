using System.Globalization;
using System.Text;
using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.Data.Notices;
using Choshu.Domain.Claims;
using Choshu.Web.Pages.Payments;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Notices;

/// <summary>
/// What the notice pages share: the kinds of record handles (<see cref="OpaqueIds"/>), the Japanese names of run states,
/// layouts, delivery methods and return reasons, reading dates and lists as staff type them, and the refusal page.
/// </summary>
public static class NoticeForms
{
    /// <summary><see cref="OpaqueIds"/> kind of a run's handle (<c>/Notices/Run/{handle}</c>).</summary>
    public const string RunHandle = "notice-run";

    /// <summary><see cref="OpaqueIds"/> kind of a letter's handle (its 発行番号; <c>/Notices/Reprint/{handle}</c>).</summary>
    public const string LetterHandle = "notice-letter";

    /// <summary><see cref="OpaqueIds"/> kind of a returned letter's handle (<c>/Notices/Returned/{handle}</c>).</summary>
    public const string ReturnHandle = "returned-mail";

    /// <summary>Letters shown per page of a run.</summary>
    public const int LettersPerPage = 100;

    /// <summary>Exclusions shown in a preview (the rest are counted).</summary>
    public const int ExcludedShown = 200;

    public static string State(NoticeRun r) => r.CancelledAtUtc is not null ? "取消" : r.DispatchedOn is not null ? "発送済" : "作成済";

    public static readonly IReadOnlyList<(string Value, string Label)> Layouts =
        [("a4", "A4封書"), ("postcard", "圧着はがき"), ("threefold", "A4三つ折り圧着")];

    public static string LayoutLabel(string value) => Layouts.FirstOrDefault(l => l.Value == value).Label ?? value;

    public static string LayoutLabel(short stored) =>
        stored >= 1 && stored <= NoticeLayouts.Names.Count ? LayoutLabel(NoticeLayouts.Names[stored - 1]) : "";

    public static readonly IReadOnlyList<(DeliveryMethod Value, string Label)> Deliveries =
    [
        (DeliveryMethod.OrdinaryMail, "普通郵便"), (DeliveryMethod.RecordedMail, "特定記録郵便"),
        (DeliveryMethod.RegisteredMail, "簡易書留・配達証明"), (DeliveryMethod.ByHand, "交付送達（手渡し）"),
    ];

    public static string DeliveryLabel(short? d) => d is { } v ? Deliveries.FirstOrDefault(x => (short)x.Value == v).Label ?? "" : "普通郵便";

    public static readonly IReadOnlyList<ReturnedMailReason> Reasons =
        [ReturnedMailReason.AddressUnknown, ReturnedMailReason.MovedNoForwarding, ReturnedMailReason.Refused, ReturnedMailReason.NotCollected, ReturnedMailReason.Other];

    public static readonly IReadOnlyList<ReturnedMailResolution> Resolutions =
        [ReturnedMailResolution.Redispatched, ReturnedMailResolution.PublicNotice, ReturnedMailResolution.Closed];

    /// <summary>The addressee of a letter: 本人, 納税管理人, 送付先, 相続人代表者.</summary>
    public static string Addressee(short kind) => kind switch { 0 => "本人", 1 => "納税管理人", 2 => "送付先", 3 => "相続人代表者", _ => "" };

    /// <summary>An optional date: null when blank; an error when malformed.</summary>
    public static DateOnly? OptionalDate(string? text, string label, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var d = PaymentForms.ParseDate(text, label, out var error);
        if (error is not null) errors.Add(error);
        return d;
    }

    /// <summary>A required date.</summary>
    public static DateOnly? RequiredDate(string? text, string label, List<string> errors)
    {
        var d = PaymentForms.ParseDate(text, label, out var error);
        if (error is not null) errors.Add(error);
        return d;
    }

    /// <summary>Items separated by commas, spaces or 、 (full-width too); empty for none.</summary>
    public static IReadOnlyList<string> List(string? text) =>
        Normalize(text).Split([',', ' ', '、', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>An optional whole number (yen, days); null when blank; an error when not one.</summary>
    public static long? OptionalNumber(string? text, string label, List<string> errors)
    {
        var s = Normalize(text).Replace(",", "", StringComparison.Ordinal).TrimEnd('円', '日').Trim();
        if (s.Length == 0) return null;
        if (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return v;
        errors.Add($"{label}は 0 以上の整数で入力してください。");
        return null;
    }

    public static string Normalize(string? text) => (text ?? "").Normalize(NormalizationForm.FormKC).Trim();

    /// <summary>The refusal of a use case as the 403 page shows it (already in the audit log).</summary>
    public static IActionResult Forbidden(PageModel page, AccessDeniedException ex) => PaymentForms.Forbidden(page, ex);
}
