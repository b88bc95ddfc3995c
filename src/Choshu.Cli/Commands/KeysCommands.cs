using System.CommandLine;
using System.Globalization;
using Choshu.App.Privacy;
using Spectre.Console;

namespace Choshu.Cli.Commands;

/// <summary>
/// The My Number key file (docs/operations.md「個人番号の暗号鍵」): <c>keys init</c>, <c>keys rotate</c>,
/// <c>keys status</c>; and <c>privacy scan</c>, which looks for known My Numbers written in plaintext in
/// logs, test results and dumps. Never prints key material or a My Number.
/// </summary>
public static class KeysCommands
{
    /// <summary>Adds the global <c>--keys</c> option and the <c>keys</c> and <c>privacy</c> command groups.</summary>
    public static void Register(RootCommand root, CliContext cli)
    {
        root.Options.Add(cli.Keys);
        root.Subcommands.Add(Keys(cli));
        root.Subcommands.Add(Privacy(cli));
    }

    private static Command Keys(CliContext cli)
    {
        var group = new Command("keys", "個人番号の暗号鍵（鍵ファイル）の管理");
        group.Subcommands.Add(Init(cli));
        group.Subcommands.Add(Rotate(cli));
        group.Subcommands.Add(Status(cli));
        return group;
    }

    private static Command Init(CliContext cli)
    {
        var outFile = new Option<string?>("--out") { Description = "作成する鍵ファイル（省略時は --keys、CHOSHU_KEYS_FILE、SQLite ならデータベースと同じ場所の .keys）" };
        var cmd = new Command("init", "新しい鍵ファイルを作成します（既存のファイルは上書きしません）") { outFile };
        cmd.SetAction((parse, _) =>
        {
            var path = parse.GetValue(outFile) is { Length: > 0 } given ? given : KeyRingFile.LocateOrThrow(cli.StoreFrom(parse));
            var ring = KeyRingFile.CreateNew(path, cli.Clock.GetUtcNow().UtcDateTime);
            cli.Out.WriteLine($"鍵ファイル {path} を作成しました（鍵バージョン {ring.CurrentVersion}、権限 0600）。");
            cli.Out.WriteLine($"環境変数 {Data.Store.KeysEnvironmentVariable} にこのパスを設定し、データベースのバックアップとは別の場所に必ずバックアップしてください。");
            return Task.FromResult(0);
        });
        return cmd;
    }

    private static Command Rotate(CliContext cli)
    {
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("rotate", "新しい鍵バージョンを追加し、すべての個人番号と認証アプリの鍵をその鍵で暗号化し直します（中断後の再実行で続きを行います）") { json };
        cmd.SetAction(async (parse, ct) =>
        {
            await (await cli.OpenReadyStoreAsync(parse, ct)).DisposeAsync();
            var store = cli.StoreFrom(parse);
            var progress = new RotateProgress(cli.Err);
            var r = await KeyRingRotation.RotateAsync(store, CliContext.SystemActor, cli.Clock, progress, ct);
            if (parse.GetValue(json))
            {
                cli.WriteJson(new { addedVersion = r.AddedVersion, currentVersion = r.CurrentVersion, reencrypted = r.Reencrypted, plaintextEncrypted = r.PlaintextEncrypted, rows = r.Rows,
                    authenticatorKeys = r.AuthenticatorKeys, authenticatorKeysReencrypted = r.AuthenticatorKeysReencrypted, authenticatorKeysEncrypted = r.AuthenticatorKeysEncrypted });
                return 0;
            }
            cli.Out.WriteLine(r.AddedVersion is { } v
                ? $"鍵バージョン {v} を鍵ファイルに追加しました。"
                : $"前回の鍵の更新（鍵バージョン {r.CurrentVersion}）が終わっていなかったため、続きを行いました。新しい鍵は追加していません。");
            cli.Out.WriteLine($"個人番号 {r.Rows:#,0} 件を鍵バージョン {r.CurrentVersion} で暗号化し直しました（旧い鍵から {r.Reencrypted:#,0} 件、平文から {r.PlaintextEncrypted:#,0} 件）。");
            cli.Out.WriteLine($"認証アプリの鍵 {r.AuthenticatorKeys:#,0} 件を鍵バージョン {r.CurrentVersion} で暗号化し直しました（旧い鍵から {r.AuthenticatorKeysReencrypted:#,0} 件、平文から {r.AuthenticatorKeysEncrypted:#,0} 件）。");
            cli.Out.WriteLine("鍵ファイルを改めてバックアップしてください（古い鍵も残っています）。");
            return 0;
        });
        return cmd;
    }

