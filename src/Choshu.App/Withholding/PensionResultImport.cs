using System.Globalization;
using Choshu.App.Imports;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.Data.Imports;
using Choshu.Data.Withholding;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Domain.Withholding;
using Choshu.Formats.Csv;
using Choshu.Formats.Payments;
using Choshu.Formats.Withholding;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Withholding;

/// <summary>What one result import did.</summary>
public sealed record PensionResultImportSummary(string File, string Sha256, int LinesRead, int Remittances, int Booked, long BookedAmount, int Duplicate,
    int Stopped, long SwitchedToOrdinary, int QuarantinedLines, long Overpaid, IReadOnlyList<ImportError> Errors, long ImportFileId);

/// <summary>
/// <c>choshu pension-withholding import FILE</c>: the 特別徴収結果・納入 a 年金保険者 returns through the 経由機関
/// (<see cref="IPensionRelayLayout"/>, docs/formats.md). For each 納入 (one payer, one pension payment month):
/// <list type="number">
/// <item>each pensioner not withheld (徴収額 0 with a 未徴収理由: 死亡, 支給停止, 年金額不足, その他) is stopped from that month
/// (<see cref="PensionWithholdings.StopInAsync"/>, the rest switched to 普通徴収 noticed on the import's notice date), unless
/// already stopped;</item>
/// <item>the money is booked to the payer's installment of the month by the one booker (<see cref="PaymentBooker"/>, channel
/// <see cref="PaymentChannel.PensionWithholding"/>, idempotency key <c>pension:{受付番号}</c>) and its breakdown kept per
/// pensioner (<see cref="PensionRemittanceLine"/>).</item>
/// </list>
/// A 納入 whose line does not read, whose payer, month or 年金番号 is unknown, that names a pensioner already stopped with
/// money, or whose 徴収額 for a pensioner is not the amount requested for that month is quarantined whole (file, line, field and a Japanese reason). The whole file is one booking transaction; a 納入
/// received before is a duplicate and a pensioner already stopped is not stopped again, so running the file again applies
/// nothing twice. Audited 3522.
/// </summary>
public sealed class PensionResultImport(Data.Store store, TimeProvider clock, IPensionRelayLayout? layout = null)
{
    public const string KeyPrefix = "pension:";
    private readonly IPensionRelayLayout _layout = layout ?? PensionRelayFile.Instance;

    public string FileKind => "payments:" + _layout.ResultFormat;

