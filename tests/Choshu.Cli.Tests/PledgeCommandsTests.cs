using System.Text.Json;
using Choshu.Data;
using Choshu.Domain.Claims;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu pledge add|print|check|show</c> on SQLite. Taxpayer 1000000001 (an address in Kagoshima) owes one 市民税 installment of
/// 50,000 due 2025-04-30, reminded 2025-05-20 (lapse day 2030-05-31); case officer 200001. Today 2027-03-01 (JST). The pledge is
/// signed 2027-02-15: two instalments of 25,000 on 2027-03-31 and 2027-04-30; nothing is paid, so with 10 grace days it is in
/// breach from 2027-04-11 (instalment 1's deadline 2027-04-10 has passed).
/// </summary>
public sealed class PledgeCommandsTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2027, 3, 1, 3, 0, 0, TimeSpan.Zero));

    private static async Task<TestStore> SeedAsync()
    {
        var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using var db = store.Open();
        var id = await LedgerSeed.TaxpayerAsync(db, "1000000001", "誓約 花子");
        var t = await db.Taxpayers.SingleAsync(x => x.Id == id);
        t.Facts = t.Facts with { PostalCode = "8920816", TownName = "鹿児島県鹿児島市山下町", StreetNumber = "11番1号" };
        await db.SaveChangesAsync();
        var inst = (await LedgerSeed.AssessmentAsync(db, id, "01", 2025, "2025010000001", new LedgerSeed.Inst(1, new DateOnly(2025, 4, 30), 50_000)))[0];
        await LedgerSeed.ClaimEventAsync(db, inst, ClaimEventKind.ReminderDispatched, new DateOnly(2025, 5, 20));
        await StaffSeed.AddAsync(db, "200001", "滞納 一郎", StaffSeed.Holds(Role.DelinquencyOfficer));
        await StaffSeed.AddAsync(db, "300001", "承認 三郎", StaffSeed.Holds(Role.Approver));
        return store;
    }

    private static Task<(int ExitCode, string Out, string Err)> RunAsync(TestStore store, params string[] args) =>
        CliRunner.RunAsync(Clock, [.. args, "--db", store.Store.ConnectionString]);

    [Fact]
    public async Task Pledge_AddPrintCheck_LapseDayRenewed_FormReadBack_BreachListed()
    {
        await using var store = await SeedAsync();
        Assert.Equal(0, (await RunAsync(store, "case", "open", "--taxpayer", "1000000001", "--operator", "300001")).ExitCode);
        Assert.Equal(0, (await RunAsync(store, "case", "assign", "--taxpayer", "1000000001", "--officer", "200001", "--operator", "300001")).ExitCode);

        var add = await RunAsync(store, "pledge", "add", "1000000001", "--schedule", "2027-03-31:25000", "2027-04-30:25000", "--signed", "2027-02-15",
            "--operator", "200001");
        Assert.Equal((0, ""), (add.ExitCode, add.Err));
        Assert.Contains("分納誓約 1 を記録しました", add.Out);
        Assert.Contains("時効 2032-02-16", add.Out); // signed 2027-02-15: a new period from 2027-02-16
        Assert.Contains("分納中", add.Out);

        var pdf = Path.Combine(Path.GetTempPath(), $"pledge-{Guid.NewGuid():N}.pdf");
        try
        {
            var print = await RunAsync(store, "pledge", "print", "1", "--out", pdf, "--operator", "200001");
            Assert.Equal((0, ""), (print.ExitCode, print.Err));
            Assert.Contains("納付書 2枚", print.Out);
            var text = Poppler.Text(await File.ReadAllBytesAsync(pdf));
            foreach (var expected in new[] { "納付誓約書", "誓約 花子", "令和9年2月15日", "第1回", "令和9年3月31日まで", "第2回", "令和9年4月30日まで", "25,000円", "合計", "50,000円", "債務を承認" })
                Assert.Contains(expected, text);
            if (Environment.GetEnvironmentVariable("CHOSHU_KEEP_PDF") is { Length: > 0 } keep) File.Copy(pdf, keep + "pledge-form.pdf", overwrite: true);
        }
        finally
        {
            File.Delete(pdf);
        }

        var before = await RunAsync(store, "pledge", "check", "--as-of", "2027-04-10", "--json");
        Assert.Empty(JsonDocument.Parse(before.Out).RootElement.GetProperty("pledges").EnumerateArray());
        var check = await RunAsync(store, "pledge", "check", "--as-of", "2027-04-11", "--json");
        Assert.Equal(0, check.ExitCode);
        var row = Assert.Single(JsonDocument.Parse(check.Out).RootElement.GetProperty("pledges").EnumerateArray());
        Assert.Equal(("breached", "2027-04-11", 1, 25_000L, 0L, "200001"),
            (row.GetProperty("state").GetString(), row.GetProperty("breachedOn").GetString(), row.GetProperty("missedInstalment").GetInt32(),
                row.GetProperty("missedUnpaid").GetInt64(), row.GetProperty("paid").GetInt64(), row.GetProperty("officer").GetString()));

        // On 2027-04-11 the 分納不履行通知書 can be printed: instalment 1 (2027-03-31, 25,000) missed, nothing paid.
        var later = new FakeTimeProvider(new DateTimeOffset(2027, 4, 11, 3, 0, 0, TimeSpan.Zero));
        var letterPdf = Path.Combine(Path.GetTempPath(), $"pledge-breach-{Guid.NewGuid():N}.pdf");
        try
        {
            var letter = await CliRunner.RunAsync(later, "pledge", "breach-letter", "1", "--out", letterPdf, "--operator", "200001", "--db", store.Store.ConnectionString);
            Assert.Equal((0, ""), (letter.ExitCode, letter.Err));
            // The letter's body is wrapped text: read it with the line breaks taken out.
            var text = Poppler.Text(await File.ReadAllBytesAsync(letterPdf)).Replace("\n", "", StringComparison.Ordinal);
            foreach (var expected in new[] { "分納不履行通知書", "誓約 花子", "第1回（令和9年3月31日まで 25,000円）", "0円", "50,000円" })
                Assert.Contains(expected, text);
            if (Environment.GetEnvironmentVariable("CHOSHU_KEEP_PDF") is { Length: > 0 } keep) File.Copy(letterPdf, keep + "pledge-breach.pdf", overwrite: true);
        }
        finally
        {
            File.Delete(letterPdf);
        }

        var refused = await RunAsync(store, "pledge", "add", "1000000001", "--schedule", "2027-03-31:25000", "2027-04-30:25000", "--signed", "2027-02-20",
            "--operator", "200001");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("分納誓約 1 があります", refused.Err);
    }
}
