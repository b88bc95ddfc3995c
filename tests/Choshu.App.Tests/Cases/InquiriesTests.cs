using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Documents;
using Choshu.Domain;
using Choshu.Domain.Cases;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Cases;

/// <summary>
/// 財産調査 (<see cref="Inquiries"/>, <see cref="InquiryLetters"/>, <see cref="InquiryAnswers"/>) on both stores. Today is 2026-11-26 (JST);
/// the answer due date is 14 days after sending (the default of <c>inquiry.answer_days</c>): 2026-12-10. Three taxpayers, each with a case
/// whose officer is 200001: A and B asked of 鹿児島銀行 本店 (0182-001), C of its 天文館支店 (0182-002), A of an employer as well — one batch
/// run prints 3 letters (one per target), the bank's main office letter listing A and B.
/// </summary>
public sealed class InquiriesTests(CaseStaffStores stores) : IClassFixture<CaseStaffStores>
{
    public static TheoryData<StoreProvider> Providers => CaseStaffStores.Providers;

    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static int _next;

    /// <summary>A taxpayer with an address and a case whose officer is 200001; returns the taxpayer number and the case id.</summary>
    private async Task<(string No, long CaseId)> CaseAsync(ChoshuDbContext db, string name)
    {
        var n = Interlocked.Increment(ref _next);
        var no = $"21500{n:D5}";
        var id = await LedgerSeed.TaxpayerAsync(db, no, name);
        var t = await db.Taxpayers.SingleAsync(x => x.Id == id);
        t.Facts = t.Facts with { PostalCode = "8920816", TownName = "鹿児島県鹿児島市山下町", StreetNumber = $"{n}番1号" };
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var cases = new CaseUpdates(db, Today);
        var c = await cases.OpenAsync(stores.Approver, no);
        await cases.AssignAsync(stores.Approver, c.Id, "200001");
        return (no, c.Id);
    }

    private static async Task<Data.Security.AuditEvent> LastAuditAsync(ChoshuDbContext db) =>
        await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync();

