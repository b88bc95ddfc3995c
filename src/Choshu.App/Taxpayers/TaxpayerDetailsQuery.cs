using Choshu.App.Ledger;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Domain.Calendar;
using Choshu.Domain.LateFees;
using Choshu.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Taxpayers;

/// <summary>
/// Reads one taxpayer with everything staff need on one page, in a fixed number of queries
/// (taxpayer, agents, assessments with installments, journal), and computes each installment's
/// balance from the journal and its late fee to today with the one late-fee rule.
/// </summary>
public static class TaxpayerDetailsQuery
{
    public static async Task<TaxpayerDetails?> LoadAsync(ChoshuDbContext db, string taxpayerNo, TimeProvider clock, CancellationToken ct = default)
    {
        var t = await db.Taxpayers.AsNoTracking().SingleOrDefaultAsync(x => x.TaxpayerNo == taxpayerNo, ct);
        if (t is null) return null;
        var asOf = JapanTime.Today(clock);
        var hasMyNumber = await db.TaxpayerMyNumbers.AnyAsync(m => m.TaxpayerId == t.Id, ct);

        var agents = await (from a in db.TaxAgents.AsNoTracking()
                            join p in db.Taxpayers on a.AgentTaxpayerId equals p.Id
                            where a.TaxpayerId == t.Id
                            orderby a.RegisteredOn
                            select new TaxAgentLine(p.TaxpayerNo, p.Facts.NameKanji, a.TaxKindCode, a.AgentKind, a.RegisteredOn, a.CancelledOn))
            .ToListAsync(ct);

        var kinds = await db.TaxKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, k => k.Name, ct);
        var assessments = await db.Assessments.AsNoTracking()
            .Where(a => a.TaxpayerId == t.Id)
            .Include(a => a.Installments)
            .ToListAsync(ct);
        var installmentIds = assessments.SelectMany(a => a.Installments).Select(i => i.Id).ToList();
        var journal = (await db.JournalEntries.AsNoTracking()
                .Where(j => installmentIds.Contains(j.InstallmentId))
                .ToListAsync(ct))
            .OrderBy(j => j.Id)
            .ToLookup(j => j.InstallmentId);

        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        var lines = assessments
            .OrderByDescending(a => a.FiscalYear).ThenBy(a => kinds.GetValueOrDefault(a.TaxKindCode) is null ? 1 : 0)
            .ThenBy(a => a.TaxKindCode).ThenBy(a => a.NoticeNo)
            .Select(a => new AssessmentLine(
                a.TaxKindCode, kinds.GetValueOrDefault(a.TaxKindCode, a.TaxKindCode), a.FiscalYear, a.LiabilityYear, a.NoticeNo,
                a.Installments.OrderBy(i => i.Period)
                    .Select(i => Summarise(i.Period, i.NominalDueDate, i.DueDate, journal[i.Id].ToList(), asOf, rates))
                    .ToList()))
            .ToList();

        var f = t.Facts;
        var address = string.Join(" ", new[] { f.TownName, f.StreetNumber, f.AddressSupplement }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new TaxpayerDetails(
            t.TaxpayerNo, f.PersonKind, f.NameKanji, f.NameKana, f.BirthDate, f.Sex, f.PostalCode, address,
            f.ResidencyStatus, f.HouseholdNo, t.CorporateNumber,
            hasMyNumber ? Domain.Identifiers.MyNumber.MaskedForm : null,
            t.HistorySeq, t.EffectiveDate, agents, lines, asOf);
    }

    /// <summary>The balance and late fee of one installment, derived from its journal entries.</summary>
    public static InstallmentLine Summarise(short period, DateOnly nominalDue, DateOnly due, IReadOnlyList<Data.Ledger.JournalEntry> entries, DateOnly asOf, LateFeeRateTable rates)
    {
        var ledger = InstallmentLedger.From(due, entries.Select(e => new LedgerLine(e.Id, e.Kind, e.Component, e.Amount, e.ValueDate, e.ReversesEntryId)));
        var balance = ledger.PrincipalBalance;
        // Once final and booked, the late fee shown is what is still owed of it.
        var (lateFee, fee) = ledger.LateFeeOwed(asOf, rates);
        var status = balance <= 0 ? InstallmentStatus.Paid
            : asOf > due ? InstallmentStatus.Overdue
            : ledger.PrincipalPaid > 0 ? InstallmentStatus.PartlyPaid
            : InstallmentStatus.NotDue;
        return new InstallmentLine(period, nominalDue, due, ledger.Principal, ledger.PrincipalPaid, balance,
            lateFee, fee?.ComputedTo, fee?.IsFinal ?? balance <= 0, status,
            entries.Select(e => new JournalLine(e.Id, e.Kind, e.Component, e.Amount, e.ValueDate, e.ReasonCode)).ToList());
    }
}
