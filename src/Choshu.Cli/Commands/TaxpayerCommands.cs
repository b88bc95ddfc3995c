using System.CommandLine;
using Choshu.App.Privacy;
using Choshu.App.Taxpayers;
using Choshu.Domain.Taxpayers;
using Spectre.Console;
using Choshu.Domain.Labels;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu taxpayer show 宛名番号 [--json]</c>: one taxpayer with assessments and installments (with the 督促日, 差押可能日 and
/// 徴収権消滅日 of each, from <c>ClaimStatus.Of</c>), My Number masked;
/// <c>choshu taxpayer search [--no N] [--notice-no N] [--kana K] [--name N] [--birth-date D] [--address A] [--page P] [--size S] [--json]</c>.
/// Both go through <see cref="PersonalDataGate"/> as the system actor (OS user), which records them in the audit log.
/// </summary>
public static class TaxpayerCommands
{
    public static Command Create(CliContext cli)
    {
        var group = new Command("taxpayer", "宛名（納税義務者）の照会");
        var no = new Argument<string>("宛名番号") { Description = "宛名番号" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var show = new Command("show", "宛名・調定・期別・納付状況・延滞金（本日まで）を表示します（個人番号はマスク。操作ログに記録）") { no, json };
        show.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var taxpayerNo = parse.GetValue(no)!.Trim();
            var d = await new PersonalDataGate(db, cli.Clock).ViewAsync(CliContext.SystemActor, taxpayerNo, ct)
                ?? throw new CliException($"宛名番号 {taxpayerNo} は登録されていません。", 4);
            if (parse.GetValue(json)) cli.WriteJson(d);
            else Print(cli, d);
            return 0;
        });
        group.Subcommands.Add(show);
        group.Subcommands.Add(Search(cli));
        return group;
    }

    private static Command Search(CliContext cli)
    {
        var no = new Option<string?>("--no") { Description = "宛名番号（完全一致）" };
        var notice = new Option<string?>("--notice-no") { Description = "通知書番号（完全一致）" };
        var kana = new Option<string?>("--kana") { Description = "氏名かな（一部。全角・半角カナ、ひらがなのどれでも）" };
        var name = new Option<string?>("--name") { Description = "氏名（漢字、一部）" };
        var birth = new Option<string?>("--birth-date") { Description = "生年月日（YYYY-MM-DD）" };
        var address = new Option<string?>("--address") { Description = "住所（町名・番地・方書の一部）" };
        var phone = new Option<string?>("--phone") { Description = "電話番号（数字が一致するもの。ハイフンは有無を問いません）" };
        var corporate = new Option<string?>("--corporate-number") { Description = "法人番号（13桁、完全一致）" };
        var page = new Option<int>("--page") { Description = "ページ（1から）", DefaultValueFactory = _ => 1 };
        var size = new Option<int>("--size") { Description = $"1ページの件数（既定 {PersonalDataGate.DefaultPageSize}、最大 {PersonalDataGate.MaxPageSize}）", DefaultValueFactory = _ => PersonalDataGate.DefaultPageSize };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var search = new Command("search", "納税義務者を検索します（条件はすべて満たすもの。操作ログに記録）") { no, notice, kana, name, birth, address, phone, corporate, page, size, json };
        search.SetAction(async (parse, ct) =>
        {
            var criteria = new TaxpayerSearchCriteria
            {
                TaxpayerNo = parse.GetValue(no), NoticeNo = parse.GetValue(notice), NameKana = parse.GetValue(kana), NameKanji = parse.GetValue(name),
                BirthDate = parse.GetValue(birth) is { } b ? LateFeeCommand.ParseDate(b, "--birth-date") : null,
                Address = parse.GetValue(address), Phone = parse.GetValue(phone), CorporateNumber = parse.GetValue(corporate),
            };
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var result = await new PersonalDataGate(db, cli.Clock).SearchAsync(CliContext.SystemActor, criteria, parse.GetValue(page), parse.GetValue(size), ct);
            if (parse.GetValue(json)) { cli.WriteJson(result); return 0; }
            cli.Out.WriteLine($"該当 {result.Total:#,0} 件（{result.Page}/{Math.Max(1, result.Pages)} ページ）");
            var table = new Table().Border(TableBorder.Simple).AddColumns("宛名番号", "氏名", "氏名かな", "生年月日", "住所", "現存区分");
            foreach (var t in result.Items)
                table.AddRow(t.TaxpayerNo, Markup.Escape(t.NameKanji), Markup.Escape(t.NameKana), CliContext.Date(t.BirthDate), Markup.Escape(t.Address), JapaneseLabels.Of(t.ResidencyStatus));
            cli.Table().Write(table);
            return 0;
        });
        return search;
    }

    private static void Print(CliContext cli, TaxpayerDetails d)
    {
        var o = cli.Out;
        o.WriteLine($"宛名番号   {d.TaxpayerNo}（履歴 {d.HistorySeq}、適用日 {CliContext.Date(d.EffectiveDate)}）");
        o.WriteLine($"氏名       {d.NameKanji}（{d.NameKana}）{(d.PersonKind == PersonKind.Corporation ? " 法人" : "")}");
        if (d.BirthDate is not null || d.Sex is not null)
            o.WriteLine($"生年月日   {CliContext.Date(d.BirthDate)}  性別 {(d.Sex == Sex.Male ? "男" : d.Sex == Sex.Female ? "女" : "")}");
        o.WriteLine($"住所       {Choshu.Formats.Text.PostalCodeText.Of(d.PostalCode)} {d.Address}".TrimEnd());
        if (d.PhoneNumber is not null) o.WriteLine($"電話番号   {d.PhoneNumber}");
        o.WriteLine($"現存区分   {JapaneseLabels.Of(d.ResidencyStatus)}{(d.HouseholdNo is null ? "" : $"  世帯番号 {d.HouseholdNo}")}");
        o.WriteLine($"個人番号   {d.MyNumber ?? "（登録なし）"}");
        if (d.CorporateNumber is not null) o.WriteLine($"法人番号   {d.CorporateNumber}");
        foreach (var a in d.TaxAgents)
            o.WriteLine($"納税管理人 {a.AgentTaxpayerNo} {a.AgentName}（登録 {CliContext.Date(a.RegisteredOn)}{(a.CancelledOn is null ? "" : $"、取消 {CliContext.Date(a.CancelledOn)}")}）");
        o.WriteLine();

        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("税目", "調定年度", "相当年度", "通知書番号", "期", "納期限", "本税", "納付済", "未納", "延滞金", "督促日", "差押可能日", "徴収権消滅日", "状態");
        foreach (var col in new[] { 4, 6, 7, 8, 9 }) table.Columns[col].RightAligned();
        foreach (var a in d.Assessments)
            foreach (var i in a.Installments)
                table.AddRow(
                    Markup.Escape(a.TaxKindName), a.FiscalYear.ToString(), a.LiabilityYear.ToString(), a.NoticeNo, i.Period.ToString(),
                    CliContext.Date(i.DueDate) + (i.DueDate != i.NominalDueDate ? "*" : ""),
                    CliContext.Yen(i.Principal), CliContext.Yen(i.PrincipalPaid), CliContext.Yen(i.PrincipalBalance),
                    i.LateFee == 0 ? "" : CliContext.Yen(i.LateFee) + (i.LateFeeFinal ? "" : "※"),
                    CliContext.Date(i.ReminderDate), CliContext.Date(i.SeizableFrom), CliContext.Date(i.ClaimLapsesOn),
                    InstallmentStatusWords.Of(i, d => CliContext.Date(d)));
        cli.Table().Write(table);
        o.WriteLine($"* 休日のため納期限を繰り下げ（地方税法20条の5）。※ 延滞金は {CliContext.Date(d.AsOf)} まで計算した見込額（本税完納時に確定）。");
        o.WriteLine("督促日は督促状の発付日、差押可能日はその10日経過後の翌日、徴収権消滅日は徴収権が時効等により消滅する最初の日（事績がなければ法定納期限の翌日から5年）。");
        // The page's totals: installments whose claim has lapsed (時効消滅) are not owed.
        o.WriteLine($"未納本税合計 {CliContext.Yen(d.Totals.PrincipalBalance)} 円、延滞金合計 {CliContext.Yen(d.Totals.LateFee)} 円（{CliContext.Date(d.AsOf)} 現在）");
    }
}
