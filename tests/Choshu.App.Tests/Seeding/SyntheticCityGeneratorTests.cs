using Choshu.App.Seeding;
using Choshu.Domain.Assessments;
using Choshu.Domain.Calendar;
using Choshu.Domain.Ledger;
using Choshu.Domain.Taxpayers;
using Choshu.Formats.Calendar;
using Choshu.Formats.Kana;

namespace Choshu.App.Tests.Seeding;

/// <summary>The generator alone (no store), on the bundled 2015–2027 calendar, today 2026-11-26.</summary>
public sealed class SyntheticCityGeneratorTests
{
    private static readonly HolidayCalendar Calendar = BundledCalendarData.HolidayCalendar();
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly DateTime RecordedAt = new(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);

    private static SyntheticCityGenerator Generator(int taxpayers, long seed, int chunkSize = 5_000) =>
        new(new SeedOptions(taxpayers, seed) { ChunkSize = chunkSize }, Today, Calendar, RecordedAt, SeedIdBase.Empty);

    /// <summary>A larger city for the shares, generated once.</summary>
    private static readonly Lazy<SeedContent> City = new(() => SeedContent.From(Generator(20_000, 7).Chunks()));

    [Fact]
    public void Chunks_SameOptions_SameCity_WhateverTheChunkSize()
    {
        var a = SeedContent.From(Generator(500, 3).Chunks());
        var b = SeedContent.From(Generator(500, 3, chunkSize: 7).Chunks());
        var g = Generator(500, 3);
        var c = SeedContent.From(g.Chunks());
        var again = SeedContent.From(g.Chunks());

        Assert.Equal(500, a.Taxpayers.Count);
        Assert.Equal(a.Digest(), b.Digest());
        Assert.Equal(a.Digest(), c.Digest());
        Assert.Equal(a.Digest(), again.Digest());
        Assert.NotEqual(a.Digest(), SeedContent.From(Generator(500, 4).Chunks()).Digest());
    }

    [Fact]
    public void Chunks_IdsFollowTheBase()
    {
        var g = new SyntheticCityGenerator(new SeedOptions(50, 1), Today, Calendar, RecordedAt, new SeedIdBase(100, 200, 300, 400, 500, 600, 700));
        var c = SeedContent.From(g.Chunks());

        Assert.Equal(Enumerable.Range(101, 50).Select(i => (long)i), c.Taxpayers.Select(t => t.Id));
        Assert.Equal(201, c.Versions[0].Id);
        Assert.Equal(401, c.Assessments[0].Id);
        Assert.Equal(501, c.Installments[0].Id);
        Assert.Equal(601, c.Journal[0].Id);
        Assert.Equal(701, c.DebitAccounts[0].Id);
        Assert.Equal(c.DebitAccounts.Count, c.DebitAccounts.Select(d => d.Id).Distinct().Count());
        Assert.Equal(c.Journal.Count, c.Journal.Select(j => j.Id).Distinct().Count());
    }

    [Fact]
    public void City_Shares_AreThoseDocumented()
    {
        var c = City.Value;
        var n = (double)c.Taxpayers.Count;
        double Share(Func<Data.Taxpayers.Taxpayer, bool> p) => c.Taxpayers.Count(p) / n;
        double KindShare(string kind) => c.Assessments.Where(a => a.TaxKindCode == kind).Select(a => a.TaxpayerId).Distinct().Count() / n;

        Assert.InRange(Share(t => t.Facts.PersonKind == PersonKind.Corporation), 0.04, 0.06);
        Assert.InRange(Share(t => t.Facts.ResidencyStatus == ResidencyStatus.MovedOut), 0.03, 0.06);
        Assert.InRange(Share(t => t.Facts.ResidencyStatus == ResidencyStatus.Deceased), 0.01, 0.04);
        Assert.InRange(Share(t => t.Facts.ResidencyStatus == ResidencyStatus.NonResident), 0.03, 0.05);
        Assert.InRange(KindShare(TaxKindCodes.InhabitantTax), 0.50, 0.60);
        Assert.InRange(KindShare(TaxKindCodes.FixedAssetTax), 0.35, 0.45);
        Assert.InRange(KindShare(TaxKindCodes.LightVehicleTax), 0.25, 0.35);
        // Every corporation files 法人市民税, except the few dissolved before their first year in the city's ledger.
        Assert.Equal(Share(t => t.Facts.PersonKind == PersonKind.Corporation), KindShare(TaxKindCodes.CorporateInhabitantTax), 0.001);
    }

