using Choshu.App.Security;
using Choshu.App.Withholding;
using Choshu.Data;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Calendar;
using Choshu.Domain.Taxpayers;
using Choshu.Domain.Withholding;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Seeding;

/// <summary>What the withholding step of the demo city added.</summary>
public sealed record WithholdingDemoResult(int Employers, int Employees, int PensionPayers, int Pensioners, int PensionStops)
{
    public static readonly WithholdingDemoResult None = new(0, 0, 0, 0, 0);
}

/// <summary>
/// The withholding part of the seeded city (docs/seeding.md), run after the bulk seed through the same services staff use
/// (so the ledger, the audit log and the screens see them as real): the first three current corporations (by 宛名番号) become
/// 特別徴収義務者 100001–100003 (the third with 納期の特例), each withholding for three current working-age individuals
/// (born 1960–1999, by 宛名番号) for the withholding year of today; 日本年金機構 (宛名番号 9000000001) becomes 年金保険者 001,
/// withholding for the first six current individuals born before 1957 for the fiscal year of today, 仮徴収 half the year; the
/// last of them stops (死亡) after the August payment when today is past it, switched to 普通徴収. Deterministic: the people and
/// amounts follow from the seeded city alone (no random numbers). A city too small to have them gets none.
/// </summary>
public static class WithholdingDemo
{
    public const string PensionPayerNo = "9000000001";
    public const string PensionPayerCode = "001";

    public static async Task<WithholdingDemoResult> SeedAsync(Data.Store store, TimeProvider clock, CancellationToken ct = default)
    {
        var today = JapanTime.Today(clock);
        var actor = Actor.SystemAs("seed", "choshu");
        List<string> corporations, workers, elders;
        await using (var db = store.CreateContext())
        {
            if (await db.WithholdingEmployers.AnyAsync(ct) || await db.PensionPayers.AnyAsync(ct)) return WithholdingDemoResult.None;
            var current = db.Taxpayers.AsNoTracking().Where(t => t.Facts.ResidencyStatus == ResidencyStatus.Current);
            corporations = await current.Where(t => t.Facts.PersonKind == PersonKind.Corporation).OrderBy(t => t.TaxpayerNo).Select(t => t.TaxpayerNo).Take(3).ToListAsync(ct);
            var workingFrom = new DateOnly(1960, 1, 1);
            var workingTo = new DateOnly(1999, 12, 31);
            workers = await current.Where(t => t.Facts.PersonKind == PersonKind.Individual && t.Facts.BirthDate >= workingFrom && t.Facts.BirthDate <= workingTo)
                .OrderBy(t => t.TaxpayerNo).Select(t => t.TaxpayerNo).Take(9).ToListAsync(ct);
            var elderTo = new DateOnly(1956, 12, 31);
            elders = await current.Where(t => t.Facts.PersonKind == PersonKind.Individual && t.Facts.BirthDate <= elderTo)
                .OrderBy(t => t.TaxpayerNo).Select(t => t.TaxpayerNo).Take(6).ToListAsync(ct);
        }

        int employers = 0, employees = 0, pensioners = 0, stops = 0;
        if (corporations.Count == 3 && workers.Count == 9)
        {
            var service = new Employers(store, clock);
            var year = WithholdingSchedule.MonthOf(today.Year, today.Month).FiscalYear;
            for (var k = 0; k < 3; k++)
            {
                var designation = $"10000{k + 1}";
                await service.RegisterAsync(actor, corporations[k], designation, specialSchedule: k == 2, ct);
                var staff = Enumerable.Range(0, 3).Select(i => new WithholdingEmployeeInput(workers[3 * k + i], $"E{k + 1}{i + 1:D2}", 60_000 + 24_300 * (3 * k + i))).ToList();
                await service.DetermineAsync(actor, designation, year, new DateOnly(year, 5, 15), staff, ct);
                employers++;
                employees += staff.Count;
            }
        }

        if (elders.Count == 6)
        {
            await using (var db = store.CreateContext())
            {
                db.Taxpayers.Add(new Taxpayer
                {
                    TaxpayerNo = PensionPayerNo,
                    Facts = new TaxpayerFacts
                    {
                        PersonKind = PersonKind.Corporation, NameKanji = "日本年金機構", NameKana = "ニホンネンキンキコウ", PostalCode = "1688505",
                        TownName = "東京都杉並区高井戸西", StreetNumber = "3-5-24", RepresentativeTitle = "理事長", RepresentativeName = "年金　太郎",
                        ResidencyStatus = ResidencyStatus.Current,
                    },
                    HistorySeq = 1, EffectiveDate = new DateOnly(2010, 1, 1), CreatedAtUtc = clock.GetUtcNow().UtcDateTime, UpdatedAtUtc = clock.GetUtcNow().UtcDateTime,
                });
                await db.SaveChangesAsync(ct);
            }
            var service = new PensionWithholdings(store, clock);
            await service.RegisterPayerAsync(actor, PensionPayerNo, PensionPayerCode, ct);
            var year = FiscalYearOf(today);
            var inputs = elders.Select((no, i) =>
            {
                var annual = 24_000 + 7_700L * i;
                return new PensionerInput(no, $"{4000000001L + i}-1150", annual, annual / 2 / 100 * 100);
            }).ToList();
            await service.RequestAsync(actor, PensionPayerCode, year, new DateOnly(year, 1, 20), CityAddresses.MunicipalityCode, inputs, ct);
            pensioners = inputs.Count;
            var stopOn = new DateOnly(year, 9, 20);
            if (today > stopOn)
            {
                await service.StopAsync(actor, PensionPayerCode, year, inputs[^1].PensionNo, 3, stopOn, 1, stopOn.AddDays(5), ct);
                stops++;
            }
        }
        return new WithholdingDemoResult(employers, employees, pensioners > 0 ? 1 : 0, pensioners, stops);
    }

    /// <summary>The fiscal year (April–March) of a day.</summary>
    private static int FiscalYearOf(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;
}
