using Choshu.Domain.Security;

namespace Choshu.Web;

/// <summary>
/// The menu: one entry per work area, shown to those whose roles today give its permission (the
/// page itself enforces the same permission with its policy). Pages of issue 5 add their entry here.
/// </summary>
public static class Navigation
{
    public sealed record Item(string Title, string Page, Permission? Needs);

    public static readonly IReadOnlyList<Item> Items =
    [
        new("ホーム", "/Index", null),
        new("納税義務者検索", "/Taxpayers/Search", Permission.ViewTaxpayer),
        new("担当事案一覧", "/Cases/Worklist", Permission.ViewTaxpayer),
        new("担当者別の事案数", "/Cases/Officers", Permission.ViewTaxpayer),
        new("時効到来予定", "/Cases/Lapsing", Permission.ViewTaxpayer),
        new("照会先", "/Cases/InquiryTargets", Permission.ViewTaxpayer),
        new("回答期限超過", "/Cases/InquiriesOverdue", Permission.ViewTaxpayer),
        new("利用者ID一覧", "/Admin/Users", Permission.ManageAccounts),
        new("窓口収納", "/Payments/Counter", Permission.RecordPayments),
        new("まとめて収納（領収証書）", "/Payments/Desk", Permission.RecordPayments),
        new("未消込一覧", "/Payments/Unmatched", Permission.RecordPayments),
        new("収納取消", "/Payments/Reverse", Permission.ReversePayments),
        new("過誤納金の充当", "/Payments/Appropriation", Permission.RecordPayments),
        new("口座振替の登録", "/Payments/DebitRegistration", Permission.RecordPayments),
        new("収納データ取込", "/Imports/Payments", Permission.RecordPayments),
        new("取込履歴", "/Imports/History", Permission.RecordPayments),
        new("督促状 一括作成", "/Notices/Reminders", Permission.IssueNotices),
        new("催告書・差押予告書", "/Notices/Demands", Permission.IssueDemands),
        new("通知書一覧", "/Notices/Runs", Permission.IssueNotices),
        new("返戻", "/Notices/Returned", Permission.IssueNotices),
        new("分納誓約・約束", "/Cases/Pledges/Index", Permission.UpdateCases),
        new("納税証明書の照合", "/Certificates/Verify", Permission.IssueCertificates),
        new("過誤納・還付", "/Refunds/Overpayments", Permission.RecordPayments),
        new("還付の決定", "/Refunds/Approve", Permission.DecideRefunds),
        new("不納欠損", "/Cases/WriteOffs", Permission.ViewReports),
        new("還付金の振込データ", "/Refunds/Transfer", Permission.RecordPayments),
        new("還付の取下げ・窓口払", "/Refunds/Manage", Permission.RecordPayments),
        new("還付請求権の時効", "/Refunds/Lapse", Permission.RecordPayments),
        new("収納日計表", "/Reports/Daily", Permission.ViewReports),
        new("日計締め", "/Payments/Day", Permission.ViewReports),
        new("調定収納集計", "/Reports/Collection", Permission.ViewReports),
        new("還付充当一覧", "/Reports/Refunds", Permission.ViewReports),
        new("出納閉鎖と滞納繰越", "/Reports/CarryForward", Permission.ViewReports),
        new("利用者IDの登録", "/Admin/NewUser", Permission.ManageAccounts),
        new("利用者IDの棚卸し", "/Admin/AccountReview", Permission.ManageAccounts),
        new("課・係の名称", "/Admin/Units", Permission.ManageAccounts),
        new("操作ログ", "/Admin/AuditLog", Permission.ReviewAudit),
        new("操作ログ月次点検", "/Admin/AuditReview", Permission.ReviewAudit),
        new("回復コードの再発行", "/Account/RecoveryCodes", null),
    ];
}