    [Fact]
    public void City_TaxAgents_ActForMovedOutOwners_AndAreResidents()
    {
        var c = City.Value;
        var byId = c.TaxpayersById;

        Assert.InRange(c.Agents.Count, 20, 200);
        Assert.All(c.Agents, a =>
        {
            Assert.Equal(ResidencyStatus.MovedOut, byId[a.TaxpayerId].Facts.ResidencyStatus);
            Assert.Equal(ResidencyStatus.Current, byId[a.AgentTaxpayerId].Facts.ResidencyStatus);
            Assert.Equal(PersonKind.Individual, byId[a.AgentTaxpayerId].Facts.PersonKind);
            Assert.True(a.AgentTaxpayerId < a.TaxpayerId);
            Assert.True(a.RegisteredOn <= Today);
            Assert.Contains(c.Assessments, x => x.TaxpayerId == a.TaxpayerId && x.TaxKindCode == TaxKindCodes.FixedAssetTax && x.FiscalYear == 2026);
        });
    }

    [Fact]
    public void City_PaymentHabits_MatchTheDocumentedShares()
    {
        var c = City.Value;
        var assessments = c.AssessmentsById;
        var charged = c.Journal.Where(j => j.Kind == JournalEntryKind.Charge).ToDictionary(j => j.InstallmentId, j => j.Amount);
        var payments = c.Journal.Where(j => j.Kind == JournalEntryKind.Payment).ToLookup(j => j.InstallmentId);

        // Per taxpayer and fiscal year, over installments due by today.
        var years = c.Installments.Where(i => i.DueDate < Today)
            .GroupBy(i => (assessments[i.AssessmentId].TaxpayerId, assessments[i.AssessmentId].FiscalYear))
            .Select(g => new YearPaid(
                g.Key.FiscalYear,
                Nothing: g.All(i => !payments[i.Id].Any()),
                Late: g.Any(i => payments[i.Id].Any(p => p.ValueDate > i.DueDate)),
                Open: g.Any(i => -payments[i.Id].Sum(p => p.Amount) < charged[i.Id])))
            .ToList();
        double Share(int year, Func<YearPaid, bool> p) =>
            years.Where(y => y.FiscalYear == year).Count(y => p(y)) / (double)years.Count(y => y.FiscalYear == year);

        Assert.InRange(Share(2026, y => y.Nothing), 0.02, 0.06);   // ~3% resident, more among those away
        Assert.InRange(Share(2025, y => y.Late), 0.06, 0.16);      // late payers, and arrears collected late
        Assert.InRange(Share(2026, y => y.Open), 0.05, 0.15);
        Assert.InRange(Share(2022, y => y.Open), 0.005, 0.04);     // old years mostly collected
        Assert.True(Share(2022, y => y.Nothing) < Share(2024, y => y.Nothing));

        // No payment after today, none above the charge.
        Assert.All(c.Journal.Where(j => j.Kind == JournalEntryKind.Payment), p => Assert.True(p.ValueDate <= Today));
        Assert.All(c.Installments, i => Assert.True(-payments[i.Id].Sum(p => p.Amount) <= charged[i.Id]));
    }

    private sealed record YearPaid(int FiscalYear, bool Nothing, bool Late, bool Open);