    private static Command Status(CliContext cli)
    {
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("status", "鍵ファイルの鍵バージョンと、各バージョンで暗号化された個人番号・認証アプリの鍵の件数を表示します（鍵そのものは表示しません）") { json };
        cmd.SetAction(async (parse, ct) =>
        {
            await (await cli.OpenReadyStoreAsync(parse, ct)).DisposeAsync();
            var s = await KeyRingStatus.LoadAsync(cli.StoreFrom(parse), ct);
            if (parse.GetValue(json))
            {
                cli.WriteJson(new
                {
                    keysFile = s.KeysFile, currentVersion = s.CurrentVersion, rows = s.Rows, rowsToRotate = s.RowsToRotate, rowsWithoutKey = s.RowsWithoutKey,
                    authenticatorKeys = s.AuthenticatorKeys, authenticatorKeysToRotate = s.AuthenticatorKeysToRotate, authenticatorKeysWithoutKey = s.AuthenticatorKeysWithoutKey,
                    versions = s.Versions.Select(v => new { version = v.Version, current = v.IsCurrent, inKeyFile = v.InKeyFile, addedAtUtc = v.AddedAtUtc, rows = v.Rows, authenticatorKeys = v.AuthenticatorKeys }),
                });
                return s.RowsWithoutKey + s.AuthenticatorKeysWithoutKey > 0 ? 1 : 0;
            }
            cli.Out.WriteLine($"鍵ファイル: {s.KeysFile}（現在の鍵バージョン {s.CurrentVersion}）");
            var t = new Table().Border(TableBorder.Simple).AddColumns("鍵バージョン", "追加日時（UTC）", "個人番号の件数", "認証アプリの鍵の件数", "備考");
            t.Columns[2].RightAligned();
            t.Columns[3].RightAligned();
            foreach (var v in s.Versions)
                t.AddRow(v.Version.ToString(CultureInfo.InvariantCulture),
                    v.AddedAtUtc?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "",
                    v.Rows.ToString("#,0", CultureInfo.InvariantCulture),
                    v.AuthenticatorKeys.ToString("#,0", CultureInfo.InvariantCulture),
                    Markup.Escape(v.Version == 0 ? "暗号化前の値（keys rotate で暗号化）"
                        : !v.InKeyFile ? "鍵が鍵ファイルにありません（復号できません）"
                        : v.IsCurrent ? "現在の鍵" : "旧い鍵（復号用）"));
            cli.Table().Write(t);
            cli.Out.WriteLine($"合計 {s.Rows:#,0} 件。現在の鍵以外の {s.RowsToRotate:#,0} 件は choshu keys rotate で暗号化し直されます。");
            cli.Out.WriteLine($"認証アプリの鍵 {s.AuthenticatorKeys:#,0} 件。現在の鍵以外の {s.AuthenticatorKeysToRotate:#,0} 件は choshu keys rotate で暗号化し直されます。");
            if (s.RowsWithoutKey > 0)
            {
                cli.Err.WriteLine($"エラー: 鍵ファイルにない鍵バージョンの個人番号が {s.RowsWithoutKey:#,0} 件あります。鍵ファイルのバックアップを確認してください。");
                return 1;
            }
            if (s.AuthenticatorKeysWithoutKey > 0)
            {
                cli.Err.WriteLine($"エラー: 鍵ファイルにない鍵バージョンの認証アプリの鍵が {s.AuthenticatorKeysWithoutKey:#,0} 件あります（その職員はログインできません）。鍵ファイルのバックアップを確認してください。");
                return 1;
            }
            return 0;
        });
        return cmd;
    }

