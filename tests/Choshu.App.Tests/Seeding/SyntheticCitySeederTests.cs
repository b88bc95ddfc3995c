using Choshu.App.Seeding;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Assessments;
using Choshu.Domain.Identifiers;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Taxpayers;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Choshu.App.Tests.Seeding;

/// <summary>
/// <c>choshu seed</c> on real stores: 300 taxpayers from seed 42, today 2026-11-26 (JST), fiscal years 2022–2026.
/// </summary>
public sealed class SyntheticCitySeederTests(SeededCities cities) : IClassFixture<SeededCities>
{
    private static readonly DateOnly Today = SeededCities.Today;

    public static TheoryData<StoreProvider> Providers => SeededCities.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seed_SameSeedTwice_SameContent_OtherSeedDiffers(StoreProvider provider)
    {
        var first = (await cities.ContentAsync(provider)).Digest();

        await using var again = await TestStore.CreateAsync(provider);
        await SyntheticCitySeeder.SeedAsync(again.Store, new SeedOptions(SeededCities.Taxpayers, SeededCities.Seed), SeededCities.Clock());
        await using var other = await TestStore.CreateAsync(provider);
        await SyntheticCitySeeder.SeedAsync(other.Store, new SeedOptions(SeededCities.Taxpayers, SeededCities.Seed + 1), SeededCities.Clock());

        Assert.Equal(first, await DigestAsync(again));
        Assert.NotEqual(first, await DigestAsync(other));
    }

