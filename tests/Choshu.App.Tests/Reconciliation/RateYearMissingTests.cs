using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.Reconciliation;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.App.Tests.Reconciliation;

/// <summary>
/// A payment whose booking needs a late-fee rate the store does not hold yet (the shipped table ends with
/// 2026) is quarantined on its own; the rest of the file is booked, and nothing of it is applied.
/// </summary>
public sealed class RateYearMissingTests
{
    // 市民税 2026 period 3, 50,000 due 2026-11-30, completed by a payment dated 2027-01-06: the late fee runs into
    // 2027, whose rate is not registered. Period 4, 20,000 due 2027-02-01, paid 2026-12-20 before its due date,
    // needs no rate and books.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task ImportBank_LateFeeYearWithoutRate_QuarantinesThatRecordBooksTheRest(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var ids = await f.InstallmentsAsync(TaxKindCodes.InhabitantTax, 2026, "2026010077",
            new LedgerSeed.Inst(3, new DateOnly(2026, 11, 30), 50_000), new LedgerSeed.Inst(4, new DateOnly(2027, 2, 1), 20_000));
        // Imported on 2027-01-10: a 納付日 after today is refused by the date window (issue 18), so the file arrives after its dates.
        f.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 10, 9, 0, 0, TimeSpan.FromHours(9)));

        var s = await f.ImportAsync(f.Write(Bank(
        [
            new BankLine("1", Key(ids[0]), 50_000, new DateOnly(2027, 1, 6), new DateOnly(2027, 1, 8)),
            new BankLine("2", Key(ids[1]), 20_000, new DateOnly(2026, 12, 20), new DateOnly(2026, 12, 22)),
        ])), "bank");

        Assert.Equal((2, 1, 20_000L, 1), (s.Read, s.Booked, s.BookedAmount, s.Quarantined));
        var error = Assert.Single(s.Errors);
        Assert.Equal((2, "納付日"), (error.Line, error.Field));
        Assert.Contains("2027年の延滞金の割合が未登録", error.Reason);
        Assert.Equal(50_000, (await f.LedgerAsync(ids[0])).PrincipalBalance);
        Assert.Equal(0, (await f.LedgerAsync(ids[1])).PrincipalBalance);
        var payment = Assert.Single(await f.PaymentsAsync());
        Assert.Equal((PaymentStatus.Booked, (long?)ids[1]), (payment.Status, payment.InstallmentId));
        await using var db = f.Open();
        var q = await db.QuarantinedRecords.SingleAsync();
        Assert.Equal((2, "納付日"), (q.LineNo, q.Field));
    }
}