    private static Command Privacy(CliContext cli)
    {
        var seeds = new Option<string?>("--seed") { Description = "合成データのシード（例: 42、0-100、1,5,42-43）" };
        var taxpayers = new Option<int>("--taxpayers") { Description = "シードごとの納税義務者数の上限（既定 5,000）", DefaultValueFactory = _ => 5_000 };
        var numbersFrom = new Option<string[]>("--numbers-from") { Description = "ここに書かれた 12 桁の個人番号（チェックデジットが正しいもの。0000 で始まるゼロ埋めの数字は除く）も探します。ファイルまたはディレクトリ、複数可", AllowMultipleArgumentsPerToken = false };
        var paths = new Argument<string[]>("PATH") { Description = "調べるファイルまたはディレクトリ（ディレクトリは配下すべて）", Arity = ArgumentArity.OneOrMore };
        var scan = new Command("scan", "ログ・テスト結果・ダンプに既知の個人番号が平文で残っていないか調べます（見つかれば終了コード 1、番号はマスクして表示）")
            { seeds, taxpayers, numbersFrom, paths };
        scan.SetAction((parse, _) =>
        {
            var scanner = new PlaintextScanner();
            if (parse.GetValue(seeds) is { Length: > 0 } spec)
                scanner.AddSeeds(ParseSeeds(spec), parse.GetValue(taxpayers));
            foreach (var from in parse.GetValue(numbersFrom) ?? [])
            {
                var files = Directory.Exists(from) ? Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories)
                    : File.Exists(from) ? [from]
                    : throw new CliException($"--numbers-from: {from} がありません。");
                foreach (var f in files)
                    scanner.Add(PlaintextScanner.NumbersIn(File.ReadAllText(f)).Where(n => !n.Reveal().StartsWith("0000", StringComparison.Ordinal)),
                        $"{f} に記載の個人番号");
            }
            if (scanner.CandidateCount == 0)
                throw new CliException("探す個人番号がありません。--seed または --numbers-from を指定してください。");
            List<PlaintextFinding> findings;
            try
            {
                findings = scanner.ScanPaths(parse.GetValue(paths)!);
            }
            catch (FileNotFoundException ex)
            {
                throw new CliException(ex.Message);
            }
            foreach (var f in findings)
                cli.Err.WriteLine(f.ToString());
            var targets = string.Join(" ", parse.GetValue(paths)!);
            cli.Out.WriteLine(findings.Count == 0
                ? $"個人番号 {scanner.CandidateCount:#,0} 件を探しました: {targets} に平文の個人番号はありません。"
                : $"個人番号 {scanner.CandidateCount:#,0} 件を探しました: 平文の個人番号が {findings.Count:#,0} か所にあります。");
            return Task.FromResult(findings.Count == 0 ? 0 : 1);
        });
        var group = new Command("privacy", "個人情報保護の点検");
        group.Subcommands.Add(scan);
        return group;
    }

    /// <summary>"42", "0-100", "1,5,42-43" → the seeds.</summary>
    internal static IEnumerable<long> ParseSeeds(string spec)
    {
        var seeds = new SortedSet<long>();
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', 1);
            if (dash < 0 && long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var one)) seeds.Add(one);
            else if (dash > 0 && long.TryParse(part[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                     && long.TryParse(part[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var to) && from <= to && to - from <= 10_000)
                for (var s = from; s <= to; s++) seeds.Add(s);
            else throw new CliException($"--seed: {part} はシードの指定として読めません（例: 42、0-100、1,5,42-43）。");
        }
        return seeds;
    }

    private sealed class RotateProgress(TextWriter err) : IProgress<long>
    {
        private long _reported;

        public void Report(long value)
        {
            if (value - _reported < 50_000) return;
            _reported = value;
            err.WriteLine($"  {value:#,0} 件を暗号化し直しました…");
        }
    }
}