    [Fact]
    public async Task Seed_PostgresAndSqlite_StoreWhatTheGeneratorMade()
    {
        await using var db = cities.Store(StoreProvider.Sqlite).Open();
        var generator = new SyntheticCityGenerator(
            new SeedOptions(SeededCities.Taxpayers, SeededCities.Seed), Today, await ReferenceData.LoadCalendarAsync(db),
            DateTime.UtcNow, SeedIdBase.Empty);
        var generated = SeedContent.From(generator.Chunks()).Digest();

        Assert.Equal(generated, (await cities.ContentAsync(StoreProvider.Sqlite)).Digest());
        Assert.Equal(generated, (await cities.ContentAsync(StoreProvider.Postgres)).Digest());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seed_Result_CountsTheRowsStored(StoreProvider provider)
    {
        var result = cities.Result(provider);
        var c = await cities.ContentAsync(provider);

        Assert.Equal(SeededCities.Taxpayers, c.Taxpayers.Count);
        Assert.Equal(c.Taxpayers.Count, result.RowsByTable["taxpayers"]);
        Assert.Equal(c.Versions.Count, result.RowsByTable["taxpayer_versions"]);
        Assert.Equal(c.MyNumbers.Count, result.RowsByTable["taxpayer_my_numbers"]);
        Assert.Equal(c.Agents.Count, result.RowsByTable["tax_agents"]);
        Assert.Equal(c.DebitAccounts.Count, result.RowsByTable["direct_debit_accounts"]);
        Assert.NotEmpty(c.DebitAccounts);
        Assert.Equal(c.Assessments.Count, result.RowsByTable["assessments"]);
        Assert.Equal(c.Installments.Count, result.RowsByTable["installments"]);
        Assert.Equal(c.Journal.Count, result.RowsByTable["journal_entries"]);
        Assert.Equal(c.Journal.Count(j => j.Kind == JournalEntryKind.Charge), result.Charges);
        Assert.Equal(c.Journal.Count(j => j.Kind == JournalEntryKind.Payment), result.Payments);
        Assert.Equal([2022, 2023, 2024, 2025, 2026], result.FiscalYears);
        Assert.Equal(Today, result.Today);
    }

    // Every payment entry of the journal has its payment row (収納) as reconciliation writes it: same installment, amount and
    // 納付日, booked, a 収入日 not before the 納付日 nor after today; channels are varied, counter payments carry a 領収番号,
    // and the 収納日計表 of a 収入日 counts the money the journal booked for it.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seed_Payments_RowsMatchTheJournalAndFillTheDailyReport(StoreProvider provider)
    {
        await using var db = cities.Store(provider).Open();
        var payments = (await db.Payments.AsNoTracking().ToListAsync()).ToDictionary(p => p.Id);
        var entries = await db.JournalEntries.AsNoTracking().Where(j => j.Kind == JournalEntryKind.Payment).ToListAsync();

        Assert.Equal(entries.Count, payments.Count);
        Assert.Equal(cities.Result(provider).RowsByTable["payments"], payments.Count);
        Assert.All(entries, e =>
        {
            var p = payments[Assert.NotNull(e.PaymentId)];
            Assert.Equal((e.InstallmentId, -e.Amount, e.ValueDate, PaymentStatus.Booked), (p.InstallmentId!.Value, p.Amount, p.PaidOn, p.Status));
            Assert.InRange(p.ReceivedOn!.Value, p.PaidOn, Today);
        });
        Assert.Equal(5, payments.Values.Select(p => p.Channel).Distinct().Count());
        var counter = payments.Values.First(p => p.Channel == PaymentChannel.Counter);
        Assert.Equal(counter.PaidOn, counter.ReceivedOn);
        Assert.StartsWith("S", App.Reconciliation.CounterReceipts.ReceiptNoOf(counter.IdempotencyKey));

        var busiest = payments.Values.GroupBy(p => p.ReceivedOn!.Value).MaxBy(g => g.Count())!;
        var report = await App.Reports.DailyReportQuery.LoadAsync(db, busiest.Key);
        Assert.Equal((busiest.Count(), busiest.Sum(p => p.Amount)), (report.BookedTotal.Count, report.BookedTotal.Amount));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seed_Identifiers_PassTheirCheckDigits(StoreProvider provider)
    {
        var c = await cities.ContentAsync(provider);
        var byId = c.TaxpayersById;

        Assert.All(c.MyNumbers, m => Assert.True(MyNumber.IsValid(m.Value)));
        Assert.All(c.MyNumbers, m => Assert.Equal(PersonKind.Individual, byId[m.TaxpayerId].Facts.PersonKind));
        Assert.Equal(c.Taxpayers.Count(t => t.Facts.PersonKind == PersonKind.Individual), c.MyNumbers.Count);
        Assert.Equal(c.MyNumbers.Count, c.MyNumbers.Select(m => m.Value).Distinct().Count());

        var corporations = c.Taxpayers.Where(t => t.Facts.PersonKind == PersonKind.Corporation).ToList();
        Assert.NotEmpty(corporations);
        Assert.All(corporations, t => Assert.True(CorporateNumber.IsValid(t.CorporateNumber)));
        Assert.All(c.Taxpayers.Where(t => t.Facts.PersonKind == PersonKind.Individual), t => Assert.Null(t.CorporateNumber));

        Assert.All(c.Taxpayers, t => Assert.Matches("^[0-9]{10}$", t.TaxpayerNo));
        Assert.Equal(c.Taxpayers.Count, c.Taxpayers.Select(t => t.TaxpayerNo).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seed_Taxpayers_HaveOneSyntheticVersionAndRealisticFacts(StoreProvider provider)
    {
        var c = await cities.ContentAsync(provider);

        Assert.Equal(c.Taxpayers.Count, c.Versions.Count);
        Assert.All(c.Versions, v =>
        {
            Assert.Equal(1, v.HistorySeq);
            Assert.Equal(ChangeSource.Synthetic, v.Source);
            Assert.Equal(SyntheticCityGenerator.Actor, v.RecordedBy);
        });
        var versionOf = c.Versions.ToDictionary(v => v.TaxpayerId);
        Assert.All(c.Taxpayers, t => Assert.Equal(t.Facts, versionOf[t.Id].Facts));

        var individuals = c.Taxpayers.Where(t => t.Facts.PersonKind == PersonKind.Individual).ToList();
        Assert.All(individuals, t =>
        {
            Assert.Contains('\u3000', t.Facts.NameKanji);
            Assert.Matches("^[ァ-ヶー]+\u3000[ァ-ヶー]+$", t.Facts.NameKana);
            Assert.NotNull(t.Facts.Sex);
            Assert.NotNull(t.Facts.BirthDate);
        });
        Assert.Contains(individuals, t => t.Facts.Sex == Sex.Male);
        Assert.Contains(individuals, t => t.Facts.Sex == Sex.Female);
        Assert.Contains(individuals, t => t.Facts.HouseholdNo is not null && individuals.Count(o => o.Facts.HouseholdNo == t.Facts.HouseholdNo) > 1);

        var corporations = c.Taxpayers.Where(t => t.Facts.PersonKind == PersonKind.Corporation).ToList();
        Assert.All(corporations, t =>
        {
            Assert.Matches("株式会社|有限会社|合同会社", t.Facts.NameKanji);
            Assert.False(string.IsNullOrEmpty(t.Facts.RepresentativeName));
            Assert.False(string.IsNullOrEmpty(t.Facts.RepresentativeTitle));
            Assert.Null(t.Facts.Sex);
        });

        // Those at home in the city live in 鹿児島市 with 890/891/892 postal codes.
        var inCity = c.Taxpayers.Where(t => t.Facts.ResidencyStatus is ResidencyStatus.Current or ResidencyStatus.Deceased).ToList();
        Assert.All(inCity, t =>
        {
            Assert.Matches("^89[012][0-9]{4}$", t.Facts.PostalCode!);
            Assert.Equal("462012", t.Facts.MunicipalityCode);
            Assert.StartsWith("鹿児島県鹿児島市", t.Facts.TownName);
        });
        Assert.Contains(c.Taxpayers, t => t.Facts.AddressSupplement?.EndsWith('号') == true);
        Assert.Contains(c.Taxpayers, t => t.Facts.ResidencyStatus == ResidencyStatus.MovedOut);
        Assert.Contains(c.Taxpayers, t => t.Facts.ResidencyStatus == ResidencyStatus.NonResident);
        Assert.All(c.Taxpayers.Where(t => t.Facts.ResidencyStatus is ResidencyStatus.MovedOut or ResidencyStatus.NonResident),
            t => Assert.NotEqual("462012", t.Facts.MunicipalityCode));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seed_Installments_FollowTheCalendar(StoreProvider provider)
    {
        var c = await cities.ContentAsync(provider);
        await using var db = cities.Store(provider).Open();
        var calendar = await ReferenceData.LoadCalendarAsync(db);
        var assessments = c.AssessmentsById;

        Assert.All(c.Installments, i =>
        {
            var a = assessments[i.AssessmentId];
            Assert.Equal(calendar.EffectiveDueDate(i.NominalDueDate), i.DueDate);
            Assert.Equal(i.DueDate, i.StatutoryDueDate); // ordinary installments: 法定納期限 = 納期限
            Assert.Equal(TaxSchedule.NominalDueDatesFor(a.TaxKindCode, a.FiscalYear)[i.Period - 1], i.NominalDueDate);
        });
        Assert.All(c.Assessments, a => Assert.Equal(
            TaxSchedule.NominalDueDatesFor(a.TaxKindCode, a.FiscalYear).Count,
            c.Installments.Count(i => i.AssessmentId == a.Id)));

        var seen = c.Installments
            .Select(i => (assessments[i.AssessmentId].TaxKindCode, assessments[i.AssessmentId].FiscalYear, i.Period, i.NominalDueDate, i.DueDate))
            .ToHashSet();
        // 固定資産税 2025 period 3: Wed 2025-12-31 is in the year-end days; 1–3 Jan, then Sun 4 Jan → Mon 2026-01-05.
        Assert.Contains((TaxKindCodes.FixedAssetTax, 2025, (short)3, new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 5)), seen);
        // 固定資産税 2025 period 4: Sat 2026-02-28 → Mon 2026-03-02.
        Assert.Contains((TaxKindCodes.FixedAssetTax, 2025, (short)4, new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 2)), seen);
        // 固定資産税 2023 period 4: leap day Thu 2024-02-29 stays.
        Assert.Contains((TaxKindCodes.FixedAssetTax, 2023, (short)4, new DateOnly(2024, 2, 29), new DateOnly(2024, 2, 29)), seen);
        // 市民税 2026 period 1: Tue 2026-06-30 stays; period 3: Sat 2026-10-31 → Mon 2026-11-02.
        Assert.Contains((TaxKindCodes.InhabitantTax, 2026, (short)1, new DateOnly(2026, 6, 30), new DateOnly(2026, 6, 30)), seen);
        Assert.Contains((TaxKindCodes.InhabitantTax, 2026, (short)3, new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 2)), seen);
        // 市民税 2025 period 4: Sat 2026-01-31 → Mon 2026-02-02.
        Assert.Contains((TaxKindCodes.InhabitantTax, 2025, (short)4, new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 2)), seen);
        // 軽自動車税 2026: Sun 2026-05-31 → Mon 2026-06-01.
        Assert.Contains((TaxKindCodes.LightVehicleTax, 2026, (short)1, new DateOnly(2026, 5, 31), new DateOnly(2026, 6, 1)), seen);
        // 法人市民税 2024: Fri 2024-05-31 stays.
        Assert.Contains((TaxKindCodes.CorporateInhabitantTax, 2024, (short)1, new DateOnly(2024, 5, 31), new DateOnly(2024, 5, 31)), seen);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seed_Journal_ChargesAndPaymentsAreConsistent(StoreProvider provider)
    {
        var c = await cities.ContentAsync(provider);
        var installments = c.InstallmentsById;
        var assessments = c.AssessmentsById;

        Assert.All(c.Journal, j =>
        {
            Assert.Equal(LedgerComponent.Principal, j.Component);
            Assert.Equal("system:seed", j.Actor);
            Assert.Equal("seed", j.ReasonCode);
        });
        foreach (var group in c.Journal.GroupBy(j => j.InstallmentId))
        {
            var installment = installments[group.Key];
            var assessment = assessments[installment.AssessmentId];
            var charge = Assert.Single(group, j => j.Kind == JournalEntryKind.Charge);
            Assert.True(charge.Amount > 0);
            var notice = assessment.TaxKindCode switch
            {
                TaxKindCodes.InhabitantTax => new DateOnly(assessment.FiscalYear, 6, 10),
                TaxKindCodes.FixedAssetTax => new DateOnly(assessment.FiscalYear, 4, 1),
                TaxKindCodes.LightVehicleTax => new DateOnly(assessment.FiscalYear, 5, 1),
                _ => installment.DueDate,
            };
            Assert.Equal(notice, charge.ValueDate);

            var payments = group.Where(j => j.Kind != JournalEntryKind.Charge).ToList();
            Assert.All(payments, p =>
            {
                Assert.Equal(JournalEntryKind.Payment, p.Kind);
                Assert.True(p.Amount < 0);
                Assert.True(p.ValueDate <= Today, $"payment dated {p.ValueDate} after today");
                Assert.True(p.ValueDate >= charge.ValueDate, $"payment dated {p.ValueDate} before the notice {charge.ValueDate}");
            });
            Assert.True(-payments.Sum(p => p.Amount) <= charge.Amount, $"installment {group.Key} paid more than charged");
        }
        Assert.Equal(c.Installments.Count, c.Journal.Count(j => j.Kind == JournalEntryKind.Charge));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seed_Amounts_AreWholeYenInRealisticRanges(StoreProvider provider)
    {
        var c = await cities.ContentAsync(provider);
        var installments = c.InstallmentsById;
        var charges = c.Journal.Where(j => j.Kind == JournalEntryKind.Charge).ToDictionary(j => j.InstallmentId, j => j.Amount);
        long[] vehicleRates = [2_000, 2_400, 3_600, 3_700, 3_900, 4_000, 5_000, 6_000, 7_200, 10_800, 12_900];

        foreach (var a in c.Assessments)
        {
            var amounts = c.Installments.Where(i => i.AssessmentId == a.Id).OrderBy(i => i.Period).Select(i => charges[i.Id]).ToArray();
            var annual = amounts.Sum();
            Assert.Equal(0, annual % 100);
            switch (a.TaxKindCode)
            {
                case TaxKindCodes.InhabitantTax:
                    Assert.InRange(annual, 30_000, 400_000);
                    AssertSplitLikeCities(amounts);
                    break;
                case TaxKindCodes.FixedAssetTax:
                    Assert.InRange(annual, 20_000, 600_000);
                    AssertSplitLikeCities(amounts);
                    break;
                case TaxKindCodes.LightVehicleTax:
                    Assert.Single(amounts);
                    Assert.InRange(annual, 2_000, 3 * 12_900);
                    break;
                default:
                    Assert.Single(amounts);
                    Assert.InRange(annual, 50_000, 2_000_000);
                    break;
            }
        }
        Assert.Contains(c.Journal, j => j.Kind == JournalEntryKind.Charge && vehicleRates.Contains(j.Amount)
            && c.AssessmentsById[installments[j.InstallmentId].AssessmentId].TaxKindCode == TaxKindCodes.LightVehicleTax);

        // Notice numbers: unique per tax kind and fiscal year, and carry both.
        Assert.All(c.Assessments, a => Assert.StartsWith($"{a.FiscalYear}{a.TaxKindCode}", a.NoticeNo));
        Assert.Equal(c.Assessments.Count, c.Assessments.Select(a => (a.TaxKindCode, a.FiscalYear, a.NoticeNo)).Distinct().Count());
        Assert.All(c.Assessments, a => Assert.Equal(a.FiscalYear, a.LiabilityYear));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seed_Payments_MostlyOnTime_SomeDelinquent_OldYearsMostlyCollected(StoreProvider provider)
    {
        var c = await cities.ContentAsync(provider);
        var assessments = c.AssessmentsById;
        var paid = c.Journal.Where(j => j.Kind == JournalEntryKind.Payment).GroupBy(j => j.InstallmentId)
            .ToDictionary(g => g.Key, g => (Sum: -g.Sum(j => j.Amount), Last: g.Max(j => j.ValueDate)));
        var charged = c.Journal.Where(j => j.Kind == JournalEntryKind.Charge).ToDictionary(j => j.InstallmentId, j => j.Amount);
        var due = c.Installments.Where(i => i.DueDate < Today).ToList();
        var notDue = c.Installments.Where(i => i.DueDate >= Today).ToList();

        // Most installments already due were paid in full by their due date.
        var onTime = due.Count(i => paid.TryGetValue(i.Id, out var p) && p.Sum == charged[i.Id] && p.Last <= i.DueDate);
        Assert.InRange((double)onTime / due.Count, 0.75, 0.97);
        // Some were paid late, and some of those not yet due are already paid (early, or the whole year at once).
        Assert.Contains(due, i => paid.TryGetValue(i.Id, out var p) && p.Last > i.DueDate);
        Assert.NotEmpty(notDue);
        Assert.InRange((double)notDue.Count(i => paid.ContainsKey(i.Id)) / notDue.Count, 0.01, 0.35);

        // Delinquent: taxpayers who paid nothing of what fell due this fiscal year.
        double DelinquentShare(int fiscalYear)
        {
            var dueByTaxpayer = due.Where(i => assessments[i.AssessmentId].FiscalYear == fiscalYear)
                .GroupBy(i => assessments[i.AssessmentId].TaxpayerId).ToList();
            return (double)dueByTaxpayer.Count(g => g.All(i => !paid.ContainsKey(i.Id))) / dueByTaxpayer.Count;
        }
        Assert.InRange(DelinquentShare(2026), 0.01, 0.10);
        Assert.True(DelinquentShare(2022) < DelinquentShare(2026), $"2022 {DelinquentShare(2022):P1} vs 2026 {DelinquentShare(2026):P1}");

        // Arrears (anything still open) are rarer in old years than in the current one.
        double OpenShare(int fiscalYear)
        {
            var rows = due.Where(i => assessments[i.AssessmentId].FiscalYear == fiscalYear).ToList();
            return (double)rows.Count(i => !paid.TryGetValue(i.Id, out var p) || p.Sum < charged[i.Id]) / rows.Count;
        }
        Assert.True(OpenShare(2022) < OpenShare(2026), $"2022 {OpenShare(2022):P1} vs 2026 {OpenShare(2026):P1}");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seed_StoreWithTaxpayers_IsRefused(StoreProvider provider)
    {
        var ex = await Assert.ThrowsAsync<SeedRefusedException>(() => SyntheticCitySeeder.SeedAsync(
            cities.Store(provider).Store, new SeedOptions(10, 1), SeededCities.Clock()));
        Assert.Contains("既に納税義務者", ex.Message);
        await using var db = cities.Store(provider).Open();
        Assert.Equal(SeededCities.Taxpayers, await db.Taxpayers.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seed_UninitialisedStore_IsRefusedWithTheInitCommand(StoreProvider provider)
    {
        var store = provider == StoreProvider.Sqlite
            ? Store.Parse($"Data Source={Path.Combine(Path.GetTempPath(), "choshu-absent-" + Guid.NewGuid().ToString("N") + ".db")}")
            : Store.Parse(new NpgsqlConnectionStringBuilder(TestStore.AdminConnectionString()) { Database = "choshu_absent_" + Guid.NewGuid().ToString("N")[..12] }.ConnectionString);

        var ex = await Assert.ThrowsAsync<SeedRefusedException>(() => SyntheticCitySeeder.SeedAsync(store, new SeedOptions(10, 1), SeededCities.Clock()));
        Assert.Contains("choshu db init", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seed_Afterwards_OrdinaryInsertsGetFreshIdsAndForeignKeysHold(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var keysBefore = await ForeignKeyCountAsync(store, provider);
        await SyntheticCitySeeder.SeedAsync(store.Store, new SeedOptions(20, 5), SeededCities.Clock());
        Assert.Equal(keysBefore, await ForeignKeyCountAsync(store, provider));

        await using var db = store.Open();
        var maxId = await db.Taxpayers.MaxAsync(t => t.Id);
        var added = new Taxpayer
        {
            TaxpayerNo = "9999999999",
            Facts = new TaxpayerFacts { NameKanji = "追加　太郎", NameKana = "ツイカ　タロウ" },
            HistorySeq = 1,
            EffectiveDate = Today,
            CreatedAtUtc = DateTime.UtcNow,
            UpdatedAtUtc = DateTime.UtcNow,
        };
        db.Taxpayers.Add(added);
        await db.SaveChangesAsync();
        Assert.True(added.Id > maxId);

        // A journal entry pointing at no installment is still refused: the foreign keys are back.
        db.JournalEntries.Add(new Data.Ledger.JournalEntry
        {
            InstallmentId = long.MaxValue, Kind = JournalEntryKind.Charge, Component = LedgerComponent.Principal, Amount = 1,
            ValueDate = Today, RecordedAtUtc = DateTime.UtcNow, Actor = "test",
        });
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    private static async Task<int> ForeignKeyCountAsync(TestStore store, StoreProvider provider)
    {
        await using var db = store.Open();
        var sql = provider == StoreProvider.Postgres
            ? "SELECT COUNT(*)::int AS \"Value\" FROM pg_constraint WHERE contype = 'f'"
            : "SELECT COUNT(*) AS \"Value\" FROM sqlite_master m, pragma_foreign_key_list(m.name) WHERE m.type = 'table'";
        return await db.Database.SqlQueryRaw<int>(sql).SingleAsync();
    }

    private static void AssertSplitLikeCities(long[] amounts)
    {
        Assert.Equal(4, amounts.Length);
        Assert.All(amounts.Skip(1), a => Assert.Equal(0, a % 1000));
        Assert.All(amounts.Skip(1), a => Assert.Equal(amounts[1], a));
        Assert.InRange(amounts[0] - amounts[1], 0, 3 * 1000 + 999);
    }

    private static async Task<string> DigestAsync(TestStore store)
    {
        await using var db = store.Open();
        return (await SeedContent.LoadAsync(db, Choshu.App.Privacy.MyNumberVault.Open(store.Store))).Digest();
    }
}
