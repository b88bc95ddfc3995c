using System.Globalization;
using System.Security.Cryptography;
using Choshu.App.Assessments;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Payments;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Formats.Payments;
using Choshu.Formats.Text;
using Choshu.Forms;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Reconciliation;

/// <summary>One installment and the yen taken for it at the counter.</summary>
public sealed record CounterLineRequest(long InstallmentId, long Amount);

/// <summary>
/// What a cashier takes in one go: the installments (one or more notices) and the yen for each, the 納付日, the cash
/// handed over (お預かり) and whether the clerk confirmed taking money beyond what is owed (過誤納).
/// </summary>
public sealed record CounterSale(string ReceiptNo, DateOnly PaidOn, long Tendered, IReadOnlyList<CounterLineRequest> Lines, bool ConfirmOverpayment, string? DateOverride = null);

/// <summary>A line of a receipt: the installment, the payment booked for it and its split (本税・督促手数料・延滞金・過誤納).</summary>
public sealed record CounterReceiptLineView(short LineNo, InstallmentRef Installment, long PaymentId, long Amount, PaymentSplit Split, PaymentStatus Status);

/// <summary>領収証書 as the screen, the CLI and the PDF show it.</summary>
public sealed record CounterReceiptView(
    long Id,
    string ReceiptNo,
    string PayerName,
    string TaxpayerNo,
    DateOnly PaidOn,
    DateOnly ReceivedOn,
    long Total,
    long Tendered,
    long Change,
    IReadOnlyList<CounterReceiptLineView> Lines,
    string RecordedBy,
    string? RecordedByName,
    DateTime RecordedAtUtc,
    int PrintCount,
    CitySettings City)
{
    /// <summary>後日入力: paid on a day that was closed when entered, counted on a later 収入日.</summary>
    public bool LateEntry => ReceivedOn != PaidOn;

    public long Overpaid => Lines.Sum(l => l.Split.Overpaid);
}

/// <summary>The outcome of taking money at the counter: the receipt, and whether the same receipt number had been booked before.</summary>
public sealed record CounterTakeResult(long ReceiptId, string ReceiptNo, bool Duplicate, long Total, long Change, long Overpaid, DateOnly ReceivedOn);

/// <summary>
/// 窓口収納 with a receipt (領収証書): several installments of one or more notices paid in one go, booked in one transaction
/// through the one booker (<see cref="PaymentBooker"/>, under the payments lock, as every other channel) as one payment per
/// installment, with the receipt (<see cref="CounterReceipt"/>: お預かり, おつり, 収入日) written beside them. Each payment's
/// idempotency key is <c>counter:{領収番号}</c> (one line) or <c>counter:{領収番号}/{n}</c>, so the same receipt sent twice books once.
/// Before booking, every line is quoted as of the 納付日 (<see cref="PaymentDesk.QuoteOfAsync"/>): money above what is owed is
/// refused (<see cref="OverpaymentCode"/>) unless the clerk confirmed it; a line of a lapsed claim (時効) is refused; the cash
/// handed over must cover the total. The 収入日 is the 納付日 unless that day is closed (日計締め, <see cref="BusinessDays"/>): then
/// the next open day (後日入力). Needs <see cref="Permission.RecordPayments"/>; audited 3070 (taken), 2030 (read), 3071 (printed).
/// </summary>
public static class CounterReceipts
{
    public const string OverpaymentCode = "payment.overpayment_unconfirmed";
    public const int MaxLines = 20;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly Lazy<FormRenderer> Renderer = new(() => new FormRenderer(FormFonts.Load()));

    /// <summary>A new 領収番号: <paramref name="prefix"/> ("W" web, "C" command line), the date as YYMMDD, "-", eight random characters.</summary>
    public static string NewReceiptNo(string prefix, DateOnly today)
    {
        Span<char> random = stackalloc char[8];
        for (var i = 0; i < random.Length; i++) random[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}{today:yyMMdd}-{random}");
    }

    /// <summary>The 領収番号 in a counter payment's idempotency key (<c>counter:R</c> or <c>counter:R/n</c>); null for another key.</summary>
    public static string? ReceiptNoOf(string idempotencyKey)
    {
        if (!idempotencyKey.StartsWith(PaymentDetails.CounterKeyPrefix, StringComparison.Ordinal)) return null;
        var no = idempotencyKey[PaymentDetails.CounterKeyPrefix.Length..];
        var slash = no.LastIndexOf('/');
        return slash > 0 ? no[..slash] : no;
    }

    /// <summary>The idempotency key of line <paramref name="lineNo"/> (from 1) of a receipt of <paramref name="lines"/> lines.</summary>
    public static string KeyOf(string receiptNo, int lineNo, int lines) =>
        PaymentDetails.CounterKeyPrefix + (lines == 1 ? receiptNo : string.Create(CultureInfo.InvariantCulture, $"{receiptNo}/{lineNo}"));

