using System.CommandLine;
using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Data.Security;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Assessments;
using Choshu.Domain.Identifiers;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Cli.Tests;

/// <summary>
/// Every path to personal data through the CLI writes an audit record (issue 4: "a test enumerates the paths").
/// The command tree is built as <see cref="CliApp"/> builds it and walked; <see cref="Table"/> classifies every
/// leaf command. A leaf missing from the table fails <see cref="CommandTree_EveryLeafCommand_ClassifiedInTheTable"/>,
/// so a new command cannot be added without deciding whether it touches personal data. Each command that does is
/// run, in table order, against one seeded store and must add a record of its kind.
/// </summary>
public sealed class AuditPathTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("choshu-audit-paths-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>One leaf command: whether it touches personal data, the record it must write, and how to run it.</summary>
    private sealed record Entry(string Path, AuditEventKind? Kind, string Why, Func<Scenario, Task<string[]>>? Args = null, int Exit = 0)
    {
        public bool PersonalData => Kind is not null;
    }

    private static Entry Personal(string path, AuditEventKind kind, Func<Scenario, Task<string[]>> args, int exit = 0) => new(path, kind, "", args, exit);

    private static Entry Personal(string path, AuditEventKind kind, Func<Scenario, string[]> args, int exit = 0) => new(path, kind, "", s => Task.FromResult(args(s)), exit);

    private static Entry NotPersonal(string path, string why) => new(path, null, why);

    // Staff numbers of the seeded accounts (see Scenario).
    private const string Approver = "10001", Officer = "10002", Exporter = "10003", Admin = "10004", Security = "10005", Approver2 = "10006";

    /// <summary>Every leaf command. Personal-data commands run in this order (later ones use what earlier ones made).</summary>
    private static readonly Entry[] Table =
    [
        Personal("import taxpayers", AuditEventKind.TaxpayersImported, s => ["import", "taxpayers", s.File("tp.csv",
            "宛名番号,氏名漢字,氏名かな,生年月日,性別,郵便番号,町名,番地,方書,個人番号,法人番号",
            "1000000005,山田　太郎,ヤマダ　タロウ,1980-04-01,男,8920816,鹿児島県鹿児島市山下町,1,,,")]),
        Personal("import assessments", AuditEventKind.AssessmentsImported, s => ["import", "assessments", s.File("as.csv",
            "宛名番号,税目,調定年度,相当年度,通知書番号,期別,納期限,税額",
            "1000000005,市民税,2026,2026,2026010005,1,2026-06-30,12300")]),
        Personal("import payments", AuditEventKind.PaymentsImported, s => ["import", "payments", "--format", "bank", s.File("bank.csv",
            [.. PaymentFiles.Bank([new PaymentFiles.BankLine("1", PaymentFiles.Key(s.Period1), 2_000, new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 24))])])]),
        Personal("taxpayer show", AuditEventKind.TaxpayerViewed, _ => ["taxpayer", "show", "1000000001"]),
        Personal("taxpayer search", AuditEventKind.TaxpayerSearched, _ => ["taxpayer", "search", "--kana", "かごしま"]),
        Personal("pay", AuditEventKind.PaymentEntered, _ => ["pay", "--notice-no", "2025020001", "--period", "1", "--amount", "1000", "--date", "2026-11-25", "--receipt-no", "C-1"]),
        Personal("unmatched list", AuditEventKind.UnmatchedPaymentsListed, _ => ["unmatched", "list"]),
        Personal("unmatched match", AuditEventKind.PaymentMatched, s => ["unmatched", "match", s.UnmatchedPaymentId.ToString(), "--notice-no", "2025020001", "--period", "1"]),
        Personal("payment reverse", AuditEventKind.PaymentReversed, async s => ["payment", "reverse", (await s.CounterPaymentIdAsync()).ToString(), "--reason", "入力誤り"]),
        Personal("report daily", AuditEventKind.TaxpayerViewed, async s =>
        {
            // 2026-11-24 closed, then 500 yen paid at the counter on it: a late entry (後日入力), counted on the next open
            // day and listed there by 通知書番号・期別 (a read of 1000000001's data).
            var (closed, _, closeErr) = await s.RunAsync("day", "close", "--date", "2026-11-24");
            Assert.True(closed == 0, closeErr);
            var (paid, paidOut, payErr) = await s.RunAsync("pay", "--installment", "2025020001:1:500", "--date", "2026-11-24", "--json");
            Assert.True(paid == 0, payErr);
            var receivedOn = System.Text.Json.JsonDocument.Parse(paidOut).RootElement.GetProperty("receivedOn").GetString()!;
            return ["report", "daily", "--date", receivedOn];
        }),
        Personal("receipt print", AuditEventKind.CounterReceiptPrinted, async s =>
        {
            // A receipt of the counter first (pay --installment, audited 3070), then its PDF.
            var (code, _, err) = await s.RunAsync("pay", "--installment", "2025020001:2:1000", "--tendered", "2000", "--confirm-overpayment", "--receipt-no", "R-9", "--date", "2026-11-25");
            Assert.True(code == 0, err);
            return ["receipt", "print", "R-9", "--out", Path.Combine(s.Dir, "receipt.pdf")];
        }),
        Personal("slip", AuditEventKind.SlipIssued, _ => ["slip", "--notice-no", "2025020001", "--period", "2", "--as-of", "2026-11-26"]),
        Personal("debit request", AuditEventKind.DebitRequestWritten, s => ["debit", "request", "--date", "2026-11-30", "--out", Path.Combine(s.Dir, "debit.txt")]),
        Personal("debit register", AuditEventKind.DebitRegistrationRecorded, _ => ["debit", "register", "1000000001", "--received", "2026-11-20", "--start-year", "2026",
            "--start-period", "3", "--bank", "0185", "--branch", "012", "--type", "1", "--account", "1234567", "--holder", "ｶｺﾞｼﾏ ﾊﾅｺ", "--operator", Officer]),
        Personal("debit change", AuditEventKind.DebitRegistrationRecorded, _ => ["debit", "change", "1000000001", "--received", "2026-11-25", "--jp-symbol", "10180",
            "--jp-number", "12345671", "--holder", "ｶｺﾞｼﾏ ﾊﾅｺ", "--operator", Officer]),
        Personal("debit cancel", AuditEventKind.DebitRegistrationRecorded, _ => ["debit", "cancel", "1000000001", "--received", "2026-11-26", "--operator", Officer]),
        Personal("debit import-registrations", AuditEventKind.DebitRegistrationsImported, s => ["debit", "import-registrations", s.File("debit-reg.csv",
            "受付番号,区分,受付日,適用日,宛名番号,税目,開始年度,開始期,金融機関コード,支店コード,預金種目,口座番号,ゆうちょ記号,ゆうちょ番号,口座名義カナ",
            "W-1,新規,2026-11-26,,1000000001,,2026,4,0587,101,1,7654321,,,ｶｺﾞｼﾏ ﾊﾅｺ"), "--source", "web"]),
        Personal("debit history", AuditEventKind.DebitRegistrationsViewed, _ => ["debit", "history", "1000000001"]),
        Personal("case open", AuditEventKind.CaseOpened, _ => ["case", "open", "--taxpayer", "1000000001", "--operator", Approver]),
        Personal("case assign", AuditEventKind.CaseOfficerAssigned, _ => ["case", "assign", "--taxpayer", "1000000001", "--officer", Officer, "--operator", Approver]),
        Personal("case hold", AuditEventKind.CaseDemandHoldChanged, _ => ["case", "hold", "--taxpayer", "1000000001", "--reason", "分納相談中", "--operator", Officer]),
        Personal("case show", AuditEventKind.TaxpayerViewed, _ => ["case", "show", "--taxpayer", "1000000001"]),
        // The case file's own commands on 1000000001's case (officer: Officer): a logged call, a flag put on and taken off,
        // the caution mark, the worklist and lapsing lists, the rule run (dry run: lists, changes nothing), the call-centre
        // list (a 移転 by the exporter) and its results read back into the log.
        Personal("case log", AuditEventKind.CaseLogRecorded, _ => ["case", "log", "1000000001", "--method", "電話", "--text", "本人と電話。12月中に来庁予定", "--operator", Officer]),
        Personal("case flag", AuditEventKind.CaseFlagChanged, _ => ["case", "flag", "1000000001", "--colour", "赤", "--text", "差押予告済", "--operator", Officer]),
        Personal("case unflag", AuditEventKind.CaseFlagChanged, async s =>
            ["case", "unflag", "1000000001", "--flag", (await s.LastCaseEventIdAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", "対応済", "--operator", Officer]),
        Personal("case caution", AuditEventKind.CaseCautionChanged, _ => ["case", "caution", "1000000001", "--reason", "来庁時の対応に注意", "--operator", Officer]),
        Personal("case worklist", AuditEventKind.CaseWorklistViewed, _ => ["case", "worklist", "--operator", Officer]),
        Personal("case lapsing", AuditEventKind.CaseWorklistViewed, _ => ["case", "lapsing", "--months", "60", "--operator", Officer]),
        Personal("case open-due", AuditEventKind.CasesOpenedByRule, _ => ["case", "open-due", "--dry-run", "--operator", Approver]),
        Personal("case callcentre export", AuditEventKind.DataTransferred, s => ["case", "callcentre", "export", "--out", Path.Combine(s.Dir, "calls.csv"), "--operator", Exporter]),
        Personal("case callcentre import", AuditEventKind.CallCentreResultsImported, s => ["case", "callcentre", "import",
            s.File("call-results.csv", "結果番号,宛名番号,架電日,架電時刻,結果,相手方,内容,次回予定,次回予定日",
                "R-0001,1000000001,2026-11-25,14:05,通話,本人,12月中に納付予定,納付確認,2026-12-28"), "--operator", Officer]),
        NotPersonal("case district list", "staff numbers by district code; no taxpayer"),
        NotPersonal("case district set", "sets which staff member takes a district code; no taxpayer (audited 3223 as a change)"),
        Personal("claim event add", AuditEventKind.ClaimReminderRecorded, _ => ["claim", "event", "add", "--notice-no", "2025020001", "--period", "1", "--kind", "reminder", "--on", "2025-05-20", "--operator", Officer]),
        Personal("claim event end", AuditEventKind.CaseDisposition, async s =>
        {
            // A seizure (seizable from 2025-05-31) recorded by the officer in charge, then ended.
            var (code, _, err) = await s.RunAsync("claim", "event", "add", "--notice-no", "2025020001", "--period", "1", "--kind", "seizure", "--on", "2025-06-02", "--operator", Officer);
            Assert.True(code == 0, err);
            return ["claim", "event", "end", (await s.LastClaimEventIdAsync()).ToString(), "--on", "2025-09-30", "--reason", "解除", "--operator", Officer];
        }),
        Personal("claim event withdraw", AuditEventKind.ClaimEventWithdrawn, async s =>
        {
            var (code, _, err) = await s.RunAsync("claim", "event", "add", "--notice-no", "2025020001", "--period", "1", "--kind", "acknowledgement", "--on", "2025-10-01", "--operator", Officer);
            Assert.True(code == 0, err);
            return ["claim", "event", "withdraw", (await s.LastClaimEventIdAsync()).ToString(), "--reason", "入力誤り", "--operator", Officer];
        }),
        Personal("claim show", AuditEventKind.TaxpayerViewed, _ => ["claim", "show", "--notice-no", "2025020001", "--period", "1", "--json"]),
        // Issue 15 items 4–5 on 1000000001 while its 2025020001 period 1 is in arrears (its case's officer is Officer): 滞納処分費 3,000;
        // a 交付要求 to the court on every claim in arrears (record 1); 3,000 received on it, all to the costs (no claim's money moves);
        // its end refused to the exporter (no 滞納整理 right, exit 3); shown.
        Personal("enforcement cost", AuditEventKind.EnforcementCostCharged, _ => ["enforcement", "cost", "1000000001", "--amount", "3000", "--purpose", "登録免許税",
            "--date", "2026-11-20", "--operator", Officer]),
        Personal("claim-for-distribution add", AuditEventKind.ClaimForDistributionMade, _ => ["claim-for-distribution", "add", "1000000001", "--body-kind", "court",
            "--body", "鹿児島地方裁判所", "--sent", "2026-11-24", "--received", "2026-11-25", "--operator", Officer]),
        Personal("claim-for-distribution receive", AuditEventKind.DistributionReceived, _ => ["claim-for-distribution", "receive", "1", "--amount", "3000",
            "--date", "2026-11-26", "--reference", "配当表1", "--operator", Officer]),
        Personal("claim-for-distribution end", AuditEventKind.AccessDenied, _ => ["claim-for-distribution", "end", "1", "--date", "2026-11-26", "--reason", "配当実施",
            "--operator", Exporter], exit: 3),
        Personal("enforcement show", AuditEventKind.TaxpayerViewed, _ => ["enforcement", "show", "1000000001", "--json", "--operator", Officer]),
        // Issue 15 item 5 on 1000000001 by its officer: a sale of land (record 1) noticed, an appeal filed and decided, the sale decided, paid
        // and its registration requested; the 配当計算書 issued; shown. A bankruptcy recorded and discharged; its dissolution refused to the exporter.
        Personal("public-sale record", AuditEventKind.PublicSaleRecorded, _ => ["public-sale", "record", "1000000001", "--property", "土地 鹿児島市山下町11番",
            "--estimate", "1000000", "--operator", Officer]),
        Personal("public-sale notice", AuditEventKind.PublicSaleRecorded, _ => ["public-sale", "notice", "1", "--notice", "2026-11-02", "--sale", "2026-11-13",
            "--deposit", "100000", "--operator", Officer]),
        Personal("appeal file", AuditEventKind.PublicSaleRecorded, _ => ["appeal", "file", "1000000001", "--subject", "差押処分", "--filed", "2026-11-10", "--sale", "1",
            "--operator", Officer]),
        Personal("appeal decide", AuditEventKind.PublicSaleRecorded, _ => ["appeal", "decide", "1", "--date", "2026-11-16", "--outcome", "棄却", "--operator", Officer]),
        Personal("public-sale decide", AuditEventKind.PublicSaleRecorded, _ => ["public-sale", "decide", "1", "--date", "2026-11-16", "--buyer", "買受 太郎",
            "--price", "1500000", "--deadline", "2026-11-20", "--operator", Officer]),
        Personal("public-sale paid", AuditEventKind.PublicSaleRecorded, _ => ["public-sale", "paid", "1", "--date", "2026-11-19", "--operator", Officer]),
        Personal("public-sale registration", AuditEventKind.PublicSaleRecorded, _ => ["public-sale", "registration", "1", "--date", "2026-11-20", "--operator", Officer]),
        Personal("distribution statement", AuditEventKind.DistributionStatementIssued, _ => ["distribution", "statement", "1", "--sent", "2026-11-19",
            "--security", "鹿児島銀行:抵当権:700000:2020-01-10", "--operator", Officer]),
        Personal("public-sale show", AuditEventKind.TaxpayerViewed, _ => ["public-sale", "show", "1000000001", "--json", "--operator", Officer]),
        Personal("insolvency record", AuditEventKind.InsolvencyRecorded, _ => ["insolvency", "record", "1000000001", "--kind", "bankruptcy", "--decision", "2026-11-20",
            "--court", "鹿児島地方裁判所", "--operator", Officer]),
        Personal("insolvency discharge", AuditEventKind.InsolvencyRecorded, _ => ["insolvency", "discharge", "1", "--date", "2026-11-25", "--operator", Officer]),
        Personal("insolvency dissolve", AuditEventKind.AccessDenied, _ => ["insolvency", "dissolve", "1", "--date", "2026-11-26", "--operator", Exporter], exit: 3),
        // 繰上徴収 and 保全差押 refused to the exporter (no 滞納整理 right, exit 3), so 1000000001's period 2 (due 2026-11-30) keeps its dates.
        Personal("enforcement accelerate", AuditEventKind.AccessDenied, _ => ["enforcement", "accelerate", "1000000001", "--on", "2026-11-26", "--new-due", "2026-11-27",
            "--ground", "1", "--operator", Exporter], exit: 3),
        Personal("enforcement protective-seizure", AuditEventKind.AccessDenied, _ => ["enforcement", "protective-seizure", "1000000001", "--on", "2026-11-26",
            "--amount", "100000", "--subject", "令和8年度 市民税", "--ground", "不正の嫌疑", "--operator", Exporter], exit: 3),
        // Notices, on 1000000005's 市民税 2026 period 1 (due 2026-06-30, 12,300, imported above): preview, a run cancelled, a run
        // printed again, dispatched, a letter reprinted and returned, the return listed and closed; then a demand run (with an
        // unreminded installment), dispatched by registered mail, its arrival recorded.
        Personal("notices seizure-warnings", AuditEventKind.NoticeTargetsPreviewed, _ => ["notices", "seizure-warnings", "--as-of", "2026-11-26", "--dry-run", "--operator", Officer]),
        Personal("notices debit-failures", AuditEventKind.NoticeTargetsPreviewed, _ => ["notices", "debit-failures", "--import", "3", "--as-of", "2026-11-26", "--dry-run"]),
        Personal("notices debit-done", AuditEventKind.NoticeTargetsPreviewed, _ => ["notices", "debit-done", "--import", "3", "--as-of", "2026-11-26", "--dry-run"]),
        Personal("notices reminders", AuditEventKind.NoticeRunGenerated, s => ["notices", "reminders", "--as-of", "2026-11-26", "--due-from", "2026-06-30", "--due-to", "2026-06-30", "--out", Path.Combine(s.Dir, "n1")]),
        Personal("notices cancel", AuditEventKind.NoticeRunCancelled, async s => ["notices", "cancel", (await s.LastNoticeRunIdAsync()).ToString(), "--reason", "試験"]),
        Personal("notices print", AuditEventKind.FormPrinted, async s =>
        {
            var (code, _, err) = await s.RunAsync("notices", "reminders", "--as-of", "2026-11-26", "--due-from", "2026-06-30", "--due-to", "2026-06-30", "--out", Path.Combine(s.Dir, "n2"));
            Assert.True(code == 0, err);
            return ["notices", "print", (await s.LastNoticeRunIdAsync()).ToString(), "--out", Path.Combine(s.Dir, "n3")];
        }),
        Personal("notices dispatch", AuditEventKind.NoticeRunDispatched, async s => ["notices", "dispatch", (await s.LastNoticeRunIdAsync()).ToString(), "--on", "2026-11-26"]),
        Personal("notices reprint", AuditEventKind.FormPrinted, async s => ["notices", "reprint", (await s.LastNoticeDocumentIdAsync()).ToString(), "--purpose", "紛失", "--out", Path.Combine(s.Dir, "n4")]),
        Personal("notices returned add", AuditEventKind.ReturnedMailRecorded, async s =>
            ["notices", "returned", "add", "--document", (await s.LastNoticeDocumentIdAsync()).ToString(), "--on", "2026-11-26", "--reason", "address-unknown"]),
        Personal("notices returned list", AuditEventKind.ReturnedMailListed, _ => ["notices", "returned", "list"]),
        Personal("notices returned resolve", AuditEventKind.ReturnedMailResolved, _ => ["notices", "returned", "resolve", "1", "--how", "closed", "--on", "2026-11-26", "--note", "納付済み"]),
        Personal("notices demands", AuditEventKind.NoticeRunGenerated, s => ["notices", "demands", "--as-of", "2026-11-26", "--fiscal-year", "2026", "--include-unreminded",
            "--delivery", "registered", "--save-as", "試験条件", "--out", Path.Combine(s.Dir, "n5"), "--operator", Officer]),
        Personal("notices arrived", AuditEventKind.ClaimDemandRecorded, async s =>
        {
            var (code, _, err) = await s.RunAsync("notices", "dispatch", (await s.LastNoticeRunIdAsync()).ToString(), "--on", "2026-11-26", "--operator", Officer);
            Assert.True(code == 0, err);
            return ["notices", "arrived", (await s.LastNoticeDocumentIdAsync()).ToString(), "--on", "2026-11-26", "--operator", Officer];
        }),
        // Refunds: the lists are audited reads (2000).
        Personal("refund overpayments", AuditEventKind.TaxpayerSearched, _ => ["refund", "overpayments"]),
        Personal("refund list", AuditEventKind.TaxpayerSearched, _ => ["refund", "list"]),
        // 1000000005's 市民税 2026 period 1 overpaid at the counter (20,000 on what is left of 12,300): the overpayment is drafted
        // for a transfer, withdrawn, drafted again and decided by another person; its notice, transfer file and payment order
        // written; a second overpayment is refunded at the counter; the lapse list read.
        Personal("refund draft", AuditEventKind.RefundDrafted, async s =>
        {
            var (paid, _, payErr) = await s.RunAsync("pay", "--notice-no", "2026010005", "--period", "1", "--amount", "20000", "--date", "2026-11-26",
                "--confirm-overpayment", "--receipt-no", "C-R1");
            Assert.True(paid == 0, payErr);
            return ["refund", "draft", "--overpayment", (await s.LastOverpaymentIdAsync()).ToString(), "--claimed", "2026-11-26", "--decision-date", "2026-11-26",
                "--bank", "0001", "--bank-name", "ﾐｽﾞﾎ", "--branch", "001", "--branch-name", "ﾄｳｷﾖｳ", "--type", "普通", "--account", "1234567", "--holder", "ﾔﾏﾀﾞ ﾀﾛｳ",
                "--operator", Officer];
        }),
        Personal("refund withdraw", AuditEventKind.RefundWithdrawn, async s => ["refund", "withdraw", "--id", (await s.LastRefundIdAsync()).ToString(), "--reason", "口座の確認のため", "--operator", Officer]),
        Personal("refund approve", AuditEventKind.RefundDecided, async s =>
        {
            var (drafted, _, err) = await s.RunAsync("refund", "draft", "--overpayment", (await s.LastOverpaymentIdAsync()).ToString(), "--claimed", "2026-11-26",
                "--decision-date", "2026-11-26", "--bank", "0001", "--bank-name", "ﾐｽﾞﾎ", "--branch", "001", "--branch-name", "ﾄｳｷﾖｳ", "--type", "普通",
                "--account", "1234567", "--holder", "ﾔﾏﾀﾞ ﾀﾛｳ", "--operator", Officer);
            Assert.True(drafted == 0, err);
            return ["refund", "approve", "--id", (await s.LastRefundIdAsync()).ToString(), "--date", "2026-11-26", "--operator", Approver];
        }),
        Personal("refund notice", AuditEventKind.FormPrinted, s => ["refund", "notice", "--date", "2026-11-26", "--out", Path.Combine(s.Dir, "refund-notice.pdf"), "--operator", Officer]),
        Personal("refund transfer", AuditEventKind.RefundTransferWritten, s => ["refund", "transfer", "--date", "2026-11-26", "--out", Path.Combine(s.Dir, "refund.txt"), "--operator", Officer]),
        Personal("refund payment-order", AuditEventKind.RefundPaymentOrderWritten, s => ["refund", "payment-order", "--date", "2026-11-26", "--out", Path.Combine(s.Dir, "order.csv"), "--operator", Officer]),
        Personal("refund pay", AuditEventKind.RefundPaidAtCounter, async s =>
        {
            var (paid, _, payErr) = await s.RunAsync("pay", "--notice-no", "2026010005", "--period", "1", "--amount", "3000", "--date", "2026-11-26",
                "--confirm-overpayment", "--receipt-no", "C-R2");
            Assert.True(paid == 0, payErr);
            var (drafted, _, err) = await s.RunAsync("refund", "draft", "--overpayment", (await s.LastOverpaymentIdAsync()).ToString(), "--claimed", "2026-11-26",
                "--decision-date", "2026-11-26", "--counter", "--operator", Officer);
            Assert.True(drafted == 0, err);
            var (decided, _, err2) = await s.RunAsync("refund", "approve", "--id", (await s.LastRefundIdAsync()).ToString(), "--date", "2026-11-26", "--operator", Approver);
            Assert.True(decided == 0, err2);
            return ["refund", "pay", "--id", (await s.LastRefundIdAsync()).ToString(), "--date", "2026-11-26", "--operator", Officer];
        }),
        Personal("refund lapse", AuditEventKind.TaxpayerSearched, _ => ["refund", "lapse", "--as-of", "2026-11-26", "--dry-run", "--operator", Officer]),
        Personal("appropriate", AuditEventKind.AppropriationPreviewed, _ => ["appropriate", "--as-of", "2026-11-26", "--dry-run", "--operator", Officer]),
        Personal("export arrears", AuditEventKind.DataExported, s => ["export", "arrears", "--as-of", "2026-11-26", "--out", Path.Combine(s.Dir, "arrears.csv"), "--operator", Exporter]),
        Personal("transfer payment-status", AuditEventKind.DataTransferred, s => ["transfer", "payment-status", "--to", "資産税課", "--fiscal-year", "2025", "--out", Path.Combine(s.Dir, "status.csv"), "--operator", Exporter]),
        Personal("certificate issue", AuditEventKind.CertificateIssued, s => ["certificate", "issue", "1000000001", "--kind", "amounts", "--years", "2025", "2026",
            "--out", Path.Combine(s.Dir, "certificate.pdf"), "--operator", Officer]),
        Personal("certificate verify", AuditEventKind.CertificateVerified, async s => ["certificate", "verify", await s.LastVerificationNoAsync(), "--operator", Officer]),
        Personal("certificate jnks", AuditEventKind.VehicleStatusFileWritten, s => ["certificate", "jnks", "--out", Path.Combine(s.Dir, "jnks.csv"), "--operator", Exporter]),
        Personal("certificate store-data", AuditEventKind.StoreCertificateFileWritten, s => ["certificate", "store-data", "--encoding", "cp932",
            "--out", Path.Combine(s.Dir, "store.csv"), "--operator", Exporter]),
        Personal("disclosure register", AuditEventKind.DisclosureRequestRegistered, _ => ["disclosure", "register", "--taxpayer", "1000000001", "--kind", "開示",
            "--received", "2026-11-20", "--requester", "鹿児島 花子", "--relation", "本人", "--details", "保有個人情報の開示", "--operator", Security]),
        Personal("disclosure show", AuditEventKind.TaxpayerViewed, _ => ["disclosure", "show", "1", "--operator", Security]),
        Personal("disclosure report", AuditEventKind.DisclosureReportProduced, s => ["disclosure", "report", "1", "--out", Path.Combine(s.Dir, "report.txt"), "--operator", Security]),
        Personal("disclosure answer", AuditEventKind.DisclosureRequestAnswered, _ => ["disclosure", "answer", "1", "--decision", "全部", "--answer", "報告書のとおり開示", "--on", "2026-11-26", "--operator", Security]),
        Personal("deletion request", AuditEventKind.DeletionRequested, _ => ["deletion", "request", "--scope", "my-numbers", "--cutoff", "2020-01-01", "--reason", "保存期間経過", "--operator", Admin]),
        Personal("deletion reject", AuditEventKind.DeletionRejected, _ => ["deletion", "reject", "1", "--comment", "対象の確認が必要", "--operator", Approver]),
        Personal("deletion approve", AuditEventKind.DeletionApproved, async s =>
        {
            // The first request was rejected; a second one (same target) is approved by another approver and executed.
            var (code, _, err) = await s.RunAsync("deletion", "request", "--scope", "my-numbers", "--cutoff", "2020-01-01", "--reason", "保存期間経過（再申請）", "--operator", Admin);
            Assert.True(code == 0, err);
            return ["deletion", "approve", "2", "--operator", Approver2];
        }),
        Personal("deletion execute", AuditEventKind.DeletionExecuted, _ => ["deletion", "execute", "2", "--operator", Admin]),
        Personal("keys rotate", AuditEventKind.KeysRotated, _ => ["keys", "rotate"]),
        // Promises and pledges on 1000000001 (its case's officer is Officer): a pledge over 2025020001 period 1 for what it owes,
        // a promise; shown, listed, printed; the breach letter refused to the exporter (no 滞納整理 right); both ended.
        Personal("pledge add", AuditEventKind.PledgeRecorded, async s =>
        {
            var (id, owed) = await s.ClaimOwedAsync("2025020001", 1);
            return ["pledge", "add", "1000000001", "--claims", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--schedule",
                $"2026-12-31:{owed}", "--signed", "2026-11-26", "--operator", Officer];
        }),
        Personal("pledge promise", AuditEventKind.PromiseRecorded, _ => ["pledge", "promise", "1000000001", "--on", "2026-12-10", "--amount", "1000", "--operator", Officer]),
        Personal("pledge show", AuditEventKind.TaxpayerViewed, _ => ["pledge", "show", "1", "--json"]),
        Personal("pledge check", AuditEventKind.PledgesListed, _ => ["pledge", "check", "--as-of", "2026-11-26", "--all"]),
        Personal("pledge print", AuditEventKind.FormPrinted, s => ["pledge", "print", "1", "--out", Path.Combine(s.Dir, "pledge-1.pdf"), "--operator", Officer]),
        Personal("pledge breach-letter", AuditEventKind.AccessDenied, s => ["pledge", "breach-letter", "1", "--out", Path.Combine(s.Dir, "breach-1.pdf"), "--operator", Exporter], exit: 3),
        Personal("pledge cancel", AuditEventKind.PledgeEnded, _ => ["pledge", "cancel", "2", "--reason", "約束の取消", "--operator", Officer]),
        Personal("pledge complete", AuditEventKind.PledgeEnded, _ => ["pledge", "complete", "1", "--reason", "完納", "--operator", Officer]),
        Personal("audit list", AuditEventKind.AuditLogViewed, _ => ["audit", "list", "--taxpayer", "1000000001"]),
        Personal("audit review", AuditEventKind.AuditReviewed, _ => ["audit", "review", "--month", "2026-11"]),
        // Issue 13: the approver's decisions on 1000000001's claims (period 1, 100,000 due 2025-04-30, in arrears; a case with an officer).
        Personal("deferment add", AuditEventKind.CaseDeferment, _ => ["deferment", "add", "1000000001", "--kind", "sale-city", "--from", "2026-11-21", "--to", "2027-02-20",
            "--reason", "換価により生活が困難", "--operator", Approver]),
        Personal("deferment extend", AuditEventKind.CaseDeferment, _ => ["deferment", "extend", "1000000001", "--to", "2027-05-20", "--reason", "回復に時間を要する", "--operator", Approver]),
        Personal("stay add", AuditEventKind.CaseStayOfExecution, s => ["stay", "add", "1000000001", "--ground", "2", "--from", "2026-11-22", "--reason", "生活保護受給",
            "--output", s.Dir, "--operator", Approver]),
        Personal("stay cancel", AuditEventKind.CaseStayOfExecution, s => ["stay", "cancel", "1000000001", "--on", "2026-11-24", "--reason", "資力回復",
            "--output", s.Dir, "--operator", Approver]),
        // 延滞金減免 of period 1: drafted by the officer, decided by the approver, then cancelled.
        Personal("relief add", AuditEventKind.LateFeeWaiverDrafted, s => ["relief", "add", "1000000001", "--claim", s.Period1.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--amount", "100", "--reason", "災害による遅延", "--basis", "326-3", "--operator", Officer]),
        Personal("relief approve", AuditEventKind.LateFeeWaiverDecided, _ => ["relief", "approve", "1", "--operator", Approver]),
        Personal("relief cancel", AuditEventKind.LateFeeWaiverCancelled, _ => ["relief", "cancel", "1", "--reason", "入力誤り", "--operator", Approver]),
        Personal("writeoff plan", AuditEventKind.WriteOffListed, _ => ["writeoff", "plan", "--as-of", "2026-11-26", "--json"]),
        Personal("writeoff approve", AuditEventKind.WriteOffPlanApproved, async s =>
        {
            // Extinguished at once (15条の7第5項) under a new ground-1 stay: the one claim the plan lists.
            var (code, _, err) = await s.RunAsync("stay", "add", "1000000001", "--ground", "1", "--from", "2026-11-25", "--immediate", "--reason", "限定承認・財産なし",
                "--output", s.Dir, "--operator", Approver);
            Assert.True(code == 0, err);
            return ["writeoff", "approve", "--as-of", "2026-11-26", "--operator", Approver];
        }),
        Personal("writeoff execute", AuditEventKind.WriteOffExecuted, _ => ["writeoff", "execute", "--plan", "1", "--operator", Approver]),
        Personal("writeoff cancel", AuditEventKind.WriteOffCancelled, async s =>
        {
            // A rerun of the execution writes nothing twice.
            var (code, output, err) = await s.RunAsync("writeoff", "execute", "--plan", "1", "--operator", Approver);
            Assert.True(code == 0, err);
            Assert.Contains("不納欠損 0 件 0 円、対象外 1 件", output);
            return ["writeoff", "cancel", "--installment", s.Period1.ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", "入力誤り", "--operator", Approver];
        }),
        // Issue 13 item 11 on 1000000001 (its case's officer is Officer): she died 2026-11-01; heirs 1000000005 and 1000000009 1/2 each
        // (their cases are opened); the representative changed, one heir renounces, 限定承認; 1000000005 made jointly liable for
        // 2025020001; a 第二次納税義務 refused to the exporter (no 滞納整理 right, exit 3); shown.
        Personal("succession add", AuditEventKind.SuccessionRecorded, _ => ["succession", "add", "1000000001", "--died", "2026-11-01", "--heir", "1000000005:1/2",
            "--heir", "1000000009:1/2", "--representative", "1000000005", "--operator", Officer]),
        Personal("succession representative", AuditEventKind.HeirRepresentativeDesignated, _ => ["succession", "representative", "1000000001", "--heir", "1000000009", "--operator", Officer]),
        Personal("succession renounce", AuditEventKind.HeirRenounced, _ => ["succession", "renounce", "1000000001", "--heir", "1000000009", "--share", "1000000005:1/1",
            "--representative", "1000000005", "--operator", Officer]),
        Personal("succession limited", AuditEventKind.LimitedAcceptanceRecorded, _ => ["succession", "limited", "1000000001", "--operator", Officer]),
        Personal("succession show", AuditEventKind.TaxpayerViewed, _ => ["succession", "show", "1000000001", "--json"]),
        Personal("liability add", AuditEventKind.JointLiabilityAdded, _ => ["liability", "add", "1000000001", "--claim", "2025020001", "--kind", "joint", "--person", "1000000005",
            "--operator", Officer]),
        Personal("liability show", AuditEventKind.AccessDenied, s => ["liability", "show", "1000000005", "--operator", Admin], exit: 3),
        // Issue 17: 特別徴収. 1000000005 registered as employer 900001; 1000000009 (A001, 120,000 a year: 10,000 a month) and
        // 1000000001 (A002, 60,000: 5,000) determined for 2026; 6月分 15,000 paid with its breakdown; 1000000005 joins from
        // 11月分; A001 leaves after 10月分 (普通徴収へ切替); the employer shown.
        Personal("employer register", AuditEventKind.WithholdingEmployerRegistered, _ => ["employer", "register", "1000000005", "--designation-no", "900001", "--operator", Officer]),
        Personal("employer determine", AuditEventKind.WithholdingDetermined, s => ["employer", "determine", "--designation-no", "900001", "--fiscal-year", "2026",
            "--notice-date", "2026-05-15", "--file", s.File("wh.csv", "1000000009,A001,120000", "1000000001,A002,60000"), "--operator", Officer]),
        Personal("employer-payments import", AuditEventKind.EmployerPaymentsImported, s => ["employer-payments", "import", s.File("ep.csv",
            "H,ELT-1,900001,202606,20260710,20260713,15000", "D,ELT-1,A001,10000", "D,ELT-1,A002,5000")]),
        Personal("employer join", AuditEventKind.WithholdingEmployeeJoined, _ => ["employer", "join", "--designation-no", "900001", "--fiscal-year", "2026",
            "--taxpayer-no", "1000000005", "--recipient-no", "A003", "--amount", "35000", "--from-month", "202611", "--date", "2026-11-01", "--operator", Officer]),
        Personal("employer leave", AuditEventKind.WithholdingEmployeeLeft, _ => ["employer", "leave", "--designation-no", "900001", "--fiscal-year", "2026",
            "--recipient-no", "A001", "--date", "2026-10-15", "--last-month", "202610", "--notice-date", "2026-10-20", "--operator", Officer]),
        Personal("employer show", AuditEventKind.WithholdingEmployerViewed, _ => ["employer", "show", "--designation-no", "900001", "--fiscal-year", "2026"]),
        // Issue 17 item 2: 年金特別徴収. 1000000005 registered as 年金保険者 001; 1000000001 (61,000, 仮徴収 30,000) and 1000000009
        // (36,000, 仮徴収 18,000) requested for 2026; the August 納入 16,000 imported; 1000000009 stopped after October (死亡);
        // the payer's year and one pensioner shown.
        Personal("pension-withholding register-payer", AuditEventKind.PensionPayerRegistered, _ => ["pension-withholding", "register-payer", "1000000005", "--payer-code", "001", "--operator", Officer]),
        Personal("pension-withholding request", AuditEventKind.PensionWithholdingRequested, s => ["pension-withholding", "request", "--payer-code", "001", "--fiscal-year", "2026",
            "--notice-date", "2026-01-20", "--municipality-code", "462012", "--file", s.File("pw.csv", "1000000001,1234567890-1150,61000,30000", "1000000009,2345678901-1150,36000,18000"),
            "--out", Path.Combine(s.Dir, "pension-request.csv"), "--operator", Officer]),
        Personal("pension-withholding import", AuditEventKind.PensionResultsImported, s => ["pension-withholding", "import", s.File("pr.csv",
            "H,NK-1,001,202608,20260910,20260910,16000", "D,NK-1,1234567890-1150,10000,", "D,NK-1,2345678901-1150,6000,"), "--notice-date", "2026-11-26"]),
        Personal("pension-withholding stop", AuditEventKind.PensionWithholdingStopped, _ => ["pension-withholding", "stop", "--payer-code", "001", "--fiscal-year", "2026",
            "--pension-no", "2345678901-1150", "--last-month", "202610", "--date", "2026-11-20", "--reason", "1", "--notice-date", "2026-11-26", "--operator", Officer]),
        Personal("pension-withholding show", AuditEventKind.PensionWithholdingViewed, _ => ["pension-withholding", "show", "--payer-code", "001", "--fiscal-year", "2026"]),
        // 差押 (issue 15): the administrator has no 滞納整理 right, so each command is refused and audited (5000) before any seizure is read;
        // the whole path with a real seizure is proved by SeizureCommandsTests and the App's SeizuresTests.
        Personal("seizure add", AuditEventKind.AccessDenied, _ => ["seizure", "add", "1000000001", "--kind", "deposit", "--date", "2026-11-20", "--property", "普通預金",
            "--third-party", "鹿児島銀行", "--third-party-address", "鹿児島市金生町6番6号", "--amount", "1000", "--operator", Admin], exit: 3),
        Personal("seizure notice", AuditEventKind.AccessDenied, _ => ["seizure", "notice", "1", "--sent", "2026-11-20", "--operator", Admin], exit: 3),
        Personal("seizure arrive", AuditEventKind.AccessDenied, _ => ["seizure", "arrive", "1", "--date", "2026-11-24", "--operator", Admin], exit: 3),
        Personal("seizure release", AuditEventKind.AccessDenied, _ => ["seizure", "release", "1", "--date", "2026-11-25", "--reason", "完納", "--operator", Admin], exit: 3),
        Personal("seizure recover", AuditEventKind.AccessDenied, _ => ["seizure", "recover", "1", "--key", "R-1", "--date", "2026-11-25", "--amount", "1000", "--operator", Admin], exit: 3),
        Personal("seizure show", AuditEventKind.AccessDenied, _ => ["seizure", "show", "1", "--operator", Admin], exit: 3),
        Personal("seizure list", AuditEventKind.SeizuresListed, _ => ["seizure", "list", "--operator", Officer]),
        Personal("seizure untouched", AuditEventKind.SeizuresListed, _ => ["seizure", "untouched", "--days", "0", "--operator", Officer]),
        // Issue 15 item 1 on 1000000001's case (officer: Officer): a bank added, a deposit inquiry sent by file and answered by the bank's
        // file, a second inquiry sent by letter and answered 該当なし by hand, the case's inquiries shown, the overdue list read.
        Personal("inquiry target add", AuditEventKind.InquiryTargetRecorded, _ => ["inquiry", "target", "add", "--kind", "bank", "--name", "鹿児島銀行", "--bank-code", "0182",
            "--branch-code", "001", "--branch-name", "本店", "--address", "鹿児島市金生町6番6号", "--operator", Officer]),
        Personal("inquiry add", AuditEventKind.InquiryRecorded, _ => ["inquiry", "add", "--taxpayer", "1000000001", "--target", "1", "--kind", "deposit", "--operator", Officer]),
        Personal("inquiry deposit-file", AuditEventKind.DepositInquiryFileWritten, s => ["inquiry", "deposit-file", "--run-key", "dep-1", "--out", Path.Combine(s.Dir, "deposit"), "--operator", Officer]),
        Personal("inquiry deposit-answers", AuditEventKind.InquiryAnswersImported, s => ["inquiry", "deposit-answers", s.File("answer-0182.csv",
            "照会番号,金融機関コード,支店コード,預金種目,口座番号,名義人,残高,残高基準日,回答日", "1,0182,001,1,1234567,ｶｺﾞｼﾏ ﾊﾅｺ,523000,20261125,20261126"), "--operator", Officer]),
        Personal("inquiry letters", AuditEventKind.InquiryLettersIssued, async s =>
        {
            var (code, _, err) = await s.RunAsync("inquiry", "add", "--taxpayer", "1000000001", "--target", "1", "--kind", "deposit", "--operator", Officer);
            Assert.True(code == 0, err);
            return ["inquiry", "letters", "--run-key", "letters-1", "--out", Path.Combine(s.Dir, "inquiries.pdf"), "--operator", Officer];
        }),
        Personal("inquiry answer", AuditEventKind.InquiryAnswerRecorded, _ => ["inquiry", "answer", "--inquiry", "2", "--asset", "none", "--answered", "2026-11-26",
            "--source", "書面回答", "--operator", Officer]),
        Personal("inquiry show", AuditEventKind.TaxpayerViewed, _ => ["inquiry", "show", "--taxpayer", "1000000001", "--operator", Officer]),
        Personal("inquiry overdue", AuditEventKind.InquiriesListed, _ => ["inquiry", "overdue", "--as-of", "2026-12-11", "--operator", Officer]),
        NotPersonal("inquiry target list", "the directory of inquiry targets (banks, employers, registries); no taxpayer"),

        NotPersonal("audit verify", "reads hashes and counts only (and records 7001)"),
        NotPersonal("db init", "creates or migrates the store; reads no taxpayer"),
        NotPersonal("db grant-app-role", "grants database privileges to a role"),
        NotPersonal("demo", "initialises a demo store with a synthetic city (no real person)"),
        NotPersonal("seed", "generates a synthetic city (no real person)"),
        NotPersonal("serve", "starts the web app, whose pages read personal data only through PersonalDataGate"),
        NotPersonal("late-fee", "computes a late fee from figures given on the command line"),
        NotPersonal("distribution compute", "computes a distribution from figures given on the command line"),
        NotPersonal("distribution check", "checks that figures given on the command line add up"),
        NotPersonal("refund-interest", "computes refund interest from figures given on the command line"),
        NotPersonal("limitation", "computes a lapse day from dates given on the command line"),
        NotPersonal("seizable-wage", "computes a protected wage amount from figures given on the command line"),
        NotPersonal("day close", "stores the day's totals (日計締め, records 3072); no individual"),
        NotPersonal("day reopen", "reopens a closed day (records 3073 with the reason); no individual"),
        NotPersonal("day status", "whether a day is closed, with its totals; no individual"),
        NotPersonal("fiscal-year carry-forward", "records the closed year's totals by tax kind and year (滞納繰越, records 3480); no individual"),
        NotPersonal("fiscal-year reverse", "reverses the carry-forward (records 3481 with the reason); no individual"),
        NotPersonal("fiscal-year report", "totals by tax kind and year, no individual"),
        NotPersonal("bank-reconciliation", "compares the bank's day totals with Choshu's per day and channel (records 3482); no individual"),
        NotPersonal("accounting-file", "revenue totals per account and year for 財務会計 (records 4040); no individual"),
        NotPersonal("report collection", "totals by tax kind and year, no individual"),
        NotPersonal("report writeoffs", "totals written off by tax kind and ground, no individual"),
        NotPersonal("report relief", "totals of late fee relieved by tax kind, no individual"),
        NotPersonal("relief bases", "the list of legal bases of a late-fee relief, no taxpayer"),
        NotPersonal("report refunds", "totals by day and tax kind of appropriations and refunds, no individual"),
        NotPersonal("summary", "city-wide counts and totals, no individual"),
        NotPersonal("settings list", "administrator settings"),
        NotPersonal("settings set", "administrator settings"),
        NotPersonal("export list", "the register of releases (recipient, counts, hashes), no taxpayer"),
        NotPersonal("transfer list", "the register of transfers (recipient, counts, hashes), no taxpayer"),
        NotPersonal("deletion list", "the register of deletion requests (counts, who signed), no taxpayer"),
        NotPersonal("deletion show", "a deletion request with the 宛名番号 of its targets and who signed; no taxpayer's data (see docs/security.md)"),
        NotPersonal("disclosure list", "the register of requests with 宛名番号, kind and dates; the requester and content only through show (audited)"),
        NotPersonal("keys init", "creates a key file"),
        NotPersonal("login", "a staff member's CLI sign-in (recorded 1000/1001/1005 as on the web)"),
        NotPersonal("logout", "ends the CLI sign-in (recorded 1002)"),
        NotPersonal("whoami", "the staff member signed in at the CLI"),
        NotPersonal("keys status", "counts of values per key version"),
        NotPersonal("privacy scan", "scans files for known My Numbers, prints them masked"),
        NotPersonal("users add", "staff accounts, not taxpayer data (recorded 6000)"),
        NotPersonal("users grant", "staff rights (recorded 6001)"),
        NotPersonal("users revoke", "staff rights (recorded 6002)"),
        NotPersonal("users expire", "staff rights (recorded 6003)"),
        NotPersonal("users list", "staff accounts"),
        NotPersonal("users review", "the yearly review of staff accounts (recorded 6004)"),
        NotPersonal("users password", "a staff password reset (recorded)"),
        NotPersonal("users reset-2fa", "a staff two-factor reset (recorded)"),
        NotPersonal("users units", "the names of 課・係"),
        NotPersonal("users unit-name", "the name of a 課・係 (recorded 1020)"),
        NotPersonal("notices list", "the register of notice runs (kind, dates, counts, totals), no taxpayer"),
        NotPersonal("notices conditions list", "saved selection conditions, no taxpayer"),
    ];

    /// <summary>The leaf commands of the tree as CliApp builds it, as space-separated paths.</summary>
    private static List<string> LeafPaths()
    {
        var root = CliApp.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null, TimeProvider.System));
        var leaves = new List<string>();
        void Walk(Command c, string prefix)
        {
            if (c.Subcommands.Count == 0) { leaves.Add(prefix); return; }
            foreach (var sub in c.Subcommands) Walk(sub, prefix.Length == 0 ? sub.Name : prefix + " " + sub.Name);
        }
        foreach (var c in root.Subcommands) Walk(c, c.Name);
        return leaves;
    }

    [Fact]
    public void CommandTree_EveryLeafCommand_ClassifiedInTheTable()
    {
        var leaves = LeafPaths();
        var table = Table.Select(e => e.Path).ToList();

        var missing = leaves.Except(table).Order().ToList();
        var stale = table.Except(leaves).Order().ToList();
        Assert.True(missing.Count == 0, "Leaf commands not classified in AuditPathTests.Table (personal data or not): " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "AuditPathTests.Table names commands that no longer exist: " + string.Join(", ", stale));
        Assert.Equal(table.Count, table.Distinct().Count());
        Assert.All(Table.Where(e => !e.PersonalData), e => Assert.False(string.IsNullOrWhiteSpace(e.Why), e.Path));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task PersonalDataCommands_EachRun_WritesItsAuditRecord(StoreProvider provider)
    {
        await using var s = await Scenario.CreateAsync(provider, _dir);
        foreach (var e in Table.Where(e => e.PersonalData))
        {
            var args = await e.Args!(s);
            var before = await s.LastAuditIdAsync();
            var (code, _, err) = await s.RunAsync(args);
            Assert.True(code == e.Exit, $"{e.Path}: exit {code}, expected {e.Exit}: {err}");

            var written = await s.AuditSinceAsync(before);
            // A refused command (exit 3) is expected to leave its refusal, recorded as denied.
            var outcome = e.Exit == 3 ? AuditOutcome.Denied : AuditOutcome.Succeeded;
            Assert.True(written.Any(w => w.Kind == e.Kind && w.Outcome == outcome),
                $"{e.Path}: expected a {(int)e.Kind!} {e.Kind} record, got [{string.Join(", ", written.Select(w => $"{(int)w.Kind} {w.Outcome}"))}]");
            Assert.DoesNotContain(written, w => (w.Detail ?? "").Contains(Scenario.MyNumberOf1000000001) || (w.Purpose ?? "").Contains(Scenario.MyNumberOf1000000001));
        }
    }

    /// <summary>
    /// The seeded store: 1000000001 鹿児島 花子 with a My Number; 固定資産税 2025 notice 2025020001, period 1 due
    /// 2025-04-30 of 100,000 (unpaid), period 2 due 2026-11-30 of 50,000 debited from 0185-012 普通 1234567; an
    /// unmatched bank payment of 5,000; 1000000009, whose My Number was set in 2015 and who has nothing else (past
    /// retention). Staff: 10001 承認者, 10002 滞納整理担当, 10003 ファイル出力担当, 10004 システム管理者,
    /// 10005 セキュリティ責任者, 10006 承認者. Today 2026-11-26 12:00 JST.
    /// </summary>
    private sealed class Scenario : IAsyncDisposable
    {
        public static readonly string MyNumberOf1000000001 = "48217395106" + MyNumber.ComputeCheckDigit("48217395106");

        private readonly TestStore _store;
        private readonly TimeProvider _clock = CliRunner.Clock();

        private Scenario(TestStore store, string dir)
        {
            _store = store;
            Dir = dir;
        }

        public string Dir { get; }
        public long Period1 { get; private set; }
        public long UnmatchedPaymentId { get; private set; }

        public static async Task<Scenario> CreateAsync(StoreProvider provider, string dir)
        {
            var s = new Scenario(await TestStore.CreateAsync(provider), dir);
            await s.SeedAsync();
            return s;
        }

        public string File(string name, params string[] lines)
        {
            var path = Path.Combine(Dir, name);
            System.IO.File.WriteAllText(path, string.Join("\n", lines) + "\n");
            return path;
        }

        public Task<(int ExitCode, string Out, string Err)> RunAsync(params string[] args) =>
            CliRunner.RunAsync(_clock, [.. args, "--db", _store.Store.ConnectionString, "--keys", _store.KeysFile]);

        public async Task<long> LastAuditIdAsync()
        {
            await using var db = _store.Open();
            return await db.AuditEvents.Select(e => (long?)e.Id).MaxAsync() ?? 0;
        }

        public async Task<List<AuditEvent>> AuditSinceAsync(long id)
        {
            await using var db = _store.Open();
            return await db.AuditEvents.AsNoTracking().Where(e => e.Id > id).OrderBy(e => e.Id).ToListAsync();
        }

        /// <summary>The installment of a notice and period, and what it owes in principal and reminder fee now.</summary>
        public async Task<(long Id, long Owed)> ClaimOwedAsync(string noticeNo, short period)
        {
            await using var db = _store.Open();
            var id = await db.Installments.Where(i => i.Period == period && i.Assessment!.NoticeNo == noticeNo).Select(i => i.Id).SingleAsync();
            var ledger = (await Choshu.App.Claims.ClaimLedgers.LoadAsync(db, [id]))[id];
            return (id, ledger.PrincipalBalance + ledger.ReminderFeeBalance);
        }

        public async Task<long> LastCaseEventIdAsync()
        {
            await using var db = _store.Open();
            return await db.Set<Choshu.Domain.Cases.CaseEvent>().MaxAsync(e => e.Id);
        }

        public async Task<long> LastClaimEventIdAsync()
        {
            await using var db = _store.Open();
            return await db.ClaimEvents.MaxAsync(e => e.Id);
        }

        public async Task<long> LastNoticeRunIdAsync()
        {
            await using var db = _store.Open();
            return await db.NoticeRuns.MaxAsync(r => r.Id);
        }

        /// <summary>The newest overpayment (the journal entry that booked it).</summary>
        public async Task<long> LastOverpaymentIdAsync()
        {
            await using var db = _store.Open();
            return await db.Overpayments.MaxAsync(o => o.Id);
        }

        /// <summary>The newest refund.</summary>
        public async Task<long> LastRefundIdAsync()
        {
            await using var db = _store.Open();
            return await db.Refunds.MaxAsync(r => r.Id);
        }

        /// <summary>The verification number of the newest certificate.</summary>
        public async Task<string> LastVerificationNoAsync()
        {
            await using var db = _store.Open();
            return await db.Certificates.OrderByDescending(c => c.Id).Select(c => c.VerificationNo).FirstAsync();
        }

        /// <summary>The issued document of the newest letter of the newest run.</summary>
        public async Task<long> LastNoticeDocumentIdAsync()
        {
            await using var db = _store.Open();
            var run = await db.NoticeRuns.MaxAsync(r => r.Id);
            return await db.NoticeLetters.Where(l => l.RunId == run).MaxAsync(l => l.DocumentId);
        }

        public async Task<long> CounterPaymentIdAsync()
        {
            await using var db = _store.Open();
            return await db.Payments.Where(p => p.Channel == PaymentChannel.Counter).Select(p => p.Id).SingleAsync();
        }

        private async Task SeedAsync()
        {
            await using var db = _store.Open();
            var now = new DateTime(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc);
            var vault = App.Privacy.MyNumberVault.Open(_store.Store);
            Taxpayer Person(string no, string kanji, string kana) => new()
            {
                TaxpayerNo = no,
                Facts = new TaxpayerFacts { NameKanji = kanji, NameKana = kana, BirthDate = new DateOnly(1980, 4, 1), PostalCode = "8920816", TownName = "鹿児島県鹿児島市山下町", StreetNumber = "11-1" },
                HistorySeq = 1, EffectiveDate = new DateOnly(2015, 4, 1), CreatedAtUtc = new DateTime(2015, 4, 1, 0, 0, 0, DateTimeKind.Utc), UpdatedAtUtc = now,
            };
            var hanako = Person("1000000001", "鹿児島 花子", "カゴシマ ハナコ");
            var closed = Person("1000000009", "指宿 一郎", "イブスキ イチロウ");
            db.Taxpayers.AddRange(hanako, closed);
            await db.SaveChangesAsync();
            var n1 = new TaxpayerMyNumber { TaxpayerId = hanako.Id, UpdatedAtUtc = now };
            vault.Seal(n1, MyNumber.Parse(MyNumberOf1000000001));
            var n9 = new TaxpayerMyNumber { TaxpayerId = closed.Id, UpdatedAtUtc = new DateTime(2015, 4, 1, 0, 0, 0, DateTimeKind.Utc) };
            vault.Seal(n9, MyNumber.Parse("73920481562" + MyNumber.ComputeCheckDigit("73920481562")));
            db.TaxpayerMyNumbers.AddRange(n1, n9);

            var a = new Assessment
            {
                TaxpayerId = hanako.Id, TaxKindCode = TaxKindCodes.FixedAssetTax, FiscalYear = 2025, LiabilityYear = 2025, NoticeNo = "2025020001", CreatedAtUtc = now,
                Installments =
                [
                    new Installment { Period = 1, NominalDueDate = new DateOnly(2025, 4, 30), DueDate = new DateOnly(2025, 4, 30), StatutoryDueDate = new DateOnly(2025, 4, 30) },
                    new Installment { Period = 2, NominalDueDate = new DateOnly(2026, 11, 30), DueDate = new DateOnly(2026, 11, 30), StatutoryDueDate = new DateOnly(2026, 11, 30) },
                ],
            };
            db.Assessments.Add(a);
            await db.SaveChangesAsync();
            Period1 = a.Installments[0].Id;
            foreach (var (inst, amount) in new[] { (a.Installments[0].Id, 100_000L), (a.Installments[1].Id, 50_000L) })
                db.JournalEntries.Add(new JournalEntry
                {
                    InstallmentId = inst, Kind = JournalEntryKind.Charge, Component = LedgerComponent.Principal, Amount = amount,
                    ValueDate = new DateOnly(2025, 4, 1), RecordedAtUtc = now, Actor = "test",
                });
            db.DirectDebitAccounts.Add(new DirectDebitAccount
            {
                TaxpayerId = hanako.Id, TaxKindCode = TaxKindCodes.FixedAssetTax, BankCode = "0185", BranchCode = "012", AccountType = 1, AccountNo = "1234567",
                HolderKana = "ｶｺﾞｼﾏ ﾊﾅｺ", StartsOn = new DateOnly(2020, 4, 1), RecordedAtUtc = now,
            });
            var unmatched = new Payment
            {
                Channel = PaymentChannel.Bank, Status = PaymentStatus.Unmatched, RawKey = "00000000000000000000", Amount = 5_000,
                PaidOn = new DateOnly(2026, 11, 20), ReceivedOn = new DateOnly(2026, 11, 24), IdempotencyKey = "bank:seed:1",
                RawRecord = "D,0123,456,X1,00000000000000000000,5000,2026-11-20,2026-11-24,,", Actor = "test", RecordedAtUtc = now,
                StatusReason = "消込番号が読めません",
            };
            db.Payments.Add(unmatched);
            await db.SaveChangesAsync();
            UnmatchedPaymentId = unmatched.Id;

            foreach (var (staffNo, roles) in new (string, Role[])[]
                     {
                         (Approver, [Role.Approver]), (Officer, [Role.DelinquencyOfficer]), (Exporter, [Role.Exporter]),
                         (Admin, [Role.SystemAdministrator]), (Security, [Role.SecurityOfficer]), (Approver2, [Role.Approver]),
                     })
            {
                var acc = new StaffAccount
                {
                    StaffNo = staffNo, UserName = staffNo, NormalizedUserName = staffNo, FullName = "鹿児島 " + staffNo, DepartmentCode = "0310", SectionCode = "01",
                    ValidFrom = new DateOnly(2020, 4, 1), CreatedAtUtc = now, CreatedBy = "test", SecurityStamp = Guid.NewGuid().ToString("N"),
                };
                db.StaffAccounts.Add(acc);
                await db.SaveChangesAsync();
                foreach (var role in roles)
                    db.RoleGrants.Add(new RoleGrant { AccountId = acc.Id, Role = role, ValidFrom = new DateOnly(2020, 4, 1), GrantedBy = "test", GrantedAtUtc = now });
                await db.SaveChangesAsync();
            }
        }

        public ValueTask DisposeAsync() => _store.DisposeAsync();
    }
}