    [Fact]
    public void City_DirectDebit_AThirdRegistered_AccountsLookLikeABanks()
    {
        var c = City.Value;
        var byId = c.TaxpayersById;
        var registered = c.DebitAccounts.Select(d => d.TaxpayerId).ToHashSet();
        var owed = c.Assessments.Select(a => (a.TaxpayerId, a.TaxKindCode)).ToHashSet();

        Assert.InRange(registered.Count / (double)c.Taxpayers.Count, 0.28, 0.38);
        // Nearly every registration is for a tax kind the taxpayer is assessed (one registered but not yet charged is possible).
        Assert.InRange(c.DebitAccounts.Count(d => owed.Contains((d.TaxpayerId, d.TaxKindCode))) / (double)c.DebitAccounts.Count, 0.97, 1.0);
        Assert.All(c.DebitAccounts, d =>
        {
            Assert.Contains(d.BankCode, SeedBanks.Codes.Items);
            Assert.Matches("^[0-9]{3}$", d.BranchCode);
            Assert.Matches("^[0-9]{7}$", d.AccountNo);
            Assert.Contains(d.AccountType, new short[] { 1, 2, 3 });
            Assert.True(HalfWidthKana.IsZenginText(d.HolderKana), d.HolderKana);
            Assert.InRange(d.HolderKana.Length, 1, AccountHolderKana.MaxLength);
            Assert.True(d.StartsOn < Today);
            Assert.True(d.EndsOn is null || (d.EndsOn > d.StartsOn && d.EndsOn <= Today));
        });
        // Individuals' names as the bank holds them; companies with the legal form abbreviated.
        var person = c.DebitAccounts.First(d => byId[d.TaxpayerId].Facts.PersonKind == PersonKind.Individual);
        Assert.Equal(HalfWidthKana.ToZengin(byId[person.TaxpayerId].Facts.NameKana), person.HolderKana);
        Assert.Contains(c.DebitAccounts, d => d.HolderKana.StartsWith("ｶ)", StringComparison.Ordinal));
        Assert.Contains(c.DebitAccounts, d => d.HolderKana.EndsWith("(ｶ", StringComparison.Ordinal));
        // Some changed account (the old registration ends the day the new one starts); never two in force at once.
        foreach (var g in c.DebitAccounts.GroupBy(d => (d.TaxpayerId, d.TaxKindCode)))
        {
            var rows = g.OrderBy(d => d.StartsOn).ToList();
            for (var i = 1; i < rows.Count; i++) Assert.Equal(rows[i - 1].EndsOn, rows[i].StartsOn);
            // Registered some years before the first year assessed (at the latest 1 March of the current fiscal year).
            Assert.True(rows[0].StartsOn < new DateOnly(2026, 3, 2));
        }
        Assert.Contains(c.DebitAccounts.GroupBy(d => (d.TaxpayerId, d.TaxKindCode)), g => g.Count() == 2);
        Assert.Contains(c.DebitAccounts, d => d.EndsOn is not null && byId[d.TaxpayerId].Facts.ResidencyStatus == ResidencyStatus.Deceased);
        Assert.Contains(c.DebitAccounts, d => d.BankCode == "0185");
        Assert.Contains(c.DebitAccounts, d => d.AccountType == 2);
    }

    [Fact]
    public void City_DirectDebit_PaidOnTheDueDate_ExceptAFewFailures()
    {
        var c = City.Value;
        var assessments = c.AssessmentsById;
        var charged = c.Journal.Where(j => j.Kind == JournalEntryKind.Charge).ToDictionary(j => j.InstallmentId, j => j.Amount);
        var payments = c.Journal.Where(j => j.Kind == JournalEntryKind.Payment).ToLookup(j => j.InstallmentId);
        var accounts = c.DebitAccounts.ToLookup(d => (d.TaxpayerId, d.TaxKindCode));
        bool Debited(Data.Assessments.Installment i)
        {
            var a = assessments[i.AssessmentId];
            return accounts[(a.TaxpayerId, a.TaxKindCode)].Any(d => d.StartsOn <= i.DueDate && (d.EndsOn is null || d.EndsOn > i.DueDate));
        }

        // Installments of the current fiscal year already due, with a registration in force on the due date.
        var due = c.Installments.Where(i => i.DueDate < Today && assessments[i.AssessmentId].FiscalYear == 2026 && Debited(i)).ToList();
        Assert.True(due.Count > 1_000, $"{due.Count} debited installments");
        var onDueDate = due.Count(i => payments[i.Id].Count() == 1 && payments[i.Id].Single().ValueDate == i.DueDate && -payments[i.Id].Single().Amount == charged[i.Id]);
        var failed = due.Count(i => !payments[i.Id].Any(p => p.ValueDate == i.DueDate));
        Assert.Equal(due.Count, onDueDate + failed);        // a debit takes all or nothing, on the due date
        Assert.InRange(failed / (double)due.Count, 0.01, 0.08);
        // A failed debit is either still unpaid or was paid later by slip.
        Assert.Contains(due, i => !payments[i.Id].Any());
        Assert.Contains(due, i => payments[i.Id].Any() && payments[i.Id].All(p => p.ValueDate > i.DueDate));
    }

