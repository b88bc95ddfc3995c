using System.CommandLine;
using System.Globalization;
using Choshu.App.Stores;
using Choshu.Domain.Calendar;
using Choshu.Domain.LateFees;
using Choshu.Formats.Calendar;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu late-fee --principal P --due YYYY-MM-DD (--paid D | --payment D:AMOUNT …) [--as-of D] [--json]</c>:
/// the statutory late fee of one installment, with the working shown segment by segment.
/// --due is the nominal due date; the holiday shift is applied here.
/// </summary>
public static class LateFeeCommand
{
    public static Command Create(CliContext cli)
    {
        var principal = new Option<long>("--principal") { Description = "期別の本税額（円）", Required = true };
        var due = new Option<string>("--due") { Description = "納期限（休日繰下げ前、YYYY-MM-DD）", Required = true };
        var paid = new Option<string?>("--paid") { Description = "本税を全額納付した日（YYYY-MM-DD）" };
        var payment = new Option<string[]>("--payment")
        {
            Description = "納付（YYYY-MM-DD:金額）。複数指定可。本税に先に充て、残りを延滞金に充てます",
            AllowMultipleArgumentsPerToken = false,
        };
        var asOf = new Option<string?>("--as-of") { Description = "本税が未完納のとき、この日まで計算します（既定: 本日）" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("late-fee", "延滞金を計算します（地方税法の割合・端数処理による）") { principal, due, paid, payment, asOf, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var p = parse.GetValue(principal);
            if (p < 0) throw new CliException("--principal: 本税額は 0 以上の整数（円）で指定してください。");
            var nominal = ParseDate(parse.GetValue(due)!, "--due");
            var payments = new List<PaymentEvent>();
            if (parse.GetValue(paid) is { } paidText)
                payments.Add(new PaymentEvent(ParseDate(paidText, "--paid"), p));
            foreach (var item in parse.GetValue(payment) ?? [])
                payments.Add(ParsePayment(item));
            if (parse.GetValue(paid) is not null && payments.Count > 1)
                throw new CliException("--paid と --payment は同時に指定できません。");
            var until = parse.GetValue(asOf) is { } a ? ParseDate(a, "--as-of") : JapanTime.Today(cli.Clock);

            var (calendar, rates, source) = await LoadReferenceAsync(cli, parse, ct);
            var effective = calendar.EffectiveDueDate(nominal);
            var r = LateFeeCalculator.Calculate(p, effective, payments.OrderBy(x => x.PaidOn).ToList(), until, rates);
            if (source is not null) cli.Err.WriteLine(source);
            if (parse.GetValue(json)) cli.WriteJson(ToJson(r, nominal));
            else Print(cli, r, nominal);
            return 0;
        });
        return cmd;
    }

    /// <summary>The store's calendar and rates when it is initialised (an administrator may have extended them), else the shipped data.</summary>
    private static async Task<(HolidayCalendar, LateFeeRateTable, string?)> LoadReferenceAsync(CliContext cli, ParseResult parse, CancellationToken ct)
    {
        var store = cli.StoreFrom(parse);
        await using var db = store.CreateContext();
        if (await StoreInitializer.IsReadyAsync(db, ct))
            return (await ReferenceData.LoadCalendarAsync(db, ct), await ReferenceData.LoadRatesAsync(db, ct), null);
        return (BundledCalendarData.HolidayCalendar(), new LateFeeRateTable(BundledCalendarData.LateFeeRates()),
            "注意: データストアが未初期化のため、同梱の祝日・延滞金割合データで計算しました。");
    }

    public static DateOnly ParseDate(string text, string option)
    {
        if (DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return Domain.Calendar.DateBounds.Contains(d) ? d : throw new CliException($"{option}: {Domain.Calendar.DateBounds.DateMessage}");
        throw new CliException($"{option}: 「{text}」は日付として読めません（YYYY-MM-DD）。");
    }

    private static PaymentEvent ParsePayment(string item)
    {
        var parts = item.Split(':', 2);
        if (parts.Length != 2 || !long.TryParse(parts[1].Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            throw new CliException($"--payment: 「{item}」は YYYY-MM-DD:金額 の形式で、金額は正の整数（円）で指定してください。");
        return new PaymentEvent(ParseDate(parts[0], "--payment"), amount);
    }

    public static object ToJson(LateFeeResult r, DateOnly nominal) => new
    {
        principal = r.Principal,
        nominalDueDate = CliContext.Date(nominal),
        effectiveDueDate = CliContext.Date(r.EffectiveDueDate),
        computedTo = CliContext.Date(r.ComputedTo),
        isFinal = r.IsFinal,
        segmentTotal = r.SegmentTotal,
        lateFee = r.LateFee,
        principalPaid = r.PrincipalPaid,
        principalUnpaid = r.PrincipalUnpaid,
        lateFeePaid = r.LateFeePaid,
        lateFeeUnpaid = r.LateFee - r.LateFeePaid,
        overpaid = r.Overpaid,
        segments = r.Segments.Select(s => new
        {
            from = CliContext.Date(s.From),
            to = CliContext.Date(s.To),
            days = s.Days,
            @base = s.Base,
            rate = s.RateBasisPoints / 100m,
            rateBasisPoints = s.RateBasisPoints,
            amount = s.Amount,
        }).ToList(),
    };

    private static void Print(CliContext cli, LateFeeResult r, DateOnly nominal)
    {
        var o = cli.Out;
        o.WriteLine($"本税 {CliContext.Yen(r.Principal)} 円、納期限 {CliContext.Date(nominal)}"
            + (nominal != r.EffectiveDueDate ? $"（休日のため {CliContext.Date(r.EffectiveDueDate)} に繰下げ）" : ""));
        foreach (var s in r.Segments)
            o.WriteLine($"  {CliContext.Date(s.From)}〜{CliContext.Date(s.To)} {s.Days,4} 日  {CliContext.Yen(s.Base),12} 円 × {s.RateBasisPoints / 100m:0.0#}% × {s.Days}/365 = {CliContext.Yen(s.Amount),10} 円");
        o.WriteLine($"  合計 {CliContext.Yen(r.SegmentTotal)} 円 → 延滞金 {CliContext.Yen(r.LateFee)} 円（100円未満切捨て、1,000円未満は0）");
        o.WriteLine(r.IsFinal
            ? $"本税は {CliContext.Date(r.ComputedTo)} に完納: 延滞金は確定です。"
            : $"本税 {CliContext.Yen(r.PrincipalUnpaid)} 円が未納: {CliContext.Date(r.ComputedTo)} までの計算です（完納時に確定）。");
        if (r.LateFeePaid > 0 || r.Overpaid > 0)
            o.WriteLine($"延滞金納付済 {CliContext.Yen(r.LateFeePaid)} 円、過納 {CliContext.Yen(r.Overpaid)} 円");
    }
}
