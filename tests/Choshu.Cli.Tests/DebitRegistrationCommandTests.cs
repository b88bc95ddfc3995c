using Choshu.Data;
using Choshu.TestSupport;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu debit import-registrations</c> and <c>debit history</c> on PostgreSQL: a Web sign-up file whose line 2 registers
/// 宛名番号 1000000801 at ゆうちょ 記号 10180 番号 12345671 from 2026年度第2期 and whose line 3 has a holder in full-width katakana:
/// exit 2, line 3 named with its field on stderr; the history shows the converted account 9900-018 普通 1234567 and the source.
/// </summary>
public sealed class DebitRegistrationCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("choshu-debitreg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task ImportRegistrations_QuarantinesBadLine_HistoryShowsJapanPostAccount()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Postgres);
        await using (var db = store.Open())
            await LedgerSeed.TaxpayerAsync(db, "1000000801", "桜島 八郎");
        var file = Path.Combine(_dir, "debit-reg.csv");
        await File.WriteAllLinesAsync(file,
        [
            "受付番号,区分,受付日,適用日,宛名番号,税目,開始年度,開始期,金融機関コード,支店コード,預金種目,口座番号,ゆうちょ記号,ゆうちょ番号,口座名義カナ",
            "P-1,新規,2026-11-20,,1000000801,01,2026,2,,,,,10180,12345671,ｻｸﾗｼﾞﾏ ﾊﾁﾛｳ",
            "P-2,新規,2026-11-20,,1000000801,02,2026,2,0185,012,1,1234567,,,サクラジマ",
        ]);
        var db1 = store.Store.ConnectionString;

        var (code, output, error) = await CliRunner.RunAsync(CliRunner.Clock(), "debit", "import-registrations", file, "--source", "ウェブ", "--db", db1);
        Assert.Equal(2, code);
        Assert.Contains("読込 2行 登録 1件 取込済み 0件 保留 1行", output, StringComparison.Ordinal);
        Assert.Contains("debit-reg.csv 3行目 口座名義カナ:", error, StringComparison.Ordinal);

        var again = await CliRunner.RunAsync(CliRunner.Clock(), "debit", "import-registrations", file, "--source", "web", "--db", db1);
        Assert.Contains("読込 2行 登録 0件 取込済み 1件 保留 1行", again.Out, StringComparison.Ordinal);

        var (hcode, history, herr) = await CliRunner.RunAsync(CliRunner.Clock(), "debit", "history", "1000000801", "--db", db1);
        Assert.True(hcode == 0, herr);
        Assert.Contains("Web受付", history, StringComparison.Ordinal);
        Assert.Contains("9900-018 普通 1234567 ｻｸﾗｼﾞﾏ ﾊﾁﾛｳ（ゆうちょ 記号 10180 番号 12345671）", history, StringComparison.Ordinal);
        Assert.Contains("開始 2026年度第2期", history, StringComparison.Ordinal);
    }
}
