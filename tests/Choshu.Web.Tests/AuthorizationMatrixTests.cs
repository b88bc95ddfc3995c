using System.Diagnostics;
using System.Net;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.Web.Tests.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static Choshu.Domain.Security.Permission;
using Choshu.Domain.Labels;

namespace Choshu.Web.Tests;

/// <summary>
/// The authorization matrix (issue 5): every role × every page and action of the app × its own and someone
/// else's records, allowed or denied as designed, every denial a 403 with exactly one 操作ログ record 5000.
/// What each page and action needs is the hand-written <see cref="Table"/>; who holds which permission is
/// <see cref="RolePermissions"/>, the one table the CLI and the use cases use too. The app's own list of
/// pages and handlers (routing table and compiled handlers) must equal the table's, so a page added later
/// fails here until someone decides who may use it.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixFixture f, ITestOutputHelper output) : IClassFixture<AuthorizationMatrixFixture>
{
    private const string Get = "GET", Post = "POST";
    private const string Purpose = "滞納処分のための財産調査";

    private static Dictionary<string, string> Form(params (string Name, string Value)[] fields) => fields.ToDictionary(x => x.Name, x => x.Value);

    /// <summary>
    /// Who may use what, by design (docs/architecture.md § Security, the page descriptions of issue 5). Rows run in
    /// this order for each person: re-authentication comes before the My Number reveal (which needs it within five
    /// minutes), logging out comes last.
    /// </summary>
    public static readonly IReadOnlyList<Probe> Table =
    [
        // Signing in and its steps, and the error pages: open to anyone, signed in or not.
        new("/Account/Login", Get, null, Need.Anyone, "/Account/Login"),
        new("/Account/Login", Post, null, Need.Anyone, "/Account/Login"),
        new("/Account/Enroll", Get, null, Need.Anyone, "/Account/Enroll"),
        new("/Account/Enroll", Post, "Start", Need.Anyone, "/Account/Enroll"),
        new("/Account/Enroll", Post, "Confirm", Need.Anyone, "/Account/Enroll"),
        new("/Account/Password", Get, null, Need.Anyone, "/Account/Password"),
        new("/Account/Password", Post, null, Need.Anyone, "/Account/Password"),
        new("/Error", Get, null, Need.Anyone, "/Error"),
        new("/Error", Post, null, Need.Anyone, "/Error"),
        new("/Status", Get, null, Need.Anyone, "/Status/400") { Ok = 400 },
        new("/Status", Post, null, Need.Anyone, "/Status/400") { Ok = 400 },

        // Any signed-in person, whatever their rights: home, re-authentication, their own recovery codes.
        new("/Index", Get, null, Need.SignedIn, "/"),
        new("/Account/Reauthenticate", Get, null, Need.SignedIn, "/Account/Reauthenticate"),
        new("/Account/Reauthenticate", Post, null, Need.SignedIn, "/Account/Reauthenticate")
            { Form = Form(("Password", "{password}"), ("Code", "{code}")), Ok = 302, Location = "/" },
        new("/Account/RecoveryCodes", Get, null, Need.SignedIn, "/Account/RecoveryCodes"),
        new("/Account/RecoveryCodes", Post, null, Need.SignedIn, "/Account/RecoveryCodes"),

        // Taxpayers: 閲覧 for the search and the page; the reveal needs 個人番号の表示 as well.
        new("/Taxpayers/Search", Get, null, Need.Of(ViewTaxpayer), "/Taxpayers/Search"),
        new("/Taxpayers/Search", Post, null, Need.Of(ViewTaxpayer), "/Taxpayers/Search"),
        new("/Taxpayers/View", Get, null, Need.Of(ViewTaxpayer), "/Taxpayers/View/{taxpayer}") { Shows = "鹿児島 花子" },
        new("/Taxpayers/View", Post, "Reveal", Need.Of(ViewTaxpayer, RevealMyNumber), "/Taxpayers/View/{taxpayer}")
        {
            Form = Form(("Purpose", Purpose)), ForeignForm = Form(("Purpose", Purpose)), Shows = TaxpayerCity.HanakoMyNumberGrouped,
        },

        // Payments: 収納 for the counter, the unmatched queue, the manual match and the receipt; 収納取消 for reversals.
        new("/Payments/Counter", Get, null, Need.Of(RecordPayments), "/Payments/Counter"),
        new("/Payments/Counter", Post, "Lookup", Need.Of(RecordPayments), "/Payments/Counter"),
        new("/Payments/Counter", Post, "Book", Need.Of(RecordPayments), "/Payments/Counter"),
        new("/Payments/Desk", Get, null, Need.Of(RecordPayments), "/Payments/Desk"),
        new("/Payments/Desk", Post, "Check", Need.Of(RecordPayments), "/Payments/Desk"),
        new("/Payments/Desk", Post, "Take", Need.Of(RecordPayments), "/Payments/Desk"),
        new("/Payments/DeskReceipt", Get, null, Need.Of(RecordPayments), "/Payments/DeskReceipt/{counter-receipt}") { Shows = "M-0001" },
        new("/Payments/DeskReceipt", Post, "Pdf", Need.Of(RecordPayments), "/Payments/DeskReceipt/{counter-receipt}"),
        new("/Payments/Day", Get, null, Need.Of(ViewReports), "/Payments/Day"),
        new("/Payments/Day", Post, "Close", Need.Of(ViewReports, RecordPayments), "/Payments/Day") { Form = Form(("Date", "2026-11-01")) },
        new("/Payments/Day", Post, "Reopen", Need.Of(ViewReports, ReopenBusinessDay), "/Payments/Day") { Form = Form(("Date", "2026-11-01")) },
        new("/Payments/Unmatched", Get, null, Need.Of(RecordPayments), "/Payments/Unmatched"),
        new("/Payments/Match", Get, null, Need.Of(RecordPayments), "/Payments/Match/{unmatched-payment}"),
        new("/Payments/Match", Post, "Confirm", Need.Of(RecordPayments), "/Payments/Match/{unmatched-payment}")
            { ForeignForm = Form(("NoticeNo", "2026020001"), ("Period", "1")) },
        new("/Payments/Match", Post, "Match", Need.Of(RecordPayments), "/Payments/Match/{unmatched-payment}")
            { ForeignForm = Form(("NoticeNo", "2026020001"), ("Period", "1")) },
        new("/Payments/Receipt", Get, null, Need.Of(RecordPayments), "/Payments/Receipt/{counter-payment}"),
        new("/Payments/Appropriation", Get, null, Need.Of(RecordPayments), "/Payments/Appropriation"),
        new("/Payments/Appropriation", Post, "Preview", Need.Of(RecordPayments), "/Payments/Appropriation"),
        new("/Payments/Appropriation", Post, "Run", Need.Of(RecordPayments), "/Payments/Appropriation"),
        // 口座振替の登録 (issue 17): account data, as the debit request (収納の記録).
        new("/Payments/DebitRegistration", Get, null, Need.Of(RecordPayments), "/Payments/DebitRegistration"),
        new("/Payments/DebitRegistration", Post, "Record", Need.Of(RecordPayments), "/Payments/DebitRegistration"),
        new("/Payments/Reverse", Get, null, Need.Of(ReversePayments), "/Payments/Reverse"),
        new("/Payments/Reverse", Get, null, Need.Of(ReversePayments), "/Payments/Reverse/{booked-payment}"),
        new("/Payments/Reverse", Post, "Find", Need.Of(ReversePayments), "/Payments/Reverse"),
        new("/Payments/Reverse", Post, "Confirm", Need.Of(ReversePayments), "/Payments/Reverse/{booked-payment}")
            { ForeignForm = Form(("Reason", "通知書番号の入力誤り")) },
        new("/Payments/Reverse", Post, "Reverse", Need.Of(ReversePayments), "/Payments/Reverse/{booked-payment}")
            { ForeignForm = Form(("Reason", "通知書番号の入力誤り")) },

        // Refunds: the overpayment list, drafting, withdrawal, counter payment, lapse and the transfer file for 収納; the decision for
        // 還付の決定 (the approver).
        new("/Refunds/Overpayments", Get, null, Need.Of(RecordPayments), "/Refunds/Overpayments"),
        new("/Refunds/Draft", Get, null, Need.Of(RecordPayments), "/Refunds/Draft"),
        new("/Refunds/Draft", Post, null, Need.Of(RecordPayments), "/Refunds/Draft"),
        new("/Refunds/Approve", Get, null, Need.Of(DecideRefunds), "/Refunds/Approve"),
        new("/Refunds/Approve", Post, "Decide", Need.Of(DecideRefunds), "/Refunds/Approve"),

        // Write-offs (不納欠損): the plan and report for ViewReports; approval and execution for the approver's decision right.
        new("/Cases/WriteOffs", Get, null, Need.Of(ViewReports), "/Cases/WriteOffs"),
        new("/Cases/WriteOffs", Post, "Plan", Need.Of(ViewReports), "/Cases/WriteOffs") { Form = Form(("AsOf", "2026-11-01")) },
        new("/Cases/WriteOffs", Post, "Approve", Need.Of(ViewReports, DecideCollectionMeasures), "/Cases/WriteOffs") { Form = Form(("AsOf", "2026-11-01")) },
        new("/Cases/WriteOffs", Post, "Execute", Need.Of(ViewReports, DecideCollectionMeasures), "/Cases/WriteOffs") { Form = Form(("PlanId", "999")) },
        new("/Refunds/Transfer", Get, null, Need.Of(RecordPayments), "/Refunds/Transfer"),
        new("/Refunds/Transfer", Post, "Write", Need.Of(RecordPayments), "/Refunds/Transfer"),
        new("/Refunds/Manage", Get, null, Need.Of(RecordPayments), "/Refunds/Manage"),
        new("/Refunds/Manage", Post, "Withdraw", Need.Of(RecordPayments), "/Refunds/Manage"),
        new("/Refunds/Manage", Post, "Pay", Need.Of(RecordPayments), "/Refunds/Manage"),
        new("/Refunds/Lapse", Get, null, Need.Of(RecordPayments), "/Refunds/Lapse"),
        new("/Refunds/Lapse", Post, null, Need.Of(RecordPayments), "/Refunds/Lapse"),

        // Cases: 閲覧 for the case file and the lists; a change to a case needs 滞納整理の更新 as well (then the officer-only rule).
        new("/Cases/File", Get, null, Need.Of(ViewTaxpayer), "/Cases/File/{case}") { Shows = "鹿児島 花子" },
        new("/Cases/File", Post, "Log", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("Method", "Phone"), ("Text", "本人と通話")) },
        new("/Cases/File", Post, "Flag", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("Colour", "Red"), ("FlagText", "分納相談中")) },
        new("/Cases/File", Post, "Unflag", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("FlagId", "1"), ("Reason", "相談終了")) },
        new("/Cases/File", Post, "Caution", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("Reason", "威圧的な言動あり")) },
        new("/Cases/File", Post, "Pledge", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("PledgeMadeOn", "2026-11-26"), ("PledgeSchedule", "2026-12-25:1000")) },
        // 執行停止・猶予 and 延滞金減免 of a case: decided by an approver (決定権), a relief drafted with 滞納整理の更新 (then the officer-only rule).
        new("/Cases/Measures", Get, null, Need.Of(ViewTaxpayer), "/Cases/Measures/{case}") { Shows = "鹿児島 花子" },
        new("/Cases/Measures", Post, "Stay", Need.Of(ViewTaxpayer, DecideCollectionMeasures), "/Cases/Measures/{case}")
            { ForeignForm = Form(("Ground", "1"), ("From", "2026-11-26"), ("Reason", "財産なし")) },
        new("/Cases/Measures", Post, "CancelStay", Need.Of(ViewTaxpayer, DecideCollectionMeasures), "/Cases/Measures/{case}"),
        new("/Cases/Measures", Post, "Defer", Need.Of(ViewTaxpayer, DecideCollectionMeasures), "/Cases/Measures/{case}"),
        new("/Cases/Measures", Post, "Extend", Need.Of(ViewTaxpayer, DecideCollectionMeasures), "/Cases/Measures/{case}"),
        new("/Cases/Relief", Get, null, Need.Of(ViewTaxpayer), "/Cases/Relief/{case}") { Shows = "鹿児島 花子" },
        new("/Cases/Relief", Post, "Draft", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/Relief/{case}")
            { ForeignForm = Form(("Claim", "1"), ("Mode", "all"), ("Basis", "326-3"), ("Reason", "災害")) },
        new("/Cases/Relief", Post, "Decide", Need.Of(ViewTaxpayer, DecideCollectionMeasures), "/Cases/Relief/{case}"),
        new("/Cases/Relief", Post, "Cancel", Need.Of(ViewTaxpayer, DecideCollectionMeasures), "/Cases/Relief/{case}"),
        new("/Cases/File", Post, "Succession", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("DiedOn", "2026-11-01"), ("Heirs", "2000000002:1/1"), ("Representative", "2000000002")) },
        new("/Cases/File", Post, "Renounce", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("Person", "2000000002"), ("Heirs", "2000000003:1/1"), ("Representative", "2000000003")) },
        new("/Cases/File", Post, "Limited", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("LiabilityReference", "限定承認申述受理")) },
        new("/Cases/File", Post, "Liability", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("Kind", "joint"), ("NoticeNo", "2026020001"), ("Person", "2000000002")) },
        // 差押 from the case file: 滞納整理の更新 (then the officer-only rule); the PDFs and the seizure lists for 閲覧.
        new("/Cases/File", Post, "Seize", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("SeizureKind", "deposit"), ("SeizedOn", "2026-11-20"), ("SeizureProperty", "普通預金"), ("ThirdParty", "鹿児島銀行"), ("ThirdPartyAddress", "鹿児島市金生町6番6号"), ("SeizureAmount", "1000")) },
        // 「この預金を差し押さえる」: the seize form filled from an inquiry answer (nothing recorded), for those who may update cases.
        new("/Cases/File", Post, "SeizeFromAnswer", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}") { ForeignForm = Form(("InquiryAnswerId", "1")) },
        new("/Cases/File", Post, "SeizureNotice", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("SeizureId", "999"), ("SeizureDate", "2026-11-20")) },
        new("/Cases/File", Post, "SeizureArrive", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("SeizureId", "999"), ("SeizureDate", "2026-11-24")) },
        new("/Cases/File", Post, "SeizureRecover", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("SeizureId", "999"), ("SeizureDate", "2026-11-25"), ("RecoveryKey", "R-1"), ("RecoveryAmount", "1000")) },
        new("/Cases/File", Post, "SeizureRelease", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("SeizureId", "999"), ("SeizureDate", "2026-11-25"), ("Reason", "完納")) },
        new("/Cases/File", Post, "SeizurePdf", Need.Of(ViewTaxpayer), "/Cases/File/{case}") { ForeignForm = Form(("SeizureId", "999"), ("Which", "notice")) },
        new("/Cases/Seizures", Get, null, Need.Of(ViewTaxpayer), "/Cases/Seizures"),
        // 公売・不服申立て・破産・配当計算書 from the case file: 滞納整理の更新 (then the officer-only rule).
        new("/Cases/File", Post, "SaleRecord", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("SaleProperty", "土地"), ("SaleEstimate", "1000000")) },
        new("/Cases/File", Post, "SaleNotice", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("SaleId", "999"), ("SaleNoticeOn", "2026-11-02"), ("SaleOn", "2026-11-13")) },
        new("/Cases/File", Post, "SaleDecide", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("SaleId", "999"), ("SaleDate", "2026-11-16"), ("SaleBuyer", "買受人"), ("SalePrice", "1500000"), ("SaleDeadline", "2026-11-20")) },
        new("/Cases/File", Post, "SalePaid", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}") { ForeignForm = Form(("SaleId", "999"), ("SaleDate", "2026-11-19")) },
        new("/Cases/File", Post, "SaleRegistration", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}") { ForeignForm = Form(("SaleId", "999"), ("SaleDate", "2026-11-20")) },
        new("/Cases/File", Post, "AppealFile", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("AppealSubject", "差押処分"), ("AppealDate", "2026-11-10")) },
        new("/Cases/File", Post, "AppealDecide", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("AppealId", "999"), ("AppealDate", "2026-11-16"), ("AppealOutcome", "棄却")) },
        new("/Cases/File", Post, "Insolvency", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("InsolvencyProcedure", "bankruptcy"), ("InsolvencyDate", "2026-11-20")) },
        new("/Cases/File", Post, "InsolvencyDischarge", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("InsolvencyId", "999"), ("InsolvencyDate", "2026-11-25")) },
        new("/Cases/File", Post, "InsolvencyDissolve", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("InsolvencyId", "999"), ("InsolvencyDate", "2026-11-26")) },
        new("/Cases/File", Post, "Statement", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("SaleId", "999"), ("StatementSent", "2026-11-19")) },
        new("/Cases/File", Post, "Inquiry", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("InquiryTargetNo", "1"), ("InquiryAbout", "Deposit")) },
        new("/Cases/File", Post, "InquiryLetter", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}") { ForeignForm = Form(("InquiryId", "1")) },
        new("/Cases/File", Post, "InquiryPdf", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}") { ForeignForm = Form(("InquiryId", "1")) },
        new("/Cases/File", Post, "InquiryAnswer", Need.Of(ViewTaxpayer, UpdateCases), "/Cases/File/{case}")
            { ForeignForm = Form(("InquiryId", "1"), ("Asset", "None"), ("AnsweredOn", "2026-11-26"), ("AnswerSource", "書面回答")) },
        new("/Cases/InquiryTargets", Get, null, Need.Of(ViewTaxpayer), "/Cases/InquiryTargets"),
        new("/Cases/InquiryTargets", Post, null, Need.Of(ViewTaxpayer, UpdateCases), "/Cases/InquiryTargets"),
        new("/Cases/InquiriesOverdue", Get, null, Need.Of(ViewTaxpayer), "/Cases/InquiriesOverdue"),
        new("/Cases/Worklist", Get, null, Need.Of(ViewTaxpayer), "/Cases/Worklist"),
        new("/Cases/Officers", Get, null, Need.Of(ViewTaxpayer), "/Cases/Officers"),
        new("/Cases/Lapsing", Get, null, Need.Of(ViewTaxpayer), "/Cases/Lapsing"),

        // Imports: 収納.
        new("/Imports/Payments", Get, null, Need.Of(RecordPayments), "/Imports/Payments"),
        new("/Imports/Payments", Post, null, Need.Of(RecordPayments), "/Imports/Payments"),
        new("/Imports/History", Get, null, Need.Of(RecordPayments), "/Imports/History"),
        new("/Imports/Run", Get, null, Need.Of(RecordPayments), "/Imports/Run/{import-run}"),

        // Reports: 帳票; the CSV download is an export and needs ファイル出力 as well.
        new("/Reports/Daily", Get, null, Need.Of(ViewReports), "/Reports/Daily"),
        new("/Reports/Daily", Post, "Csv", Need.Of(ViewReports, ExportData), "/Reports/Daily"),
        new("/Reports/Collection", Get, null, Need.Of(ViewReports), "/Reports/Collection"),
        new("/Reports/Collection", Post, "Csv", Need.Of(ViewReports, ExportData), "/Reports/Collection"),
        new("/Reports/Refunds", Get, null, Need.Of(ViewReports), "/Reports/Refunds"),
        new("/Reports/Refunds", Post, "Csv", Need.Of(ViewReports, ExportData), "/Reports/Refunds"),
        new("/Reports/CarryForward", Get, null, Need.Of(ViewReports), "/Reports/CarryForward"),
        new("/Reports/CarryForward", Post, "Run", Need.Of(ViewReports, CloseFiscalYear), "/Reports/CarryForward") { Form = Form(("Year", "2025")) },
        new("/Reports/CarryForward", Post, "Reverse", Need.Of(ViewReports, CloseFiscalYear), "/Reports/CarryForward") { Form = Form(("Year", "2025"), ("Reason", "試験の取消")) },

        // 特別徴収義務者 (issue 17): the employer's year, read by 指定番号 (audited 3446 when one is shown).
        new("/Withholding/Employer", Get, null, Need.Of(ViewTaxpayer), "/Withholding/Employer"),

        // Notices: 通知書の発行 for 督促状 runs, the run pages, returned mail and reprints; 催告書・差押予告書 runs need 滞納処分の通知.
        new("/Notices/Runs", Get, null, Need.Of(IssueNotices), "/Notices/Runs"),
        new("/Notices/Reminders", Get, null, Need.Of(IssueNotices), "/Notices/Reminders"),
        new("/Notices/Reminders", Post, "Preview", Need.Of(IssueNotices), "/Notices/Reminders"),
        new("/Notices/Reminders", Post, "Generate", Need.Of(IssueNotices), "/Notices/Reminders"),
        new("/Notices/Demands", Get, null, Need.Of(IssueDemands), "/Notices/Demands"),
        new("/Notices/Demands", Post, "Preview", Need.Of(IssueDemands), "/Notices/Demands"),
        new("/Notices/Demands", Post, "Generate", Need.Of(IssueDemands), "/Notices/Demands"),
        new("/Notices/Run", Get, null, Need.Of(IssueNotices), "/Notices/Run/{notice-run}") { Shows = "霧島 一郎" },
        new("/Notices/Run", Post, "Dispatch", Need.Of(IssueNotices), "/Notices/Run/{notice-run}")
            { ForeignForm = Form(("DispatchOn", "2026-11-26")) },
        new("/Notices/Run", Post, "Cancel", Need.Of(IssueNotices), "/Notices/Run/{notice-run}")
            { ForeignForm = Form(("Reason", "基準日の誤り")) },
        new("/Notices/Run", Post, "Pdf", Need.Of(IssueNotices), "/Notices/Run/{notice-run}"),
        new("/Notices/Run", Post, "Csv", Need.Of(IssueNotices), "/Notices/Run/{notice-run}"),
        new("/Notices/Returned", Get, null, Need.Of(IssueNotices), "/Notices/Returned"),
        new("/Notices/Returned", Get, null, Need.Of(IssueNotices), "/Notices/Returned/{returned-mail}") { Shows = "鹿児島 花子" },
        new("/Notices/Returned", Post, "Record", Need.Of(IssueNotices), "/Notices/Returned"),
        new("/Notices/Returned", Post, "Resolve", Need.Of(IssueNotices), "/Notices/Returned/{returned-mail}")
            { ForeignForm = Form(("How", "3"), ("On", "2026-11-26")) },
        new("/Notices/Reprint", Get, null, Need.Of(IssueNotices), "/Notices/Reprint/{notice-letter}") { Shows = "鹿児島 花子" },
        new("/Notices/Reprint", Post, "Print", Need.Of(IssueNotices), "/Notices/Reprint/{notice-letter}")
            { ForeignForm = Form(("Purpose", "本人から再送付の依頼")) },

        // Promises and pledges (約束・分納誓約): the delinquency staff; changes pass the officer-only policy inside.
        new("/Cases/Pledges/Index", Get, null, Need.Of(UpdateCases), "/Cases/Pledges"),
        new("/Cases/Pledges/New", Get, null, Need.Of(UpdateCases), "/Cases/Pledges/New"),
        new("/Cases/Pledges/New", Post, "Record", Need.Of(UpdateCases), "/Cases/Pledges/New"),
        new("/Cases/Pledges/Pledge", Get, null, Need.Of(UpdateCases), "/Cases/Pledges/{pledge}") { Shows = "鹿児島 花子" },
        new("/Cases/Pledges/Pledge", Post, "Print", Need.Of(UpdateCases), "/Cases/Pledges/{pledge}"),
        new("/Cases/Pledges/Pledge", Post, "Breach", Need.Of(UpdateCases), "/Cases/Pledges/{pledge}"),
        new("/Cases/Pledges/Pledge", Post, "End", Need.Of(UpdateCases), "/Cases/Pledges/{pledge}")
            { ForeignForm = Form(("End", "cancel"), ("Reason", "記録の誤り")) },

        // Certificates: 納税証明書 for the counter's issuance (through the gate) and the verification page.
        new("/Certificates/Issue", Get, null, Need.Of(IssueCertificates), "/Certificates/Issue/{taxpayer}") { Shows = "鹿児島 花子" },
        new("/Certificates/Issue", Post, "Preview", Need.Of(IssueCertificates), "/Certificates/Issue/{taxpayer}")
            { ForeignForm = Form(("Kind", "amounts"), ("Years", "2026"), ("Copies", "1"), ("Requester", "self")) },
        new("/Certificates/Issue", Post, "Issue", Need.Of(IssueCertificates), "/Certificates/Issue/{taxpayer}")
            { ForeignForm = Form(("Kind", "amounts"), ("Years", "2026"), ("Copies", "1"), ("Requester", "self")) },
        new("/Certificates/Verify", Get, null, Need.Of(IssueCertificates), "/Certificates/Verify"),
        new("/Certificates/Verify", Post, null, Need.Of(IssueCertificates), "/Certificates/Verify"),

        // Administration: user IDs and rights (利用者管理); the audit log and its monthly review (操作ログの点検).
        new("/Admin/Users", Get, null, Need.Of(ManageAccounts), "/Admin/Users"),
        new("/Admin/NewUser", Get, null, Need.Of(ManageAccounts), "/Admin/NewUser"),
        new("/Admin/NewUser", Post, null, Need.Of(ManageAccounts), "/Admin/NewUser"),
        new("/Admin/Account", Get, null, Need.Of(ManageAccounts), "/Admin/Account/{staff-account}") { Shows = AuthorizationMatrixFixture.ColleagueName },
        new("/Admin/Account", Post, "Grant", Need.Of(ManageAccounts), "/Admin/Account/{staff-account}")
            { ForeignForm = Form(("GrantRole", nameof(Role.Exporter)), ("GrantFrom", "2026-11-26")) },
        new("/Admin/Account", Post, "Revoke", Need.Of(ManageAccounts), "/Admin/Account/{staff-account}")
            { ForeignForm = Form(("RevokeRole", nameof(Role.CollectionClerk)), ("RevokeReason", "事務分担の変更")) },
        new("/Admin/Account", Post, "Expire", Need.Of(ManageAccounts), "/Admin/Account/{staff-account}")
            { ForeignForm = Form(("EffectiveOn", "2026-11-30"), ("ExpiryKind", "retire")) },
        new("/Admin/AccountReview", Get, null, Need.Of(ManageAccounts), "/Admin/AccountReview"),
        new("/Admin/AccountReview", Post, null, Need.Of(ManageAccounts), "/Admin/AccountReview"),
        new("/Admin/Units", Get, null, Need.Of(ManageAccounts), "/Admin/Units") { Shows = "課・係の名称" },
        new("/Admin/Units", Post, null, Need.Of(ManageAccounts), "/Admin/Units"),
        new("/Admin/AuditLog", Get, null, Need.Of(ReviewAudit), "/Admin/AuditLog"),
        new("/Admin/AuditLog", Post, null, Need.Of(ReviewAudit), "/Admin/AuditLog"),
        new("/Admin/AuditReview", Get, null, Need.Of(ReviewAudit), "/Admin/AuditReview"),
        new("/Admin/AuditReview", Post, "Review", Need.Of(ReviewAudit), "/Admin/AuditReview"),
        new("/Admin/AuditReview", Post, "Verify", Need.Of(ReviewAudit), "/Admin/AuditReview"),

        // Logging out: anyone (a stale page's button must still work); last, since it ends the session.
        new("/Account/Logout", Get, null, Need.Anyone, "/Account/Logout"),
        new("/Account/Logout", Post, null, Need.Anyone, "/Account/Logout") { Ok = 302, Location = "/Account/Login?reason=logout" },
    ];

    /// <summary>Cells checked by hand against the design, so the table above is itself checked.</summary>
    private static readonly (Role Role, string Page, string Verb, string? Handler, bool Allowed)[] HandChecked =
    [
        (Role.Contractor, "/Taxpayers/View", Post, "Reveal", false),         // 委託業者 never sees a My Number
        (Role.MyNumberClerk, "/Taxpayers/View", Post, "Reveal", true),       // 個人番号利用事務担当 may reveal
        (Role.CollectionClerk, "/Taxpayers/View", Post, "Reveal", false),    // 収納担当 sees the page, not the number
        (Role.CollectionClerk, "/Taxpayers/View", Get, null, true),
        (Role.SystemAdministrator, "/Taxpayers/View", Get, null, false),     // no taxpayer data by this role alone
        (Role.SystemAdministrator, "/Taxpayers/Search", Post, null, false),
        (Role.Approver, "/Payments/Reverse", Post, "Reverse", true),         // 承認者 may reverse a booking …
        (Role.Approver, "/Payments/Counter", Post, "Book", false),           // … but not take money
        (Role.Approver, "/Payments/Day", Post, "Reopen", true),              // 承認者 reopens a closed day …
        (Role.CollectionClerk, "/Payments/Day", Post, "Reopen", false),      // … the 収納担当 who closes it does not
        (Role.DelinquencyOfficer, "/Payments/Reverse", Post, "Reverse", false),
        (Role.DelinquencyOfficer, "/Payments/Match", Post, "Match", true),
        (Role.Exporter, "/Imports/Payments", Post, null, false),
        (Role.SecurityOfficer, "/Admin/AuditLog", Get, null, true),
        (Role.SystemAdministrator, "/Admin/AuditLog", Get, null, false),     // the administrator does not review themselves
        (Role.SecurityOfficer, "/Admin/Account", Post, "Grant", true),
        (Role.SystemAdministrator, "/Admin/Account", Post, "Expire", true),
        (Role.Contractor, "/Admin/Users", Get, null, false),
        (Role.Exporter, "/Reports/Daily", Post, "Csv", false),               // an export needs 帳票 too …
        (Role.CollectionClerk, "/Reports/Collection", Post, "Csv", false),   // … and 帳票 alone is not an export
        (Role.CollectionClerk, "/Notices/Reminders", Post, "Generate", true), // 収納担当 makes 督促状 runs …
        (Role.CollectionClerk, "/Notices/Demands", Get, null, false),         // … but not 催告書・差押予告書
        (Role.DelinquencyOfficer, "/Notices/Demands", Post, "Generate", true),
        (Role.Approver, "/Notices/Run", Post, "Dispatch", true),
        (Role.Exporter, "/Notices/Run", Post, "Csv", false),                   // the vendor file is printing, not an export
        (Role.Contractor, "/Notices/Reprint", Post, "Print", false),
        (Role.SystemAdministrator, "/Notices/Returned", Get, null, false),
        (Role.DelinquencyOfficer, "/Cases/Pledges/Pledge", Post, "End", true),
        (Role.CollectionClerk, "/Cases/Pledges/Index", Get, null, false),
        (Role.DelinquencyOfficer, "/Cases/Measures", Post, "Stay", false),   // a stay is the approver's decision …
        (Role.DelinquencyOfficer, "/Cases/Relief", Post, "Draft", true),    // … a relief is drafted by the officer …
        (Role.DelinquencyOfficer, "/Cases/Relief", Post, "Decide", false),  // … and decided by an approver
        (Role.Approver, "/Cases/Relief", Post, "Decide", true),
        (Role.Exporter, "/Index", Get, null, true),
        (Role.Contractor, "/Account/Reauthenticate", Post, null, true),
        (Role.Contractor, "/Account/Logout", Post, null, true),
    ];

    /// <summary>What no refusal or foreign-handle answer may contain (and how a failure names it: never the number itself).</summary>
    private static readonly (string Text, string Name)[] Personal =
    [
        ("鹿児島 花子", "鹿児島 花子"), ("桜島 次郎", "桜島 次郎"), (AuthorizationMatrixFixture.ColleagueName, AuthorizationMatrixFixture.ColleagueName),
        (TaxpayerCity.HanakoMyNumber, "the My Number"), (TaxpayerCity.HanakoMyNumberGrouped, "the My Number"),
    ];

    private sealed record Audited(long Id, AuditEventKind Kind, string? Detail);

    private static async Task<long> LastAuditIdAsync(ChoshuDbContext db) =>
        await db.AuditEvents.AsNoTracking().MaxAsync(e => (long?)e.Id) ?? 0;

    private static Task<List<Audited>> AuditSinceAsync(ChoshuDbContext db, long after, string staffNo) =>
        db.AuditEvents.AsNoTracking().Where(e => e.Id > after && e.ActorName == staffNo).OrderBy(e => e.Id)
            .Select(e => new Audited(e.Id, e.Kind, e.Detail)).ToListAsync();

    private static bool IsDenial(Audited a) => a.Kind is AuditEventKind.AccessDenied or AuditEventKind.AccessDeniedLapsedRights;

    private static string Got(HttpResponseMessage r, IReadOnlyList<Audited> records)
    {
        var location = r.Headers.Location is { } l ? $" → {l.OriginalString}" : "";
        var denials = records.Where(IsDenial).ToList();
        return $"{(int)r.StatusCode}{location}, {denials.Count} denial record(s)"
            + (denials.Count == 0 ? "" : " [" + string.Join("; ", denials.Select(d => $"{(int)d.Kind} {d.Detail}")) + "]");
    }

    private static string? PersonalIn(string body) =>
        Personal.Where(p => body.Contains(p.Text, StringComparison.Ordinal)).Select(p => p.Name).FirstOrDefault();

    [Fact]
    public async Task Table_ListsEveryPageAndActionOfTheApp_NoneMissingNoneStale()
    {
        var app = await AppActions.ListAsync(f.Web.Factory.Services);
        var table = Table.Select(p => p.Key).Distinct().ToList();

        var missing = app.Except(table).Select(a => $"{a.Verb} {a.Page}{(a.Handler is null ? "" : "?handler=" + a.Handler)}").ToList();
        var stale = table.Except(app).Select(a => $"{a.Verb} {a.Page}{(a.Handler is null ? "" : "?handler=" + a.Handler)}").ToList();

        Assert.True(missing.Count == 0, "pages/actions of the app that the matrix does not list (add them to Table with what they need): " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "matrix rows for pages/actions the app no longer has: " + string.Join(", ", stale));
        Assert.Contains(("/Taxpayers/View", Post, (string?)"Reveal"), app);
        Assert.Contains(("/Admin/AuditReview", Post, (string?)"Verify"), app);
        Assert.True(app.Count >= 55, $"only {app.Count} actions found");
    }

    [Fact]
    public void Table_HandCheckedCells_AsDesigned()
    {
        foreach (var (role, page, verb, handler, allowed) in HandChecked)
        {
            var rows = Table.Where(p => p.Key == (page, verb, handler)).ToList();
            Assert.True(rows.Count > 0, $"no row for {verb} {page} {handler}");
            foreach (var row in rows)
                Assert.True(row.Need.Allows(role) == allowed,
                    $"{JapaneseLabels.Of(role)} on {row.Action}: the table says {(row.Need.Allows(role) ? "allowed" : "denied")} ({row.Need.Name}), by hand {(allowed ? "allowed" : "denied")}");
        }
        // The table does not let every role through: each role is refused somewhere, and each permission row refuses someone.
        foreach (var role in Enum.GetValues<Role>())
            Assert.Contains(Table, p => !p.Need.Allows(role));
        Assert.All(Table.Where(p => p.Need.Page is not null), p => Assert.Contains(Enum.GetValues<Role>(), r => !p.Need.Allows(r)));
    }

    [Fact]
    public async Task EveryRole_EveryPageAndAction_AllowedOrDenied403WithOneAudit5000()
    {
        var watch = Stopwatch.StartNew();
        var wrong = new List<string>();
        var cells = 0;
        await using var db = f.Web.Store.Open();
        foreach (var role in Enum.GetValues<Role>())
        {
            var s = await f.SignInAsync(f.Users[role], $"{JapaneseLabels.Of(role)} ({role})");
            foreach (var p in Table)
            {
                var allowed = p.Need.Allows(role);
                var before = await LastAuditIdAsync(db);
                var r = await s.SendAsync(p, p.Form);
                var body = await r.Content.ReadAsStringAsync();
                var records = await AuditSinceAsync(db, before, s.User.StaffNo);
                var path = s.Url(p).Split('?')[0];
                var problem = allowed ? AllowedProblem(p, r, body, records) : DeniedProblem(p, role, path, r, body, records);
                cells++;
                if (problem is not null)
                    wrong.Add($"{s.Label} | {p.Action} | expected {(allowed ? $"allowed ({p.Ok})" : "denied (403, one 5000)")} by {p.Need.Name} | got {problem}");
            }
        }
        output.WriteLine($"{cells} cells ({Enum.GetValues<Role>().Length} roles × {Table.Count} rows) in {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cells} cells are not as designed:\n" + string.Join("\n", wrong));
        Assert.Equal(8 * Table.Count, cells);
    }

    /// <summary>
    /// Issue 18 defect 5: a 委託業者 who also holds every other role (grants put straight into the store, as if made
    /// before the rule; the administration refuses them now) gets past no page or action that reads taxpayer data:
    /// only account and system administration stay open. Every refusal is a 403 with one 5000.
    /// </summary>
    [Fact]
    public async Task Contractor_HoldingEveryOtherRoleFromBefore_EveryTaxpayerPageDenied403()
    {
        var (user, _) = await f.Web.CreateUserAsync("81711", "前田 十一郎", [Role.Contractor]);
        await using var db = f.Web.Store.Open();
        var accountId = await db.StaffAccounts.Where(a => a.StaffNo == "81711").Select(a => a.Id).SingleAsync();
        foreach (var role in Enum.GetValues<Role>().Where(r => r != Role.Contractor))
            db.RoleGrants.Add(new Data.Security.RoleGrant
            {
                AccountId = accountId, Role = role, ValidFrom = new DateOnly(2026, 4, 1), GrantedBy = "test:direct", GrantedAtUtc = TaxpayerCity.NowUtc,
            });
        await db.SaveChangesAsync();
        var all = Enum.GetValues<Role>();
        var s = await f.SignInAsync(user, "委託業者 + every role");
        var wrong = new List<string>();
        var allowedRows = new List<string>();
        foreach (var p in Table.Where(p => p.Need.Page is not null))
        {
            var needs = new[] { p.Need.Page, p.Need.Action }.OfType<Permission>().ToList();
            var allowed = needs.All(n => n is ManageAccounts or ManageSystem);
            var before = await LastAuditIdAsync(db);
            var r = await s.SendAsync(p, p.Form);
            var records = await AuditSinceAsync(db, before, "81711");
            var denials = records.Count(IsDenial);
            if (allowed) allowedRows.Add(p.Action);
            if (allowed ? (int)r.StatusCode != p.Ok || denials != 0 : r.StatusCode != HttpStatusCode.Forbidden || denials != 1)
                wrong.Add($"{p.Action} | expected {(allowed ? "allowed" : "denied (403, one 5000)")} | got {Got(r, records)}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Contains(allowedRows, a => a.StartsWith("GET /Admin/Users", StringComparison.Ordinal));
        Assert.DoesNotContain(allowedRows, a => a.Contains("/Taxpayers/", StringComparison.Ordinal));
    }

    private static string? AllowedProblem(Probe p, HttpResponseMessage r, string body, IReadOnlyList<Audited> records)
    {
        var got = Got(r, records);
        if ((int)r.StatusCode != p.Ok || records.Any(IsDenial)) return got;
        if (p.Location is { } to && r.Headers.Location?.OriginalString != to) return got + $" (expected → {to})";
        if (p.Shows is { } text && !body.Contains(text, StringComparison.Ordinal)) return got + $", but the page does not show {(text.Any(char.IsAsciiDigit) ? "the My Number" : "「" + text + "」")}";
        return null;
    }

    private static string? DeniedProblem(Probe p, Role role, string path, HttpResponseMessage r, string body, IReadOnlyList<Audited> records)
    {
        var got = Got(r, records);
        var denials = records.Where(IsDenial).ToList();
        if (r.StatusCode != HttpStatusCode.Forbidden || denials.Count != 1) return got;
        if (denials[0].Kind != AuditEventKind.AccessDenied) return got + " (expected kind 5000)";
        var missing = p.Need.Missing(role);
        if (!missing.Any(m => (denials[0].Detail ?? "").StartsWith(m + ":", StringComparison.Ordinal)))
            return got + $" (the record should name {string.Join(" or ", missing)})";
        // Refused by the page's own permission: the record names the request too ("ManageAccounts: GET /Admin/Users").
        if (p.Need.Page is { } page && missing.Contains(page) && denials[0].Detail != $"{page}: {p.Verb} {path}")
            return got + $" (expected the record \"{page}: {p.Verb} {path}\")";
        if (!body.Contains("この操作を行う権限がありません", StringComparison.Ordinal)) return got + " (not the Japanese 403 page)";
        if (PersonalIn(body) is { } leak) return got + $" (the 403 page shows {leak})";
        return null;
    }

    [Fact]
    public async Task ForeignHandle_EveryRoleOnEveryRecordPage_404NothingRevealed_OrDenied403()
    {
        var wrong = new List<string>();
        var cells = 0;
        await using var db = f.Web.Store.Open();
        var withHandle = Table.Where(p => p.TakesHandle).ToList();

        // The colleague's handles are genuine: in the colleague's own session every record page opens.
        var colleague = await f.SignInAsync(f.Colleague, "colleague");
        foreach (var p in withHandle.Where(p => p.Verb == Get))
        {
            var r = await colleague.SendAsync(p, p.Form);
            if (r.StatusCode != HttpStatusCode.OK) wrong.Add($"colleague (own session) | {p.Action} | expected 200 | got {(int)r.StatusCode}");
        }
        var foreign = colleague.Handles;

        foreach (var role in Enum.GetValues<Role>())
        {
            var s = await f.SignInAsync(f.Users[role], $"{JapaneseLabels.Of(role)} ({role})");
            foreach (var p in withHandle)
            {
                var before = await LastAuditIdAsync(db);
                var r = await s.SendAsync(p, p.ForeignForm ?? p.Form, foreign);
                var body = await r.Content.ReadAsStringAsync();
                var records = await AuditSinceAsync(db, before, s.User.StaffNo);
                cells++;
                string? problem;
                if (p.Need.PageAllows(role))
                {
                    // Past the page's permission, the handle is checked first: 404, nothing read, nothing changed, nothing recorded.
                    problem = r.StatusCode != HttpStatusCode.NotFound || records.Count != 0
                        ? $"{Got(r, records)}, {records.Count} audit record(s) [{string.Join("; ", records.Select(a => $"{(int)a.Kind} {a.Detail}"))}]"
                        : PersonalIn(body) is { } leak ? $"404 showing {leak}" : null;
                    if (problem is not null) wrong.Add($"{s.Label} | {p.Action} with another session's handle | expected 404, nothing recorded | got {problem}");
                }
                else
                {
                    // Refused by the page's permission before the handle is even read.
                    var denials = records.Where(IsDenial).ToList();
                    problem = r.StatusCode != HttpStatusCode.Forbidden || denials.Count != 1 || records.Count != 1
                        || !(denials[0].Detail ?? "").StartsWith(p.Need.Page + ":", StringComparison.Ordinal)
                        ? Got(r, records)
                        : PersonalIn(body) is { } leak ? $"403 showing {leak}" : null;
                    if (problem is not null) wrong.Add($"{s.Label} | {p.Action} with another session's handle | expected 403, one 5000 | got {problem}");
                }
            }
        }
        output.WriteLine($"{cells} foreign-handle cells ({Enum.GetValues<Role>().Length} roles × {withHandle.Count} rows)");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cells} cells are not as designed:\n" + string.Join("\n", wrong));

        // Nothing was matched, reversed, granted or ended by the foreign posts.
        await using var check = f.Web.Store.Open();
        Assert.Equal(Domain.Reconciliation.PaymentStatus.Unmatched,
            await check.Payments.Where(x => x.Id == f.UnmatchedPaymentId).Select(x => x.Status).SingleAsync());
        Assert.Equal(Domain.Reconciliation.PaymentStatus.Booked,
            await check.Payments.Where(x => x.Id == f.BookedPaymentId).Select(x => x.Status).SingleAsync());
        var colleagueGrants = await (from g in check.RoleGrants
                                     join a in check.StaffAccounts on g.AccountId equals a.Id
                                     where a.StaffNo == AuthorizationMatrixFixture.ColleagueNo
                                     select new { g.Role, g.ValidTo, g.RevokedAtUtc }).ToListAsync();
        Assert.Equal(7, colleagueGrants.Count);
        Assert.All(colleagueGrants, g => Assert.True(g.ValidTo is null && g.RevokedAtUtc is null, $"{g.Role} changed"));
        Assert.Null(await check.StaffAccounts.Where(a => a.StaffNo == AuthorizationMatrixFixture.ColleagueNo).Select(a => a.ValidTo).SingleAsync());
        // … nor was the notice run cancelled, nor the return resolved.
        Assert.Null(await check.NoticeRuns.Where(x => x.Id == f.NoticeRunId).Select(x => x.CancelledAtUtc).SingleAsync());
        Assert.Null(await check.ReturnedMail.Where(x => x.Id == f.ReturnId).Select(x => x.Resolution).SingleAsync());
    }

    [Fact]
    public async Task SignedOut_EveryPageAndAction_RedirectedToLoginExceptOpenPages()
    {
        var anonymous = f.Web.Factory.Client();
        var handles = f.Handles(1);
        var s = new MatrixSession(f.Web, "signed out", new StaffUser("", "", "", ""), anonymous, handles);
        var wrong = new List<string>();
        var cells = 0;
        foreach (var p in Table)
        {
            if (p.Need.Anonymous && p.Verb == Post) continue; // open forms: their antiforgery rule is EveryPageTests'
            var url = s.Url(p);
            var r = p.Verb == Get ? await anonymous.GetAsync(url) : await anonymous.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>()));
            var location = r.Headers.Location?.OriginalString ?? "";
            cells++;
            if (p.Need.Anonymous)
            {
                if ((int)r.StatusCode != p.Ok) wrong.Add($"{p.Action} | expected {p.Ok} (open page) | got {(int)r.StatusCode} {location}");
            }
            else if (r.StatusCode != HttpStatusCode.Redirect || !location.StartsWith("/Account/Login", StringComparison.Ordinal))
                wrong.Add($"{p.Action} | expected 302 → /Account/Login | got {(int)r.StatusCode} {location}");
            else if (PersonalIn(await r.Content.ReadAsStringAsync()) is { } leak)
                wrong.Add($"{p.Action} | the redirect shows {leak}");
        }
        output.WriteLine($"{cells} signed-out cells");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(cells >= 50);
    }

    // An account with no right at all cannot sign in (5000 recorded), so every page that needs one stays behind the login.
    [Fact]
    public async Task SignIn_AccountWithoutAnyRole_Refused5000AndEveryPageRedirectsToLogin()
    {
        var (user, _) = await f.Web.CreateUserAsync("82010", "新納 四郎", []);
        var client = f.Web.Factory.Client();

        var r = await Forms.PostAsync(client, "/Account/Login", new()
        {
            ["StaffNo"] = user.StaffNo, ["Password"] = user.Password, ["Code"] = f.Web.NextCode(user.TotpKey),
        });

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Contains("この利用者IDには本日有効な権限がありません。", await r.Content.ReadAsStringAsync());
        Assert.DoesNotContain(Cookies.All(r), c => c.Name.Contains("choshu_session", StringComparison.Ordinal));
        var e = Assert.Single(await f.Web.AuditAsync(), a => a.ActorName == "82010" && a.Outcome == AuditOutcome.Denied);
        Assert.Equal(AuditEventKind.AccessDenied, e.Kind);
        foreach (var path in new[] { "/", "/Admin/Users", "/Taxpayers/Search", "/Account/RecoveryCodes" })
        {
            var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/Account/Login", page.Headers.Location?.OriginalString);
        }
    }
}
