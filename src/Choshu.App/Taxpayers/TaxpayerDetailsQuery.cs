using Choshu.App.Claims;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Ledger;
using Choshu.Domain.Calendar;
using Choshu.Domain.Claims;
using Choshu.Domain.LateFees;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Zengin;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Taxpayers;

/// <summary>
/// Reads one taxpayer with everything staff need on one page, in a fixed number of queries whatever
/// the taxpayer holds (no query per assessment, installment or payment), each on an index
/// (<c>taxpayers.taxpayer_no</c>, <c>tax_agents.taxpayer_id</c>, <c>assessments.taxpayer_id</c>,
/// <c>installments.assessment_id</c>, <c>journal_entries.installment_id</c>, <c>payments.installment_id</c>
/// and <c>payments.id</c>, <c>overpayments.taxpayer_id</c>, <c>direct_debit_accounts(taxpayer_id, …)</c>,
/// <c>debit_failures.installment_id</c>), untracked; computes each installment's balance from the journal
/// and its late fee to today with the one rule (<see cref="InstallmentLedger.LateFeeOwed"/>).
/// Queries: taxpayer with My Number presence, agents, assessments with installments, journal, claim events,
/// payments, overpayments, direct-debit registrations, debit failures; and tax kinds and late-fee rates when
/// <see cref="ReferenceCache"/> does not hold them.
/// </summary>
public static class TaxpayerDetailsQuery
{
    public static async Task<TaxpayerDetails?> LoadAsync(ChoshuDbContext db, string taxpayerNo, TimeProvider clock, CancellationToken ct = default)
    {
        var head = await db.Taxpayers.AsNoTracking()
            .Where(x => x.TaxpayerNo == taxpayerNo)
            .Select(x => new
            {
                Taxpayer = x,
                HasMyNumber = db.TaxpayerMyNumbers.Any(m => m.TaxpayerId == x.Id),
                // The page's further sections: an index probe each here, instead of a query each for most taxpayers, who have none.
                Sections = new TaxpayerSections(
                    db.NoticeLetters.Any(l => l.TaxpayerId == x.Id),
                    db.EnforcementCosts.Any(c => c.TaxpayerId == x.Id),
                    db.Certificates.Any(c => c.TaxpayerId == x.Id),
                    db.Refunds.Any(r => r.TaxpayerId == x.Id),
                    db.PensionAssignments.Any(a => a.PensionerTaxpayerId == x.Id)),
            })
            .SingleOrDefaultAsync(ct);
        if (head is null) return null;
        var t = head.Taxpayer;
        var asOf = JapanTime.Today(clock);

        var agentRows = await (from a in db.TaxAgents.AsNoTracking()
                               join p in db.Taxpayers on a.AgentTaxpayerId equals p.Id
                               where a.TaxpayerId == t.Id
                               orderby a.RegisteredOn, a.Id
                               select new
                               {
                                   p.TaxpayerNo, p.Facts.NameKanji, p.Facts.PostalCode, p.Facts.TownName, p.Facts.StreetNumber, p.Facts.AddressSupplement,
                                   a.TaxKindCode, a.AgentKind, a.RegisteredOn, a.CancelledOn, a.Reason,
                               })
            .ToListAsync(ct);

        // 税目 and 延滞金の割合: reference tables, kept in memory for a few seconds (ReferenceCache), not read at every page.
        var kinds = await ReferenceData.CachedTaxKindNamesAsync(db, ct);
        var assessments = await db.Assessments.AsNoTracking()
            .Where(a => a.TaxpayerId == t.Id)
            .Include(a => a.Installments)
            .ToListAsync(ct);
        var installmentIds = assessments.SelectMany(a => a.Installments).Select(i => i.Id).ToList();
        var entries = installmentIds.Count == 0 ? [] : await db.JournalEntries.AsNoTracking()
            .Where(j => installmentIds.Contains(j.InstallmentId))
            .ToListAsync(ct);
        entries.Sort((a, b) => a.Id.CompareTo(b.Id));
        var journal = entries.ToLookup(j => j.InstallmentId, j => new LedgerLine(j.Id, j.Kind, j.Component, j.Amount, j.ValueDate, j.ReversesEntryId));
        var reversed = entries.Where(j => j.ReversesEntryId is not null).Select(j => j.ReversesEntryId!.Value).ToHashSet();

        var events = await ClaimLedgers.EventsAsync(db, installmentIds, ct);
        var rates = await ReferenceData.CachedRatesAsync(db, ct);

        // Where each installment sits, for the payment, overpayment and failure lines.
        var refs = assessments.SelectMany(a => a.Installments.Select(i => (i.Id, Ref: new NamedInstallment(
            kinds.GetValueOrDefault(a.TaxKindCode, a.TaxKindCode), a.FiscalYear, a.NoticeNo, i.Period)))).ToDictionary(x => x.Id, x => x.Ref);

        var lines = assessments
            .OrderByDescending(a => a.FiscalYear).ThenBy(a => kinds.ContainsKey(a.TaxKindCode) ? 0 : 1)
            .ThenBy(a => a.TaxKindCode).ThenBy(a => a.NoticeNo)
            .Select(a => new AssessmentLine(
                a.TaxKindCode, kinds.GetValueOrDefault(a.TaxKindCode, a.TaxKindCode), a.FiscalYear, a.LiabilityYear, a.NoticeNo,
                a.Installments.OrderBy(i => i.Period)
                    .Select(i => Summarise(i.Period, i.NominalDueDate, new ClaimDates(i.DueDate, i.StatutoryDueDate, i.AcceleratedDueDate), journal[i.Id].ToList(),
                        events[i.Id].ToList(), asOf, rates) with { InstallmentId = i.Id })
                    .ToList()))
            .ToList();

        var payments = await PaymentsAsync(db, installmentIds, entries, reversed, refs, ct);

        var overpayments = (await (from o in db.Overpayments.AsNoTracking()
                                   join p in db.Payments on o.PaymentId equals p.Id
                                   where o.TaxpayerId == t.Id
                                   orderby o.AroseOn, o.Id
                                   select new { o.Id, o.Amount, o.Reason, o.Cause, o.AroseOn, p.Channel, p.PaidOn, o.InstallmentId, o.CancelledAtUtc })
                .ToListAsync(ct))
            .ToList();
        // What is left of each (first arisen first used), from the journal already loaded: no query of its own.
        var liveIds = overpayments.Where(o => o.CancelledAtUtc is null).Select(o => o.Id).ToHashSet();
        var open = Refunds.OverpaymentFacts.LeftOf(
            entries.Where(j => j.Component == LedgerComponent.Overpayment && !reversed.Contains(j.Id)
                               && (liveIds.Contains(j.Id) || j.Kind == JournalEntryKind.RefundInterest))
                .Select(j => (j.Id, j.InstallmentId, -j.Amount, j.ValueDate)),
            entries.Where(j => j.Component == LedgerComponent.Overpayment).GroupBy(j => j.InstallmentId).ToDictionary(g => g.Key, g => -g.Sum(j => j.Amount)));
        var overpaymentLines = overpayments
            .Select(o => new OverpaymentLine(o.Amount, o.Reason, o.AroseOn, o.Channel, o.PaidOn,
                o.InstallmentId is { } iid ? refs.GetValueOrDefault(iid) : null, o.CancelledAtUtc is not null,
                Domain.Reconciliation.OverpaymentReasonCodes.CauseOf(o.Reason, o.Cause), open.GetValueOrDefault(o.Id)))
            .ToList();
        // Appropriations: each live source entry (Appropriation, Overpayment, +X), its target through the link, and the interest it earned.
        var byId = entries.ToDictionary(j => j.Id);
        var appropriations = entries
            .Where(j => j.Kind == JournalEntryKind.Appropriation && j.Component == LedgerComponent.Overpayment && j.Amount > 0 && !reversed.Contains(j.Id))
            .Select(j => new AppropriationHistoryLine(j.ValueDate, refs.GetValueOrDefault(j.InstallmentId),
                j.LinkedEntryId is { } l && byId.TryGetValue(l, out var target) ? refs.GetValueOrDefault(target.InstallmentId) : null, j.Amount,
                -entries.Where(e => e.Kind == JournalEntryKind.RefundInterest && e.LinkedEntryId == j.Id && !reversed.Contains(e.Id)).Sum(e => e.Amount)))
            .OrderBy(a => a.EffectiveOn)
            .ToList();

        var debits = (await db.DirectDebitAccounts.AsNoTracking()
                .Where(d => d.TaxpayerId == t.Id)
                .OrderBy(d => d.TaxKindCode).ThenBy(d => d.StartsOn).ThenBy(d => d.Id)
                .Select(d => new { d.TaxKindCode, d.BankCode, d.BranchCode, d.AccountType, d.AccountNo, d.HolderKana, d.StartsOn, d.EndsOn })
                .ToListAsync(ct))
            .Select(d => new DirectDebitLine(d.TaxKindCode, kinds.GetValueOrDefault(d.TaxKindCode, d.TaxKindCode), d.BankCode, d.BranchCode, d.AccountType,
                BankAccountMask.Mask(d.AccountNo), d.HolderKana, d.StartsOn, d.EndsOn, d.StartsOn <= asOf && (d.EndsOn is null || asOf < d.EndsOn)))
            .ToList();

        var failures = installmentIds.Count == 0 ? [] : (await db.DebitFailures.AsNoTracking()
                .Where(f => f.InstallmentId != null && installmentIds.Contains(f.InstallmentId.Value))
                .OrderBy(f => f.DebitDate).ThenBy(f => f.Id)
                .Select(f => new { f.DebitDate, f.Amount, f.ResultCode, f.SourceCode, f.InstallmentId })
                .ToListAsync(ct))
            .Select(f => new DebitFailureLine(f.DebitDate, f.Amount, f.ResultCode, ResultName(f.ResultCode), f.SourceCode,
                f.InstallmentId is { } iid ? refs.GetValueOrDefault(iid) : null))
            .ToList();

        var all = lines.SelectMany(a => a.Installments).ToList();
        // What is owed leaves out the installments whose claim has lapsed (nothing can be collected on them); assessed and paid count all.
        var owed = all.Where(i => i.Status is not (ClaimStatusKind.Lapsed or ClaimStatusKind.WrittenOff)).ToList();
        var totals = new TaxpayerTotals(all.Sum(i => i.Principal), all.Sum(i => i.PrincipalPaid), owed.Sum(i => i.PrincipalBalance),
            owed.Sum(i => i.ReminderFeeBalance), owed.Sum(i => i.LateFee),
            // The overpayment account's balance: arisen and not cancelled, less what was appropriated or refunded.
            -entries.Where(j => j.Component == LedgerComponent.Overpayment).Sum(j => j.Amount));

        var agents = agentRows.Select(a => new TaxAgentLine(a.TaxpayerNo, a.NameKanji, a.TaxKindCode, a.AgentKind, a.RegisteredOn, a.CancelledOn,
                a.TaxKindCode is null ? null : kinds.GetValueOrDefault(a.TaxKindCode, a.TaxKindCode),
                Address(a.TownName, a.StreetNumber, a.AddressSupplement), a.Reason))
            .ToList();

        var f = t.Facts;
        return new TaxpayerDetails(
            t.TaxpayerNo, f.PersonKind, f.NameKanji, f.NameKana, f.BirthDate, f.Sex, f.PostalCode, Address(f.TownName, f.StreetNumber, f.AddressSupplement),
            f.ResidencyStatus, f.HouseholdNo, t.CorporateNumber,
            head.HasMyNumber ? Domain.Identifiers.MyNumber.MaskedForm : null,
            t.HistorySeq, t.EffectiveDate, agents, lines, asOf,
            f.AliasKanji, f.AliasKana, f.RepresentativeTitle, f.RepresentativeName, f.MailReturned,
            payments, overpaymentLines, debits, failures, totals)
        { TaxpayerId = t.Id, PhoneNumber = f.PhoneNumber, Appropriations = appropriations, Sections = head.Sections };
    }

