using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Refunds;
using Choshu.Formats.Assessments;
using Choshu.Formats.Csv;
using Microsoft.EntityFrameworkCore;
using Col = Choshu.Formats.Assessments.AssessmentCsv.Column;

namespace Choshu.App.Imports;

/// <summary>
/// <c>choshu import assessments FILE</c>: installments (期別) from the assessment system, keyed by
/// 税目・調定年度・相当年度・通知書番号・期別. Money only moves through the journal:
/// <list type="bullet">
/// <item>New installment → the <see cref="Assessment"/> if needed, the <see cref="Installment"/>
/// (納期限 as printed and as shifted past closed days, 地方税法20条の5) and one Charge entry of the
/// 税額, value date the import day, idempotency key <c>charge:{税目}:{調定年度}:{相当年度}:{通知書番号}:{期別}</c>.</item>
/// <item>Known installment whose assessed principal (sum of its Charge and Amendment principal
/// entries) equals 税額 → nothing written; differs → one Amendment entry of the difference (up or
/// down), value date 更正日 or the import day, key <c>amend:{file SHA-256}:{line}</c>.</item>
/// <item>A line that lowers the 税額 needs 更正日 and 更正事由 (quarantined otherwise). When the reduced 税額 is below the principal
/// already paid, the excess becomes an overpayment dated 更正日: per payment it came from (latest first), a pair of journal entries
/// (Payment, Principal +X, reason <c>reduction.overpaid</c>; Payment, Overpayment −X, reason <c>overpayment.reduction</c>, both
/// carrying the payment's id, keys <c>reduce:{SHA-256}:{line}:{payment id}:principal|overpayment</c>) and its cause with the dates
/// (<see cref="OverpaymentCause"/>: 更正事由, 更正日, 更正請求日, 所得税更正通知日).</item>
/// <item>法定納期限: the optional column, shifted like the 納期限; absent or empty → the installment's (shifted)
/// 納期限, as for every ordinary installment (domain.md §5).</item>
/// <item>A 納期限 (or a given 法定納期限) that differs from the stored one, an unknown 宛名番号, or a notice already
/// registered to another taxpayer → quarantined; nothing is ever edited in place.</item>
/// </list>
/// A line of this file that already produced a journal entry (an earlier run) is not applied again.
/// </summary>
public sealed class AssessmentImport(Store store, TimeProvider clock) : CsvImport<AssessmentRecord>(store, clock)
{
    public const string FileKind = "assessments";
    public const string ChargeReason = "assessment.import";
    public const string AmendmentReason = "amendment.import";
    /// <summary>The reason code of the principal side of a reduction's pair (money taken back off the principal into the overpayment account).</summary>
    public const string ReductionTakeBackReason = "reduction.overpaid";

    private TaxKindNames? _taxKinds;
    private HolidayCalendar? _calendar;

    protected override string Kind => FileKind;

    protected override IReadOnlyList<CsvColumn> Layout => AssessmentCsv.Layout;

    protected override async Task PrepareAsync(ChoshuDbContext db, CancellationToken ct)
    {
        var kinds = await db.TaxKinds.AsNoTracking().ToListAsync(ct);
        _taxKinds = new TaxKindNames(kinds.Select(k => (k.Code, k.Name, k.Aliases)));
        _calendar = await ReferenceData.LoadCalendarAsync(db, ct);
    }

    protected override CsvParse<AssessmentRecord> Parse(CsvRow row, DateOnly today) =>
        AssessmentCsv.Parse(row, _taxKinds ?? throw new InvalidOperationException("PrepareAsync has not run."));

    protected override string StoredRawText(CsvRecord record, CsvHeader header) => MyNumberMask.Apply(record.RawText);

    protected override string DuplicateKey(AssessmentRecord r) => ChargeKey(r);

    protected override FieldError DuplicateError(int firstLine) =>
        new("", $"同じ期別（税目・調定年度・相当年度・通知書番号・期別）が{firstLine}行目にもあります（1つのファイルに1行まで）。どちらを正とするか確認してください。");

