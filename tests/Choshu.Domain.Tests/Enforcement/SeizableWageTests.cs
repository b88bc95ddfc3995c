using Choshu.Domain;
using Choshu.Domain.Enforcement;

namespace Choshu.Domain.Tests.Enforcement;

/// <summary>The protected-wage rule (国税徴収法76条・77条, 施行令34条), every figure checked by hand in the comments.</summary>
public sealed class SeizableWageTests
{
    [Fact]
    public void Monthly_DomainExample_OneDependant_Seizable104000()
    {
        // (1)+(2)+(3) = 8,000 + 15,000 + 52,000 = 75,000; (4) = 100,000 + 45,000 = 145,000;
        // (5) = 20% of (350,000 − 75,000 − 145,000 = 130,000) = 26,000 (cap 290,000 not hit); protected 246,000.
        var r = SeizableWage.Compute(new WageSeizureInput(350_000, 8_000, 15_000, 52_000, 1));
        Assert.Equal((75_000L, 145_000L, 26_000L, false, 246_000L, 104_000L), (r.Deductions, r.Living, r.Extra, r.Capped, r.Protected, r.Seizable));
    }

    [Fact]
    public void Monthly_DomainExampleWithCap_NoDependant_Seizable1040000()
    {
        // (1)–(3) 260,000; (4) 100,000; (5) 20% of 1,240,000 = 248,000, capped at 2 × 100,000 = 200,000; protected 560,000.
        var r = SeizableWage.Compute(new WageSeizureInput(1_600_000, 100_000, 60_000, 100_000, 0));
        Assert.Equal((248_000L, 200_000L, true, 560_000L, 1_040_000L), (r.ExtraUncapped, r.Extra, r.Capped, r.Protected, r.Seizable));
    }

    [Fact]
    public void LowPay_AllProtected_SeizableZero()
    {
        // 180,000 − 20,000 deductions = 160,000 < (4) 190,000 (two dependants): (5) 0, protected capped at the gross.
        var r = SeizableWage.Compute(new WageSeizureInput(180_000, 5_000, 0, 15_000, 2));
        Assert.Equal((190_000L, 0L, 180_000L, 0L), (r.Living, r.Extra, r.Protected, r.Seizable));
    }

    [Fact]
    public void Weekly_Pay_ItemFourIsSevenDaysAtTheDailyRate()
    {
        // (4) = 7 × (3,340 + 1,500) = 33,880; (5) = 20% of (100,000 − 10,000 − 33,880 = 56,120) = 11,224; protected 55,104.
        var r = SeizableWage.Compute(new WageSeizureInput(100_000, 2_000, 0, 8_000, 1, PeriodMonths: 0, PeriodDays: 7));
        Assert.Equal((33_880L, 11_224L, 55_104L, 44_896L), (r.Living, r.Extra, r.Protected, r.Seizable));
    }

    [Fact]
    public void Pension_TwoMonths_ItemFourDoubled()
    {
        // 77条: a pension for two months: (4) = 2 × 100,000 = 200,000; (5) = 20% of (400,000 − 30,000 − 200,000) = 34,000; protected 264,000.
        var r = SeizableWage.Compute(new WageSeizureInput(400_000, 10_000, 0, 20_000, 0, WagePayKind.Pension, PeriodMonths: 2));
        Assert.Equal((200_000L, 34_000L, 264_000L, 136_000L), (r.Living, r.Extra, r.Protected, r.Seizable));
    }

    [Fact]
    public void Bonus_ComputedAsOneMonthPay()
    {
        // 76条3項: (4) 100,000 + 45,000 = 145,000 whatever the period; (5) 20% of (800,000 − 150,000 − 145,000 = 505,000) = 101,000; protected 396,000.
        var r = SeizableWage.Compute(new WageSeizureInput(800_000, 40_000, 0, 110_000, 1, WagePayKind.Bonus, PeriodMonths: 6));
        Assert.Equal((145_000L, 101_000L, 396_000L, 404_000L), (r.Living, r.Extra, r.Protected, r.Seizable));
    }

