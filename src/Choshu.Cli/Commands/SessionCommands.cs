using System.CommandLine;
using Choshu.App.Accounts;
using Choshu.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu login --operator STAFFNO</c>, <c>choshu logout</c>, <c>choshu whoami</c> (issue 18, defect 6): a person proves
/// who runs the person-bound commands (<c>--operator</c>) with the password and a TOTP code, signed in through
/// <see cref="StaffSignIn"/> as on the web (same lockout, same records 1000/1001/1005). The session is a CLI session bound
/// to this OS user id, ending after the setting <c>cli.session_minutes</c> (default 15); only its random token is written,
/// to a file of mode 0600 (<see cref="CliTerminal.TokenFile"/>). System commands (without <c>--operator</c>) need none of this.
/// </summary>
public static class SessionCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [Login(cli), Logout(cli), WhoAmI(cli)];

    private static Command Login(CliContext cli)
    {
        var op = new Option<string>("--operator") { Description = "ログインする職員の職員番号（本人のパスワードと認証アプリの確認コードで確認）", Required = true };
        var cmd = new Command("login",
            "職員本人としてログインします（--operator を付けるコマンドの前に。パスワードと確認コードは端末では表示せずに入力、端末でなければ標準入力の1行目・2行目。"
            + "有効時間は設定 cli.session_minutes、既定 15 分。ログインの印は所有者だけが読めるファイルに保存。場所は環境変数 CHOSHU_CLI_TOKEN_FILE で変更可）") { op };
        cmd.SetAction(async (parse, ct) =>
        {
            await (await cli.OpenReadyStoreAsync(parse, ct)).DisposeAsync();
            var staffNo = parse.GetValue(op)!.Trim();
            var t = cli.Terminal;
            var previous = t.ReadToken(); // refuses a token file others could read before anything is asked
            var password = t.ReadSecret(cli.Err, $"職員番号 {staffNo} のパスワード: ");
            var code = t.ReadSecret(cli.Err, "確認コード（認証アプリの6桁）: ");
            var r = await cli.WithSignInAsync(parse, ct, async signIn =>
            {
                var result = await signIn.SignInAsync(staffNo, password, code, t.AuditTerminal, new CliBinding(t.Uid, t.OsUser, t.Tty), ct);
                if (result.Succeeded && previous is not null) await signIn.LogoutAsync(previous, ct); // one login per token file
                return result;
            });
            if (!r.Succeeded) throw new CliException(r.Message, 3);
            t.WriteToken(r.SessionToken!);
            await using var db = cli.StoreFrom(parse).CreateContext();
            var end = await db.StaffSessions.Where(s => s.Id == r.SessionId).Select(s => s.ExpiresAtUtc).SingleAsync(ct);
            cli.Out.WriteLine($"職員番号 {staffNo} としてログインしました（{Jst(end!.Value)} まで。OS ユーザー {t.OsUser}、トークンファイル {t.TokenFile}）。");
            return 0;
        });
        return cmd;
    }

    private static Command Logout(CliContext cli)
    {
        var cmd = new Command("logout", "choshu login のログインを終了し、トークンファイルを削除します");
        cmd.SetAction(async (parse, ct) =>
        {
            await (await cli.OpenReadyStoreAsync(parse, ct)).DisposeAsync();
            var t = cli.Terminal;
            if (t.ReadToken() is not { } token)
            {
                t.DeleteToken();
                cli.Out.WriteLine("ログインしていません。");
                return 0;
            }
            var ended = await cli.WithSignInAsync(parse, ct, signIn => signIn.LogoutAsync(token, ct));
            t.DeleteToken();
            cli.Out.WriteLine(ended ? "ログアウトしました（トークンファイルを削除しました）。" : "ログインは既に終了していました（トークンファイルを削除しました）。");
            return 0;
        });
        return cmd;
    }

    private static Command WhoAmI(CliContext cli)
    {
        var cmd = new Command("whoami", "choshu login でログイン中の職員と有効期限を表示します");
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var t = cli.Terminal;
            var open = t.ReadToken() is { } token ? await new CliSessions(db, cli.Clock).FindOpenAsync(token, ct) : null;
            if (open is not { } o || o.Session.OsUid != t.Uid)
            {
                cli.Out.WriteLine($"ログインしていません（OS ユーザー {t.OsUser}）。choshu login --operator 職員番号 でログインしてください。");
                return 1;
            }
            cli.Out.WriteLine($"職員番号 {o.Account.StaffNo} {o.Account.FullName}（{Jst(o.Session.ExpiresAtUtc!.Value)} まで。OS ユーザー {t.OsUser}）");
            return 0;
        });
        return cmd;
    }

    private static string Jst(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(JapanTime.Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
