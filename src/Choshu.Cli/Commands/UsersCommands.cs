using System.CommandLine;
using System.Globalization;
using System.Text;
using Choshu.App.Accounts;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Choshu.Domain.Labels;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu users add|grant|revoke|expire|list|review|password|reset-2fa</c>: user IDs and their
/// dated rights (seed III-3 リスク2). Every change acts as the system actor with the OS user and is
/// written to the 操作ログ (6000–6004, 1010, 1011). Nothing here prints a password except
/// <c>users add</c>, which prints the one-time initial password once, to stdout only.
/// </summary>
public static class UsersCommands
{
    public static Command Create(CliContext cli)
    {
        var group = new Command("users", "利用者IDと権限（個人ごとのID、有効期間つきの権限、年1回の棚卸し）");
        group.Subcommands.Add(Add(cli));
        group.Subcommands.Add(Grant(cli));
        group.Subcommands.Add(Revoke(cli));
        group.Subcommands.Add(Expire(cli));
        group.Subcommands.Add(List(cli));
        group.Subcommands.Add(Review(cli));
        group.Subcommands.Add(Password(cli));
        group.Subcommands.Add(ResetTwoFactor(cli));
        group.Subcommands.Add(Units(cli));
        group.Subcommands.Add(UnitName(cli));
        return group;
    }

    private static Argument<string> StaffNoArgument() => new("STAFFNO") { Description = "職員番号" };

    private static Command Add(CliContext cli)
    {
        var staffNo = new Option<string>("--staff-no") { Description = "職員番号（半角数字 5〜10 桁、人事の職員番号）", Required = true };
        var name = new Option<string>("--name") { Description = "氏名（本人の氏名。共用・汎用の名前は登録できません）", Required = true };
        var department = new Option<string>("--department") { Description = "課コード（半角英数字 1〜10 文字）", Required = true };
        var section = new Option<string>("--section") { Description = "係コード（半角英数字 1〜10 文字）", Required = true };
        var validFrom = new Option<string?>("--valid-from") { Description = "利用者IDの有効開始日（YYYY-MM-DD、省略時は今日）" };
        var cmd = new Command("add", "利用者IDを登録し、初期パスワードを一度だけ表示します") { staffNo, name, department, section, validFrom };
        cmd.SetAction(async (parse, ct) =>
        {
            var from = parse.GetValue(validFrom) is { } f ? LateFeeCommand.ParseDate(f, "--valid-from") : (DateOnly?)null;
            return await WithServicesAsync(cli, parse, ct, async sp =>
            {
                var created = await sp.GetRequiredService<AccountAdministration>().CreateAsync(
                    new NewAccount(parse.GetValue(staffNo)!, parse.GetValue(name)!, parse.GetValue(department)!, parse.GetValue(section)!, from),
                    CliContext.SystemActor, ct);
                cli.Out.WriteLine($"利用者ID {created.StaffNo} を登録しました（有効開始 {CliContext.Date(created.ValidFrom)}）。権限はまだありません: users grant で付与してください。");
                cli.Out.WriteLine("初期パスワード（この一度だけ表示します。本人に直接渡してください。初回ログインで本人が変更し、二要素認証を登録します）:");
                cli.Out.WriteLine(created.InitialPassword);
                return 0;
            });
        });
        return cmd;
    }

    private static Command Grant(CliContext cli)
    {
        var staffNo = StaffNoArgument();
        var role = new Option<string>("--role") { Description = $"権限（{RoleList()}）", Required = true };
        var from = new Option<string>("--from") { Description = "有効開始日（YYYY-MM-DD）", Required = true };
        var to = new Option<string?>("--to") { Description = "有効終了日（YYYY-MM-DD、この日まで有効。省略時は期限なし）" };
        var cmd = new Command("grant", "権限を期間を定めて付与します") { staffNo, role, from, to };
        cmd.SetAction(async (parse, ct) =>
        {
            var r = ParseRole(parse.GetValue(role)!);
            var f = LateFeeCommand.ParseDate(parse.GetValue(from)!, "--from");
            var t = parse.GetValue(to) is { } tt ? LateFeeCommand.ParseDate(tt, "--to") : (DateOnly?)null;
            return await WithServicesAsync(cli, parse, ct, async sp =>
            {
                var g = await sp.GetRequiredService<AccountAdministration>().GrantAsync(parse.GetValue(staffNo)!, r, f, t, CliContext.SystemActor, ct);
                cli.Out.WriteLine($"職員番号 {parse.GetValue(staffNo)!.Trim()} に{JapaneseLabels.Of(r)}を付与しました（{CliContext.Date(g.ValidFrom)}〜{(g.ValidTo is null ? "期限なし" : CliContext.Date(g.ValidTo))}、付与番号 {g.Id}）。");
                return 0;
            });
        });
        return cmd;
    }