    public async Task<PensionResultImportSummary> RunAsync(Actor actor, string path, DateOnly noticeDate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var fileName = Path.GetFileName(path);
        await using (var check = store.CreateContext())
            await AccessControl.DemandAsync(check, actor, Permission.RecordPayments, clock, what: $"年金特別徴収結果の取込 {fileName}", ct: ct);
        if (!File.Exists(path))
            throw new CsvFileRefusedException("import.file_not_found", $"{path}: ファイルが見つかりません。");
        var bytes = await File.ReadAllBytesAsync(path, ct);
        var copy = Path.Combine(Path.GetTempPath(), $"choshu-pension-{Guid.NewGuid():N}.tmp");
        FileFingerprint fingerprint;
        try
        {
            await File.WriteAllBytesAsync(copy, bytes, ct);
            fingerprint = await FileFingerprint.ComputeAsync(copy, ct);
        }
        finally
        {
            File.Delete(copy);
        }
        PensionResultRead read;
        using (var ms = new MemoryStream(bytes)) read = _layout.ReadResult(ms);

        ImportFile file;
        ImportRun run;
        await using (var db = store.CreateContext())
            (file, run) = await ImportRuns.StartAsync(db, FileKind, fingerprint, fileName, CsvTextEncoding.Utf8Name, actor.Name, clock.GetUtcNow().UtcDateTime, ct);
        var service = new PensionWithholdings(store, clock, _layout);

        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, writer, booker, now) =>
        {
            var errors = read.Errors.ToList();
            var codes = read.Remittances.Select(r => r.PayerCode).Distinct().ToList();
            var payers = await db.PensionPayers.Where(p => codes.Contains(p.PayerCode)).ToDictionaryAsync(p => p.PayerCode, ct);
            var payerIds = payers.Values.Select(p => p.Id).ToList();
            var assignments = (await db.PensionAssignments.Include(a => a.MonthAmounts).Where(a => payerIds.Contains(a.PayerId)).ToListAsync(ct))
                .ToLookup(a => (a.PayerId, a.FiscalYear));
            var bookable = new List<(PensionRemittance R, PaymentRecord Record, short MonthNo, Dictionary<string, PensionAssignment> Assignments)>();
            int stopped = 0;
            long switched = 0;
            foreach (var r in read.Remittances)
            {
                string? field = null, reason = null;
                int fy = 0;
                short monthNo = 0;
                long? installmentId = null;
                Dictionary<string, PensionAssignment>? byNo = null;
                if (!payers.TryGetValue(r.PayerCode, out var payer))
                    (field, reason) = ("特別徴収義務者コード", $"特別徴収義務者コード {r.PayerCode} の年金保険者は登録されていません。");
                else if (PensionSchedule.MonthOf(r.Year, r.Month) is not { } ym)
                    (field, reason) = ("徴収年月", $"徴収年月 {r.Year:D4}{r.Month:D2} は年金の支払月ではありません。");
                else
                {
                    (fy, monthNo) = (ym.FiscalYear, (short)ym.MonthNo);
                    installmentId = await PensionWithholdings.InstallmentIdAsync(db, fy, r.PayerCode, monthNo, ct);
                    if (installmentId is null)
                        (field, reason) = ("徴収年月", $"特別徴収義務者コード {r.PayerCode} の{fy}年度の年金特別徴収は依頼されていません。");
                    else
                    {
                        byNo = assignments[(payer.Id, fy)].ToDictionary(a => a.PensionNo);
                        foreach (var d in r.Details)
                        {
                            var (whyField, why) = !byNo.TryGetValue(d.PensionNo, out var a) ? ("年金番号", $"特別徴収義務者コード {r.PayerCode} の{fy}年度に年金番号 {d.PensionNo} の対象者はいません。")
                                : d.Amount > 0 && a.LastMonth < monthNo ? ("年金番号", $"年金番号 {d.PensionNo} の年金特別徴収は {a.StoppedOn:yyyy-MM-dd} に停止しています（{PensionWithholdings.MonthName(fy, monthNo)}分は徴収しない月です）。")
                                : d.Amount > 0 && d.Amount != a.MonthAmounts.Where(m => m.MonthNo == monthNo).Sum(m => m.Amount)
                                    ? ("徴収額", $"年金番号 {d.PensionNo} の徴収額 {d.Amount}円 が依頼した{PensionWithholdings.MonthName(fy, monthNo)}分の額 {a.MonthAmounts.Where(m => m.MonthNo == monthNo).Sum(m => m.Amount)}円 と違います。")
                                : ((string?)null, (string?)null);
                            if (why is null) continue;
                            errors.Add(new RemittanceLineError(d.LineNo, whyField!, why, d.RawText));
                            (field, reason) = ("", $"同じ納入の{d.LineNo}行目に誤りがあるため保留しました。");
                        }
                    }
                }
                if (reason is not null)
                {
                    errors.Add(new RemittanceLineError(r.LineNo, field!, reason, r.RawText));
                    foreach (var d in r.Details.Where(d => errors.All(e => e.LineNo != d.LineNo)))
                        errors.Add(new RemittanceLineError(d.LineNo, "", $"同じ納入（{r.LineNo}行目から）に誤りがあるため保留しました。", d.RawText));
                    continue;
                }
                foreach (var d in r.Details.Where(d => d.Reason is not null))
                {
                    var a = byNo![d.PensionNo];
                    if (a.StopReason is not null) continue; // stopped before (by hand, or by this file's first run)
                    var s = await service.StopInAsync(db, actor, payer!, a, (short)(monthNo - 1), r.PaidOn, d.Reason!.Value, noticeDate, file.Id, now, ct);
                    stopped++;
                    switched += s.Remaining;
                }
                if (r.Amount == 0) continue;
                var record = new PaymentRecord(r.LineNo, PaymentRecordKind.Payment, PaymentChannel.PensionWithholding,
                    r.PayerCode + ":" + r.Year.ToString("D4", CultureInfo.InvariantCulture) + r.Month.ToString("D2", CultureInfo.InvariantCulture),
                    new MatchKey(installmentId!.Value), r.Amount, r.PaidOn, r.ReceivedOn, "eLTAX", KeyPrefix + r.ReceiptNo, r.RawText);
                bookable.Add((r, record, monthNo, byNo!));
            }
            var results = await booker.BookAsync(db, writer, bookable.Select(b => b.Record).ToList(), file.Id, now, ct);
            int booked = 0, duplicate = 0;
            long bookedAmount = 0, overpaid = 0;
            foreach (var (b, result) in bookable.Zip(results))
            {
                switch (result.Outcome)
                {
                    case BookingOutcome.Booked:
                        booked++;
                        bookedAmount += result.Amount;
                        overpaid += result.Overpaid;
                        foreach (var d in b.R.Details.Where(d => d.Amount > 0))
                            db.PensionRemittanceLines.Add(new PensionRemittanceLine
                            {
                                PaymentId = result.PaymentId!.Value, AssignmentId = b.Assignments[d.PensionNo].Id, MonthNo = b.MonthNo, Amount = d.Amount,
                                ImportFileId = file.Id, SourceLine = d.LineNo,
                            });
                        break;
                    case BookingOutcome.Duplicate:
                        duplicate++;
                        break;
                    default:
                        errors.Add(new RemittanceLineError(b.R.LineNo, result.Field ?? "", result.Reason ?? BookingOutcomes.Label(result.Outcome), b.R.RawText));
                        break;
                }
            }
            var quarantined = await RemittanceImportRuns.FinishAsync(db, run, file.Id, errors, read.LinesRead, booked, duplicate, now, ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.PensionResultsImported,
                Detail: $"ファイル {fileName} ({_layout.ResultFormat}) SHA-256 {fingerprint.Sha256} 取込番号 {run.Id}: 読込 {read.LinesRead}行 納入 {read.Remittances.Count} 消込 {booked} ({bookedAmount}円) 重複 {duplicate} 停止 {stopped}人 普通徴収へ切替 {switched}円 保留 {quarantined}行 過誤納 {overpaid}円"), clock, ct);
            return new PensionResultImportSummary(fileName, fingerprint.Sha256, read.LinesRead, read.Remittances.Count, booked, bookedAmount, duplicate, stopped, switched,
                quarantined, overpaid,
                RemittanceImportRuns.Listed(fileName, errors), file.Id);
        }, ct);
    }
}
