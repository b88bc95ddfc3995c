using System.CommandLine;
using Choshu.App.Stores;
using Choshu.Domain;
using Choshu.Domain.Refunds;
using Choshu.Formats.Calendar;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu refund-interest --amount A --cause reduction|request|income-tax|erroneous --paid D --decided D
/// [--requested D --corrected D] [--income-tax-notice D] [--notified D --claimed D] [--json]</c>:
/// the refund interest (還付加算金) on one overpayment, with the working shown year by year.
/// --decided is the 支出決定日 of the refund (or the 充当適状日 of an appropriation): the last day counted.
/// </summary>
public static class RefundInterestCommand
{
    public static Command Create(CliContext cli)
    {
        var amount = new Option<long>("--amount") { Description = "過誤納金の額（円）", Required = true };
        var cause = new Option<string>("--cause") { Description = "事由: reduction（賦課決定・更正による減額）, request（更正の請求による更正）, income-tax（所得税の更正等に基因）, erroneous（誤納）", Required = true };
        var paid = new Option<string>("--paid") { Description = "納付日（YYYY-MM-DD）", Required = true };
        var decided = new Option<string>("--decided") { Description = "還付の支出決定日または充当適状日（YYYY-MM-DD）", Required = true };
        var requested = new Option<string?>("--requested") { Description = "更正の請求日（request のとき）" };
        var corrected = new Option<string?>("--corrected") { Description = "更正日（request のとき）" };
        var incomeTax = new Option<string?>("--income-tax-notice") { Description = "所得税の更正の通知日（income-tax のとき）" };
        var notified = new Option<string?>("--notified") { Description = "過誤納の通知を発した日（17条の4第2項）" };
        var claimed = new Option<string?>("--claimed") { Description = "還付請求の日（17条の4第2項）" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("refund-interest", "還付加算金を計算します（地方税法17条の4の割合・起算日・端数処理による）")
        {
            amount, cause, paid, decided, requested, corrected, incomeTax, notified, claimed, json,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var a = parse.GetValue(amount);
            if (a < 0) throw new CliException("--amount: 過誤納金の額は 0 以上の整数（円）で指定してください。");
            var c = ParseCause(parse.GetValue(cause)!);
            var paidOn = LateFeeCommand.ParseDate(parse.GetValue(paid)!, "--paid");
            var end = LateFeeCommand.ParseDate(parse.GetValue(decided)!, "--decided");
            DateOnly? Opt(Option<string?> o, string name) => parse.GetValue(o) is { } t ? LateFeeCommand.ParseDate(t, name) : null;
            var dates = new RefundInterestDates(
                Opt(requested, "--requested"), Opt(corrected, "--corrected"), Opt(incomeTax, "--income-tax-notice"),
                Opt(notified, "--notified"), Opt(claimed, "--claimed"));
            if (dates.NotifiedOn is null != dates.ClaimedOn is null)
                throw new CliException("--notified と --claimed は両方を指定してください。");
            if (end < paidOn)
                throw new CliException("--decided: 支出決定日（充当適状日）が納付日より前です。");

            var (rates, source) = await LoadRatesAsync(cli, parse, ct);
            RefundInterestResult r;
            try
            {
                r = RefundInterestCalculator.Compute(a, c, paidOn, end, rates, dates);
            }
            catch (DomainException e)
            {
                throw new CliException(e.Message);
            }

            if (source is not null) cli.Err.WriteLine(source);
            if (parse.GetValue(json)) cli.WriteJson(ToJson(r));
            else Print(cli, r);
            return 0;
        });
        return cmd;
    }

    /// <summary>The store's rates when it is initialised (an administrator may have extended them), else the shipped data.</summary>
    private static async Task<(RefundInterestRateTable, string?)> LoadRatesAsync(CliContext cli, ParseResult parse, CancellationToken ct)
    {
        var store = cli.StoreFrom(parse);
        await using var db = store.CreateContext();
        if (await StoreInitializer.IsReadyAsync(db, ct))
            return (await ReferenceData.LoadRefundInterestRatesAsync(db, ct), null);
        return (new RefundInterestRateTable(BundledCalendarData.RefundInterestRates()),
            "注意: データストアが未初期化のため、同梱の還付加算金割合データで計算しました。");
    }

    public static RefundInterestCause ParseCause(string text) => text.Trim() switch
    {
        "reduction" or "1" => RefundInterestCause.Reduction,
        "request" or "2" => RefundInterestCause.Request,
        "income-tax" or "3" => RefundInterestCause.IncomeTax,
        "erroneous" or "4" => RefundInterestCause.Erroneous,
        _ => throw new CliException($"--cause: 「{text}」は事由として読めません（reduction, request, income-tax, erroneous のいずれか）。"),
    };

    public static string CauseName(RefundInterestCause c) => c switch
    {
        RefundInterestCause.Reduction => "reduction",
        RefundInterestCause.Request => "request",
        RefundInterestCause.IncomeTax => "income-tax",
        _ => "erroneous",
    };

    public static object ToJson(RefundInterestResult r) => new
    {
        amount = r.Amount,
        @base = r.Base,
        cause = CauseName(r.Cause),
        startDate = CliContext.Date(r.StartDate),
        endDate = CliContext.Date(r.EndDate),
        excludedFrom = r.ExcludedFrom is { } f ? CliContext.Date(f) : null,
        excludedTo = r.ExcludedTo is { } t ? CliContext.Date(t) : null,
        days = r.Days,
        rawTotal = r.RawTotal,
        refundInterest = r.Interest,
        segments = r.Segments.Select(s => new
        {
            from = CliContext.Date(s.From),
            to = CliContext.Date(s.To),
            days = s.Days,
            @base = s.Base,
            rate = s.RateBasisPoints / 100m,
            rateBasisPoints = s.RateBasisPoints,
            amount = Math.Round(s.RawAmount, 2),
        }).ToList(),
    };

    private static void Print(CliContext cli, RefundInterestResult r)
    {
        var o = cli.Out;
        o.WriteLine($"過誤納金 {CliContext.Yen(r.Amount)} 円（計算の基礎 {CliContext.Yen(r.Base)} 円）、起算日 {CliContext.Date(r.StartDate)}、終期 {CliContext.Date(r.EndDate)}");
        if (r.ExcludedFrom is { } xf && r.ExcludedTo is { } xt)
            o.WriteLine($"  除算期間 {CliContext.Date(xf)}〜{CliContext.Date(xt)}（通知後30日を過ぎた請求: 17条の4第2項）");
        foreach (var s in r.Segments)
            o.WriteLine($"  {CliContext.Date(s.From)}〜{CliContext.Date(s.To)} {s.Days,4} 日  {CliContext.Yen(s.Base),12} 円 × {s.RateBasisPoints / 100m:0.0#}% × {s.Days}/365 = {s.RawAmount,12:#,##0.00} 円");
        o.WriteLine($"  合計 {CliContext.Yen(r.RawTotal)} 円 → 還付加算金 {CliContext.Yen(r.Interest)} 円（100円未満切捨て、1,000円未満は0）");
    }
}