    private static Command Revoke(CliContext cli)
    {
        var staffNo = StaffNoArgument();
        var role = new Option<string>("--role") { Description = $"権限（{RoleList()}）", Required = true };
        var reason = new Option<string>("--reason") { Description = "取消の理由（必須、記録に残ります）", Required = true };
        var cmd = new Command("revoke", "権限を直ちに取り消します（記録は残ります）") { staffNo, role, reason };
        cmd.SetAction(async (parse, ct) =>
        {
            var r = ParseRole(parse.GetValue(role)!);
            return await WithServicesAsync(cli, parse, ct, async sp =>
            {
                var n = await sp.GetRequiredService<AccountAdministration>().RevokeAsync(parse.GetValue(staffNo)!, r, parse.GetValue(reason)!, CliContext.SystemActor, ct);
                cli.Out.WriteLine($"職員番号 {parse.GetValue(staffNo)!.Trim()} の{JapaneseLabels.Of(r)}を取り消しました（{n} 件）。");
                return 0;
            });
        });
        return cmd;
    }

    private static Command Expire(CliContext cli)
    {
        var staffNo = StaffNoArgument();
        var on = new Option<string>("--on") { Description = "異動・退職の発令日（YYYY-MM-DD）。権限はその前日までで終わります", Required = true };
        var department = new Option<string?>("--department") { Description = "異動先の課コード（--section と一緒に。指定すると異動、省略すると退職・転出）" };
        var section = new Option<string?>("--section") { Description = "異動先の係コード" };
        var cmd = new Command("expire", "異動・退職: すべての権限を発令日の前日で終了します（退職・転出は利用者IDも）") { staffNo, on, department, section };
        cmd.SetAction(async (parse, ct) =>
        {
            var d = LateFeeCommand.ParseDate(parse.GetValue(on)!, "--on");
            var dept = parse.GetValue(department);
            var sect = parse.GetValue(section);
            if (string.IsNullOrWhiteSpace(dept) != string.IsNullOrWhiteSpace(sect))
                throw new CliException("異動は --department と --section の両方を指定します（退職・転出はどちらも指定しません）。");
            return await WithServicesAsync(cli, parse, ct, async sp =>
            {
                var r = await sp.GetRequiredService<AccountAdministration>().ExpireAsync(parse.GetValue(staffNo)!, d, dept, sect, CliContext.SystemActor, ct);
                cli.Out.WriteLine(r.Transfer
                    ? $"異動: 職員番号 {r.StaffNo} の権限 {r.GrantsEnded} 件を {CliContext.Date(r.LastDay)} で終了しました（開始前の権限 {r.GrantsWithdrawn} 件は失効）。課・係を {dept!.Trim()}・{sect!.Trim()} にしました。新しい権限は users grant で付与してください。"
                    : $"退職・転出: 職員番号 {r.StaffNo} の利用者IDと権限 {r.GrantsEnded} 件を {CliContext.Date(r.LastDay)} で終了しました（開始前の権限 {r.GrantsWithdrawn} 件は失効）。{CliContext.Date(r.LastDay.AddDays(1))} からログインできません。");
                return 0;
            });
        });
        return cmd;
    }

