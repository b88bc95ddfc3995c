namespace Choshu.Domain.Security;

/// <summary>
/// The numbered catalogue of audit (操作ログ) event kinds. Numbers are stored and hashed into the
/// chain: never renumber, only add. Grouped by thousands: 1xxx sign-in, 2xxx reading personal data,
/// 3xxx changes, 4xxx data leaving the system, 5xxx refusals, 6xxx accounts and rights,
/// 7xxx keys and system, 8xxx deletion, 9xxx disclosure requests.
/// </summary>
public enum AuditEventKind
{
    LoginSucceeded = 1000,
    LoginFailed = 1001,
    Logout = 1002,
    SessionExpired = 1003,
    TotpReplayRefused = 1004,
    LockedOut = 1005,
    Reauthenticated = 1006,
    ReauthenticationFailed = 1007,
    TotpEnrolled = 1008,
    RecoveryCodeUsed = 1009,
    PasswordChanged = 1010,
    TwoFactorReset = 1011,
    RecoveryCodesRenewed = 1012,

    TaxpayerSearched = 2000,
    TaxpayerViewed = 2001,
    MyNumberRevealed = 2002,
    MyNumberSearched = 2003,
    UnmatchedPaymentsListed = 2004,
    SlipIssued = 2005,

    TaxpayerChanged = 3000,
    TaxpayersImported = 3001,
    AssessmentsImported = 3002,
    PaymentsImported = 3003,
    PaymentEntered = 3004,
    PaymentMatched = 3005,
    PaymentReversed = 3006,
    OverpaymentAppropriated = 3007,
    CaseOfficerAssigned = 3010,
    CaseDemandHoldChanged = 3011,
    CaseAppropriation = 3012,
    CaseStayOfExecution = 3013,
    CaseWriteOff = 3014,
    CaseDisposition = 3015,
    CaseOpened = 3016,

    DataExported = 4000,
    FormPrinted = 4001,
    DataTransferred = 4002,
    DebitRequestWritten = 4003,

    AccessDenied = 5000,
    AccessDeniedLapsedRights = 5001,

    AccountCreated = 6000,
    RoleGranted = 6001,
    RoleRevoked = 6002,
    AccountExpired = 6003,
    AccountsReviewed = 6004,

    KeysRotated = 7000,
    AuditVerified = 7001,
    AuditReviewed = 7002,
    SettingChanged = 7003,
    AuditLogViewed = 7004,

    DeletionRequested = 8000,
    DeletionApproved = 8001,
    DeletionRejected = 8002,
    DeletionExecuted = 8003,

    DisclosureRequestRegistered = 9000,
    DisclosureReportProduced = 9001,
    DisclosureRequestAnswered = 9002,
}

public static class AuditEventNames
{
    public static string Japanese(AuditEventKind kind) => kind switch
    {
        AuditEventKind.LoginSucceeded => "ログイン",
        AuditEventKind.LoginFailed => "ログイン失敗",
        AuditEventKind.Logout => "ログアウト",
        AuditEventKind.SessionExpired => "無操作タイムアウト",
        AuditEventKind.TotpReplayRefused => "使用済み確認コードの再使用拒否",
        AuditEventKind.LockedOut => "アカウントロック",
        AuditEventKind.Reauthenticated => "再認証",
        AuditEventKind.ReauthenticationFailed => "再認証失敗",
        AuditEventKind.TotpEnrolled => "二要素認証の登録",
        AuditEventKind.RecoveryCodeUsed => "回復コードの使用",
        AuditEventKind.PasswordChanged => "パスワード変更",
        AuditEventKind.TwoFactorReset => "二要素認証の解除（再登録）",
        AuditEventKind.RecoveryCodesRenewed => "回復コードの再発行",
        AuditEventKind.TaxpayerSearched => "納税義務者の検索",
        AuditEventKind.TaxpayerViewed => "納税義務者情報の参照",
        AuditEventKind.MyNumberRevealed => "個人番号の表示",
        AuditEventKind.MyNumberSearched => "個人番号による検索",
        AuditEventKind.UnmatchedPaymentsListed => "未消込一覧の参照",
        AuditEventKind.SlipIssued => "納付書の発行",
        AuditEventKind.TaxpayerChanged => "納税義務者情報の変更",
        AuditEventKind.TaxpayersImported => "宛名情報の取込",
        AuditEventKind.AssessmentsImported => "調定情報の取込",
        AuditEventKind.PaymentsImported => "収納データの取込",
        AuditEventKind.PaymentEntered => "窓口収納の入力",
        AuditEventKind.PaymentMatched => "未消込の手動消込",
        AuditEventKind.PaymentReversed => "収納の取消",
        AuditEventKind.OverpaymentAppropriated => "過誤納金の充当",
        AuditEventKind.CaseOfficerAssigned => "担当者の設定",
        AuditEventKind.CaseDemandHoldChanged => "一斉催告停止の設定",
        AuditEventKind.CaseAppropriation => "充当内容の更新",
        AuditEventKind.CaseStayOfExecution => "執行停止の更新",
        AuditEventKind.CaseWriteOff => "不納欠損の更新",
        AuditEventKind.CaseDisposition => "滞納処分の更新",
        AuditEventKind.CaseOpened => "滞納整理事案の開始",
        AuditEventKind.DataExported => "データ出力",
        AuditEventKind.FormPrinted => "帳票印刷",
        AuditEventKind.DataTransferred => "移転",
        AuditEventKind.DebitRequestWritten => "口座振替依頼データの作成",
        AuditEventKind.AccessDenied => "権限のない操作の拒否",
        AuditEventKind.AccessDeniedLapsedRights => "失効した権限での操作の拒否",
        AuditEventKind.AccountCreated => "利用者IDの登録",
        AuditEventKind.RoleGranted => "権限の付与",
        AuditEventKind.RoleRevoked => "権限の取消",
        AuditEventKind.AccountExpired => "利用者IDの失効（異動・退職）",
        AuditEventKind.AccountsReviewed => "利用者IDの棚卸し",
        AuditEventKind.KeysRotated => "暗号鍵の更新",
        AuditEventKind.AuditVerified => "操作ログの検証",
        AuditEventKind.AuditReviewed => "操作ログの月次点検",
        AuditEventKind.SettingChanged => "設定の変更",
        AuditEventKind.AuditLogViewed => "操作ログの閲覧",
        AuditEventKind.DeletionRequested => "削除の申請",
        AuditEventKind.DeletionApproved => "削除の承認",
        AuditEventKind.DeletionRejected => "削除の却下",
        AuditEventKind.DeletionExecuted => "削除の実行",
        AuditEventKind.DisclosureRequestRegistered => "開示等請求の受付",
        AuditEventKind.DisclosureReportProduced => "開示等請求の報告書作成",
        AuditEventKind.DisclosureRequestAnswered => "開示等請求への回答",
        _ => kind.ToString(),
    };
}

/// <summary>Who acted: a signed-in person, or the system (a CLI command or batch job, named by its OS user).</summary>
public enum ActorKind : short
{
    Staff = 1,
    System = 2,
}

public enum AuditOutcome : short
{
    Succeeded = 1,
    Denied = 2,
    Failed = 3,
}