    [Theory, MemberData(nameof(Providers))]
    public async Task BatchRun_OneLetterPerTarget_RerunReprints_AnswersRecorded_OverdueFrom20261211(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var inquiries = new Inquiries(db, Today);
        var main = await inquiries.AddTargetAsync(stores.Officer, new InquiryTargetRequest(InquiryTargetKind.Bank, "鹿児島銀行", "鹿児島県鹿児島市金生町6番6号",
            "8928690", "事務センター 099-000-0001", "0182", "001", "本店"));
        Assert.Equal((3340, "金融機関 鹿児島銀行 本店（0182-001）"), ((int)(await LastAuditAsync(db)).Kind, $"{main.KindName} {main.Display}"));
        var tenmonkan = await inquiries.AddTargetAsync(stores.Officer, new InquiryTargetRequest(InquiryTargetKind.Bank, "鹿児島銀行", "鹿児島県鹿児島市千日町1番1号",
            null, null, "0182", "002", "天文館支店"));
        // 国税庁's own 法人番号 (check digit 7).
        var employer = await inquiries.AddTargetAsync(stores.Approver, new InquiryTargetRequest(InquiryTargetKind.Employer, "株式会社 桜島運輸", "鹿児島県鹿児島市桜島横山町1番",
            CorporateNo: "7000012050002"));
        Assert.Superset(new[] { main.Id, tenmonkan.Id, employer.Id }.ToHashSet(), (await inquiries.TargetsAsync()).Select(t => t.Id).ToHashSet());
        Assert.Equal([employer.Id], (await inquiries.TargetsAsync(InquiryTargetKind.Employer)).Select(t => t.Id));

        var a = await CaseAsync(db, "照会 一郎");
        var b = await CaseAsync(db, "照会 二郎");
        var c = await CaseAsync(db, "照会 三郎");
        var aBank = await inquiries.RecordAsync(stores.Officer, a.CaseId, main.Id, InquiryKind.Deposit, null);
        Assert.Equal((3341, InquiryStatus.Pending), ((int)(await LastAuditAsync(db)).Kind, aBank.Status));
        var bBank = await inquiries.RecordAsync(stores.Officer, b.CaseId, main.Id, InquiryKind.Deposit, null);
        var cBank = await inquiries.RecordAsync(stores.Approver, c.CaseId, tenmonkan.Id, InquiryKind.Deposit, null);
        var aSalary = await inquiries.RecordAsync(stores.Officer, a.CaseId, employer.Id, InquiryKind.Salary, "給与支払報告書より");

        var dir = Directory.CreateTempSubdirectory("choshu-inquiry-");
        var pdf = Path.Combine(dir.FullName, "letters.pdf");
        var letters = new InquiryLetters(db, Today);
        var before = await db.IssuedDocuments.CountAsync(d => d.Kind == IssuedDocumentKinds.InquiryLetter);
        var run = await letters.IssueAsync(stores.Officer, new InquiryLetterRequest("2026-11-26-batch"), pdf);
        Assert.Equal((false, 3, 4, D(2026, 11, 26), D(2026, 12, 10)), (run.Reprinted, run.DocumentIds.Count, run.Inquiries, run.SentOn, run.DueOn));
        Assert.Equal(3342, (int)(await LastAuditAsync(db)).Kind);
        Assert.Equal(before + 3, await db.IssuedDocuments.CountAsync(d => d.Kind == IssuedDocumentKinds.InquiryLetter));
        var sent = await inquiries.ForCaseAsync(a.CaseId);
        Assert.All(sent, l => Assert.Equal((InquiryStatus.Sent, (DateOnly?)D(2026, 12, 10), "letter"), (l.Status, l.DueOn, l.SentBy)));
        // A and B share the main office's letter; C and the employer have one each.
        var docOf = (await db.Inquiries.AsNoTracking().ToListAsync()).ToDictionary(i => i.Id, i => i.DocumentId);
        Assert.Equal(docOf[aBank.Id], docOf[bBank.Id]);
        Assert.Equal(3, new[] { docOf[aBank.Id], docOf[cBank.Id], docOf[aSalary.Id] }.Distinct().Count());

        // The 照会書 read back: one letter per target, the main office's listing both taxpayers and the due date in 和暦.
        var text = Poppler.Text(await File.ReadAllBytesAsync(pdf));
        // docs/forms/inquiry-letter.png is drawn from this PDF (set CHOSHU_FORM_SAMPLES to a directory to keep it).
        if (Environment.GetEnvironmentVariable("CHOSHU_FORM_SAMPLES") is { Length: > 0 } samples && provider == StoreProvider.Postgres)
            File.Copy(pdf, Path.Combine(samples, "inquiry-letter.pdf"), overwrite: true);
        foreach (var t in new[] { main, tenmonkan, employer }) Assert.Contains($"照会先 {t.Id}", text);
        // Banks and the company are addressed 御中, never 様, and no 宛名番号 is printed for them (they are not taxpayers).
        Assert.Equal(3, CountOf(text, "御中"));
        Assert.Contains("株式会社 桜島運輸 御中", text);
        Assert.DoesNotContain("様", text);
        Assert.DoesNotContain("宛名番号 照会先", text);
        Assert.Equal(3, CountOf(text, "下記の滞納者について"));
        Assert.Contains("国税徴収法第141条", text);
        Assert.Contains("回答期限: 令和8年12月10日", text);
        Assert.Contains(a.No, text);
        Assert.Contains(b.No, text);
        Assert.Contains($"照会番号 {aBank.Id}", text);
        Assert.Contains("支給額、控除額", text);

        // The same run key again: the same letters re-printed, nothing issued, nothing sent twice.
        var again = await letters.IssueAsync(stores.Officer, new InquiryLetterRequest("2026-11-26-batch"), pdf);
        Assert.Equal((true, 4), (again.Reprinted, again.Inquiries));
        Assert.Equal(run.DocumentIds, again.DocumentIds);
        Assert.Equal(before + 3, await db.IssuedDocuments.CountAsync(d => d.Kind == IssuedDocumentKinds.InquiryLetter));
        Assert.Contains("再出力", (await LastAuditAsync(db)).Detail);
        Assert.Equal("inquiry.nothing_to_send", (await Assert.ThrowsAsync<DomainException>(() => letters.IssueAsync(stores.Officer, new InquiryLetterRequest("next"), null))).Code);

        // Nothing is overdue on the due date itself; from the next day all four are (the class shares its store: other tests' inquiries
        // may be listed too, so this run's four are picked out and the audit's count is the list's).
        long[] mine = [aBank.Id, bBank.Id, cBank.Id, aSalary.Id];
        Assert.DoesNotContain(await inquiries.OverdueAsync(stores.Officer, D(2026, 12, 10)), l => mine.Contains(l.Id));
        var overdue = await inquiries.OverdueAsync(stores.Officer, D(2026, 12, 11));
        Assert.Equal(mine.Order(), overdue.Select(l => l.Id).Where(mine.Contains).Order());
        Assert.Equal((3345, $"回答期限超過 2026-12-11 時点 {overdue.Count}件"), ((int)(await LastAuditAsync(db)).Kind, (await LastAuditAsync(db)).Detail));

        // Answers: A's account with 523,000 yen, A's salary 350,000 less 75,000 paid on the 25th, nothing at the bank for B.
        var deposit = await inquiries.AnswerAsync(stores.Officer, aBank.Id, new InquiryAnswerEntry(InquiryAssetKind.Deposit, D(2026, 11, 26), "書面回答")
        {
            BankCode = "0182", BranchCode = "001", AccountType = 1, AccountNo = "1234567", Holder = "ｼｮｳｶｲ ｲﾁﾛｳ", Balance = 523_000, AsOf = D(2026, 11, 25),
        });
        var audit = await LastAuditAsync(db);
        Assert.Equal(3343, (int)audit.Kind);
        Assert.DoesNotContain("1234567", audit.Detail);
        Assert.Contains("****567 残高 523,000円", audit.Detail);
        await inquiries.AnswerAsync(stores.Officer, aSalary.Id, new InquiryAnswerEntry(InquiryAssetKind.Salary, D(2026, 11, 26), "電話（経理課）")
        {
            Payer = "株式会社 桜島運輸", Gross = 350_000, Deductions = 75_000, PayDay = 25, AsOf = D(2026, 10, 25),
        });
        await inquiries.AnswerAsync(stores.Approver, bBank.Id, new InquiryAnswerEntry(InquiryAssetKind.None, D(2026, 11, 26), "書面回答"));

        var assets = await new InquiryAnswers(db).ForCaseAsync(a.CaseId);
        Assert.Equal([(deposit, InquiryAssetKind.Deposit, (long?)523_000L), (deposit + 1, InquiryAssetKind.Salary, 350_000L)],
            assets.Select(x => (x.AnswerId, x.AssetKind, x.Amount)));
        var found = await new InquiryAnswers(db).FindAsync(deposit);
        Assert.Equal(("0182", "001", (short?)1, "1234567", 523_000L, D(2026, 11, 25)), (found!.BankCode, found.BranchCode, found.AccountType, found.AccountNo, found.Balance!.Value, found.AsOf!.Value));
        Assert.Empty(await new InquiryAnswers(db).ForCaseAsync(b.CaseId));
        Assert.Single(await new InquiryAnswers(db).ForCaseAsync(b.CaseId, includeNone: true));
        // Answered inquiries leave the overdue list: only C's remains.
        Assert.Equal([cBank.Id], (await inquiries.OverdueAsync(stores.Officer, D(2026, 12, 11))).Select(l => l.Id).Where(mine.Contains));

        // The case file shows the inquiries and the answers.
        var files = new CaseFiles(db, Today);
        var file = await files.LoadAsync(stores.Officer, a.CaseId);
        Assert.Equal(2, file.Inquiries.Count);
        Assert.Equal(2, file.InquiryAnswers.Count);
        Assert.All(file.Inquiries, l => Assert.Equal(InquiryStatus.Answered, l.Status));
        dir.Delete(true);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task BadInput_RefusedInJapanese_AnotherOfficer_RefusedAndAudited(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var inquiries = new Inquiries(db, Today);
        async Task<DomainException> Refused(Func<Task> act) => await Assert.ThrowsAsync<DomainException>(act);

        Assert.Equal("金融機関コードは4桁の数字で入力してください。", (await Refused(() => inquiries.AddTargetAsync(stores.Officer,
            new InquiryTargetRequest(InquiryTargetKind.Bank, "南日本銀行", "鹿児島市山下町1番1号", BankCode: "590", BranchCode: "001", BranchName: "本店")))).Message);
        Assert.Equal("inquiry.corporate_no", (await Refused(() => inquiries.AddTargetAsync(stores.Officer,
            new InquiryTargetRequest(InquiryTargetKind.Employer, "株式会社 誤り", "鹿児島市", CorporateNo: "1000012050002")))).Code);
        await Assert.ThrowsAsync<AccessDeniedException>(() => inquiries.AddTargetAsync(stores.Clerk,
            new InquiryTargetRequest(InquiryTargetKind.LandRegistry, "鹿児島地方法務局", "鹿児島市鴨池新町1番2号")));

        var bank = await inquiries.AddTargetAsync(stores.Officer, new InquiryTargetRequest(InquiryTargetKind.Bank, "南日本銀行", "鹿児島市山下町1番1号",
            BankCode: "0590", BranchCode: "001", BranchName: "本店"));
        Assert.Equal("inquiry.target_exists", (await Refused(() => inquiries.AddTargetAsync(stores.Officer, new InquiryTargetRequest(InquiryTargetKind.Bank, "南日本銀行",
            "鹿児島市", BankCode: "0590", BranchCode: "001", BranchName: "本店")))).Code);
        var x = await CaseAsync(db, "照会 四郎");
        Assert.Equal("金融機関（南日本銀行）には給与の照会はできません。",
            (await Refused(() => inquiries.RecordAsync(stores.Officer, x.CaseId, bank.Id, InquiryKind.Salary, null))).Message);
        // Another officer may not record an inquiry on this case: refused and audited 5000.
        await Assert.ThrowsAsync<AccessDeniedException>(() => inquiries.RecordAsync(stores.Colleague, x.CaseId, bank.Id, InquiryKind.Deposit, null));
        Assert.Equal(AuditEventKind.AccessDenied, (await LastAuditAsync(db)).Kind);

        var q = await inquiries.RecordAsync(stores.Officer, x.CaseId, bank.Id, InquiryKind.Deposit, null);
        var entry = new InquiryAnswerEntry(InquiryAssetKind.Deposit, D(2026, 11, 26), "書面回答")
        {
            BankCode = "0590", BranchCode = "001", AccountType = 1, AccountNo = "7654321", Holder = "ｼｮｳｶｲ ｼﾛｳ", Balance = 10_000, AsOf = D(2026, 11, 26),
        };
        Assert.Equal("inquiry.not_sent", (await Refused(() => inquiries.AnswerAsync(stores.Officer, q.Id, entry))).Code);
        await new InquiryLetters(db, Today).IssueAsync(stores.Officer, new InquiryLetterRequest($"single-{q.Id}", x.CaseId, [q.Id]), null);
        Assert.Equal("口座番号は7桁の数字で入力してください。", (await Refused(() => inquiries.AnswerAsync(stores.Officer, q.Id, entry with { AccountNo = "12345" }))).Message);
        Assert.Equal("預金種目は 1（普通）、2（当座）、4（貯蓄）、9（その他）のいずれかを入力してください。",
            (await Refused(() => inquiries.AnswerAsync(stores.Officer, q.Id, entry with { AccountType = 3 }))).Message);
        Assert.Equal("inquiry.answered_in_future", (await Refused(() => inquiries.AnswerAsync(stores.Officer, q.Id, entry with { AnsweredOn = D(2026, 11, 27) }))).Code);
        Assert.Equal("inquiry.asset_kind_mismatch",
            (await Refused(() => inquiries.AnswerAsync(stores.Officer, q.Id, new InquiryAnswerEntry(InquiryAssetKind.Salary, D(2026, 11, 26), "電話")
            { Payer = "x", Gross = 1, PayDay = 1 }))).Code);
        await Assert.ThrowsAsync<AccessDeniedException>(() => inquiries.AnswerAsync(stores.Colleague, q.Id, entry));
        Assert.Empty(await new InquiryAnswers(db).ForCaseAsync(x.CaseId, includeNone: true));
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
