using System.Globalization;
using System.Security.Cryptography;
using Choshu.App.Security;
using Choshu.App.Stores;
using Choshu.App.Reconciliation;
using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Withholding;
using Choshu.Domain;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Choshu.Domain.Withholding;
using Choshu.Formats.Withholding;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Withholding;

/// <summary>One pensioner of a 特別徴収依頼: 宛名番号, 年金番号, the year's 年金特別徴収税額 and its 仮徴収 part.</summary>
public sealed record PensionerInput(string TaxpayerNo, string PensionNo, long Annual, long Provisional);

/// <summary>What a request did: the payer's 通知書番号, the pensioners and the request file (bytes and SHA-256).</summary>
public sealed record PensionRequestResult(long AssessmentId, string NoticeNo, int Pensioners, long Total, IReadOnlyList<long> PerMonth, byte[] File, string Sha256);

/// <summary>What a stop did: the amount no longer withheld and the ordinary installments it became.</summary>
public sealed record PensionStopResult(long Remaining, short LastMonth, string? OrdinaryNoticeNo, IReadOnlyList<OrdinaryInstallment> Ordinary);

/// <summary>
/// 公的年金からの特別徴収 (地方税法321条の7の2–321条の7の10). A 年金保険者 (<see cref="PensionPayer"/>) is a payer exactly as an
/// employer is (<see cref="Employers"/>): <see cref="RequestAsync"/> gives its 宛名 an assessment of 税目 <see cref="TaxKindCode"/> for
/// the fiscal year, one installment per pension payment month (4・6・8月 仮徴収, 10・12・2月 本徴収), due the 10th of the next month
/// shifted past closed days, charged the sum of its pensioners' monthly amounts (<see cref="PensionSchedule.Split"/>), and writes
/// the 特別徴収依頼 (<see cref="IPensionRelayLayout"/>). The payer's 納入 come back in the result file
/// (<see cref="PensionResultImport"/>, PaymentChannel 9). A pension that stops (<see cref="StopAsync"/> by hand, or a 未徴収理由 in
/// the result file) takes the later months off the payer's installments and switches the rest to 普通徴収 with
/// <see cref="Employers.SwitchToOrdinaryAsync"/>, the one switch an employee who leaves uses.
/// Every change needs <see cref="Permission.RecordPayments"/>, runs in one booking transaction and is audited (3520–3524).
/// </summary>
public sealed class PensionWithholdings(Store store, TimeProvider clock, IPensionRelayLayout? layout = null)
{
    /// <summary>税目コード of 市民税（年金特別徴収）, added as data on first use.</summary>
    public const string TaxKindCode = "12";
    public const string TaxKindName = "市民税（年金特別徴収）";
    public const string ChargeReason = "pension.request";
    public const string ChangeReason = "pension.stop";

    private readonly IPensionRelayLayout _layout = layout ?? PensionRelayFile.Instance;

    /// <summary>The 通知書番号 of a payer's year: 年度 + 12 + 特別徴収義務者コード.</summary>
    public static string NoticeNoOf(int fiscalYear, string payerCode) => string.Create(CultureInfo.InvariantCulture, $"{fiscalYear}{TaxKindCode}{payerCode}");

    /// <summary>The 通知書番号 of the ordinary assessment of a pensioner whose withholding stopped: 年度 + 029 + the assignment, 8 digits.</summary>
    public static string OrdinaryNoticeNoOf(int fiscalYear, long assignmentId) => string.Create(CultureInfo.InvariantCulture, $"{fiscalYear}029{assignmentId:D8}");

    /// <summary>"2026年10月" for month 4 of 2026.</summary>
    public static string MonthName(int fiscalYear, int monthNo)
    {
        var (y, m) = PensionSchedule.CalendarMonth(fiscalYear, monthNo);
        return string.Create(CultureInfo.InvariantCulture, $"{y}年{m}月");
    }

