using System.Text.Json;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.Security;
using Choshu.TestSupport;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu certificate issue|verify</c>. Taxpayer 1000000001 鹿児島 花子: 市民税 2026 notice 2026010000001, period 1 due
/// 2026-06-30 60,000 unpaid. Staff 100001 収納担当. Today 2026-11-26 12:00 JST.
/// </summary>
public sealed class CertificateCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("choshu-cli-certificate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Issue_AmountsJson_LinesPrintedThenVerifyFindsIt_NoArrearsRefusedExit2()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using (var db = store.Open())
        {
            var t = await LedgerSeed.TaxpayerAsync(db, "1000000001");
            await LedgerSeed.AssessmentAsync(db, t, TaxKindCodes.InhabitantTax, 2026, "2026010000001", new LedgerSeed.Inst(1, new DateOnly(2026, 6, 30), 60_000));
            await StaffSeed.AddAsync(db, "100001", "収納 花子", StaffSeed.Holds(Role.CollectionClerk));
        }
        Task<(int ExitCode, string Out, string Err)> Run(params string[] args) =>
            CliRunner.RunAsync(CliRunner.Clock(), [.. args, "--db", store.Store.ConnectionString]);
        var pdf = Path.Combine(_dir, "c.pdf");

        var refused = await Run("certificate", "issue", "1000000001", "--kind", "no-arrears", "--years", "2026", "--out", pdf, "--operator", "100001");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("未納の税額があるため、完納証明書は発行できません（市民税 2026年度 第1期）", refused.Err);
        Assert.False(File.Exists(pdf));

        var r = await Run("certificate", "issue", "1000000001", "--kind", "amounts", "--years", "2026", "--out", pdf, "--operator", "100001", "--json");
        Assert.Equal((0, ""), (r.ExitCode, r.Err));
        using var json = JsonDocument.Parse(r.Out);
        var root = json.RootElement;
        Assert.Equal(["市民税 令和8年度 税額 60,000円 納付済額 0円 未納額 60,000円"], root.GetProperty("lines").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal((60_000L, 0L, 60_000L), (root.GetProperty("items")[0].GetProperty("amount").GetInt64(), root.GetProperty("items")[0].GetProperty("paid").GetInt64(),
            root.GetProperty("items")[0].GetProperty("unpaid").GetInt64()));
        Assert.Equal(("2026-11-26", 300L), (root.GetProperty("issuedOn").GetString(), root.GetProperty("fee").GetInt64()));
        Assert.Contains("令和8年11月26日", Poppler.Text(await File.ReadAllBytesAsync(pdf)));
        Assert.False(File.Exists(pdf + ".part"));

        var v = await Run("certificate", "verify", root.GetProperty("verificationNo").GetString()!, "--operator", "100001");
        Assert.Equal(0, v.ExitCode);
        Assert.Contains("発行済み", v.Out);
        Assert.Contains("市民税 令和8年度 税額 60,000円 納付済額 0円 未納額 60,000円", v.Out);
        Assert.Equal(1, (await Run("certificate", "verify", "0000-0000-0000-0000", "--operator", "100001")).ExitCode);
    }
}
