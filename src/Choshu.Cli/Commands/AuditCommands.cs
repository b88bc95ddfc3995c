using System.CommandLine;
using System.Globalization;
using Choshu.App.Audit;
using Choshu.Data;
using Choshu.Domain.Security;
using Spectre.Console;
using Choshu.Domain.Labels;

namespace Choshu.Cli.Commands;

/// <summary>
/// The 操作ログ for the security officer:
/// <c>choshu audit verify [--anchor ID:HASH]… [--json]</c> walks the hash chain and reports the first broken
/// link (exit 1) or the count and last hash (exit 0);
/// <c>choshu audit review --month YYYY-MM [--json]</c> is the monthly review;
/// <c>choshu audit list [--from D] [--to D] [--user STAFFNO] [--kind N] [--taxpayer NO] [--limit N] [--json]</c>
/// is the log viewer. Each needs the audit right (the system actor holds it; <c>--operator STAFFNO</c> names
/// the security officer instead) and is itself recorded (7001, 7002, 7004).
/// </summary>
public static class AuditCommands
{
    public const int ExitBroken = 1;

    public static Command Create(CliContext cli)
    {
        var group = new Command("audit", "操作ログの検証・月次点検・閲覧");
        group.Subcommands.Add(Verify(cli));
        group.Subcommands.Add(Review(cli));
        group.Subcommands.Add(List(cli));
        return group;
    }

    private static Option<string?> OperatorOption() => new("--operator") { Description = "操作する職員の職員番号（本人の確認が必要: 先に choshu login --operator 職員番号、または --prompt-credentials。省略時は OS ユーザーのシステム利用者として記録）" };

    private static async Task<App.Security.Actor> ActorAsync(CliContext cli, ChoshuDbContext db, ParseResult parse, Option<string?> op, CancellationToken ct) =>
        parse.GetValue(op) is { Length: > 0 } staffNo ? await cli.OperatorAsync(db, staffNo, ct) : CliContext.SystemActor;

    private static Command Verify(CliContext cli)
    {
        var anchor = new Option<string[]>("--anchor") { Description = "控えておいた「番号:ハッシュ」（月次点検が表示するもの）。その番号のハッシュが変わっていないかも確かめます", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var op = OperatorOption();
        var cmd = new Command("verify", "操作ログのハッシュの連鎖を先頭から検証し、最初の破損箇所を報告します（破損があれば終了コード 1）") { anchor, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var anchors = (parse.GetValue(anchor) ?? []).Select(AuditAnchor.Parse).ToList();
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await ActorAsync(cli, db, parse, op, ct);
            var v = await AuditVerifier.VerifyAndRecordAsync(db, actor, anchors, cli.Clock, ct);
            if (parse.GetValue(json))
                cli.WriteJson(new
                {
                    intact = v.Intact, count = v.Count, lastId = v.LastId, lastHash = v.LastHash,
                    firstBreak = v.FirstBreak is { } b ? new { id = b.Id, kind = b.Kind, message = b.Message } : null,
                });
            else if (v.FirstBreak is { } b)
            {
                cli.Out.WriteLine($"操作ログの破損を検出しました: {b.Id} 番 — {b.Message}");
                cli.Out.WriteLine($"1 番から {v.LastId} 番までの {v.Count:#,0} 件は正常です。");
            }
            else
                cli.Out.WriteLine($"操作ログは正常です: {v.Count:#,0} 件（1〜{v.LastId} 番）、最終ハッシュ {v.LastHash}");
            return v.Intact ? 0 : ExitBroken;
        });
        return cmd;
    }

