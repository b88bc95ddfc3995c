using Choshu.App.Assessments;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Formats.Payments;
using Choshu.Web.Formatting;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Payments;

/// <summary>
/// 窓口収納: the clerk types 通知書番号 and 期別, sees whose installment it is and what it owes today
/// (<see cref="PaymentDesk.QuoteAsync"/>, audited 2001), then the amount received and the 納付日, and the
/// payment is booked by <see cref="SinglePaymentBooking"/> (audited 3004) exactly as <c>choshu pay</c> books it.
/// The booking form carries a 領収番号 made when the installment was shown, sealed to the session
/// (<see cref="OpaqueIds"/>); it is the payment's idempotency key <c>counter:{領収番号}</c>, so the same
/// form sent twice (a double click, a reload, the back button) books once and shows the same receipt.
/// An amount above what the installment owes on the 納付日 is refused with the 過誤納 amount (as /Payments/Desk and
/// <c>choshu pay</c> refuse it) until the clerk ticks the confirmation box and sends the form again.
/// An installment whose right to collect has lapsed (時効) is shown with the lapse and without the booking form; a
/// booking sent for it anyway is refused by <see cref="SinglePaymentBooking"/> and its message shown as a form error.
/// </summary>
[RequirePermission(Permission.RecordPayments)]
public sealed class CounterModel(ChoshuDbContext db, Store store, TimeProvider clock, OpaqueIds ids) : PageModel
{
    public const string LookupPurpose = "窓口収納の照会";

    [BindProperty] public string? NoticeNo { get; set; }
    [BindProperty] public string? Period { get; set; }
    [BindProperty] public string? TaxKind { get; set; }
    [BindProperty] public string? FiscalYear { get; set; }
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public string? PaidOn { get; set; }
    [BindProperty] public string? FormKey { get; set; }
    [BindProperty] public bool ConfirmOverpayment { get; set; }

    public InstallmentQuote? Quote { get; private set; }
    public List<string> LookupErrors { get; } = [];
    public InstallmentFieldValues Fields => new(NoticeNo, Period, TaxKind, FiscalYear, "", LookupErrors.Count > 0);
    public List<string> BookErrors { get; } = [];
    /// <summary>The amount was refused as above what is owed (過誤納): the form asks for the clerk's confirmation.</summary>
    public bool OverpaymentWarned { get; private set; }
    public DateOnly Today => JapanTime.Today(clock);

    public void OnGet() { }

    public async Task<IActionResult> OnPostLookupAsync()
    {
        var query = PaymentForms.ParseInstallment(NoticeNo, Period, TaxKind, FiscalYear, LookupErrors);
        if (query is null) return Page();
        if (!await TryQuoteAsync(query)) return Page();
        Amount = Display.Amount(Quote!.Total);
        PaidOn = Display.Date(Today);
        FormKey = ids.Protect(PaymentForms.ReceiptHandle, PaymentForms.NewReceiptNo(Today), User.SessionIdOf());
        return Page();
    }

    public async Task<IActionResult> OnPostBookAsync()
    {
        var ct = HttpContext.RequestAborted;
        var query = PaymentForms.ParseInstallment(NoticeNo, Period, TaxKind, FiscalYear, LookupErrors);
        if (query is null) return Page();
        if (!ids.TryUnprotect(PaymentForms.ReceiptHandle, FormKey, User.SessionIdOf(), out string? receiptNo))
        {
            LookupErrors.Add("この入力画面は有効期限が切れました（ログインし直した、またはサーバーが再起動した）。もう一度「照会する」から入力してください。納付は記録していません。");
            FormKey = null;
            return Page();
        }

        var yen = PaymentForms.ParseYen(Amount, out var amountError);
        if (amountError is not null) BookErrors.Add("納付額: " + amountError);
        var paidOn = PaymentForms.ParseDate(PaidOn, "納付日", out var dateError);
        if (dateError is not null) BookErrors.Add(dateError);
        else if (paidOn > Today) BookErrors.Add($"納付日に未来の日付（{Display.Date(paidOn)}）は入力できません。今日（{Display.Date(Today)}）以前の日付を入力してください。");
        if (BookErrors.Count > 0)
        {
            await TryQuoteAsync(query);
            return Page();
        }

        InstallmentRef found;
        try
        {
            found = await InstallmentFinder.FindAsync(db, query.NoticeNo, query.Period, query.TaxKindCode, query.FiscalYear, ct);
        }
        catch (DomainException ex)
        {
            LookupErrors.Add(PaymentForms.LookupMessage(ex));
            return Page();
        }

        var key = new MatchKey(found.InstallmentId);
        var record = new PaymentRecord(0, PaymentRecordKind.Payment, PaymentChannel.Counter, key.Value, key, yen!.Value, paidOn!.Value, paidOn.Value, "窓口",
            PaymentDetails.CounterKeyPrefix + receiptNo,
            $"窓口: 通知書番号 {found.NoticeNo} 第{found.Period}期 {yen}円 納付日 {Display.Date(paidOn)} 領収番号 {receiptNo}");
        BookingResult result;
        try
        {
            result = await SinglePaymentBooking.BookAsync(store, record, HttpContext.Actor(), clock, ct, refuseOverpayment: !ConfirmOverpayment);
        }
        catch (AccessDeniedException ex)
        {
            return PaymentForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            // Refused by the use case: money above what is owed on the 納付日 not confirmed (過誤納), or a claim lapsed
            // by 時効 on the 納付日 (the refusal is in the audit log). Nothing booked.
            OverpaymentWarned = ex.Code == CounterReceipts.OverpaymentCode;
            BookErrors.Add(OverpaymentWarned ? ex.Message + "受け取る場合は、過誤納になることを納税者に説明してから「受け取ることを確認しました」に印を付けて、もう一度「納付を記録する」を押してください。" : ex.Message);
            await TryQuoteAsync(query);
            return Page();
        }
        if (result.Outcome is BookingOutcome.Booked or BookingOutcome.Duplicate && result.PaymentId is { } paymentId)
        {
            var handle = ids.Protect(PaymentForms.PaymentHandle, paymentId, User.SessionIdOf());
            return RedirectToPage("/Payments/Receipt", new { handle, notice = result.Outcome == BookingOutcome.Duplicate ? ReceiptModel.DuplicateNotice : null });
        }
        BookErrors.Add($"納付を記録できませんでした: {(result.Field is { Length: > 0 } f ? f + ": " : "")}{result.Reason}");
        await TryQuoteAsync(query);
        return Page();
    }

    private async Task<bool> TryQuoteAsync(InstallmentQuery query)
    {
        try
        {
            Quote = await PaymentDesk.QuoteAsync(db, HttpContext.Actor(), query, Today, LookupPurpose, clock, HttpContext.RequestAborted);
            NoticeNo = Quote.Installment.NoticeNo;
            Period = Quote.Installment.Period.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return true;
        }
        catch (DomainException ex)
        {
            LookupErrors.Add(PaymentForms.LookupMessage(ex));
            return false;
        }
    }
}
