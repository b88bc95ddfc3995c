using Choshu.Domain.Enforcement;

namespace Choshu.Domain.Tests.Enforcement;

/// <summary>
/// 配当計算 by the two-step method of 国税徴収法26条 (徴基通26条関係; domain.md §10), every amount hand-checked in the
/// comment of its test.
/// </summary>
public class DistributionRuleTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>
    /// §10 example. After costs 1,000,000 there are 16,000,000. Step one by date: local tax (2006-05-02) 3,000,000,
    /// mortgage (2006-06-30) 10,000,000, national tax (2006-08-31) the last 3,000,000 → taxes' total 6,000,000.
    /// Step two: the seizing national tax first 5,000,000, the local tax's 交付要求 the remaining 1,000,000.
    /// </summary>
    [Fact]
    public void Section10Example_Costs1M_National5M_Mortgage10M_Local1M()
    {
        var r = DistributionRule.Compute(new DistributionInput(
            17_000_000, 1_000_000,
            [
                new DistributionTax("税務署", "国税", 5_000_000, D(2006, 8, 31), DistributionTaxStanding.Seizing, null),
                new DistributionTax("市", "地方税", 3_000_000, D(2006, 5, 2), DistributionTaxStanding.ClaimForDistribution, D(2006, 10, 2)),
            ],
            [new DistributionSecurity("銀行", "抵当権", 10_000_000, D(2006, 6, 30))]));

        Assert.Equal(1_000_000, r.CostsPaid);
        Assert.Equal([3_000_000L, 3_000_000L], r.Taxes.Select(t => t.FirstStep));
        Assert.Equal(6_000_000, r.TaxPool);
        Assert.Equal(5_000_000, r.Taxes[0].Allocated);
        Assert.Equal(1_000_000, r.Taxes[1].Allocated);
        Assert.Equal(2_000_000, r.Taxes[1].Unpaid);
        Assert.Equal(10_000_000, r.Securities[0].Allocated);
        Assert.Equal(0, r.Surplus);
        Assert.Equal(17_000_000, DistributionRule.Parts(r).Sum(p => p.Amount));
    }

    /// <summary>
    /// Two 交付要求, the later-dated tax received first. 10,000,000 − costs 200,000 = 9,800,000. Step one by date:
    /// tax office (2022-03-15) 2,000,000, other city (2022-06-30) 2,500,000, mortgage (2023-01-10) 4,000,000, our
    /// seizing tax (2024-05-31) the last 1,300,000 → taxes' total 5,800,000. Step two: ours 3,000,000, the other city
    /// (received 2025-02-03) 2,500,000, the tax office (received 2025-02-10) the remaining 300,000.
    /// </summary>
    [Fact]
    public void TwoClaimsForDistribution_ShareTheRestInOrderReceived()
    {
        var r = DistributionRule.Compute(new DistributionInput(
            10_000_000, 200_000,
            [
                new DistributionTax("税務署", "申告所得税", 2_000_000, D(2022, 3, 15), DistributionTaxStanding.ClaimForDistribution, D(2025, 2, 10)),
                new DistributionTax("本市", "固定資産税", 3_000_000, D(2024, 5, 31), DistributionTaxStanding.Seizing, null, ClaimId: 77),
                new DistributionTax("他市", "市県民税", 2_500_000, D(2022, 6, 30), DistributionTaxStanding.ClaimForDistribution, D(2025, 2, 3)),
            ],
            [new DistributionSecurity("信用金庫", "抵当権", 4_000_000, D(2023, 1, 10))]));

        Assert.Equal([2_000_000L, 1_300_000L, 2_500_000L], r.Taxes.Select(t => t.FirstStep));
        Assert.Equal(5_800_000, r.TaxPool);
        Assert.Equal([300_000L, 3_000_000L, 2_500_000L], r.Taxes.Select(t => t.Allocated));
        Assert.Equal(3_000_000, r.TaxesOf("本市"));
        Assert.Equal(77, r.Taxes[1].ClaimId);
        Assert.Equal(4_000_000, r.Securities[0].Allocated);
        Assert.Equal(0, r.Surplus);
    }

    /// <summary>
    /// Everyone paid in full and money left: 5,000,000 − costs 150,000 − our tax 1,200,000 − mortgage 2,000,000 =
    /// surplus 1,650,000 to the taxpayer; the unsecured creditor (900,000) gets nothing (129条1項).
    /// </summary>
    [Fact]
    public void SurplusGoesToTheTaxpayer_UnsecuredGetNothing()
    {
        var r = DistributionRule.Compute(new DistributionInput(
            5_000_000, 150_000,
            [new DistributionTax("本市", "市県民税", 1_200_000, D(2024, 4, 30), DistributionTaxStanding.Seizing, null)],
            [new DistributionSecurity("銀行", "抵当権", 2_000_000, D(2020, 3, 1))],
            [("取引先", 900_000)]));

        Assert.Equal(1_200_000, r.Taxes[0].Allocated);
        Assert.Equal(2_000_000, r.Securities[0].Allocated);
        Assert.Equal(0, r.Unsecured[0].Allocated);
        Assert.Equal(1_650_000, r.Surplus);
    }

    /// <summary>A mortgage registered on the tax's 法定納期限等 itself ranks first (16条: 以前に設定): 1,000,000 after costs
    /// 0 → mortgage 800,000, the tax the remaining 200,000.</summary>
    [Fact]
    public void SecurityRegisteredOnTheLegalDueDay_RanksFirst()
    {
        var r = DistributionRule.Compute(new DistributionInput(
            1_000_000, 0,
            [new DistributionTax("本市", "固定資産税", 500_000, D(2025, 4, 30), DistributionTaxStanding.Seizing, null)],
            [new DistributionSecurity("銀行", "抵当権", 800_000, D(2025, 4, 30))]));

        Assert.Equal(800_000, r.Securities[0].Allocated);
        Assert.Equal(200_000, r.Taxes[0].Allocated);
    }

    /// <summary>Costs above the proceeds take all 300,000; nobody else gets anything.</summary>
    [Fact]
    public void CostsAboveProceeds_TakeEverything()
    {
        var r = DistributionRule.Compute(new DistributionInput(
            300_000, 500_000,
            [new DistributionTax("本市", "軽自動車税", 10_800, D(2025, 5, 31), DistributionTaxStanding.Seizing, null)], []));

        Assert.Equal(300_000, r.CostsPaid);
        Assert.Equal(0, r.Taxes[0].Allocated);
        Assert.Equal(0, r.Surplus);
    }

    /// <summary>A statement typed in whose parts (1,000,000 + 5,000,000 + 10,000,000 + 900,000 = 16,900,000) miss the
    /// proceeds 17,000,000 by 100,000 is refused in Japanese.</summary>
    [Fact]
    public void StatementWhosePartsDoNotAddUp_IsRefusedInJapanese()
    {
        var ex = Assert.Throws<DomainException>(() => DistributionRule.CheckStatement(17_000_000,
            [("滞納処分費", 1_000_000), ("国税", 5_000_000), ("抵当権", 10_000_000), ("地方税", 900_000)]));
        Assert.Equal("distribution.parts_mismatch", ex.Code);
        Assert.Contains("16,900,000円", ex.Message);
        Assert.Contains("17,000,000円", ex.Message);
        Assert.Contains("一致しません", ex.Message);
        Assert.Contains("100,000円", ex.Message);
    }

    [Fact]
    public void ClaimForDistributionWithoutReceivedDay_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() => DistributionRule.Compute(new DistributionInput(1_000, 0,
            [new DistributionTax("税務署", "国税", 500, D(2025, 3, 15), DistributionTaxStanding.ClaimForDistribution, null)], [])));
        Assert.Equal("distribution.received_missing", ex.Code);
        Assert.Contains("受付日", ex.Message);
    }
}

/// <summary>破産法148条1項3号 / 98条: decision 2026-03-10.</summary>
public class BankruptcyRuleTests
{
    private static readonly DateOnly Decision = new(2026, 3, 10);

    [Theory]
    [InlineData(2025, 3, 10, BankruptcyClass.EstateClaim)]   // one year ends at the end of 2026-03-10: not passed yet
    [InlineData(2025, 3, 9, BankruptcyClass.PriorityClaim)]  // one year ended at the end of 2026-03-09
    [InlineData(2026, 4, 30, BankruptcyClass.EstateClaim)]   // not yet due at the decision
    [InlineData(2022, 5, 31, BankruptcyClass.PriorityClaim)]
    public void Classify_ByDueDayAgainstDecision(int y, int m, int d, BankruptcyClass expected) =>
        Assert.Equal(expected, BankruptcyRule.Classify(new DateOnly(y, m, d), Decision));
}
