using Choshu.Data;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Taxpayers;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Tests.Notices;

/// <summary>Builds the small city of the notice tests by hand: people with addresses, installments, payments, agents.</summary>
internal static class NoticeTestCity
{
    private static int _next;

    /// <summary>A taxpayer with an address in Kagoshima (district <paramref name="district"/>); returns (id, taxpayer no).</summary>
    public static async Task<(long Id, string No)> PersonAsync(ChoshuDbContext db, string name, string district,
        ResidencyStatus residency = ResidencyStatus.Current)
    {
        var no = $"31{Interlocked.Increment(ref _next):D8}";
        var id = await LedgerSeed.TaxpayerAsync(db, no, name);
        var t = await db.Taxpayers.SingleAsync(x => x.Id == id);
        t.Facts = t.Facts with
        {
            PostalCode = "8920816", TownName = "鹿児島県鹿児島市山下町", StreetNumber = $"{_next}番{_next % 9 + 1}号", DistrictCode = district,
            ResidencyStatus = residency,
        };
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return (id, no);
    }

    /// <summary>One 市民税 installment (period 1) of <paramref name="principal"/> due <paramref name="due"/>; returns its id.</summary>
    public static async Task<long> InstallmentAsync(ChoshuDbContext db, long taxpayerId, DateOnly due, long principal) =>
        (await LedgerSeed.AssessmentAsync(db, taxpayerId, "01", 2026, $"N{Interlocked.Increment(ref _next):D9}", new LedgerSeed.Inst(1, due, principal)))[0];

    /// <summary>A payment of principal booked in the journal, valued <paramref name="on"/>.</summary>
    public static async Task PaidAsync(ChoshuDbContext db, long installmentId, long amount, DateOnly on)
    {
        db.JournalEntries.Add(new JournalEntry
        {
            InstallmentId = installmentId, Kind = JournalEntryKind.Payment, Component = LedgerComponent.Principal, Amount = -amount, ValueDate = on,
            RecordedAtUtc = LedgerSeed.NowUtc, Actor = "test:seed", ReasonCode = "payment",
        });
        await db.SaveChangesAsync();
    }

    /// <summary>A store 速報 (pending payment) matched to the installment and not yet confirmed.</summary>
    public static async Task PendingStorePaymentAsync(ChoshuDbContext db, long installmentId, long amount, DateOnly on)
    {
        db.Payments.Add(new Payment
        {
            Channel = PaymentChannel.Store, Status = PaymentStatus.Pending, RawKey = $"pending-{installmentId}", InstallmentId = installmentId, Amount = amount,
            PaidOn = on, IdempotencyKey = $"test-pending-{installmentId}", RawRecord = "速報", Actor = "test:seed", RecordedAtUtc = LedgerSeed.NowUtc,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Registers <paramref name="agentId"/> as the taxpayer's agent of <paramref name="kind"/> (1 納税管理人, 2 送付先, 3 相続人代表者).</summary>
    public static async Task AgentAsync(ChoshuDbContext db, long taxpayerId, long agentId, short kind, DateOnly from)
    {
        db.TaxAgents.Add(new TaxAgent
        {
            TaxpayerId = taxpayerId, AgentTaxpayerId = agentId, AgentKind = kind, RegisteredOn = from, RecordedBy = "test:seed", RecordedAtUtc = LedgerSeed.NowUtc,
        });
        await db.SaveChangesAsync();
    }
}
