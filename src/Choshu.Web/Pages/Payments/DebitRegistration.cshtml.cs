using System.Globalization;
using Choshu.App.DirectDebit;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.DirectDebit;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Payments;

/// <summary>
/// 口座振替の登録: type in a 口座振替依頼書 (新規・口座変更・廃止・停止, by 宛名番号 and 税目, with 開始期 and the account in the
/// Zengin form or as ゆうちょ 記号・番号) through the one write path (<see cref="DebitRegistrations.RecordAsync"/>, audited 3540),
/// and see the taxpayer's registration history (<see cref="DebitRegistrations.HistoryAsync"/>, audited 3542). Account data:
/// needs <see cref="Permission.RecordPayments"/>, as the debit request does.
/// </summary>
[RequirePermission(Permission.RecordPayments)]
public sealed class DebitRegistrationModel(Store store, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? TaxpayerNo { get; set; }
    [BindProperty] public string? TaxKind { get; set; }
    [BindProperty] public string Kind { get; set; } = "new";
    [BindProperty] public string Source { get; set; } = "form";
    [BindProperty] public string? ReceivedOn { get; set; }
    [BindProperty] public string? EffectiveOn { get; set; }
    [BindProperty] public string? StartYear { get; set; }
    [BindProperty] public string? StartPeriod { get; set; }
    [BindProperty] public string? BankCode { get; set; }
    [BindProperty] public string? BranchCode { get; set; }
    [BindProperty] public short? AccountType { get; set; } = 1;
    [BindProperty] public string? AccountNo { get; set; }
    [BindProperty] public string? JapanPostSymbol { get; set; }
    [BindProperty] public string? JapanPostNumber { get; set; }
    [BindProperty] public string? Holder { get; set; }
    [BindProperty] public string? ReferenceNo { get; set; }

    public DebitRegistrationHistory? History { get; private set; }
    public DebitRegistrationResult? Recorded { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        ReceivedOn ??= JapanTime.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (string.IsNullOrWhiteSpace(TaxpayerNo)) return Page();
        try
        {
            History = await new DebitRegistrations(store, clock).HistoryAsync(HttpContext.Actor(), TaxpayerNo.Trim(), HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            return PaymentForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRecordAsync()
    {
        var kind = DebitRegistrationLabels.ParseKind(Kind);
        if (kind is null) Errors.Add("区分を選んでください。");
        var source = DebitRegistrationLabels.ParseSource(Source);
        if (source is null) Errors.Add("受付の経路を選んでください。");
        if (string.IsNullOrWhiteSpace(TaxpayerNo)) Errors.Add("宛名番号を入力してください。");
        var received = PaymentForms.ParseDate(ReceivedOn, "受付日", out var e1);
        if (e1 is not null) Errors.Add(e1);
        DateOnly? effective = null;
        if (!string.IsNullOrWhiteSpace(EffectiveOn))
        {
            effective = PaymentForms.ParseDate(EffectiveOn, "適用日", out var e2);
            if (e2 is not null) Errors.Add(e2);
        }
        int? year = null;
        short? period = null;
        if (!string.IsNullOrWhiteSpace(StartYear))
        {
            if (int.TryParse(StartYear.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y)) year = y;
            else Errors.Add("開始年度は西暦4桁の数字で入力してください。");
        }
        if (!string.IsNullOrWhiteSpace(StartPeriod))
        {
            if (short.TryParse(StartPeriod.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p)) period = p;
            else Errors.Add("開始期は数字で入力してください。");
        }
        if (Errors.Count == 0)
        {
            var input = new DebitRegistrationInput(TaxpayerNo!.Trim(), string.IsNullOrWhiteSpace(TaxKind) ? null : TaxKind.Trim(), kind!.Value, source!.Value,
                received!.Value, effective, year, period, BankCode, BranchCode, AccountType, AccountNo, JapanPostSymbol, JapanPostNumber, Holder, ReferenceNo);
            try
            {
                Recorded = await new DebitRegistrations(store, clock).RecordAsync(HttpContext.Actor(), input, HttpContext.RequestAborted);
            }
            catch (AccessDeniedException ex)
            {
                return PaymentForms.Forbidden(this, ex);
            }
            catch (DebitRegistrationRefusedException ex)
            {
                Errors.AddRange(ex.Issues.Select(i => $"{i.Field}: {i.Message}"));
            }
            catch (DomainException ex)
            {
                Errors.Add(ex.Message);
            }
        }
        if (!string.IsNullOrWhiteSpace(TaxpayerNo) && Errors.Count == 0)
        {
            try
            {
                History = await new DebitRegistrations(store, clock).HistoryAsync(HttpContext.Actor(), TaxpayerNo.Trim(), HttpContext.RequestAborted);
            }
            catch (DomainException ex)
            {
                Errors.Add(ex.Message);
            }
        }
        return Page();
    }
}
