using Choshu.Domain.Assessments;
using Choshu.Domain.Calendar;

namespace Choshu.App.Seeding;

/// <summary>
/// When the synthetic city issues one tax kind in one fiscal year (April–March): the notice date (the
/// value date of the charge) and the installments' nominal due dates, each shifted by the holiday
/// calendar (地方税法20条の5) to the due date that applies.
/// <list type="bullet">
/// <item>市民税 (01): notice 10 June; due end of June, August, October and the next January.</item>
/// <item>固定資産税 (02): notice 1 April; due end of April, July, December and the next February.</item>
/// <item>軽自動車税 (03): notice 1 May; due end of May.</item>
/// <item>法人市民税 (04): filed and charged on its due date, end of May.</item>
/// </list>
/// </summary>
public sealed record TaxSchedule(string TaxKindCode, int FiscalYear, DateOnly NoticeDate, IReadOnlyList<DateOnly> NominalDueDates, IReadOnlyList<DateOnly> DueDates)
{
    /// <summary>The tax kinds the synthetic city assesses, in the order it writes them.</summary>
    public static readonly IReadOnlyList<string> Kinds =
        [TaxKindCodes.InhabitantTax, TaxKindCodes.FixedAssetTax, TaxKindCodes.LightVehicleTax, TaxKindCodes.CorporateInhabitantTax];

    public int Periods => DueDates.Count;

    public static TaxSchedule For(string taxKindCode, int fiscalYear, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var nominal = NominalDueDatesFor(taxKindCode, fiscalYear);
        var due = nominal.Select(calendar.EffectiveDueDate).ToArray();
        var notice = taxKindCode switch
        {
            TaxKindCodes.InhabitantTax => new DateOnly(fiscalYear, 6, 10),
            TaxKindCodes.FixedAssetTax => new DateOnly(fiscalYear, 4, 1),
            TaxKindCodes.LightVehicleTax => new DateOnly(fiscalYear, 5, 1),
            _ => due[0],
        };
        return new TaxSchedule(taxKindCode, fiscalYear, notice, nominal, due);
    }

    /// <summary>The nominal due dates (納期限 as printed in the notice) of <paramref name="taxKindCode"/> in <paramref name="fiscalYear"/>.</summary>
    public static IReadOnlyList<DateOnly> NominalDueDatesFor(string taxKindCode, int fiscalYear) => taxKindCode switch
    {
        TaxKindCodes.InhabitantTax => [EndOf(fiscalYear, 6), EndOf(fiscalYear, 8), EndOf(fiscalYear, 10), EndOf(fiscalYear + 1, 1)],
        TaxKindCodes.FixedAssetTax => [EndOf(fiscalYear, 4), EndOf(fiscalYear, 7), EndOf(fiscalYear, 12), EndOf(fiscalYear + 1, 2)],
        TaxKindCodes.LightVehicleTax => [EndOf(fiscalYear, 5)],
        TaxKindCodes.CorporateInhabitantTax => [EndOf(fiscalYear, 5)],
        _ => throw new ArgumentOutOfRangeException(nameof(taxKindCode), taxKindCode, "The synthetic city has no schedule for this tax kind."),
    };

    /// <summary>The fiscal year (年度, April–March) a day belongs to.</summary>
    public static int FiscalYearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    private static DateOnly EndOf(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));
}
