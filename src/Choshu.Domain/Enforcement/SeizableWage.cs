namespace Choshu.Domain.Enforcement;

/// <summary>What kind of pay a wage seizure is computed for (not stored).</summary>
public enum WagePayKind
{
    /// <summary>給料等 (76条1項): a salary for a pay period of <see cref="WageSeizureInput.PeriodMonths"/> months and <see cref="WageSeizureInput.PeriodDays"/> days.</summary>
    Salary = 1,
    /// <summary>賞与 (76条3項): computed as a salary whose pay period is one month.</summary>
    Bonus = 2,
    /// <summary>退職手当 (76条4項): its own protected amount (3 months of item 4, plus 20% of item 4 per year of service beyond 5).</summary>
    Retirement = 3,
    /// <summary>年金 (77条1項: 退職年金・老齢年金 etc. are 給料等): as <see cref="Salary"/> with the pension's pay period (usually 2 months).</summary>
    Pension = 4,
    /// <summary>退職一時金 (77条1項: treated as 退職手当等): as <see cref="Retirement"/>.</summary>
    PensionLumpSum = 5,
}

/// <summary>
/// One pay to compute the protected amount for. <paramref name="Gross"/> is the pay before deductions; <paramref name="IncomeTax"/>,
/// <paramref name="ResidentTax"/>, <paramref name="SocialInsurance"/> are items (1)–(3) of 76条1項 withheld from it;
/// <paramref name="Dependants"/> the relatives living on the same income (生計を一にする親族). The pay period (salary, pension) is
/// <paramref name="PeriodMonths"/> whole months plus <paramref name="PeriodDays"/> days (a weekly pay: 0 months 7 days; a daily pay:
/// 0 and 1). <paramref name="ServiceYears"/> (retirement pay): the years of service, a part year counted as a whole year (the caller
/// rounds up). <paramref name="Consented"/> (76条5項): the amount the person agreed in writing may be seized (0: no consent).
/// </summary>
public sealed record WageSeizureInput(
    long Gross,
    long IncomeTax,
    long ResidentTax,
    long SocialInsurance,
    int Dependants,
    WagePayKind Kind = WagePayKind.Salary,
    int PeriodMonths = 1,
    int PeriodDays = 0,
    int ServiceYears = 0,
    long Consented = 0);

/// <summary>
/// The protected amount of one pay, item by item: <see cref="Deductions"/> (1)+(2)+(3); <see cref="Living"/> item (4) for the pay
/// period (for retirement pay: 3 months of it plus the service years' part); <see cref="Extra"/> item (5) after the cap
/// (<see cref="ExtraUncapped"/> before it, <see cref="Capped"/> when the cap hit; 0 for retirement pay).
/// <see cref="Protected"/> + <see cref="Seizable"/> = <see cref="Gross"/>. <see cref="SeizableByRule"/> is what the rule alone allows;
/// <see cref="Seizable"/> is more only with consent (<see cref="ConsentApplied"/>).
/// </summary>
public sealed record WageSeizureResult(
    WagePayKind Kind,
    long Gross,
    long Deductions,
    long Living,
    long ExtraUncapped,
    long Extra,
    bool Capped,
    long SeizableByRule,
    bool ConsentApplied,
    long Protected,
    long Seizable);

/// <summary>
/// The protected wage rule (差押禁止額, 国税徴収法76条・77条, 同法施行令34条), applied to local tax through 地方税法's 滞納処分の例.
/// Pure. For a salary (and a pension, 77条):
/// protected = (1) income tax + (2) resident tax + (3) social insurance + (4) the living allowance for the pay period
/// + (5) 20% of (gross − (1) − (2) − (3) − (4)), yen below 1 dropped, item (5) at most twice item (4); seizable = gross − protected.
/// Item (4) (施行令34条): 100,000 yen per month of the pay period plus 45,000 yen per dependant; the days of a period that are not a
/// whole month count 3,340 yen a day plus 1,500 yen per dependant a day (so a weekly pay's item (4) with no dependant is 7 × 3,340 =
/// 23,380 yen). A bonus (76条3項) is computed as a salary of a one-month period. Retirement pay (76条4項, and a pension lump sum, 77条):
/// protected = (1)+(2)+(3) + 3 × the one-month item (4) + for each year of service beyond 5, 20% of the one-month item (4); no item (5).
/// Consent (76条5項): the person may agree in writing to more: seizable = the larger of the rule's amount and the agreed amount, never more
/// than the pay after (1)–(3) (what the payer actually owes).
/// </summary>
public static class SeizableWage
{
    /// <summary>Item (4) per month of the pay period (施行令34条).</summary>
    public const long MonthlyBase = 100_000;
    /// <summary>… plus this per dependant per month.</summary>
    public const long MonthlyPerDependant = 45_000;
    /// <summary>Item (4) per day of a part month (施行令34条).</summary>
    public const long DailyBase = 3_340;
    /// <summary>… plus this per dependant per day.</summary>
    public const long DailyPerDependant = 1_500;
    /// <summary>Item (5) is this percentage of the rest …</summary>
    public const int ExtraPercent = 20;
    /// <summary>… at most this many times item (4).</summary>
    public const int ExtraCapTimes = 2;
    /// <summary>Retirement pay: this many months of item (4) …</summary>
    public const int RetirementMonths = 3;
    /// <summary>… plus, per year of service beyond this many, <see cref="RetirementYearPercent"/>% of the one-month item (4).</summary>
    public const int RetirementFreeYears = 5, RetirementYearPercent = 20;

