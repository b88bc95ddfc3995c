using System.Text;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.Security;
using Choshu.TestSupport;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu disclosure register|report|answer|list|show</c>. Taxpayer 1000000001 with 市民税 2026 notice 2026010000001
/// (period 1 due 2026-06-30 60,000). Staff 600001 セキュリティ責任者, 100001 収納担当. Today 2026-11-26 12:00 JST.
/// </summary>
public sealed class DisclosureCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("choshu-cli-disclosure-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<TestStore> SeedAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var t = await LedgerSeed.TaxpayerAsync(db, "1000000001");
        await LedgerSeed.AssessmentAsync(db, t, TaxKindCodes.InhabitantTax, 2026, "2026010000001", new LedgerSeed.Inst(1, new DateOnly(2026, 6, 30), 60_000));
        await StaffSeed.AddAsync(db, "600001", "保護 責任者", StaffSeed.Holds(Role.SecurityOfficer));
        await StaffSeed.AddAsync(db, "100001", "収納 花子", StaffSeed.Holds(Role.CollectionClerk));
        return store;
    }

    private static Task<(int ExitCode, string Out, string Err)> RunAsync(TestStore store, params string[] args) =>
        CliRunner.RunAsync(CliRunner.Clock(), [.. args, "--db", store.Store.ConnectionString]);

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task Disclosure_RegisterReportAnswerList(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);

        var refused = await RunAsync(store, "disclosure", "register", "--taxpayer", "1000000001", "--kind", "開示", "--received", "2026-10-20",
            "--requester", "鹿児島 花子", "--relation", "本人", "--details", "保有個人情報の全部", "--operator", "100001");
        Assert.Equal(3, refused.ExitCode);

        var register = await RunAsync(store, "disclosure", "register", "--taxpayer", "1000000001", "--kind", "開示", "--received", "2026-10-20",
            "--requester", "鹿児島 花子", "--relation", "本人", "--details", "保有個人情報の全部", "--operator", "600001");
        Assert.Equal((0, ""), (register.ExitCode, register.Err));
        Assert.Contains("開示等請求 1（開示請求）を受け付けました。受付日 2026-10-20、回答期限 2026-11-19。", register.Out);

        var open = await RunAsync(store, "disclosure", "list", "--open");
        Assert.Contains("期限超過・未回答", open.Out);
        Assert.Contains("回答期限を過ぎた未回答の請求が 1 件あります。", open.Out);

        var path = Path.Combine(_dir, "report.txt");
        var report = await RunAsync(store, "disclosure", "report", "1", "--out", path, "--operator", "600001");
        Assert.Equal((0, ""), (report.ExitCode, report.Err));
        Assert.Contains("調定: 1 件", report.Out);
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8);
        Assert.Contains("■ 6. 調定（1 件）", text);
        Assert.Contains("2026-11-26T12:00:00.000000+09:00\t600001\t保護 責任者\tcli:", text); // the registration, an access to the person

        var answer = await RunAsync(store, "disclosure", "answer", "1", "--decision", "全部", "--answer", "報告書の写しを交付", "--on", "2026-11-26", "--operator", "600001");
        Assert.Equal((0, ""), (answer.ExitCode, answer.Err));
        Assert.Contains("回答期限 2026-11-19 を過ぎています", answer.Out);

        var after = await RunAsync(store, "disclosure", "list", "--open");
        Assert.Contains("未回答の開示等請求はありません。", after.Out);
        var show = await RunAsync(store, "disclosure", "show", "1", "--operator", "600001");
        Assert.Contains("請求者 鹿児島 花子（本人）", show.Out);
        Assert.Contains("報告書の写しを交付", show.Out);
    }
}