    private static Command List(CliContext cli)
    {
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("list", "利用者IDの一覧（課・係、本日有効な権限、最終ログイン、パスワード変更日）") { json };
        cmd.SetAction(async (parse, ct) => await WithServicesAsync(cli, parse, ct, async sp =>
        {
            var report = await sp.GetRequiredService<AccountReview>().ListAsync(JapanTime.Today(cli.Clock), ct);
            if (parse.GetValue(json)) { cli.WriteJson(report.Accounts.Select(ToJson)); return 0; }
            var units = await OrgUnits.DirectoryAsync(sp.GetRequiredService<Choshu.Data.ChoshuDbContext>(), ct);
            var t = new Table().Border(TableBorder.Simple).AddColumns("職員番号", "氏名", "課", "係", "有効期間", "状態", "本日有効な権限", "最終ログイン（日本時間）", "パスワード変更日", "二要素");
            foreach (var a in report.Accounts)
                t.AddRow(a.StaffNo, Markup.Escape(a.FullName), Markup.Escape(Named(units.Department(a.DepartmentCode), a.DepartmentCode)),
                    Markup.Escape(Named(units.Section(a.DepartmentCode, a.SectionCode), a.SectionCode)),
                    $"{CliContext.Date(a.ValidFrom)}〜{Until(a.ValidTo)}", Markup.Escape(StateText(a)),
                    Markup.Escape(string.Join("・", a.Grants.Where(g => g.State == GrantStates.Active).Select(g => g.RoleName))),
                    Jst(a.LastLoginAtUtc), CliContext.Date(a.PasswordChangedOn) + (a.PasswordPastMaxAge ? "（期限切れ）" : ""), a.TotpEnrolled ? "登録済" : "未登録");
            cli.Out.WriteLine($"利用者ID {report.Accounts.Count:#,0} 件（{CliContext.Date(report.AsOf)} 現在）");
            cli.Table().Write(t);
            return 0;
        }));
        return cmd;
    }