    /// <summary>The idempotency key of an installment's one Charge entry (its natural key).</summary>
    public static string ChargeKey(AssessmentRecord r) =>
        $"charge:{r.TaxKindCode}:{r.FiscalYear}:{r.LiabilityYear}:{r.NoticeNo}:{r.Period}";

    /// <summary>The idempotency key of the Amendment entry one line of one file makes.</summary>
    public static string AmendmentKey(string sha256, int lineNo) => $"amend:{sha256}:{lineNo}";

    protected override async Task ApplyAsync(ImportBatch batch, IReadOnlyList<ImportLine<AssessmentRecord>> lines, CancellationToken ct)
    {
        var db = batch.Db;
        var calendar = _calendar ?? throw new InvalidOperationException("PrepareAsync has not run.");
        var fileId = batch.File.Id;
        var first = lines[0].LineNo;
        var last = lines[^1].LineNo;

        var numbers = lines.Select(l => l.Record!.TaxpayerNo).Distinct().ToList();
        var taxpayerIds = await db.Taxpayers.Where(t => numbers.Contains(t.TaxpayerNo))
            .ToDictionaryAsync(t => t.TaxpayerNo, t => t.Id, ct);

        var notices = lines.Select(l => l.Record!.NoticeNo).Distinct().ToList();
        var assessments = (await db.Assessments.Include(a => a.Installments)
                .Where(a => notices.Contains(a.NoticeNo))
                .ToListAsync(ct))
            .ToDictionary(a => (a.TaxKindCode, a.FiscalYear, a.LiabilityYear, a.NoticeNo));

        var installmentIds = assessments.Values.SelectMany(a => a.Installments).Select(i => i.Id).ToList();
        var principal = await db.JournalEntries
            .Where(j => installmentIds.Contains(j.InstallmentId)
                && j.Component == LedgerComponent.Principal
                && (j.Kind == JournalEntryKind.Charge || j.Kind == JournalEntryKind.Amendment))
            .GroupBy(j => j.InstallmentId)
            .Select(g => new { g.Key, Amount = g.Sum(j => j.Amount) })
            .ToDictionaryAsync(x => x.Key, x => x.Amount, ct);

        var applied = (await db.JournalEntries
                .Where(j => j.ImportFileId == fileId && j.SourceLine >= first && j.SourceLine <= last)
                .Select(j => j.SourceLine!.Value)
                .ToListAsync(ct))
            .ToHashSet();

        var tempId = long.MinValue; // temporary keys ascend in file order, so EF inserts (and numbers) rows in file order
        foreach (var line in lines)
        {
            var r = line.Record!;
            if (applied.Contains(line.LineNo))
            {
                line.Outcome = LineOutcome.Unchanged;
                continue;
            }
            if (!taxpayerIds.TryGetValue(r.TaxpayerNo, out var taxpayerId))
            {
                line.Quarantine(Col.TaxpayerNo, "宛名番号が登録されていません（先に宛名を取り込んでください）。");
                continue;
            }

            var key = (r.TaxKindCode, r.FiscalYear, r.LiabilityYear, r.NoticeNo);
            if (assessments.TryGetValue(key, out var assessment) && assessment.TaxpayerId != taxpayerId)
            {
                line.Quarantine(Col.TaxpayerNo, "この通知書番号の調定（税目・調定年度・相当年度が同じもの）は別の宛名番号に登録されています。");
                continue;
            }
            if (assessment is not null && r.VehicleNo is { } vehicleNo && assessment.VehicleNo != vehicleNo)
            {
                if (assessment.VehicleNo is not null)
                {
                    line.Quarantine(Col.VehicleNo, "車両番号が登録済みの値と異なります（登録済みの車両番号は変更しません）。");
                    continue;
                }
                assessment.VehicleNo = vehicleNo;
            }

            var installment = assessment?.Installments.SingleOrDefault(i => i.Period == r.Period);
            if (installment is not null)
            {
                if (installment.NominalDueDate != r.NominalDueDate)
                {
                    line.Quarantine(Col.DueDate, "納期限が登録済みの値と異なります（登録済みの納期限は変更しません）。");
                    continue;
                }
                if (r.NominalStatutoryDueDate is { } givenStatutory && !SameStatutoryDueDate(calendar, givenStatutory, installment.StatutoryDueDate))
                {
                    line.Quarantine(Col.StatutoryDueDate, "法定納期限が登録済みの値と異なります（登録済みの法定納期限は変更しません）。");
                    continue;
                }
                var current = principal.GetValueOrDefault(installment.Id);
                if (current == r.Amount)
                {
                    line.Outcome = LineOutcome.Unchanged;
                    continue;
                }
                List<(long PaymentId, long Amount)> overpaid = [];
                if (r.Amount < current)
                {
                    // A reduction: the day it took effect and its cause fix when refund interest on any excess starts (17条の4).
                    if (r.AmendedOn is null)
                    {
                        line.Quarantine(Col.AmendedOn, "税額を減額する行には更正日が必要です（過納となる額の還付加算金の起算日が決まりません）。");
                        continue;
                    }
                    if (r.AmendmentCause is null)
                    {
                        line.Quarantine(Col.AmendmentCause, "税額を減額する行には更正事由（1 賦課決定・更正、2 更正の請求による更正、3 所得税の更正等に基因）が必要です（還付加算金の起算日が決まりません）。");
                        continue;
                    }
                    var carved = await ExcessByPaymentAsync(db, installment.Id, r.Amount, ct);
                    if (carved is null)
                    {
                        line.Quarantine(Col.Amount, "減額後の税額が充当により納付済みとなった額を下回ります。充当を取り消してから取り込んでください。");
                        continue;
                    }
                    overpaid = carved;
                }
                db.JournalEntries.Add(Entry(installment.Id, JournalEntryKind.Amendment, r.Amount - current,
                    r.AmendedOn ?? batch.Today, AmendmentReason, AmendmentKey(batch.File.Sha256, line.LineNo), line, batch));
                foreach (var (paymentId, excess) in overpaid)
                {
                    // What was paid beyond the reduced 税額 leaves the principal for the overpayment account, as a pair, dated 更正日.
                    var reduceKey = $"reduce:{batch.File.Sha256}:{line.LineNo}:{paymentId}";
                    var takeBack = Entry(installment.Id, JournalEntryKind.Payment, excess, r.AmendedOn!.Value, ReductionTakeBackReason, reduceKey + ":principal", line, batch);
                    var overpayment = Entry(installment.Id, JournalEntryKind.Payment, -excess, r.AmendedOn.Value,
                        OverpaymentReasonCodes.Reduction, reduceKey + ":overpayment", line, batch);
                    takeBack.PaymentId = overpayment.PaymentId = paymentId;
                    overpayment.Component = LedgerComponent.Overpayment;
                    db.JournalEntries.AddRange(takeBack, overpayment);
                    db.OverpaymentCauses.Add(new OverpaymentCause
                    {
                        Entry = overpayment, Cause = r.AmendmentCause!.Value, CorrectedOn = r.AmendedOn,
                        RequestedOn = r.AmendmentCause == RefundInterestCause.Request ? r.RequestedOn : null,
                        IncomeTaxNoticeOn = r.AmendmentCause == RefundInterestCause.IncomeTax ? r.IncomeTaxNoticeOn : null,
                    });
                }
                principal[installment.Id] = r.Amount;
                line.Outcome = LineOutcome.Changed;
                continue;
            }

            DateOnly dueDate;
            try
            {
                dueDate = calendar.EffectiveDueDate(r.NominalDueDate);
            }
            catch (DomainException ex)
            {
                line.Quarantine(Col.DueDate, ex.Message);
                continue;
            }
            var statutoryDueDate = dueDate;
            if (r.NominalStatutoryDueDate is { } nominalStatutory)
            {
                try
                {
                    statutoryDueDate = calendar.EffectiveDueDate(nominalStatutory);
                }
                catch (DomainException ex)
                {
                    line.Quarantine(Col.StatutoryDueDate, ex.Message);
                    continue;
                }
            }

            if (assessment is null)
            {
                assessment = new Assessment
                {
                    TaxpayerId = taxpayerId,
                    TaxKindCode = r.TaxKindCode,
                    FiscalYear = r.FiscalYear,
                    LiabilityYear = r.LiabilityYear,
                    NoticeNo = r.NoticeNo,
                    VehicleNo = r.VehicleNo,
                    CreatedAtUtc = batch.NowUtc,
                };
                db.Assessments.Add(assessment);
                assessments.Add(key, assessment);
            }
            installment = new Installment
            {
                Id = ++tempId, // a temporary key: EF replaces it, and the charge's InstallmentId, on save
                Period = r.Period,
                NominalDueDate = r.NominalDueDate,
                DueDate = dueDate,
                StatutoryDueDate = statutoryDueDate,
                Assessment = assessment,
            };
            assessment.Installments.Add(installment);
            db.Installments.Add(installment).Property(i => i.Id).IsTemporary = true;
            db.JournalEntries.Add(Entry(installment.Id, JournalEntryKind.Charge, r.Amount, batch.Today, ChargeReason, ChargeKey(r), line, batch));
            principal[installment.Id] = r.Amount;
            line.Outcome = LineOutcome.Created;
        }
    }