    /// <summary>
    /// Payments matched to the installments now, and those booked to them once and since reversed (the
    /// journal still names them, while the payment row has gone back to the unmatched queue): one query.
    /// What each paid of each component is its payment entries that no reversal cancelled.
    /// </summary>
    private static async Task<List<PaymentLine>> PaymentsAsync(ChoshuDbContext db, List<long> installmentIds, List<JournalEntry> journal,
        HashSet<long> reversed, Dictionary<long, NamedInstallment> refs, CancellationToken ct)
    {
        if (installmentIds.Count == 0) return [];
        var booked = journal.Where(j => j.PaymentId is not null).GroupBy(j => j.PaymentId!.Value).ToDictionary(g => g.Key, g => g.ToList());
        var bookedIds = booked.Keys.ToList();
        var rows = await db.Payments.AsNoTracking()
            .Where(p => (p.InstallmentId != null && installmentIds.Contains(p.InstallmentId.Value)) || bookedIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Channel, p.Status, p.Amount, p.PaidOn, p.ReceivedOn, p.SourceCode, p.InstallmentId, p.StatusReason })
            .ToListAsync(ct);
        return rows
            .OrderBy(p => p.PaidOn).ThenBy(p => p.Id)
            .Select(p =>
            {
                var entries = booked.GetValueOrDefault(p.Id) ?? [];
                long Paid(LedgerComponent c) => -entries.Where(e => e.Kind == JournalEntryKind.Payment && e.Component == c && !reversed.Contains(e.Id)).Sum(e => e.Amount);
                // Booked here once, but no longer on one of these installments: reversed (back in the queue, or matched elsewhere since).
                var here = p.InstallmentId is { } current && refs.ContainsKey(current);
                var installment = here ? p.InstallmentId : entries.FirstOrDefault()?.InstallmentId;
                return new PaymentLine(p.Id, p.Channel, p.Status, p.Amount, p.PaidOn, p.ReceivedOn, p.SourceCode,
                    installment is { } iid ? refs.GetValueOrDefault(iid) : null,
                    !here && entries.Count > 0, p.StatusReason,
                    Paid(LedgerComponent.Principal), Paid(LedgerComponent.ReminderFee), Paid(LedgerComponent.LateFee));
            })
            .ToList();
    }

    /// <summary>The balance, late fee and status of one installment, derived from its journal entries and claim events.</summary>
    public static InstallmentLine Summarise(short period, DateOnly nominalDue, ClaimDates dates, IReadOnlyList<LedgerLine> entries,
        IReadOnlyList<ClaimEvent> events, DateOnly asOf, LateFeeRateTable rates)
    {
        var ledger = InstallmentLedger.From(dates, entries, events);
        var balance = ledger.PrincipalBalance;
        // The one status and the one limitation rule (ClaimStatus → InstallmentLedger → ClaimLimitation). A claim whose right
        // to collect has ended owes nothing; its late fee stops at the last day it could still be collected.
        var status = ClaimStatus.Of(ledger, asOf);
        var lapsesOn = status.LapsesOn;
        var ended = status.Kind is ClaimStatusKind.Lapsed or ClaimStatusKind.WrittenOff;
        // Once final and booked, the late fee shown is what is still owed of it.
        var (lateFee, fee) = ledger.LateFeeOwed(ended && lapsesOn is { } l ? l.AddDays(-1) : asOf, rates);
        return new InstallmentLine(period, nominalDue, dates.DueDate, ledger.Principal, ledger.PrincipalPaid, balance,
            lateFee, fee?.ComputedTo, fee?.IsFinal ?? balance <= 0, status.Kind,
            entries,
            ledger.ReminderFeeBalance, status.ReminderOn, lapsesOn)
        { StatutoryDueDate = dates.StatutoryDueDate, SeizableFrom = status.SeizableFrom, LimitationSteps = ledger.Limitation.Steps };
    }

    private static string ResultName(short code) =>
        ZenginResultCodeNames.IsDefined(code) ? ZenginResultCodeNames.ToDisplayName((ZenginResultCode)code) : "不明";

    private static string Address(string? town, string? street, string? supplement) =>
        string.Join(" ", new[] { town, street, supplement }.Where(s => !string.IsNullOrWhiteSpace(s)));
}

/// <summary>A bank account number as screens show it: all but the last three digits hidden ("1234567" → "****567").</summary>
public static class BankAccountMask
{
    public static string Mask(string? accountNo)
    {
        var s = (accountNo ?? "").Trim();
        return s.Length <= 3 ? new string('*', s.Length) : new string('*', s.Length - 3) + s[^3..];
    }
}