    [Fact]
    public void Retirement_ThreeMonthsPlusTwentyPercentPerYearBeyondFive()
    {
        // 76条4項: (1)–(3) 300,000 + 3 × 100,000 + (20 − 5) × 20% × 100,000 = 300,000 + 300,000 + 300,000 = 900,000; no item (5).
        var r = SeizableWage.Compute(new WageSeizureInput(10_000_000, 250_000, 50_000, 0, 0, WagePayKind.Retirement, ServiceYears: 20));
        Assert.Equal((600_000L, 0L, 900_000L, 9_100_000L), (r.Living, r.Extra, r.Protected, r.Seizable));
        // Five years or less: only the 3 months. With one dependant the month is 145,000: 3 × 145,000 = 435,000.
        var shortService = SeizableWage.Compute(new WageSeizureInput(1_000_000, 0, 0, 0, 1, WagePayKind.Retirement, ServiceYears: 4));
        Assert.Equal((435_000L, 565_000L), (shortService.Protected, shortService.Seizable));
    }

    [Fact]
    public void Consent_SeizesTheAgreedAmountBeyondTheRule_NeverMoreThanThePayAfterDeductions()
    {
        // The domain example allows 104,000; the person agreed to 150,000 (76条5項): 150,000 seizable, 200,000 protected.
        var r = SeizableWage.Compute(new WageSeizureInput(350_000, 8_000, 15_000, 52_000, 1, Consented: 150_000));
        Assert.Equal((104_000L, true, 150_000L, 200_000L), (r.SeizableByRule, r.ConsentApplied, r.Seizable, r.Protected));
        // Agreed to more than the pay after (1)–(3) (275,000): 275,000.
        Assert.Equal(275_000L, SeizableWage.Compute(new WageSeizureInput(350_000, 8_000, 15_000, 52_000, 1, Consented: 999_999)).Seizable);
        // Agreed to less than the rule allows: the rule.
        var less = SeizableWage.Compute(new WageSeizureInput(350_000, 8_000, 15_000, 52_000, 1, Consented: 50_000));
        Assert.Equal((false, 104_000L), (less.ConsentApplied, less.Seizable));
    }

    [Fact]
    public void BadInput_RefusedInJapaneseNamingTheField()
    {
        Assert.Contains("--gross", Assert.Throws<DomainException>(() => SeizableWage.Compute(new WageSeizureInput(-1, 0, 0, 0, 0))).Message);
        Assert.Contains("--dependants", Assert.Throws<DomainException>(() => SeizableWage.Compute(new WageSeizureInput(1, 0, 0, 0, -1))).Message);
        Assert.Contains("支給額", Assert.Throws<DomainException>(() => SeizableWage.Compute(new WageSeizureInput(10_000, 20_000, 0, 0, 0))).Message);
    }

    [Fact]
    public void Explain_ShowsEveryItemAndTheCap()
    {
        var lines = SeizableWage.Explain(SeizableWage.Compute(new WageSeizureInput(1_600_000, 100_000, 60_000, 100_000, 0)));
        Assert.Contains("差押禁止額 560,000円", lines);
        Assert.Contains("差押可能額 1,040,000円", lines);
        Assert.Contains(lines, l => l.StartsWith("(5)", StringComparison.Ordinal) && l.Contains("200,000円", StringComparison.Ordinal) && l.Contains("上限", StringComparison.Ordinal));
    }
}

/// <summary>The seizure kinds: a refund the city itself owes is refused (appropriated, never seized).</summary>
public sealed class SeizureKindsTests
{
    [Fact]
    public void Parse_CityRefund_RefusedNamingAppropriation_OtherWordsRead()
    {
        var ex = Assert.Throws<DomainException>(() => SeizureKinds.Parse("city-refund"));
        Assert.Equal("seizure.city_refund", ex.Code);
        Assert.Contains("充当", ex.Message);
        Assert.Equal(SeizureKind.NationalTaxRefund, SeizureKinds.Parse("national-tax-refund"));
        Assert.Equal(SeizureKind.Deposit, SeizureKinds.Parse("預貯金"));
        Assert.Contains("--kind", Assert.Throws<DomainException>(() => SeizureKinds.Parse("car")).Message);
    }
}