    /// <summary>
    /// The principal paid beyond <paramref name="newPrincipal"/>, by the payment it came from, latest payment first (those are the
    /// ones that no longer pay anything): each payment's live principal entries netted. Null when money appropriated into the
    /// installment (no payment of its own) would have to be taken back too.
    /// </summary>
    private static async Task<List<(long PaymentId, long Amount)>?> ExcessByPaymentAsync(ChoshuDbContext db, long installmentId, long newPrincipal, CancellationToken ct)
    {
        var journal = await db.JournalEntries.AsNoTracking()
            .Where(j => j.InstallmentId == installmentId && j.Component == LedgerComponent.Principal)
            .Select(j => new { j.Id, j.Kind, j.Amount, j.ValueDate, j.PaymentId, j.ReversesEntryId })
            .ToListAsync(ct);
        var reversed = journal.Where(j => j.ReversesEntryId is not null).Select(j => j.ReversesEntryId!.Value).ToHashSet();
        var money = journal.Where(j => j.Kind is JournalEntryKind.Payment or JournalEntryKind.Appropriation && !reversed.Contains(j.Id)).ToList();
        var excess = -money.Sum(j => j.Amount) - Math.Max(newPrincipal, 0);
        var result = new List<(long, long)>();
        if (excess <= 0) return result;
        foreach (var p in money.Where(j => j.PaymentId is not null).GroupBy(j => j.PaymentId!.Value)
                     .Select(g => (Id: g.Key, On: g.Min(j => j.ValueDate), Paid: -g.Sum(j => j.Amount)))
                     .Where(p => p.Paid > 0).OrderByDescending(p => p.On).ThenByDescending(p => p.Id))
        {
            var take = Math.Min(p.Paid, excess);
            result.Add((p.Id, take));
            excess -= take;
            if (excess == 0) return result;
        }
        return null;
    }

    /// <summary>Whether a given 法定納期限, shifted past closed days, is the stored one (a year without holiday data never is).</summary>
    private static bool SameStatutoryDueDate(HolidayCalendar calendar, DateOnly nominal, DateOnly stored)
    {
        try
        {
            return calendar.EffectiveDueDate(nominal) == stored;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    private static JournalEntry Entry(long installmentId, JournalEntryKind kind, long amount, DateOnly valueDate,
        string reason, string idempotencyKey, ImportLine<AssessmentRecord> line, ImportBatch batch) => new()
    {
        InstallmentId = installmentId,
        Kind = kind,
        Component = LedgerComponent.Principal,
        Amount = amount,
        ValueDate = valueDate,
        RecordedAtUtc = batch.NowUtc,
        Actor = batch.Actor,
        ReasonCode = reason,
        ImportFileId = batch.File.Id,
        SourceLine = line.LineNo,
        IdempotencyKey = idempotencyKey,
    };
}
