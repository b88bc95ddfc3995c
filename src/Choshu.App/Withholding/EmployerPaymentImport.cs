using Choshu.App.Imports;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.Data;
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

/// <summary>What one employer-payment import did.</summary>
public sealed record EmployerPaymentImportSummary(string File, string Sha256, int LinesRead, int Remittances, int Booked, long BookedAmount, int Duplicate,
    int QuarantinedLines, long Overpaid, IReadOnlyList<ImportError> Errors, long ImportFileId);

/// <summary>
/// <c>choshu employer-payments import FILE</c>: 特別徴収 納入データ (<see cref="EmployerPaymentFile"/>, docs/formats.md). Each payment
/// is reconciled to its employer's installment (指定番号 → the employer's year, 納入対象年月 → its month or 納期の特例 half-year)
/// and booked by the one booker (<see cref="PaymentBooker"/>, channel <see cref="PaymentChannel.EmployerRemittance"/>, idempotency
/// key <c>employer:{受付番号}</c>): late fee on the employer's own installment, any excess to the employer's overpayment account.
/// Its breakdown is kept per employee (<see cref="WithholdingRemittanceLine"/>): each employee's withheld amount paid in.
/// A payment whose line does not read, whose employer, month or 受給者番号 is unknown, or whose breakdown does not add up is
/// quarantined whole (file, line, field and a Japanese reason); the rest is booked. The whole file is one booking
/// transaction; a payment received before is a duplicate, so running the file again books nothing twice. Audited 3445.
/// </summary>
public sealed class EmployerPaymentImport(Data.Store store, TimeProvider clock)
{
    public const string FileKind = "payments:" + EmployerPaymentFile.Format;
    public const string KeyPrefix = "employer:";

    public async Task<EmployerPaymentImportSummary> RunAsync(Actor actor, string path, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var fileName = Path.GetFileName(path);
        await using (var check = store.CreateContext())
            await AccessControl.DemandAsync(check, actor, Permission.RecordPayments, clock, what: $"特別徴収納入データの取込 {fileName}", ct: ct);
        if (!File.Exists(path))
            throw new CsvFileRefusedException("import.file_not_found", $"{path}: ファイルが見つかりません。");
        var bytes = await File.ReadAllBytesAsync(path, ct);
        var copy = Path.Combine(Path.GetTempPath(), $"choshu-employer-{Guid.NewGuid():N}.tmp");
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
        EmployerPaymentRead read;
        using (var ms = new MemoryStream(bytes)) read = EmployerPaymentFile.Read(ms);

        ImportFile file;
        ImportRun run;
        await using (var db = store.CreateContext())
            (file, run) = await ImportRuns.StartAsync(db, FileKind, fingerprint, fileName, CsvTextEncoding.Utf8Name, actor.Name, clock.GetUtcNow().UtcDateTime, ct);

        var summary = await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, writer, booker, now) =>
        {
            var errors = read.Errors.ToList();
            var designations = read.Remittances.Select(r => r.DesignationNo).Distinct().ToList();
            var employers = await db.WithholdingEmployers.AsNoTracking().Where(e => designations.Contains(e.DesignationNo)).ToDictionaryAsync(e => e.DesignationNo, ct);
            var employerIds = employers.Values.Select(e => e.Id).ToList();
            var assignments = (await db.WithholdingAssignments.AsNoTracking().Where(a => employerIds.Contains(a.EmployerId)).ToListAsync(ct))
                .ToLookup(a => (a.EmployerId, a.FiscalYear));
            var bookable = new List<(EmployerRemittance R, PaymentRecord Record, short Period, Dictionary<string, long> AssignmentIds)>();
            foreach (var r in read.Remittances)
            {
                string? field = null, reason = null;
                var (fy, monthNo) = WithholdingSchedule.MonthOf(r.Year, r.Month);
                long installmentId = 0;
                short period = 0;
                Dictionary<string, long>? ids = null;
                if (!employers.TryGetValue(r.DesignationNo, out var employer))
                    (field, reason) = ("指定番号", $"指定番号 {r.DesignationNo} の特別徴収義務者は登録されていません。");
                else
                {
                    period = WithholdingSchedule.PeriodOf(monthNo, employer.SpecialSchedule);
                    try
                    {
                        installmentId = await Employers.InstallmentIdAsync(db, fy, r.DesignationNo, period, ct);
                    }
                    catch (Domain.DomainException ex)
                    {
                        (field, reason) = ("納入対象年月", ex.Message);
                    }
                    if (reason is null)
                    {
                        ids = assignments[(employer.Id, fy)].ToDictionary(a => a.RecipientNo, a => a.Id);
                        var unknown = r.Details.FirstOrDefault(d => !ids.ContainsKey(d.RecipientNo));
                        if (unknown is not null)
                        {
                            errors.Add(new RemittanceLineError(unknown.LineNo, "受給者番号", $"指定番号 {r.DesignationNo} の{fy}年度に受給者番号 {unknown.RecipientNo} の特別徴収対象者はいません。", unknown.RawText));
                            (field, reason) = ("", $"同じ納入の{unknown.LineNo}行目に誤りがあるため保留しました。");
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
                var key = new MatchKey(installmentId);
                var record = new PaymentRecord(r.LineNo, PaymentRecordKind.Payment, PaymentChannel.EmployerRemittance, r.DesignationNo + ":" + r.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + r.Month.ToString("D2", System.Globalization.CultureInfo.InvariantCulture),
                    key, r.Amount, r.PaidOn, r.ReceivedOn, "eLTAX", KeyPrefix + r.ReceiptNo, r.RawText);
                bookable.Add((r, record, period, ids!));
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
                        foreach (var d in b.R.Details)
                            db.WithholdingRemittanceLines.Add(new WithholdingRemittanceLine
                            {
                                PaymentId = result.PaymentId!.Value, AssignmentId = b.AssignmentIds[d.RecipientNo], Period = b.Period, Amount = d.Amount,
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
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.EmployerPaymentsImported,
                Detail: $"ファイル {fileName} ({EmployerPaymentFile.Format}) SHA-256 {fingerprint.Sha256} 取込番号 {run.Id}: 読込 {read.LinesRead}行 納入 {read.Remittances.Count} 消込 {booked} ({bookedAmount}円) 重複 {duplicate} 保留 {quarantined}行 過誤納 {overpaid}円"), clock, ct);
            return new EmployerPaymentImportSummary(fileName, fingerprint.Sha256, read.LinesRead, read.Remittances.Count, booked, bookedAmount, duplicate, quarantined, overpaid,
                RemittanceImportRuns.Listed(fileName, errors), file.Id);
        }, ct);
        return summary;
    }
}