    private static Command Review(CliContext cli)
    {
        var month = new Option<string>("--month") { Description = "点検する月（YYYY-MM、日本時間）", Required = true };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var op = OperatorOption();
        var cmd = new Command("review", "セキュリティ責任者の月次点検: 時間外の操作、多数の照会、活動のない照会、個人番号の表示、ログイン失敗、失効権限・権限外の操作") { month, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var period = AuditPeriod.Month(parse.GetValue(month)!);
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await ActorAsync(cli, db, parse, op, ct);
            var r = await AuditReview.RunAsync(db, actor, period, cli.Clock, ct);
            if (parse.GetValue(json)) cli.WriteJson(r);
            else PrintReview(cli, r);
            return 0;
        });
        return cmd;
    }

    private static void PrintReview(CliContext cli, AuditReviewReport r)
    {
        var o = cli.Out;
        o.WriteLine($"操作ログ月次点検 {r.Month}（日本時間、記録 {r.EventCount:#,0} 件）");
        o.WriteLine($"業務時間 {r.WorkingHours}（平日。土日・祝日・年末年始は終日時間外）、多数照会のしきい値 1人1日 {r.DailyTaxpayerThreshold:#,0} 人");
        o.WriteLine();
        Section(cli, "1. 業務時間外の操作", r.OutsideHours.Count, () => Lines(cli, r.OutsideHours.Select(x => (x.Event, (string?)x.Reason))));
        Section(cli, $"2. 多数の納税義務者の照会（1人1日 {r.DailyTaxpayerThreshold:#,0} 人超）", r.HeavyLookups.Count, () =>
        {
            var t = new Table().Border(TableBorder.Simple).AddColumns("日付", "利用者", "照会した人数", "照会の記録数");
            foreach (var h in r.HeavyLookups)
                t.AddRow(CliContext.Date(h.Day), Markup.Escape(h.ActorName), h.DistinctTaxpayers.ToString("#,0", CultureInfo.InvariantCulture), h.Lookups.ToString("#,0", CultureInfo.InvariantCulture));
            cli.Table().Write(t);
        });
        Section(cli, "3. 事案・収納・仕訳のない納税義務者の照会", r.LookupsWithoutActivity.Count, () =>
        {
            var t = new Table().Border(TableBorder.Simple).AddColumns("宛名番号", "照会回数", "照会した利用者", "最初の照会");
            foreach (var l in r.LookupsWithoutActivity)
                t.AddRow(l.TaxpayerNo, l.Lookups.ToString(CultureInfo.InvariantCulture), Markup.Escape(string.Join("、", l.ActorNames)), l.FirstAtJst);
            cli.Table().Write(t);
        });
        Section(cli, "4. 個人番号の表示・個人番号による検索", r.MyNumberAccess.Count, () => Lines(cli, r.MyNumberAccess.Select(e => (e, (string?)null))));
        Section(cli, "5. ログイン失敗（ロック、確認コードの再使用、再認証失敗を含む）", r.FailedLogins.Count, () => Lines(cli, r.FailedLogins.Select(e => (e, (string?)null))));
        Section(cli, "6. 失効した権限での操作", r.LapsedRightsAttempts.Count, () => Lines(cli, r.LapsedRightsAttempts.Select(e => (e, (string?)null))));
        Section(cli, "7. その他の権限外の操作", r.OtherDenials.Count, () => Lines(cli, r.OtherDenials.Select(e => (e, (string?)null))));
        o.WriteLine($"この点検は操作ログ {r.ReviewRecordId} 番に記録しました。台帳に控えてください（audit verify --anchor {r.ReviewRecordId}:{r.ReviewRecordHash}）。");
    }

    private static void Section(CliContext cli, string title, int count, Action print)
    {
        cli.Out.WriteLine($"{title}: {count:#,0} 件");
        if (count > 0) print();
        cli.Out.WriteLine();
    }

    private static void Lines(CliContext cli, IEnumerable<(AuditLine Line, string? Reason)> lines)
    {
        var t = new Table().Border(TableBorder.Simple).AddColumns("番号", "日時（日本時間）", "利用者", "端末", "操作", "結果", "宛名番号", "利用目的", "内容");
        foreach (var (l, reason) in lines)
            t.AddRow(l.Id.ToString(CultureInfo.InvariantCulture), l.OccurredAtJst[..19].Replace('T', ' '), Markup.Escape(l.ActorName), Markup.Escape(l.Terminal),
                Markup.Escape($"{(int)l.Kind} {l.KindName}"), JapaneseLabels.Of(l.Outcome), l.TaxpayerNo ?? "", Markup.Escape(l.Purpose ?? ""),
                Markup.Escape((reason is null ? "" : $"[{reason}] ") + (l.Detail ?? "")));
        cli.Table().Write(t);
    }

    private static Command List(CliContext cli)
    {
        var from = new Option<string?>("--from") { Description = "この日から（YYYY-MM-DD、日本時間）" };
        var to = new Option<string?>("--to") { Description = "この日まで（YYYY-MM-DD、日本時間、この日を含む）" };
        var user = new Option<string?>("--user") { Description = "利用者（職員番号、またはシステム利用者名 system:cli:OSユーザー）" };
        var kind = new Option<string?>("--kind") { Description = "操作の種類（番号、例: 2002）" };
        var taxpayer = new Option<string?>("--taxpayer") { Description = "宛名番号" };
        var limit = new Option<int>("--limit") { Description = $"表示する最大件数（既定 {AuditListQuery.DefaultLimit:#,0}）", DefaultValueFactory = _ => AuditListQuery.DefaultLimit };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var op = OperatorOption();
        var cmd = new Command("list", "操作ログを条件で絞り込んで表示します（古い順。閲覧も記録されます）") { from, to, user, kind, taxpayer, limit, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var filter = new AuditListFilter(
                parse.GetValue(from) is { } f ? LateFeeCommand.ParseDate(f, "--from") : null,
                parse.GetValue(to) is { } t ? LateFeeCommand.ParseDate(t, "--to") : null,
                parse.GetValue(user)?.Trim(),
                parse.GetValue(kind) is { } k ? ParseKind(k) : null,
                parse.GetValue(taxpayer)?.Trim());
            var max = parse.GetValue(limit);
            if (max < 1) throw new CliException("--limit は 1 以上で指定してください。");
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await ActorAsync(cli, db, parse, op, ct);
            var result = await AuditListQuery.LoadAsync(db, actor, filter, max, cli.Clock, ct);
            if (parse.GetValue(json)) { cli.WriteJson(new { lines = result.Lines, truncated = result.Truncated }); return 0; }
            cli.Out.WriteLine($"{result.Lines.Count:#,0} 件{(result.Truncated ? $"（{max:#,0} 件を超えるため以降は省略。条件を絞るか --limit を増やしてください）" : "")}");
            if (result.Lines.Count > 0) Lines(cli, result.Lines.Select(l => (l, (string?)null)));
            return 0;
        });
        return cmd;
    }

    private static AuditEventKind ParseKind(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && Enum.IsDefined(typeof(AuditEventKind), n))
            return (AuditEventKind)n;
        if (Enum.TryParse<AuditEventKind>(text, ignoreCase: true, out var k) && Enum.IsDefined(k)) return k;
        throw new CliException($"--kind: 操作の種類「{text}」はありません（番号で指定。一覧は docs/security.md）。");
    }

}
