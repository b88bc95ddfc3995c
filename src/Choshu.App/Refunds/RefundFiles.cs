using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.Data;
using Choshu.Data.Refunds;
using Choshu.Domain;
using Choshu.Domain.Refunds;
using Choshu.Domain.Security;
using Choshu.Formats.Csv;
using Choshu.Formats.Zengin;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Refunds;

/// <summary>A refund transfer file written (or, after a killed run, moved into place): its record, and whether this call only finished it.</summary>
public sealed record RefundTransferResult(long TransferId, DateOnly TransferDate, string Path, string Sha256, int Count, long Amount, bool Resumed);

/// <summary>The payment order written for the financial accounting system: rows, and the totals by 区分.</summary>
public sealed record RefundPaymentOrderResult(string Path, string Sha256, int Rows, long Reversal, long Expenditure);

/// <summary>
/// The files refunds leave by. <see cref="TransferAsync"/>: the Zengin 総合振込 file (種別コード 21) of every decided refund
/// to be paid by transfer and not yet in a file, where the city has Choshu make the transfers (setting
/// <c>refund.transfer_by_choshu</c>). Never paid twice: the file is written as <c>FILE.part</c>, then in one transaction
/// (under the payments lock) recorded (<see cref="RefundTransfer"/> with its SHA-256, each refund marked with it and paid on
/// the transfer date, audit 4010) and only then renamed; refunds already in a file are never taken again, so a second
/// request finds nothing and is refused; a run killed after recording and before renaming is finished by the next
/// (the recorded hash must match the .part file). <see cref="PaymentOrderAsync"/>: the payment order (支出命令) for the
/// city's 財務会計 system, docs/formats.md (audit 4011).
/// </summary>
public sealed class RefundFiles(Store store, TimeProvider clock, Actor actor)
{
    /// <summary>
    /// Crash points around every write, commit and rename of <see cref="TransferAsync"/> (docs/security.md「Crash points」);
    /// from the environment by default, a no-op in production.
    /// </summary>
    public Faults.CrashPoints CrashPoints { get; init; } = Faults.CrashPoints.FromEnvironment();