    /// <summary>未徴収理由 / 停止理由 in Japanese.</summary>
    public static string ReasonName(short reason) => PensionRelayFile.NotWithheldReasons.TryGetValue(reason, out var n) ? n : reason.ToString(CultureInfo.InvariantCulture);

    /// <summary>Registers a 年金保険者 as 特別徴収義務者: its 宛名 and 特別徴収義務者コード (3–6 digits).</summary>
    public async Task<long> RegisterPayerAsync(Actor actor, string taxpayerNo, string payerCode, CancellationToken ct = default)
    {
        if (payerCode.Length is < 3 or > 6 || !payerCode.All(char.IsAsciiDigit))
            throw new DomainException("pension.payer_code_invalid", $"特別徴収義務者コードは3〜6桁の数字で指定してください（{payerCode}）。");
        await DemandAsync(actor, $"年金保険者の登録 特別徴収義務者コード {payerCode}", ct);
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var taxpayerId = await db.Taxpayers.AsNoTracking().Where(t => t.TaxpayerNo == taxpayerNo).Select(t => (long?)t.Id).SingleOrDefaultAsync(ct)
                ?? throw new DomainException("pension.taxpayer_not_found", $"宛名番号 {taxpayerNo} は登録されていません（年金保険者の宛名を先に登録してください）。");
            if (await db.PensionPayers.AnyAsync(p => p.PayerCode == payerCode, ct))
                throw new DomainException("pension.payer_code_taken", $"特別徴収義務者コード {payerCode} はすでに登録されています。");
            if (await db.PensionPayers.AnyAsync(p => p.TaxpayerId == taxpayerId, ct))
                throw new DomainException("pension.payer_exists", $"宛名番号 {taxpayerNo} はすでに年金保険者として登録されています。");
            var payer = new PensionPayer { TaxpayerId = taxpayerId, PayerCode = payerCode, CreatedAtUtc = now, CreatedBy = actor.Name };
            db.PensionPayers.Add(payer);
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.PensionPayerRegistered, TaxpayerId: taxpayerId,
                Detail: $"特別徴収義務者コード {payerCode} 宛名番号 {taxpayerNo}"), clock, ct);
            return payer.Id;
        }, ct);
    }

    /// <summary>
    /// 特別徴収依頼: the payer's assessment for <paramref name="fiscalYear"/> (six installments, each charged the sum of the
    /// pensioners' amounts of its month, valued <paramref name="noticeDate"/>), each pensioner's monthly amounts, and the request
    /// file for the 経由機関. Refused when the payer's year is already requested (a stop is the only change after it).
    /// </summary>
    public async Task<PensionRequestResult> RequestAsync(Actor actor, string payerCode, int fiscalYear, DateOnly noticeDate, string municipalityCode,
        IReadOnlyList<PensionerInput> pensioners, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(pensioners);
        if (pensioners.Count == 0) throw new DomainException("pension.no_pensioners", "年金特別徴収の対象者を1人以上指定してください。");
        var dup = pensioners.GroupBy(p => p.PensionNo).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new DomainException("pension.pension_no_duplicate", $"年金番号 {dup.Key} が重複しています。");
        foreach (var p in pensioners)
        {
            if (string.IsNullOrWhiteSpace(p.PensionNo) || p.PensionNo.Length > 20 || p.PensionNo.Contains(',', StringComparison.Ordinal))
                throw new DomainException("pension.pension_no_invalid", $"年金番号は20文字以内（カンマなし）で指定してください（{p.PensionNo}）。");
            PensionSchedule.Split(p.Annual, p.Provisional);
        }
        if (municipalityCode.Length != 6 || !municipalityCode.All(char.IsAsciiDigit))
            throw new DomainException("pension.municipality_code_invalid", $"市区町村コードは6桁の数字（検査数字つき）で指定してください（{municipalityCode}）。");
        await DemandAsync(actor, $"年金特別徴収の依頼 特別徴収義務者コード {payerCode} {fiscalYear}年度", ct);
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var payer = await PayerAsync(db, payerCode, ct);
            var noticeNo = NoticeNoOf(fiscalYear, payerCode);
            if (await db.Assessments.AnyAsync(a => a.TaxKindCode == TaxKindCode && a.FiscalYear == fiscalYear && a.NoticeNo == noticeNo, ct))
                throw new DomainException("pension.already_requested", $"特別徴収義務者コード {payerCode} の{fiscalYear}年度の年金特別徴収はすでに依頼済みです。変更は停止で登録してください。");
            await Employers.EnsureTaxKindAsync(db, TaxKindCode, TaxKindName, "年金特別徴収|公的年金からの特別徴収|市民税（年金特別徴収）", 12, ct);
            var calendar = await ReferenceData.LoadCalendarAsync(db, ct);
            var people = await Employers.TaxpayerIdsAsync(db, pensioners.Select(p => p.TaxpayerNo), ct);
            var facts = (await db.Taxpayers.AsNoTracking().Where(t => people.Values.Contains(t.Id)).Select(t => new { t.Id, t.Facts }).ToListAsync(ct))
                .ToDictionary(t => t.Id, t => t.Facts);
            var assessment = new Assessment
            {
                TaxpayerId = payer.TaxpayerId, TaxKindCode = TaxKindCode, FiscalYear = fiscalYear, LiabilityYear = fiscalYear, NoticeNo = noticeNo, CreatedAtUtc = now,
            };
            for (short m = 1; m <= PensionSchedule.Months; m++)
            {
                var nominal = PensionSchedule.NominalDueDate(fiscalYear, m);
                var due = calendar.EffectiveDueDate(nominal);
                assessment.Installments.Add(new Installment { Period = m, NominalDueDate = nominal, DueDate = due, StatutoryDueDate = due });
            }
            db.Assessments.Add(assessment);
            var perMonth = new long[PensionSchedule.Months];
            var lines = new List<PensionRequestLine>();
            foreach (var p in pensioners)
            {
                var months = PensionSchedule.Split(p.Annual, p.Provisional);
                db.PensionAssignments.Add(new PensionAssignment
                {
                    PayerId = payer.Id, FiscalYear = fiscalYear, PensionerTaxpayerId = people[p.TaxpayerNo], PensionNo = p.PensionNo, AnnualAmount = p.Annual,
                    ProvisionalAmount = p.Provisional, LastMonth = PensionSchedule.Months, CreatedAtUtc = now, CreatedBy = actor.Name,
                    MonthAmounts = Enumerable.Range(1, PensionSchedule.Months).Select(m => new PensionMonthAmount { MonthNo = (short)m, Amount = months[m - 1] }).ToList(),
                });
                for (var m = 0; m < PensionSchedule.Months; m++) perMonth[m] += months[m];
                var f = facts[people[p.TaxpayerNo]];
                lines.Add(new PensionRequestLine(p.PensionNo, f.NameKana.Replace(',', '、'), f.BirthDate, p.Annual, p.Provisional, months));
            }
            await db.SaveChangesAsync(ct);
            foreach (var i in assessment.Installments)
                db.JournalEntries.Add(Employers.Entry(i.Id, JournalEntryKind.Charge, perMonth[i.Period - 1], noticeDate, ChargeReason, actor.Name, now,
                    $"pensioncharge:{assessment.Id}:{i.Period}", $"年金特別徴収の依頼 {pensioners.Count}人"));
            await db.SaveChangesAsync(ct);
            using var ms = new MemoryStream();
            _layout.WriteRequest(ms, new PensionRequest(noticeDate, municipalityCode, payerCode, fiscalYear, lines));
            var bytes = ms.ToArray();
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.PensionWithholdingRequested, TaxpayerId: payer.TaxpayerId,
                Detail: $"特別徴収義務者コード {payerCode} {fiscalYear}年度 通知書番号 {noticeNo} 対象者 {pensioners.Count}人 年税額計 {pensioners.Sum(p => p.Annual)}円 依頼ファイル ({_layout.RequestFormat}) SHA-256 {sha}"), clock, ct);
            return new PensionRequestResult(assessment.Id, noticeNo, pensioners.Count, pensioners.Sum(p => p.Annual), perMonth, bytes, sha);
        }, ct);
    }

    /// <summary>
    /// 年金特別徴収の停止 entered by hand (支給停止・死亡 reported on paper or by phone): withheld through <paramref name="lastMonth"/>
    /// (0 = none, 1 = April … 6 = February); the payer's installments of the later months are amended down (valued
    /// <paramref name="on"/>) and the rest becomes an ordinary assessment of the pensioner noticed on <paramref name="noticeDate"/>.
    /// </summary>
    public async Task<PensionStopResult> StopAsync(Actor actor, string payerCode, int fiscalYear, string pensionNo, short lastMonth, DateOnly on, short reason,
        DateOnly noticeDate, CancellationToken ct = default)
    {
        await DemandAsync(actor, $"年金特別徴収の停止 特別徴収義務者コード {payerCode} 年金番号 {pensionNo}", ct);
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var payer = await PayerAsync(db, payerCode, ct);
            var assignment = await AssignmentAsync(db, payer, fiscalYear, pensionNo, ct);
            return await StopInAsync(db, actor, payer, assignment, lastMonth, on, reason, noticeDate, null, now, ct);
        }, ct);
    }

    /// <summary>The stop itself, in the caller's booking transaction (a hand stop, or a 未徴収理由 in a result file).</summary>
    internal async Task<PensionStopResult> StopInAsync(ChoshuDbContext db, Actor actor, PensionPayer payer, PensionAssignment assignment, short lastMonth, DateOnly on,
        short reason, DateOnly noticeDate, long? importFileId, DateTime now, CancellationToken ct)
    {
        if (!PensionRelayFile.NotWithheldReasons.ContainsKey(reason))
            throw new DomainException("pension.stop_reason", $"停止理由は 1（死亡）・2（支給停止）・3（年金額不足）・9（その他）のいずれかです（{reason}）。");
        if (lastMonth is < 0 or >= PensionSchedule.Months)
            throw new DomainException("pension.last_month_invalid", $"最終徴収月は0（4月から徴収しない）〜5（12月まで徴収）で指定してください（{lastMonth}）。");
        if (assignment.StopReason is not null)
            throw new DomainException("pension.already_stopped", $"年金番号 {assignment.PensionNo} の年金特別徴収は {assignment.StoppedOn:yyyy-MM-dd} に停止しています。");
        var fiscalYear = assignment.FiscalYear;
        var paidLater = await db.PensionRemittanceLines.Where(l => l.AssignmentId == assignment.Id && l.MonthNo > lastMonth)
            .Join(db.Payments, l => l.PaymentId, p => p.Id, (l, p) => new { l.MonthNo, p.Status }).Where(x => x.Status == Domain.Reconciliation.PaymentStatus.Booked)
            .Select(x => (short?)x.MonthNo).MinAsync(ct);
        if (paidLater is { } paid)
            throw new DomainException("pension.stop_after_paid", $"年金番号 {assignment.PensionNo} は{MonthName(fiscalYear, paid)}分がすでに納入されています。最終徴収月をそれ以後にしてください。");
        var noticeNo = NoticeNoOf(fiscalYear, payer.PayerCode);
        var installments = await db.Installments.Where(i => i.Assessment!.TaxKindCode == TaxKindCode && i.Assessment.FiscalYear == fiscalYear && i.Assessment.NoticeNo == noticeNo)
            .ToDictionaryAsync(i => i.Period, i => i.Id, ct);
        long remaining = 0;
        foreach (var m in assignment.MonthAmounts.Where(m => m.MonthNo > lastMonth && m.Amount != 0).OrderBy(m => m.MonthNo))
        {
            remaining += m.Amount;
            db.JournalEntries.Add(Employers.Entry(installments[m.MonthNo], JournalEntryKind.Amendment, -m.Amount, on, ChangeReason, actor.Name, now,
                $"pension:{assignment.Id}:stop:{m.MonthNo}", $"年金特別徴収の停止（{ReasonName(reason)}） 年金番号 {assignment.PensionNo}"));
            m.Amount = 0;
        }
        assignment.LastMonth = lastMonth;
        assignment.StoppedOn = on;
        assignment.StopReason = reason;
        assignment.StopImportFileId = importFileId;
        await db.SaveChangesAsync(ct);
        string? ordinaryNo = null;
        List<OrdinaryInstallment> ordinary = [];
        if (remaining > 0)
        {
            ordinaryNo = OrdinaryNoticeNoOf(fiscalYear, assignment.Id);
            (assignment.OrdinaryAssessmentId, ordinary) = await Employers.SwitchToOrdinaryAsync(db, assignment.PensionerTaxpayerId, fiscalYear, ordinaryNo, remaining, noticeDate,
                $"pensionordinary:{assignment.Id}", $"年金特別徴収から普通徴収へ切替 特別徴収義務者コード {payer.PayerCode} 年金番号 {assignment.PensionNo}", actor.Name, now, ct);
            await db.SaveChangesAsync(ct);
        }
        var through = lastMonth == 0 ? "徴収なし" : $"{MonthName(fiscalYear, lastMonth)}まで特別徴収";
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.PensionWithholdingStopped, TaxpayerId: assignment.PensionerTaxpayerId,
            Detail: $"特別徴収義務者コード {payer.PayerCode} {fiscalYear}年度 年金番号 {assignment.PensionNo} 停止理由 {ReasonName(reason)} 停止日 {on:yyyy-MM-dd} {through} 未徴収 {remaining}円"
                + (importFileId is null ? " 手入力" : $" 結果ファイル {importFileId}")
                + (ordinaryNo is null ? "" : $" 普通徴収へ切替 通知書番号 {ordinaryNo} " + string.Join("、", ordinary.Select(o => $"第{o.Period}期 {o.DueDate:yyyy-MM-dd} {o.Amount}円")))), clock, ct);
        return new PensionStopResult(remaining, lastMonth, ordinaryNo, ordinary);
    }

    internal static async Task<PensionPayer> PayerAsync(ChoshuDbContext db, string payerCode, CancellationToken ct) =>
        await db.PensionPayers.SingleOrDefaultAsync(p => p.PayerCode == payerCode, ct)
        ?? throw new DomainException("pension.payer_not_found", $"特別徴収義務者コード {payerCode} の年金保険者は登録されていません。");

    private static async Task<PensionAssignment> AssignmentAsync(ChoshuDbContext db, PensionPayer payer, int fiscalYear, string pensionNo, CancellationToken ct) =>
        await db.PensionAssignments.Include(a => a.MonthAmounts).SingleOrDefaultAsync(a => a.PayerId == payer.Id && a.FiscalYear == fiscalYear && a.PensionNo == pensionNo, ct)
        ?? throw new DomainException("pension.pension_no_not_found", $"特別徴収義務者コード {payer.PayerCode} の{fiscalYear}年度に年金番号 {pensionNo} の対象者はいません。");

    /// <summary>The payer's installment id of a month.</summary>
    internal static async Task<long?> InstallmentIdAsync(ChoshuDbContext db, int fiscalYear, string payerCode, int monthNo, CancellationToken ct)
    {
        var noticeNo = NoticeNoOf(fiscalYear, payerCode);
        return await db.Installments.Where(i => i.Assessment!.TaxKindCode == TaxKindCode && i.Assessment.FiscalYear == fiscalYear && i.Assessment.NoticeNo == noticeNo && i.Period == monthNo)
            .Select(i => (long?)i.Id).SingleOrDefaultAsync(ct);
    }

    private async Task DemandAsync(Actor actor, string what, CancellationToken ct)
    {
        await using var db = store.CreateContext();
        await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, what: what, ct: ct);
    }
}