    [Fact]
    public void Schedule_FixedAssetTax2025_ShiftsYearEndAndSaturday()
    {
        var s = TaxSchedule.For(TaxKindCodes.FixedAssetTax, 2025, Calendar);

        Assert.Equal(new DateOnly(2025, 4, 1), s.NoticeDate);
        Assert.Equal([new(2025, 4, 30), new(2025, 7, 31), new(2025, 12, 31), new(2026, 2, 28)], s.NominalDueDates);
        Assert.Equal([new(2025, 4, 30), new(2025, 7, 31), new(2026, 1, 5), new(2026, 3, 2)], s.DueDates);
    }

    [Fact]
    public void Schedule_InhabitantTax2026_EndOfJuneAugustOctoberJanuary()
    {
        var s = TaxSchedule.For(TaxKindCodes.InhabitantTax, 2026, Calendar);

        Assert.Equal(new DateOnly(2026, 6, 10), s.NoticeDate);
        Assert.Equal([new(2026, 6, 30), new(2026, 8, 31), new(2026, 10, 31), new(2027, 1, 31)], s.NominalDueDates);
        // Sat 2026-10-31 → Mon 11-02; Sun 2027-01-31 → Mon 02-01.
        Assert.Equal([new(2026, 6, 30), new(2026, 8, 31), new(2026, 11, 2), new(2027, 2, 1)], s.DueDates);
    }

    [Fact]
    public void Schedule_SingleInstallmentKinds_EndOfMay()
    {
        var light = TaxSchedule.For(TaxKindCodes.LightVehicleTax, 2026, Calendar);
        var corporate = TaxSchedule.For(TaxKindCodes.CorporateInhabitantTax, 2026, Calendar);

        Assert.Equal(new DateOnly(2026, 5, 1), light.NoticeDate);
        Assert.Equal([new DateOnly(2026, 6, 1)], light.DueDates);          // Sun 05-31 → Mon 06-01
        Assert.Equal(new DateOnly(2026, 6, 1), corporate.NoticeDate);      // charged on its due date
        Assert.Equal(light.DueDates, corporate.DueDates);
    }

    [Fact]
    public void Generator_CalendarNotCoveringTheYears_FailsBeforeGenerating()
    {
        var ex = Assert.Throws<Choshu.Domain.DomainException>(() =>
            new SyntheticCityGenerator(new SeedOptions(10, 1), new DateOnly(2027, 4, 1), Calendar, RecordedAt, SeedIdBase.Empty));
        Assert.Equal("calendar.not_covered", ex.Code);
    }

    [Theory]
    [InlineData(123_400, 4, new long[] { 33_400, 30_000, 30_000, 30_000 })]
    [InlineData(30_000, 4, new long[] { 9_000, 7_000, 7_000, 7_000 })]
    [InlineData(600_000, 4, new long[] { 150_000, 150_000, 150_000, 150_000 })]
    [InlineData(10_800, 1, new long[] { 10_800 })]
    public void InstallmentAmounts_Split_RemainderOnTheFirst(long annual, int periods, long[] expected) =>
        Assert.Equal(expected, InstallmentAmounts.Split(annual, periods));

    [Theory]
    [InlineData("46201", "462012")] // 鹿児島市
    [InlineData("13104", "131041")] // 新宿区
    [InlineData("40133", "401331")] // 福岡市中央区
    [InlineData("27127", "271276")] // 大阪市北区
    public void LocalGovernmentCode_AppendsCheckDigit(string code5, string expected) =>
        Assert.Equal(expected, CityAddresses.LocalGovernmentCode(code5));

    [Fact]
    public void SeedRandom_IsSplitMix64()
    {
        // Reference output of SplitMix64 from state 0.
        Assert.Equal(0xE220A8397B1DCDAFUL, new SeedRandom(0).NextUInt64());
    }
}
