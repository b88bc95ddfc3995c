using Choshu.App.Assessments;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web.Formatting;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Payments;

/// <summary>
/// まとめて収納（領収証書）: the cashier types up to <see cref="Rows"/> installments (通知書番号, 期別, and the yen, or blank for what
/// is owed on the 納付日), the 納付日 and the cash handed over (お預かり); 「確認する」 quotes each as of the 納付日
/// (<see cref="PaymentDesk.QuoteAsync"/>, audited 2001) and shows the total and おつり, with a warning and a checkbox to confirm when
/// money would become an overpayment; 「納付を記録する」 books them on one receipt (<see cref="CounterReceipts.TakeAsync"/>, audited
/// 3070) and opens the receipt. The form carries a 領収番号 sealed to the session, so a second submit books once.
/// </summary>
[RequirePermission(Permission.RecordPayments)]
public sealed class DeskModel(ChoshuDbContext db, Store store, TimeProvider clock, OpaqueIds ids) : PageModel
{
    public const int Rows = 5;
    public const string ReceiptNoHandle = "counter-receipt-no";

    public sealed class LineInput
    {
        public string? NoticeNo { get; set; }
        public string? Period { get; set; }
        public string? Amount { get; set; }
    }

    public sealed record CheckedLine(int Row, InstallmentQuote Quote, long Amount)
    {
        public long Overpaid => Math.Max(0, Amount - Quote.Total);
    }

    [BindProperty] public List<LineInput> Lines { get; set; } = [];
    [BindProperty] public string? PaidOn { get; set; }
    [BindProperty] public string? Tendered { get; set; }
    [BindProperty] public bool ConfirmOverpayment { get; set; }
    [BindProperty] public string? FormKey { get; set; }

    public List<string> Errors { get; } = [];
    public List<CheckedLine> Checked { get; } = [];
    public long Total => Checked.Sum(c => c.Amount);
    public long? TenderedYen { get; private set; }
    public DateOnly Today => JapanTime.Today(clock);

    public void OnGet()
    {
        PaidOn = Display.Date(Today);
        Pad();
    }

    public async Task<IActionResult> OnPostCheckAsync()
    {
        await CheckAsync();
        if (Errors.Count == 0 && Checked.Count > 0)
            FormKey ??= ids.Protect(PaymentForms.ReceiptHandle, PaymentForms.NewReceiptNo(Today), User.SessionIdOf());
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostTakeAsync()
    {
        if (!ids.TryUnprotect(PaymentForms.ReceiptHandle, FormKey, User.SessionIdOf(), out string? receiptNo))
        {
            Errors.Add("この入力画面は有効期限が切れました。もう一度「確認する」から入力してください。納付は記録していません。");
            FormKey = null;
            Pad();
            return Page();
        }
        var paidOn = await CheckAsync();
        if (Errors.Count > 0 || paidOn is null)
        {
            Pad();
            return Page();
        }
        try
        {
            var sale = new CounterSale(receiptNo!, paidOn.Value, TenderedYen ?? Total,
                Checked.Select(c => new CounterLineRequest(c.Quote.Installment.InstallmentId, c.Amount)).ToList(), ConfirmOverpayment);
            var result = await CounterReceipts.TakeAsync(store, sale, HttpContext.Actor(), clock, HttpContext.RequestAborted);
            return RedirectToPage("/Payments/DeskReceipt", new { handle = ids.Protect(ReceiptNoHandle, result.ReceiptNo, User.SessionIdOf()) });
        }
        catch (AccessDeniedException ex)
        {
            return PaymentForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
            Pad();
            return Page();
        }
    }

    /// <summary>Reads and quotes the filled rows as of the 納付日; the 納付日, or null with <see cref="Errors"/>.</summary>
    private async Task<DateOnly?> CheckAsync()
    {
        var paidOn = PaymentForms.ParseDate(PaidOn, "納付日", out var dateError);
        if (dateError is not null) Errors.Add(dateError);
        else if (paidOn > Today) Errors.Add($"納付日に未来の日付（{Display.Date(paidOn)}）は入力できません。");
        if (!string.IsNullOrWhiteSpace(Tendered))
        {
            TenderedYen = PaymentForms.ParseYen(Tendered, out var tenderedError);
            if (tenderedError is not null) Errors.Add("お預かり: " + tenderedError);
        }
        var filled = Lines.Select((l, i) => (Line: l, Row: i + 1)).Where(x => !string.IsNullOrWhiteSpace(x.Line.NoticeNo) || !string.IsNullOrWhiteSpace(x.Line.Period)).ToList();
        if (filled.Count == 0) Errors.Add("通知書番号と期別を 1 行以上入力してください。");
        if (Errors.Count > 0) return null;
        foreach (var (line, row) in filled)
        {
            var rowErrors = new List<string>();
            var query = PaymentForms.ParseInstallment(line.NoticeNo, line.Period, null, null, rowErrors);
            long? yen = null;
            if (!string.IsNullOrWhiteSpace(line.Amount))
            {
                yen = PaymentForms.ParseYen(line.Amount, out var amountError);
                if (amountError is not null) rowErrors.Add("納付額: " + amountError);
            }
            if (query is not null && rowErrors.Count == 0)
            {
                try
                {
                    var quote = await PaymentDesk.QuoteAsync(db, HttpContext.Actor(), query, paidOn!.Value, CounterModel.LookupPurpose, clock, HttpContext.RequestAborted);
                    if (quote.LapseNotice is { } lapse) rowErrors.Add(lapse);
                    else if ((yen ?? quote.Total) <= 0) rowErrors.Add($"{PaymentDesk.InstallmentName(quote.Installment)}に納める額はありません。この行を消してください。");
                    else
                    {
                        Checked.Add(new CheckedLine(row, quote, yen ?? quote.Total));
                        line.Amount = Display.Amount(yen ?? quote.Total);
                    }
                }
                catch (DomainException ex)
                {
                    rowErrors.Add(PaymentForms.LookupMessage(ex));
                }
            }
            Errors.AddRange(rowErrors.Select(e => $"{row} 行目: {e}"));
        }
        if (Errors.Count == 0 && TenderedYen is { } t && t < Total)
            Errors.Add($"お預かり {Display.Yen(t)} が合計 {Display.Yen(Total)} に足りません。");
        return Errors.Count == 0 ? paidOn : null;
    }

    private void Pad()
    {
        while (Lines.Count < Rows) Lines.Add(new LineInput());
    }
}