    private static Command Review(CliContext cli)
    {
        var asOf = new Option<string>("--as-of") { Description = "棚卸しの基準日（YYYY-MM-DD）", Required = true };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("review", "年1回の利用者IDの棚卸し: 全ID・権限と期間・最終ログイン、90日以上未使用のID、期限切れの権限、有効期間を過ぎたパスワード") { asOf, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var day = LateFeeCommand.ParseDate(parse.GetValue(asOf)!, "--as-of");
            return await WithServicesAsync(cli, parse, ct, async sp =>
            {
                var r = await sp.GetRequiredService<AccountReview>().ReviewAsync(day, CliContext.SystemActor, ct);
                if (parse.GetValue(json))
                {
                    cli.WriteJson(new
                    {
                        asOf = CliContext.Date(r.AsOf),
                        unusedDays = r.UnusedDays,
                        accounts = r.Accounts.Select(ToJson),
                        unused = r.Unused.Select(a => new { staffNo = a.StaffNo, lastUsedOn = CliContext.Date(a.LastUsedOn), daysUnused = a.DaysUnused, neverSignedIn = a.LastLoginAtUtc is null }),
                        grantsPastValidTo = r.GrantsPastValidTo.Select(x => new { staffNo = x.Account.StaffNo, grantId = x.Grant.GrantId, role = x.Grant.Role, roleName = x.Grant.RoleName, validFrom = CliContext.Date(x.Grant.ValidFrom), validTo = CliContext.Date(x.Grant.ValidTo) }),
                        accountsPastValidTo = r.AccountsPastValidTo.Select(a => new { staffNo = a.StaffNo, validTo = CliContext.Date(a.ValidTo) }),
                        passwordMaxAgeDays = r.PasswordMaxAgeDays,
                        passwordsPastMaxAge = r.PasswordsPastMaxAge.Select(a => new { staffNo = a.StaffNo, passwordChangedOn = CliContext.Date(a.PasswordChangedOn), changeOwedFrom = CliContext.Date(PasswordAge.ChangeOwedFrom(a.PasswordChangedAtUtc, r.PasswordMaxAgeDays)) }),
                    });
                    return 0;
                }
                PrintReview(cli, r, await OrgUnits.DirectoryAsync(sp.GetRequiredService<Choshu.Data.ChoshuDbContext>(), ct));
                return 0;
            });
        });
        return cmd;
    }

    private static void PrintReview(CliContext cli, AccountReviewReport r, OrgUnitDirectory units)
    {
        var o = cli.Out;
        o.WriteLine($"利用者IDの棚卸し（基準日 {CliContext.Date(r.AsOf)}）: 利用者ID {r.Accounts.Count:#,0} 件");
        o.WriteLine();
        o.WriteLine("1. 全利用者IDと権限");
        var t = new Table().Border(TableBorder.Simple).AddColumns("職員番号", "氏名", "課", "係", "ID有効期間", "状態", "権限", "権限の期間", "権限の状態", "最終ログイン（日本時間）");
        foreach (var a in r.Accounts)
        {
            var first = true;
            foreach (var g in a.Grants.DefaultIfEmpty())
            {
                t.AddRow(first ? a.StaffNo : "", first ? Markup.Escape(a.FullName) : "", first ? Markup.Escape(Named(units.Department(a.DepartmentCode), a.DepartmentCode)) : "",
                    first ? Markup.Escape(Named(units.Section(a.DepartmentCode, a.SectionCode), a.SectionCode)) : "",
                    first ? $"{CliContext.Date(a.ValidFrom)}〜{Until(a.ValidTo)}" : "", first ? Markup.Escape(StateText(a)) : "",
                    g is null ? "（権限なし）" : Markup.Escape(g.RoleName),
                    g is null ? "" : $"{CliContext.Date(g.ValidFrom)}〜{Until(g.ValidTo)}",
                    g is null ? "" : Markup.Escape(GrantStates.Japanese(g.State) + (g.RevokeReason is null ? "" : $"（{g.RevokeReason}）")),
                    first ? Jst(a.LastLoginAtUtc) : "");
                first = false;
            }
        }
        cli.Table().Write(t);
        o.WriteLine();
        o.WriteLine($"2. {r.UnusedDays} 日以上使われていない利用者ID: {r.Unused.Count:#,0} 件");
        foreach (var a in r.Unused)
            o.WriteLine($"  {a.StaffNo}  {a.FullName}  最終使用 {CliContext.Date(a.LastUsedOn)}{(a.LastLoginAtUtc is null ? "（ログインなし、登録日）" : "")}  {a.DaysUnused} 日");
        o.WriteLine();
        o.WriteLine($"3. 有効期間を過ぎた権限: {r.GrantsPastValidTo.Count:#,0} 件（本日は使えません。人事記録と照合してください）");
        foreach (var (a, g) in r.GrantsPastValidTo)
            o.WriteLine($"  {a.StaffNo}  {a.FullName}  {g.RoleName}  {CliContext.Date(g.ValidFrom)}〜{CliContext.Date(g.ValidTo)}");
        o.WriteLine();
        o.WriteLine($"4. 有効期間を過ぎた利用者ID: {r.AccountsPastValidTo.Count:#,0} 件");
        foreach (var a in r.AccountsPastValidTo)
            o.WriteLine($"  {a.StaffNo}  {a.FullName}  {units.Unit(a.DepartmentCode, a.SectionCode)}  {CliContext.Date(a.ValidTo)} まで");
        o.WriteLine();
        o.WriteLine(r.PasswordMaxAgeDays == 0
            ? "5. 有効期間を過ぎたパスワード: パスワードの有効期間は設定されていません（accounts.password_max_age_days = 0）"
            : $"5. 有効期間（{r.PasswordMaxAgeDays} 日）を過ぎたパスワード: {r.PasswordsPastMaxAge.Count:#,0} 件（次回ログイン時に本人が変更します）");
        foreach (var a in r.PasswordsPastMaxAge)
            o.WriteLine($"  {a.StaffNo}  {a.FullName}  最終変更 {CliContext.Date(a.PasswordChangedOn)}  {CliContext.Date(PasswordAge.ChangeOwedFrom(a.PasswordChangedAtUtc, r.PasswordMaxAgeDays))} から変更が必要");
        o.WriteLine();
        o.WriteLine("この棚卸しは操作ログ（6004）に記録しました。結果はセキュリティ責任者が確認し、不要な利用者IDと権限は users expire / users revoke で終了してください。");
    }

    private static Command Password(CliContext cli)
    {
        var staffNo = StaffNoArgument();
        var stdin = new Option<bool>("--stdin") { Description = "標準入力の 1 行をパスワードとして読みます（画面に表示せず入力するときは省略）" };
        var cmd = new Command("password", "パスワードを再設定します（本人は次回ログイン時に変更します。パスワードはコマンド行に書きません）") { staffNo, stdin };
        cmd.SetAction(async (parse, ct) =>
        {
            var piped = parse.GetValue(stdin) || Console.IsInputRedirected;
            var password = ReadSecret(cli, "新しいパスワード: ", piped);
            if (!piped && ReadSecret(cli, "もう一度: ", piped) != password)
                throw new CliException("入力した二つのパスワードが一致しません。");
            return await WithServicesAsync(cli, parse, ct, async sp =>
            {
                await sp.GetRequiredService<AccountAdministration>().SetPasswordAsync(parse.GetValue(staffNo)!, password, CliContext.SystemActor, ct);
                cli.Out.WriteLine($"職員番号 {parse.GetValue(staffNo)!.Trim()} のパスワードを再設定しました。ロックは解除しました。本人は次回ログイン時にパスワードを変更します。");
                return 0;
            });
        });
        return cmd;
    }

    private static Command ResetTwoFactor(CliContext cli)
    {
        var staffNo = StaffNoArgument();
        var reason = new Option<string>("--reason") { Description = "理由（端末の紛失・機種変更など。記録に残ります）", Required = true };
        var cmd = new Command("reset-2fa", "二要素認証の登録を解除します（本人は次回ログイン時に再登録します）") { staffNo, reason };
        cmd.SetAction(async (parse, ct) => await WithServicesAsync(cli, parse, ct, async sp =>
        {
            await sp.GetRequiredService<AccountAdministration>().ResetTwoFactorAsync(parse.GetValue(staffNo)!, parse.GetValue(reason)!, CliContext.SystemActor, ct);
            cli.Out.WriteLine($"職員番号 {parse.GetValue(staffNo)!.Trim()} の二要素認証を解除しました。回復コードも無効です。本人は次回ログイン時に認証アプリを登録し直します。");
            return 0;
        }));
        return cmd;
    }

    /// <summary>Runs the body with the account services on the chosen store (refusing an uninitialised one) and the CLI's clock.</summary>
    /// <summary>A 課 or 係 in a table column: 「納税課（NOZEI）」 when it has a name, the code alone when not.</summary>
    private static string Named(string shown, string code) => shown.StartsWith("課 ", StringComparison.Ordinal) || shown.StartsWith("係 ", StringComparison.Ordinal) ? code : $"{shown}（{code}）";

    private static Command Units(CliContext cli)
    {
        var cmd = new Command("units", "課・係の名称の一覧（画面と一覧に表示する名称。利用者IDには課・係のコードを登録します）");
        cmd.SetAction(async (parse, ct) => await WithServicesAsync(cli, parse, ct, async sp =>
        {
            var names = await OrgUnits.ListAsync(sp.GetRequiredService<Choshu.Data.ChoshuDbContext>(), ct);
            if (names.Count == 0)
            {
                cli.Out.WriteLine("課・係の名称は登録されていません。./choshu users unit-name 課コード [係コード] --name 名称 で登録してください。");
                return 0;
            }
            var t = new Table().Border(TableBorder.Simple).AddColumns("課コード", "係コード", "名称", "更新者");
            foreach (var n in names)
                t.AddRow(Markup.Escape(n.DepartmentCode), n.SectionCode.Length == 0 ? "（課）" : Markup.Escape(n.SectionCode), Markup.Escape(n.Name), Markup.Escape(n.UpdatedBy));
            cli.Table().Write(t);
            return 0;
        }));
        return cmd;
    }

    private static Command UnitName(CliContext cli)
    {
        var department = new Argument<string>("課コード") { Description = "課コード（半角英数字 1〜10 文字）" };
        var section = new Argument<string?>("係コード") { Description = "係コード（課そのものの名称のときは省略）", Arity = ArgumentArity.ZeroOrOne };
        var name = new Option<string>("--name") { Description = $"名称（{OrgUnits.NameMaxLength}文字以内。例: 納税課、収納係）", Required = true };
        var cmd = new Command("unit-name", "課・係の名称を登録・変更します（操作ログに記録）") { department, section, name };
        cmd.SetAction(async (parse, ct) => await WithServicesAsync(cli, parse, ct, async sp =>
        {
            var d = parse.GetValue(department)!.Trim();
            var s = parse.GetValue(section)?.Trim();
            var n = parse.GetValue(name)!.Trim();
            var changed = await OrgUnits.SetAsync(sp.GetRequiredService<Choshu.Data.ChoshuDbContext>(), CliContext.SystemActor, d, s, n, cli.Clock, ct);
            var what = string.IsNullOrEmpty(s) ? $"課 {d}" : $"課 {d} 係 {s}";
            cli.Out.WriteLine(changed ? $"{what} の名称を「{n}」にしました。" : $"{what} の名称は既に「{n}」です。");
            return 0;
        }));
        return cmd;
    }

    private static async Task<int> WithServicesAsync(CliContext cli, ParseResult parse, CancellationToken ct, Func<IServiceProvider, Task<int>> body)
    {
        await (await cli.OpenReadyStoreAsync(parse, ct)).DisposeAsync();
        var services = new ServiceCollection();
        services.AddSingleton(cli.Clock);
        services.AddChoshuIdentity(cli.StoreFrom(parse));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await body(scope.ServiceProvider);
    }

    /// <summary>One line from stdin; from a terminal without echo. Never printed, never logged.</summary>
    private static string ReadSecret(CliContext cli, string prompt, bool piped)
    {
        if (piped)
            return Console.In.ReadLine() ?? throw new CliException("標準入力からパスワードを読めませんでした。");
        cli.Err.Write(prompt);
        var sb = new StringBuilder();
        while (true)
        {
            var k = Console.ReadKey(intercept: true);
            if (k.Key == ConsoleKey.Enter) break;
            if (k.Key == ConsoleKey.Backspace) { if (sb.Length > 0) sb.Length--; continue; }
            sb.Append(k.KeyChar);
        }
        cli.Err.WriteLine();
        return sb.ToString();
    }

    private static Role ParseRole(string text) =>
        RoleNames.TryParse(text, out var r) ? r : throw new CliException($"--role: 「{text}」という権限はありません（{RoleList()}）。");

    private static string RoleList() =>
        string.Join("、", Enum.GetValues<Role>().Select(r => $"{JapaneseLabels.Of(r)}={r}"));

    private static object ToJson(ReviewedAccount a) => new
    {
        staffNo = a.StaffNo,
        fullName = a.FullName,
        departmentCode = a.DepartmentCode,
        sectionCode = a.SectionCode,
        validFrom = CliContext.Date(a.ValidFrom),
        validTo = a.ValidTo is null ? null : CliContext.Date(a.ValidTo),
        standing = a.Standing,
        totpEnrolled = a.TotpEnrolled,
        mustChangePassword = a.MustChangePassword,
        lockedOut = a.LockedOut,
        createdAtUtc = a.CreatedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        lastLoginAtUtc = a.LastLoginAtUtc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        passwordChangedAtUtc = a.PasswordChangedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        passwordChangedOn = CliContext.Date(a.PasswordChangedOn),
        passwordPastMaxAge = a.PasswordPastMaxAge,
        lastUsedOn = CliContext.Date(a.LastUsedOn),
        daysUnused = a.DaysUnused,
        unused = a.Unused,
        accountPastValidTo = a.AccountPastValidTo,
        grants = a.Grants.Select(g => new
        {
            grantId = g.GrantId,
            role = g.Role,
            roleName = g.RoleName,
            validFrom = CliContext.Date(g.ValidFrom),
            validTo = g.ValidTo is null ? null : CliContext.Date(g.ValidTo),
            state = g.State,
            grantedBy = g.GrantedBy,
            revokedBy = g.RevokedBy,
            revokeReason = g.RevokeReason,
        }),
    };

    private static string StateText(ReviewedAccount a) =>
        AccountStanding.Describe(a.Standing) + (a.LockedOut ? "・ロック中" : "") + (a.MustChangePassword ? "・初期パスワード" : "");

    private static string Until(DateOnly? d) => d is null ? "期限なし" : CliContext.Date(d);

    private static string Jst(DateTime? utc) => utc is null ? "なし"
        : new DateTimeOffset(DateTime.SpecifyKind(utc.Value, DateTimeKind.Utc)).ToOffset(JapanTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
