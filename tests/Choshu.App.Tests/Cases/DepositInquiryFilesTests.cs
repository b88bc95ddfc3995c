using System.Text;
using Choshu.App.Cases;
using Choshu.Data;
using Choshu.Domain.Cases;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Cases;

/// <summary>
/// 預貯金照会ファイル and its answer file in layout <c>csv-v1</c> (<see cref="DepositInquiryFiles"/>, <see cref="CsvDepositInquiryChannel"/>) on both
/// stores. Today 2026-11-26, answers due 2026-12-10. A and B are asked of two branches of bank 0001 (one file), C of bank 0005 (another file).
/// </summary>
public sealed class DepositInquiryFilesTests(CaseStaffStores stores) : IClassFixture<CaseStaffStores>
{
    public static TheoryData<StoreProvider> Providers => CaseStaffStores.Providers;

    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    private static int _next;

    private async Task<(long TaxpayerId, string No, long CaseId)> CaseAsync(ChoshuDbContext db, string name)
    {
        var n = Interlocked.Increment(ref _next);
        var no = $"21600{n:D5}";
        var id = await LedgerSeed.TaxpayerAsync(db, no, name);
        var t = await db.Taxpayers.SingleAsync(x => x.Id == id);
        t.Facts = t.Facts with { PostalCode = "8920816", TownName = "鹿児島県鹿児島市山下町", StreetNumber = $"{n}番1号" };
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var cases = new CaseUpdates(db, Today);
        var c = await cases.OpenAsync(stores.Approver, no);
        await cases.AssignAsync(stores.Approver, c.Id, "200001");
        return (id, no, c.Id);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task OneFilePerBank_RerunSameBytes_AnswersRecordedOnce_BadLinesQuarantined(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var inquiries = new Inquiries(db, Today);
        var b100 = await inquiries.AddTargetAsync(stores.Officer, new InquiryTargetRequest(InquiryTargetKind.Bank, "みずほ銀行", "東京都千代田区", BankCode: "0001", BranchCode: "100", BranchName: "東京営業部"));
        var b200 = await inquiries.AddTargetAsync(stores.Officer, new InquiryTargetRequest(InquiryTargetKind.Bank, "みずほ銀行", "鹿児島市", BankCode: "0001", BranchCode: "200", BranchName: "鹿児島支店"));
        var mufg = await inquiries.AddTargetAsync(stores.Officer, new InquiryTargetRequest(InquiryTargetKind.Bank, "三菱UFJ銀行", "東京都千代田区", BankCode: "0005", BranchCode: "001", BranchName: "本店"));
        var a = await CaseAsync(db, "預金 一郎");
        var b = await CaseAsync(db, "預金 二郎");
        var c = await CaseAsync(db, "預金 三郎");
        var qa = await inquiries.RecordAsync(stores.Officer, a.CaseId, b100.Id, InquiryKind.Deposit, null);
        var qb = await inquiries.RecordAsync(stores.Officer, b.CaseId, b200.Id, InquiryKind.Deposit, null);
        var qc = await inquiries.RecordAsync(stores.Officer, c.CaseId, mufg.Id, InquiryKind.Deposit, null);

        var dir = Directory.CreateTempSubdirectory("choshu-deposit-");
        var files = new DepositInquiryFiles(db, Today, new CsvDepositInquiryChannel(dir.FullName));
        var sent = await files.SendAsync(stores.Officer, "dep-1");
        Assert.Equal((false, 3, 2), (sent.Repeated, sent.Inquiries, sent.Files.Count));
        var first = await File.ReadAllTextAsync(Path.Combine(dir.FullName, "deposit-inquiry-0001-dep-1.csv"), Encoding.UTF8);
        Assert.Equal(CsvDepositInquiryChannel.RequestHeader + "\r\n"
            + $"{qa.Id},0001,100,{a.No},カゴシマ ハナコ,預金 一郎,19800401,鹿児島県鹿児島市山下町 {StreetOf(a.No)}番1号,20261126,20261210\r\n"
            + $"{qb.Id},0001,200,{b.No},カゴシマ ハナコ,預金 二郎,19800401,鹿児島県鹿児島市山下町 {StreetOf(b.No)}番1号,20261126,20261210\r\n", first);
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => (int)e.Kind == 4030));
        Assert.All(await inquiries.ForCaseAsync(a.CaseId), l => Assert.Equal((InquiryStatus.Sent, "csv-v1", (DateOnly?)new DateOnly(2026, 12, 10)), (l.Status, l.SentBy, l.DueOn)));

        // The same run key: the same bytes again, nothing sent twice.
        var again = await files.SendAsync(stores.Officer, "dep-1");
        Assert.True(again.Repeated);
        Assert.Equal(sent.Files.Select(f => f.Sha256), again.Files.Select(f => f.Sha256));

        // The bank's answer: an account, a 該当なし, and three bad lines (account number, a bank code not of the inquiry, a date).
        var answer = Path.Combine(dir.FullName, "answer-0001.csv");
        await File.WriteAllTextAsync(answer, CsvDepositInquiryChannel.AnswerHeader + "\r\n"
            + $"{qa.Id},0001,100,1,1234567,ﾖｷﾝ ｲﾁﾛｳ,523000,20261125,20261126\r\n"
            + $"{qb.Id},0001,200,,,,,,20261126\r\n"
            + $"{qa.Id},0001,100,1,12345,ﾖｷﾝ ｲﾁﾛｳ,1000,20261125,20261126\r\n"
            + $"{qc.Id},0001,001,1,7777777,ﾖｷﾝ ｻﾌﾞﾛｳ,1000,20261125,20261126\r\n"
            + $"{qb.Id},0001,200,,,,,,2026-11-26\r\n", new UTF8Encoding(false));
        var imported = await files.ImportAnswersAsync(stores.Officer, answer);
        Assert.Equal((2, 0), (imported.Recorded, imported.AlreadyRecorded));
        Assert.Equal([(4, "口座番号"), (5, "金融機関コード"), (6, "回答日")], imported.Errors.Select(e => (e.LineNo, e.Field)));
        Assert.Equal("口座番号は7桁の数字で入力してください。", imported.Errors[0].Message);
        var quarantine = await File.ReadAllTextAsync(imported.QuarantinePath!);
        Assert.Contains("answer-0001.csv,4,口座番号,口座番号は7桁の数字で入力してください。", quarantine);
        var audit = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal(3344, (int)audit.Kind);
        Assert.Contains("記録 2件 取込済 0件 エラー 3件", audit.Detail);
        Assert.DoesNotContain("1234567", audit.Detail);

        // Run again: nothing recorded twice.
        var rerun = await files.ImportAnswersAsync(stores.Officer, answer);
        Assert.Equal((0, 2), (rerun.Recorded, rerun.AlreadyRecorded));
        var assets = await new InquiryAnswers(db).ForTaxpayerAsync(a.TaxpayerId);
        var deposit = Assert.Single(assets);
        Assert.Equal((InquiryAssetKind.Deposit, "0001", "100", "1234567", 523_000L, "回答ファイル answer-0001.csv 2行目"),
            (deposit.AssetKind, deposit.BankCode, deposit.BranchCode, deposit.AccountNo, deposit.Balance!.Value, deposit.Source));
        Assert.Equal(InquiryStatus.Answered, (await inquiries.FindAsync(qb.Id)).Status);
        Assert.Equal(InquiryStatus.Sent, (await inquiries.FindAsync(qc.Id)).Status);
        dir.Delete(true);
    }

    private static string StreetOf(string no) => int.Parse(no[^5..], System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