    /// <summary>Item (4) for a pay period of <paramref name="months"/> months and <paramref name="days"/> days.</summary>
    public static long Living(int dependants, int months, int days) =>
        months * (MonthlyBase + MonthlyPerDependant * dependants) + days * (DailyBase + DailyPerDependant * dependants);

    public static WageSeizureResult Compute(WageSeizureInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        NotNegative(input.Gross, "支給額（--gross）");
        NotNegative(input.IncomeTax, "所得税（--income-tax）");
        NotNegative(input.ResidentTax, "住民税（--resident-tax）");
        NotNegative(input.SocialInsurance, "社会保険料（--social-insurance）");
        NotNegative(input.Consented, "承諾額（--consent）");
        if (input.Dependants is < 0 or > 50)
            throw new DomainException("wage.dependants", "生計を一にする親族の数（--dependants）は 0 以上 50 以下で指定してください。");
        if (input.PeriodMonths is < 0 or > 12 || input.PeriodDays is < 0 or > 31 || (input.PeriodMonths == 0 && input.PeriodDays == 0))
            throw new DomainException("wage.period", "支給期間（--period）は 1日〜12か月 で指定してください（例: 1m、2m、7d、1d）。");
        if (input.ServiceYears is < 0 or > 80)
            throw new DomainException("wage.service_years", "勤続年数（--service-years）は 0 以上 80 以下で指定してください。");
        var deductions = input.IncomeTax + input.ResidentTax + input.SocialInsurance;
        if (deductions > input.Gross)
            throw new DomainException("wage.deductions_exceed_gross",
                $"所得税・住民税・社会保険料の合計 {deductions:N0}円 が支給額 {input.Gross:N0}円 を超えています。入力を確かめてください。");

        long living, extraUncapped = 0, extra = 0;
        var capped = false;
        switch (input.Kind)
        {
            case WagePayKind.Retirement or WagePayKind.PensionLumpSum:
                var month = Living(input.Dependants, 1, 0);
                living = RetirementMonths * month + Math.Max(0, input.ServiceYears - RetirementFreeYears) * (month * RetirementYearPercent / 100);
                break;
            default:
                living = input.Kind == WagePayKind.Bonus ? Living(input.Dependants, 1, 0) : Living(input.Dependants, input.PeriodMonths, input.PeriodDays);
                extraUncapped = Math.Max(0, input.Gross - deductions - living) * ExtraPercent / 100;
                extra = Math.Min(extraUncapped, ExtraCapTimes * living);
                capped = extra < extraUncapped;
                break;
        }
        var protectedByRule = Math.Min(input.Gross, deductions + living + extra);
        var byRule = input.Gross - protectedByRule;
        var seizable = byRule;
        var consent = false;
        if (input.Consented > byRule)
        {
            seizable = Math.Min(input.Consented, input.Gross - deductions);
            consent = seizable > byRule;
        }
        return new WageSeizureResult(input.Kind, input.Gross, deductions, living, extraUncapped, extra, capped, byRule, consent, input.Gross - seizable, seizable);
    }

    /// <summary>The computation in Japanese, one line per item, as the 債権差押通知書 and the CLI print it.</summary>
    public static IReadOnlyList<string> Explain(WageSeizureResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        List<string> lines =
        [
            $"支給額 {r.Gross:N0}円",
            $"(1)〜(3) 所得税・住民税・社会保険料 {r.Deductions:N0}円",
            r.Kind is WagePayKind.Retirement or WagePayKind.PensionLumpSum
                ? $"(4) 生計費（施行令34条の額の3月分＋勤続5年超の年数×20%、76条4項） {r.Living:N0}円"
                : $"(4) 生計費（施行令34条、支給期間に応じた額） {r.Living:N0}円",
        ];
        if (r.Kind is not (WagePayKind.Retirement or WagePayKind.PensionLumpSum))
            lines.Add($"(5) 体面維持費（残額の20%{(r.Capped ? $"、(4)の2倍 {2 * r.Living:N0}円 が上限" : "")}） {r.Extra:N0}円");
        lines.Add($"差押禁止額 {r.Protected:N0}円");
        lines.Add($"差押可能額 {r.Seizable:N0}円{(r.ConsentApplied ? $"（滞納者の承諾による。法定の差押可能額は {r.SeizableByRule:N0}円、76条5項）" : "")}");
        return lines;
    }

    private static void NotNegative(long value, string field)
    {
        if (value < 0) throw new DomainException("wage.negative", $"{field}は 0 以上の整数（円）で指定してください。");
    }
}
