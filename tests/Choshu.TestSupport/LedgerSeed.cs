using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;
using Choshu.Domain.Taxpayers;
using Microsoft.EntityFrameworkCore;

namespace Choshu.TestSupport;

/// <summary>
/// Builds taxpayers, assessments and installments by hand for the reconciliation tests: each
/// installment gets one journal entry Charge/Principal of its principal (the assessment import's
/// shape), so every amount a test checks is one it wrote. Also reads the journal and payments back
/// as plain rows, to compare snapshots.
/// </summary>
public static class LedgerSeed
{
    public static readonly DateTime NowUtc = new(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>One installment to create: period, effective due date (a business day), principal.</summary>
    public sealed record Inst(short Period, DateOnly DueDate, long Principal);

    public static async Task<long> TaxpayerAsync(ChoshuDbContext db, string taxpayerNo, string name = "鹿児島 花子")
    {
        var t = new Taxpayer
        {
            TaxpayerNo = taxpayerNo,
            Facts = new TaxpayerFacts { NameKanji = name, NameKana = "カゴシマ ハナコ", BirthDate = new DateOnly(1980, 4, 1), Sex = Sex.Female },
            HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = NowUtc, UpdatedAtUtc = NowUtc,
        };
        db.Taxpayers.Add(t);
        await db.SaveChangesAsync();
        return t.Id;
    }

    /// <summary>
    /// An assessment with its installments and their charges (valued 1 April of the fiscal year).
    /// Returns the installment ids in the order given.
    /// </summary>
    public static async Task<long[]> AssessmentAsync(ChoshuDbContext db, long taxpayerId, string taxKind, int fiscalYear, string noticeNo, params Inst[] installments)
    {
        var a = new Assessment
        {
            TaxpayerId = taxpayerId, TaxKindCode = taxKind, FiscalYear = fiscalYear, LiabilityYear = fiscalYear, NoticeNo = noticeNo, CreatedAtUtc = NowUtc,
            Installments = installments.Select(i => new Installment { Period = i.Period, NominalDueDate = i.DueDate, DueDate = i.DueDate, StatutoryDueDate = i.DueDate }).ToList(),
        };
        db.Assessments.Add(a);
        await db.SaveChangesAsync();
        var ids = a.Installments.Select(i => i.Id).ToArray();
        for (var i = 0; i < installments.Length; i++)
            db.JournalEntries.Add(Entry(ids[i], JournalEntryKind.Charge, LedgerComponent.Principal, installments[i].Principal, new DateOnly(fiscalYear, 4, 1), "assessment.import"));
        await db.SaveChangesAsync();
        return ids;
    }

    /// <summary>
    /// Many assessments of one taxpayer at once (two saves in all, for the tests that need hundreds).
    /// Returns each assessment's installment ids in the order given.
    /// </summary>
    public static async Task<long[][]> AssessmentsAsync(ChoshuDbContext db, long taxpayerId, IReadOnlyList<(string TaxKind, int FiscalYear, string NoticeNo, Inst[] Installments)> assessments)
    {
        var rows = assessments.Select(x => new Assessment
        {
            TaxpayerId = taxpayerId, TaxKindCode = x.TaxKind, FiscalYear = x.FiscalYear, LiabilityYear = x.FiscalYear, NoticeNo = x.NoticeNo, CreatedAtUtc = NowUtc,
            Installments = x.Installments.Select(i => new Installment { Period = i.Period, NominalDueDate = i.DueDate, DueDate = i.DueDate, StatutoryDueDate = i.DueDate }).ToList(),
        }).ToList();
        db.Assessments.AddRange(rows);
        await db.SaveChangesAsync();
        for (var a = 0; a < rows.Count; a++)
            for (var i = 0; i < rows[a].Installments.Count; i++)
                db.JournalEntries.Add(Entry(rows[a].Installments[i].Id, JournalEntryKind.Charge, LedgerComponent.Principal, assessments[a].Installments[i].Principal,
                    new DateOnly(assessments[a].FiscalYear, 4, 1), "assessment.import"));
        await db.SaveChangesAsync();
        return rows.Select(r => r.Installments.Select(i => i.Id).ToArray()).ToArray();
    }

    /// <summary>
    /// A reminder (督促) with its fee (督促手数料) charged on an installment: the fee in the journal and, for the first
    /// charge above 0 on the installment, the <see cref="ClaimEventKind.ReminderDispatched"/> event dated the same day
    /// (since issue 10 the reminder is the event, the fee is money only; the tests that seed a reminder this way mean one).
    /// </summary>
    public static async Task ReminderFeeAsync(ChoshuDbContext db, long installmentId, long amount, DateOnly on)
    {
        db.JournalEntries.Add(Entry(installmentId, JournalEntryKind.Charge, LedgerComponent.ReminderFee, amount, on, "reminder.fee"));
        if (amount > 0 && !await db.ClaimEvents.AnyAsync(e => e.InstallmentId == installmentId && e.Kind == ClaimEventKind.ReminderDispatched))
            db.ClaimEvents.Add(ClaimEvent.Create(installmentId, ClaimEventKind.ReminderDispatched, on, "test:seed", NowUtc));
        await db.SaveChangesAsync();
    }

    /// <summary>A claim event recorded directly (no rule checked): for tests that set a claim's history up by hand.</summary>
    public static async Task<long> ClaimEventAsync(ChoshuDbContext db, long installmentId, ClaimEventKind kind, DateOnly on, DateOnly? endsOn = null,
        short? ground = null, string? reason = null)
    {
        var e = ClaimEvent.Create(installmentId, kind, on, "test:seed", NowUtc, endsOn, ground: ground, reason: reason);
        db.ClaimEvents.Add(e);
        await db.SaveChangesAsync();
        return e.Id;
    }

    /// <summary>An amendment of the principal (negative = reduction).</summary>
    public static async Task AmendmentAsync(ChoshuDbContext db, long installmentId, long amount, DateOnly on)
    {
        db.JournalEntries.Add(Entry(installmentId, JournalEntryKind.Amendment, LedgerComponent.Principal, amount, on, "amendment.import"));
        await db.SaveChangesAsync();
    }

    private static JournalEntry Entry(long installmentId, JournalEntryKind kind, LedgerComponent component, long amount, DateOnly on, string reason) => new()
    {
        InstallmentId = installmentId, Kind = kind, Component = component, Amount = amount, ValueDate = on,
        RecordedAtUtc = NowUtc, Actor = "test:seed", ReasonCode = reason,
    };

    /// <summary>Every column of a <see cref="JournalEntry"/> as a record, so before/after snapshots compare by value (the entity compares by reference).</summary>
    public sealed record JournalEntryColumns(long Id, long InstallmentId, JournalEntryKind Kind, LedgerComponent Component, long Amount, DateOnly ValueDate,
        DateTime RecordedAtUtc, string Actor, string? ReasonCode, string? Comment, long? ReversesEntryId, long? PaymentId, long? ImportFileId,
        int? SourceLine, string? IdempotencyKey);

    public static async Task<List<JournalEntryColumns>> JournalAsync(ChoshuDbContext db) =>
        (await db.JournalEntries.AsNoTracking().ToListAsync())
        .OrderBy(j => j.Id)
        .Select(j => new JournalEntryColumns(j.Id, j.InstallmentId, j.Kind, j.Component, j.Amount, j.ValueDate, j.RecordedAtUtc, j.Actor, j.ReasonCode,
            j.Comment, j.ReversesEntryId, j.PaymentId, j.ImportFileId, j.SourceLine, j.IdempotencyKey))
        .ToList();

    public static async Task<List<Payment>> PaymentsAsync(ChoshuDbContext db) =>
        (await db.Payments.AsNoTracking().ToListAsync()).OrderBy(p => p.Id).ToList();

    public static async Task<List<Overpayment>> OverpaymentsAsync(ChoshuDbContext db) =>
        (await db.Overpayments.AsNoTracking().ToListAsync()).OrderBy(p => p.Id).ToList();
}
