using System.Globalization;
using System.Text;
using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.Data.Notices;
using Choshu.Domain;
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

    /// <summary>The CSS class suffix of a run's state badge (notices.css).</summary>
    public static string StateClass(NoticeRun r) => r.CancelledAtUtc is not null ? "cancelled" : r.DispatchedOn is not null ? "dispatched" : "generated";

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

    /// <summary>A demand run's or saved set's conditions (<see cref="DemandConditions"/> JSON) in Japanese.</summary>
    public static string DescribeDemand(string json)
    {
        DemandConditions c;
        try { c = DemandConditions.FromJson(json); }
        catch (DomainException) { return json; }
        var parts = new List<string>();
        if (c.TaxKinds is { Count: > 0 } k) parts.Add("税目 " + string.Join("・", k));
        if (c.FiscalYears is { Count: > 0 } y) parts.Add("年度 " + string.Join("・", y));
        if (c.MinAmount is not null || c.MaxAmount is not null)
            parts.Add($"本税合計 {(c.MinAmount is { } lo ? Formatting.Display.Yen(lo) : "")}〜{(c.MaxAmount is { } hi ? Formatting.Display.Yen(hi) : "")}");
        if (c.Districts is { Count: > 0 } d) parts.Add("地区 " + string.Join("・", d));
        if (c.Officer is { } o) parts.Add("担当者 " + o);
        if (c.MinDaysOverdue is { } md) parts.Add($"納期限から{md}日以上");
        parts.Add(c.OnlyReminded ? "督促済みの期別のみ" : "督促前の期別も含む");
        return string.Join("、", parts);
    }

    /// <summary>A run's recorded conditions (canonical JSON) as Japanese lines: 納期限の範囲, the demand conditions, the 例文.</summary>
    public static IReadOnlyList<string> DescribeConditions(string json)
    {
        var lines = new List<string>();
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            var o = doc.RootElement;
            string? Get(string name) => o.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;
            if (Get("dueFrom") is not null || Get("dueTo") is not null)
                lines.Add($"納期限 {Get("dueFrom") ?? "（制限なし）"}〜{Get("dueTo") ?? "（制限なし）"}");
            else if (Get("conditions") is null)
                lines.Add("納期限の範囲 制限なし");
            if (Get("conditions") is { } c) lines.Add(DescribeDemand(c));
            if (Get("texts") is { } t) lines.Add("例文 " + t.Replace(",", "・", StringComparison.Ordinal));
        }
        catch (System.Text.Json.JsonException)
        {
            lines.Add(json);
        }
        return lines;
    }

    /// <summary>The refusal of a use case as the 403 page shows it (already in the audit log).</summary>
    public static IActionResult Forbidden(PageModel page, AccessDeniedException ex) => PaymentForms.Forbidden(page, ex);
}