    public static async Task<CounterTakeResult> TakeAsync(Store store, CounterSale sale, Actor actor, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sale);
        await using (var check = store.CreateContext())
            await AccessControl.DemandAsync(check, actor, Permission.RecordPayments, clock, what: "窓口収納の入力（領収証書）", ct: ct);
        if (string.IsNullOrWhiteSpace(sale.ReceiptNo) || sale.ReceiptNo.Length > 30)
            throw new DomainException("receipt.no_invalid", "領収番号は 1〜30 文字で指定してください。");
        if (sale.Lines.Count == 0) throw new DomainException("receipt.no_lines", "納める期別を 1 件以上指定してください。");
        if (sale.Lines.Count > MaxLines) throw new DomainException("receipt.too_many", $"1 枚の領収証書に載せられる期別は {MaxLines} 件までです。");
        if (sale.Lines.Any(l => l.Amount <= 0)) throw new DomainException("receipt.amount", "各期別の納付額は 1 円以上で指定してください。");
        if (sale.Lines.Select(l => l.InstallmentId).Distinct().Count() != sale.Lines.Count)
            throw new DomainException("receipt.duplicate_line", "同じ期別が 2 回指定されています。1 つの期別は 1 行にまとめてください。");
        var total = sale.Lines.Sum(l => l.Amount);
        bool overridden;
        await using (var check = store.CreateContext())
            overridden = await PaymentDateRule.DemandAsync(check, actor, sale.PaidOn, sale.Lines.Max(l => l.Amount), sale.DateOverride, clock, ct);
        if (sale.Tendered < total)
            throw new DomainException("receipt.tendered_short", $"お預かり {YenText.Amount(sale.Tendered)}円 が合計 {YenText.Amount(total)}円 に足りません。お預かりの金額を確かめてください。");

        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, writer, booker, now) =>
        {
            var existing = await db.CounterReceipts.AsNoTracking().SingleOrDefaultAsync(r => r.ReceiptNo == sale.ReceiptNo, ct);
            if (existing is not null)
                return new CounterTakeResult(existing.Id, existing.ReceiptNo, true, existing.Total, existing.Change, 0, existing.ReceivedOn);

            var refs = await InstallmentFinder.ByIdsAsync(db, sale.Lines.Select(l => l.InstallmentId).ToList(), ct);
            var over = new List<string>();
            foreach (var line in sale.Lines)
            {
                if (!refs.TryGetValue(line.InstallmentId, out var target))
                    throw new DomainException("installment.not_found", "指定の期別は登録されていません。");
                if (await PaymentDesk.CounterRefusalAsync(db, line.InstallmentId, sale.PaidOn, ct) is { } refused)
                    throw new DomainException(SinglePaymentBooking.ClaimLapsedCode, refused);
                var quote = await PaymentDesk.QuoteOfAsync(db, target, sale.PaidOn, ct);
                if (line.Amount > quote.Total)
                    over.Add($"{PaymentDesk.InstallmentName(target)}: 納付日 {PaymentDesk.JapaneseDate(sale.PaidOn)} に納める額 {YenText.Amount(quote.Total)}円 に対し {YenText.Amount(line.Amount)}円（{YenText.Amount(line.Amount - quote.Total)}円 が過誤納になります）");
            }
            if (over.Count > 0 && !sale.ConfirmOverpayment)
                throw new DomainException(OverpaymentCode,
                    "納める額を超える入金があります。" + string.Join("。", over) + "。過誤納は還付または充当の手続きが必要です。本当に受け取る場合は、過誤納になることを確認してから記録してください。");

            var records = sale.Lines.Select((l, i) =>
            {
                var r = refs[l.InstallmentId];
                var key = new MatchKey(l.InstallmentId);
                return new PaymentRecord(i + 1, PaymentRecordKind.Payment, PaymentChannel.Counter, key.Value, key, l.Amount, sale.PaidOn, sale.PaidOn, "窓口",
                    KeyOf(sale.ReceiptNo, i + 1, sale.Lines.Count),
                    string.Create(CultureInfo.InvariantCulture, $"窓口: 通知書番号 {r.NoticeNo} 第{r.Period}期 {l.Amount}円 納付日 {sale.PaidOn:yyyy-MM-dd} 領収番号 {sale.ReceiptNo}"));
            }).ToList();
            var results = await booker.BookAsync(db, writer, records, null, now, ct);
            if (results.FirstOrDefault(r => r.Outcome != BookingOutcome.Booked) is { } bad)
                throw new DomainException("receipt.not_booked", $"納付を記録できませんでした（{bad.Reason ?? BookingOutcomes.Label(bad.Outcome)}）。何も記録していません。");

            var first = refs[sale.Lines[0].InstallmentId];
            var payer = await db.Taxpayers.AsNoTracking().Where(t => t.Id == first.TaxpayerId).Select(t => t.Facts.NameKanji).SingleAsync(ct);
            var receivedOn = booker.ReceivedOn(sale.PaidOn);
            var receipt = new CounterReceipt
            {
                ReceiptNo = sale.ReceiptNo, PayerName = payer, TaxpayerId = first.TaxpayerId, PaidOn = sale.PaidOn, ReceivedOn = receivedOn,
                Total = total, Tendered = sale.Tendered, Change = sale.Tendered - total, OverpaymentConfirmed = over.Count > 0,
                Actor = actor.Name, RecordedAtUtc = now,
            };
            db.CounterReceipts.Add(receipt);
            await db.SaveChangesAsync(ct);
            for (var i = 0; i < sale.Lines.Count; i++)
                db.CounterReceiptLines.Add(new CounterReceiptLine
                {
                    ReceiptId = receipt.Id, LineNo = (short)(i + 1), PaymentId = results[i].PaymentId!.Value, InstallmentId = sale.Lines[i].InstallmentId, Amount = sale.Lines[i].Amount,
                });
            await db.SaveChangesAsync(ct);
            var overpaid = results.Sum(r => r.Overpaid);
            var names = string.Join("、", sale.Lines.Select(l => refs[l.InstallmentId]).Select(r => string.Create(CultureInfo.InvariantCulture, $"通知書番号 {r.NoticeNo} 第{r.Period}期")));
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.CounterReceiptIssued, TaxpayerId: first.TaxpayerId,
                Detail: string.Create(CultureInfo.InvariantCulture,
                    $"領収番号 {sale.ReceiptNo}: {names} 合計 {total}円 お預かり {sale.Tendered}円 おつり {sale.Tendered - total}円 納付日 {sale.PaidOn:yyyy-MM-dd} 収入日 {receivedOn:yyyy-MM-dd}{(receivedOn != sale.PaidOn ? "（後日入力）" : "")}{(overpaid > 0 ? $" 過誤納 {overpaid}円（確認済み）" : "")}")), clock, ct);
            if (overridden)
                await PaymentDateRule.RecordOverrideAsync(db, actor, sale.PaidOn, total, sale.DateOverride!, $"領収番号 {sale.ReceiptNo}", clock, ct);
            return new CounterTakeResult(receipt.Id, receipt.ReceiptNo, false, total, receipt.Change, overpaid, receivedOn);
        }, ct);
    }

    /// <summary>The receipt numbered <paramref name="receiptNo"/>, or null. Needs <see cref="Permission.RecordPayments"/>; audited 2030 naming the taxpayer.</summary>
    public static async Task<CounterReceiptView?> LoadAsync(ChoshuDbContext db, Actor actor, string receiptNo, string purpose, TimeProvider clock, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, what: $"{purpose} 領収番号 {receiptNo}", ct: ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var view = await ViewAsync(db, receiptNo, ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.CounterReceiptViewed, view is null ? AuditOutcome.Failed : AuditOutcome.Succeeded,
            view is null ? null : await db.CounterReceipts.Where(r => r.Id == view.Id).Select(r => (long?)r.TaxpayerId).SingleAsync(ct),
            Detail: view is null ? $"{purpose}: 領収番号 {receiptNo} 登録なし"
                : string.Create(CultureInfo.InvariantCulture, $"{purpose}: 領収番号 {view.ReceiptNo} {view.Lines.Count} 件 合計 {view.Total}円")), clock, ct);
        await tx.CommitAsync(ct);
        return view;
    }

    /// <summary>
    /// Prints the receipt as PDF through the form engine onto <paramref name="output"/>; every print after the first is marked
    /// 再発行. Needs <see cref="Permission.RecordPayments"/>; audited 3071 with the print number. Returns the receipt printed, or null.
    /// </summary>
    public static async Task<CounterReceiptView?> PrintAsync(ChoshuDbContext db, Actor actor, string receiptNo, Stream output, TimeProvider clock, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, what: $"領収証書の印刷 領収番号 {receiptNo}", ct: ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.CounterReceipts.SingleOrDefaultAsync(r => r.ReceiptNo == receiptNo, ct);
        if (row is null) return null;
        row.PrintCount++;
        row.LastPrintedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        var view = (await ViewAsync(db, receiptNo, ct))!;
        var facts = await db.Taxpayers.AsNoTracking().Where(t => t.Id == row.TaxpayerId).Select(t => t.Facts).SingleAsync(ct);
        var form = ToForm(view, facts.PostalCode, [facts.TownName, facts.StreetNumber, facts.AddressSupplement], reprint: row.PrintCount > 1);
        using (var buffer = new MemoryStream())
        {
            Renderer.Value.Render([form], buffer);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.CounterReceiptPrinted, TaxpayerId: row.TaxpayerId,
                Detail: string.Create(CultureInfo.InvariantCulture,
                    $"領収証書の印刷: 領収番号 {view.ReceiptNo} 合計 {view.Total}円（{row.PrintCount} 回目{(row.PrintCount > 1 ? "・再発行" : "")}）")), clock, ct);
            await tx.CommitAsync(ct);
            buffer.Position = 0;
            await buffer.CopyToAsync(output, ct);
        }
        return view;
    }

    /// <summary>The engine's letter for a receipt: title 領収証書 (再発行 on a reprint), the city as issuer with its seal area, the lines as the table.</summary>
    public static FormLetter ToForm(CounterReceiptView r, string? postalCode, IEnumerable<string?> address, bool reprint)
    {
        var lines = address.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!).ToList();
        if (lines.Count == 0) lines.Add("（窓口で交付）");
        var body = new List<string>
        {
            $"下記の金額を領収しました。　合計 {YenText.Amount(r.Total)}円",
            $"お預かり {YenText.Amount(r.Tendered)}円　おつり {YenText.Amount(r.Change)}円",
            $"納付日 {JapaneseDate.Wareki(r.PaidOn)}　収入日 {JapaneseDate.Wareki(r.ReceivedOn)}{(r.LateEntry ? "（後日入力）" : "")}",
        };
        if (r.Overpaid > 0) body.Add($"うち過誤納 {YenText.Amount(r.Overpaid)}円（還付または充当の対象です）");
        if (reprint) body.Add("この領収証書は再発行です。");
        return new FormLetter(FormLayout.A4Letter, reprint ? "領収証書（再発行）" : "領収証書", r.ReceiptNo, r.PaidOn,
            new FormRecipient(postalCode, lines.Take(3).ToList(), r.PayerName, null, null, r.TaxpayerNo),
            new FormSender(r.City.Name, r.City.Office, r.City.Department, r.City.Address, r.City.Phone),
            body,
            r.Lines.Select(l => new FormClaimLine(l.Installment.TaxKindName, l.Installment.FiscalYear, l.Installment.NoticeNo, l.Installment.Period, l.Installment.DueDate,
                l.Split.Principal, l.Split.ReminderFee, l.Split.LateFee, Note(l.Split))).ToList(),
            [], [], $"取扱者 {r.RecordedByName ?? r.RecordedBy}　領収番号 {r.ReceiptNo}");
    }

    /// <summary>The line's note: what of the money is not in its 本税・督促手数料・延滞金 columns (過誤納, 滞納処分費 taken first).</summary>
    private static string? Note(PaymentSplit split)
    {
        var parts = new List<string>();
        if (split.EnforcementCost > 0) parts.Add($"滞納処分費 {YenText.Amount(split.EnforcementCost)}円");
        if (split.Overpaid > 0) parts.Add($"過誤納 {YenText.Amount(split.Overpaid)}円");
        return parts.Count == 0 ? null : string.Join("、", parts);
    }

    private static async Task<CounterReceiptView?> ViewAsync(ChoshuDbContext db, string receiptNo, CancellationToken ct)
    {
        var row = await db.CounterReceipts.AsNoTracking().SingleOrDefaultAsync(r => r.ReceiptNo == receiptNo, ct);
        if (row is null) return null;
        var lines = await db.CounterReceiptLines.AsNoTracking().Where(l => l.ReceiptId == row.Id).OrderBy(l => l.LineNo).ToListAsync(ct);
        var details = (await PaymentDesk.DetailsAsync(db, lines.Select(l => l.PaymentId).ToList(), ct)).ToDictionary(d => d.Id);
        var refs = await InstallmentFinder.ByIdsAsync(db, lines.Select(l => l.InstallmentId).ToList(), ct);
        var taxpayerNo = await db.Taxpayers.AsNoTracking().Where(t => t.Id == row.TaxpayerId).Select(t => t.TaxpayerNo).SingleAsync(ct);
        var name = await db.StaffAccounts.AsNoTracking().Where(a => a.StaffNo == row.Actor).Select(a => a.FullName).FirstOrDefaultAsync(ct);
        var city = (await AppSettings.LoadAsync(db, ct)).City;
        return new CounterReceiptView(row.Id, row.ReceiptNo, row.PayerName, taxpayerNo, row.PaidOn, row.ReceivedOn, row.Total, row.Tendered, row.Change,
            lines.Select(l => new CounterReceiptLineView(l.LineNo, refs[l.InstallmentId], l.PaymentId, l.Amount, details[l.PaymentId].Split, details[l.PaymentId].Status)).ToList(),
            row.Actor, name, row.RecordedAtUtc, row.PrintCount, city);
    }
}