    public async Task<RefundTransferResult> TransferAsync(DateOnly transferDate, string outPath, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outPath);
        var path = Path.GetFullPath(outPath);
        var part = path + ".part";
        ZenginTransferHeader header;
        List<(RefundView Refund, ZenginTransferRecord Record)> pending;
        await using (var db = store.CreateContext())
        {
            await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, what: $"還付金振込データの作成 {transferDate:yyyy-MM-dd}", ct: ct);
            if (await AppSettings.GetAsync(db, "refund.transfer_by_choshu", ct) != "yes")
                throw new DomainException("refund.transfer_not_used", "この市では還付金の振込を会計課（財務会計）が行います（設定 refund.transfer_by_choshu = no）。支出命令データ（choshu refund payment-order）を渡してください。");
            var unfinished = await UnfinishedAsync(db, ct);
            if (unfinished is not null)
                return await FinishAsync(unfinished, ct);
            var settings = await AppSettings.LoadAsync(db, ct);
            var payer = (await AppSettings.GetAsync(db, "refund.payer_account", ct)).Split('-');
            header = new ZenginTransferHeader(await AppSettings.GetAsync(db, "refund.requester_code", ct), settings.ZenginBillerName,
                transferDate.Month, transferDate.Day, payer[0], "", payer[1], "", int.Parse(payer[2], CultureInfo.InvariantCulture), payer[3]);
            var ids = await db.Refunds.AsNoTracking()
                .Where(r => r.DecidedOn != null && r.DecidedOn <= transferDate && r.TransferId == null && r.PaidOn == null
                    && r.WithdrawnAtUtc == null && r.Method == (short)RefundMethod.Transfer)
                .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
            if (ids.Count == 0)
            {
                var done = await db.RefundTransfers.AsNoTracking().Where(t => t.TransferDate == transferDate).OrderByDescending(t => t.Id).FirstOrDefaultAsync(ct);
                throw done is null
                    ? new DomainException("refund.transfer_nothing", $"振込指定日 {transferDate:yyyy年M月d日} までに決定された口座振込の還付で、振込データ未作成のものはありません。")
                    : new DomainException("refund.transfer_already_written",
                        $"振込指定日 {transferDate:yyyy年M月d日} の還付は既に振込データ（{done.FileName}、{done.Count}件 {done.Amount:N0}円）に入っています。同じ還付の振込データは二重には作成しません。");
            }
            var rows = await db.Refunds.AsNoTracking().Where(r => ids.Contains(r.Id)).OrderBy(r => r.Id).ToListAsync(ct);
            var views = (await RefundQueries.RefundsAsync(db, ct: ct)).Where(v => ids.Contains(v.Id)).ToDictionary(v => v.Id);
            pending = rows.Select(r => (views[r.Id], new ZenginTransferRecord(r.BankCode!, r.BankName ?? "", r.BranchCode!, r.BranchName ?? "", r.AccountType!.Value,
                r.AccountNo!, r.HolderKana!, r.Amount + (r.Interest ?? 0) + r.EarnedInterest, r.Id.ToString(CultureInfo.InvariantCulture),
                CustomerCode(views[r.Id].TaxpayerNo)))).ToList();
        }

        ZenginTransferTrailer trailer;
        CrashPoints.Step("before-write-part");
        try
        {
            await using (var stream = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                trailer = ZenginTransferWriter.Write(stream, header, pending.Select(p => p.Record));
                stream.Flush(flushToDisk: true);
            }
        }
        catch
        {
            if (File.Exists(part)) File.Delete(part);
            throw;
        }
        var sha = await Sha256Async(part, ct);
        CrashPoints.Step("after-write-part");
        var transferId = await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            CrashPoints.Step("after-begin");
            var ids = pending.Select(p => p.Refund.Id).ToList();
            var refunds = await db.Refunds.Where(r => ids.Contains(r.Id)).ToListAsync(ct);
            if (refunds.Any(r => r.TransferId is not null || r.PaidOn is not null))
                throw new DomainException("refund.transfer_already_written", "対象の還付の一部が、この処理の間に別の振込データに入りました。二重には作成しません。もう一度実行してください。");
            var transfer = new RefundTransfer
            {
                TransferDate = transferDate, FileName = Path.GetFileName(path), FilePath = path, Sha256 = sha, Count = trailer.TotalCount,
                Amount = trailer.TotalAmount, RecordedBy = actor.Name, RecordedAtUtc = now,
            };
            db.RefundTransfers.Add(transfer);
            CrashPoints.Step("before-save-transfer");
            await db.SaveChangesAsync(ct);
            CrashPoints.Step("after-save-transfer");
            foreach (var r in refunds)
            {
                r.TransferId = transfer.Id;
                r.PaidOn = transferDate;
            }
            await db.SaveChangesAsync(ct);
            CrashPoints.Step("after-save-refunds-paid");
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.RefundTransferWritten,
                Detail: string.Create(CultureInfo.InvariantCulture,
                    $"振込指定日 {transferDate:yyyy-MM-dd} ファイル {transfer.FileName} SHA-256 {sha}: {transfer.Count} 件 {transfer.Amount}円（還付 {string.Join(",", ids)}）")), clock, ct);
            CrashPoints.Step("before-commit");
            return transfer.Id;
        }, ct);
        CrashPoints.Step("after-commit");
        File.Move(part, path, overwrite: true);
        CrashPoints.Step("after-rename");
        return new RefundTransferResult(transferId, transferDate, path, sha, trailer.TotalCount, trailer.TotalAmount, false);
    }

    /// <summary>A recorded transfer whose file is still under its .part name with the recorded hash (a run killed before the rename).</summary>
    private static async Task<RefundTransfer?> UnfinishedAsync(ChoshuDbContext db, CancellationToken ct)
    {
        foreach (var t in await db.RefundTransfers.AsNoTracking().OrderByDescending(t => t.Id).Take(20).ToListAsync(ct))
            if (!File.Exists(t.FilePath) && File.Exists(t.FilePath + ".part") && await Sha256Async(t.FilePath + ".part", ct) == t.Sha256)
                return t;
        return null;
    }

    private static Task<RefundTransferResult> FinishAsync(RefundTransfer t, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        File.Move(t.FilePath + ".part", t.FilePath, overwrite: false);
        return Task.FromResult(new RefundTransferResult(t.Id, t.TransferDate, t.FilePath, t.Sha256, t.Count, t.Amount, true));
    }

    /// <summary>顧客コード2: the taxpayer number when it is up to 10 digits, else 0.</summary>
    private static string CustomerCode(string taxpayerNo) =>
        taxpayerNo.Length is > 0 and <= 10 && taxpayerNo.All(char.IsAsciiDigit) ? taxpayerNo : "0";

    /// <summary>
    /// 支出命令データ: the refunds decided on <paramref name="decidedOn"/>, one row per refund and money: the refund as 戻出
    /// (歳入戻出, when the money was received in the fiscal year of the decision) or 歳出 (過年度還付金), and its refund
    /// interest as 歳出 (還付加算金). UTF-8 CSV with a header row (docs/formats.md).
    /// </summary>
    public async Task<RefundPaymentOrderResult> PaymentOrderAsync(DateOnly decidedOn, string outPath, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outPath);
        var path = Path.GetFullPath(outPath);
        await using var db = store.CreateContext();
        await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, what: $"還付支出命令データの作成 {decidedOn:yyyy-MM-dd}", ct: ct);
        var refunds = (await RefundQueries.RefundsAsync(db, ct: ct)).Where(r => r.DecidedOn == decidedOn && !r.Withdrawn).ToList();
        if (refunds.Count == 0)
            throw new DomainException("refund.order_nothing", $"支出決定日 {decidedOn:yyyy年M月d日} に決定された還付はありません。");
        var ids = refunds.Select(r => r.Id).ToList();
        var received = await (from r in db.Refunds where ids.Contains(r.Id)
                              join o in db.Overpayments on r.OverpaymentId equals o.Id
                              join p in db.Payments on o.PaymentId equals p.Id
                              select new { r.Id, p.PaidOn }).ToDictionaryAsync(x => x.Id, x => x.PaidOn, ct);
        var sb = new StringBuilder();
        CsvOut.AppendRecord(sb, ["支出決定日", "還付番号", "納税義務者番号", "氏名", "税目", "年度", "収入日", "区分", "科目", "金額", "支払方法", "振込先"]);
        long reversal = 0, expenditure = 0;
        var rows = 0;
        foreach (var r in refunds)
        {
            var paid = received[r.Id];
            var sameYear = IsReversal(paid, decidedOn);
            void Row(string kind, string item, long amount)
            {
                CsvOut.AppendRecord(sb, [decidedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Id.ToString(CultureInfo.InvariantCulture),
                    CsvOut.Text(r.TaxpayerNo), CsvOut.Text(r.Name), CsvOut.Text(r.TaxKind), r.FiscalYear.ToString(CultureInfo.InvariantCulture),
                    paid.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), kind, item, amount.ToString(CultureInfo.InvariantCulture),
                    RefundLabels.Of(r.Method), CsvOut.Text(r.Account)]);
                rows++;
                if (kind == "戻出") reversal += amount; else expenditure += amount;
            }
            Row(sameYear ? "戻出" : "歳出", sameYear ? "歳入戻出（現年度還付金）" : "過年度還付金", r.Amount);
            if (r.AllInterest > 0) Row("歳出", "還付加算金", r.AllInterest);
        }
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetBytes(sb.ToString());
        var part = path + ".part";
        await File.WriteAllBytesAsync(part, bytes, ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        try
        {
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.RefundPaymentOrderWritten,
                Detail: string.Create(CultureInfo.InvariantCulture, $"支出決定日 {decidedOn:yyyy-MM-dd} ファイル {Path.GetFileName(path)} SHA-256 {sha}: {rows} 行 戻出 {reversal}円 歳出 {expenditure}円")), clock, ct);
            File.Move(part, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(part)) File.Delete(part);
        }
        return new RefundPaymentOrderResult(path, sha, rows, reversal, expenditure);
    }

    /// <summary>
    /// 戻出 or 歳出 of refunded money (not interest, always 歳出): 戻出 when it was received (収入日) in the fiscal year of
    /// the 支出決定日, else 歳出 (過年度還付金). The one rule, used by the payment order and the 還付充当一覧.
    /// </summary>
    public static bool IsReversal(DateOnly receivedOn, DateOnly decidedOn) =>
        Reports.CollectionReportQuery.FiscalYearOf(receivedOn) == Reports.CollectionReportQuery.FiscalYearOf(decidedOn);

    private static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
