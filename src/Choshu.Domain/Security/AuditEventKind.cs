namespace Choshu.Domain.Security;

/// <summary>
/// The numbered catalogue of audit (操作ログ) event kinds. Numbers are stored and hashed into the
/// chain: never renumber, only add. Grouped by thousands: 1xxx sign-in, 2xxx reading personal data,
/// 3xxx changes, 4xxx data leaving the system, 5xxx refusals, 6xxx accounts and rights,
/// 7xxx keys and system, 8xxx deletion, 9xxx disclosure requests. Within a thousand, a block of ten
/// per subject: 2020–2029 certificates (照合・内容確認), 4020–4029 certificates and their data files; 3000–3009 taxpayers, imports and payments; 3010–3019 and 3220–3239 delinquency cases (a new case
/// kind takes the next free number of its block, never one of another subject's); 3030–3039 notice runs (督促・催告 runs,
/// their dispatch and cancellation, returned mail, saved condition sets); 3040–3049 appropriation (一斉充当, 充当通知書); 3050–3059
/// refunds (起案・決定・取下げ・窓口支払・時効), 4010–4019 their transfer file and payment order; 3070–3079 the counter and day close
/// (領収証書, 日計締め); 3080–3089 payment-date overrides (受付期間外の納付日の承認); 3200–3219 write-offs (不納欠損: plan,
/// approval, execution, cancellation); 3220–3239 the case file (経過記録, 付箋, 注意対象者, 地区担当表, 事案の一括開始, 架電結果の取込,
/// lists); 3240–3259 promises and pledges (約束・分納誓約); 3280–3299 other persons liable for a claim (承継・相続放棄・限定承認・相続人代表者,
/// 連帯納税義務, 第二次納税義務の告知); 3300–3319 late-fee relief (延滞金減免: draft, decision, cancellation); 3100–3199 claim events
/// (告知・督促・催告・承認 recorded on an installment, and their withdrawal; the events that are a case update —
/// 執行停止, 不納欠損, 差押・交付要求, 猶予 — are audited under their case kind, 3013–3015 and 3019).
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
    /// <summary>ログイン試行の抑止 (1040–1049: the sign-in throttle of issue 18): an attempt refused before its pair's or source's next allowed time, the password not checked.</summary>
    SignInThrottled = 1040,
    /// <summary>課・係の名称の登録・変更 (1020–1029: the staff directory's reference names).</summary>
    OrgUnitNamed = 1020,
    /// <summary>
    /// CLI proof of the person (1030–1039, issue 18 defect 6): a person-bound command (<c>--operator</c>) refused because
    /// it came without proof that the person runs it (no <c>choshu login</c> session of this OS user and staff number,
    /// an expired or ended one, one of another staff number or OS user, or a token file others could read).
    /// </summary>
    CliOperatorRefused = 1030,

    TaxpayerSearched = 2000,
    TaxpayerViewed = 2001,
    MyNumberRevealed = 2002,
    MyNumberSearched = 2003,
    UnmatchedPaymentsListed = 2004,
    SlipIssued = 2005,
    NoticeTargetsPreviewed = 2006,
    ReturnedMailListed = 2007,
    NoticeLettersViewed = 2008,
    CounterReceiptViewed = 2030,
    /// <summary>納税証明書の照合: a verification number looked up, showing what the certificate said.</summary>
    CertificateVerified = 2020,
    /// <summary>納税証明書の内容確認: the counter shows what a certificate would state before it is printed.</summary>
    CertificatePreviewed = 2021,

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
    CaseClosed = 3017,
    CaseReopened = 3018,
    CaseDeferment = 3019,
    NoticeRunGenerated = 3030,
    NoticeRunDispatched = 3031,
    NoticeRunCancelled = 3032,
    ReturnedMailRecorded = 3033,
    ReturnedMailResolved = 3034,
    NoticeConditionSetSaved = 3035,
    CounterReceiptIssued = 3070,
    CounterReceiptPrinted = 3071,
    BusinessDayClosed = 3072,
    BusinessDayReopened = 3073,
    /// <summary>An approver let a payment dated outside the window (payments.date_window_years) be booked, with a reason.</summary>
    PaymentDateOverride = 3080,
    AppropriationRun = 3040,
    AppropriationNoticesIssued = 3041,
    AppropriationPreviewed = 3042,
    RefundDrafted = 3050,
    RefundDecided = 3051,
    RefundWithdrawn = 3052,
    RefundPaidAtCounter = 3053,
    RefundClaimLapsed = 3054,
    /// <summary>不納欠損の計画の承認 (the plan's lines, hash and as-of day recorded).</summary>
    WriteOffPlanApproved = 3200,
    /// <summary>不納欠損の執行 (write-off entries and events of an approved plan).</summary>
    WriteOffExecuted = 3201,
    /// <summary>不納欠損の取消 (linked reversal of a write-off).</summary>
    WriteOffCancelled = 3202,
    /// <summary>不納欠損の計画・報告の参照 (lists naming taxpayers).</summary>
    WriteOffListed = 3203,
    /// <summary>経過記録の登録 (a case log entry, or its correction).</summary>
    CaseLogRecorded = 3220,
    /// <summary>付箋の貼付・取り外し.</summary>
    CaseFlagChanged = 3221,
    /// <summary>注意対象者の設定・解除.</summary>
    CaseCautionChanged = 3222,
    /// <summary>地区担当表の設定 (地区コード → 担当者, by an approver).</summary>
    CaseDistrictRuleSet = 3223,
    /// <summary>滞納整理事案の一括開始・自動終了・地区割当 (choshu case open-due): the counts.</summary>
    CasesOpenedByRule = 3224,
    /// <summary>納税お知らせセンター 架電結果の取込.</summary>
    CallCentreResultsImported = 3225,
    /// <summary>担当事案一覧・時効到来予定一覧の参照 (names and amounts of many taxpayers).</summary>
    CaseWorklistViewed = 3226,
    ClaimNoticeRecorded = 3100,
    ClaimReminderRecorded = 3101,
    ClaimReminderReturnedRecorded = 3102,
    ClaimReminderPublicNoticeRecorded = 3103,
    ClaimDemandRecorded = 3104,
    ClaimAcknowledgementRecorded = 3105,
    ClaimEventWithdrawn = 3190,
    /// <summary>分納誓約の記録 (3240–3259 promises and pledges: 約束・分納誓約, their end and the breach list).</summary>
    PledgeRecorded = 3240,
    /// <summary>承継の記録 (死亡日, 相続人と相続分, 相続人代表者).</summary>
    SuccessionRecorded = 3280,
    /// <summary>相続放棄の記録 (and the others' shares as entered).</summary>
    HeirRenounced = 3281,
    /// <summary>限定承認の記録.</summary>
    LimitedAcceptanceRecorded = 3282,
    /// <summary>相続人代表者の指定・変更.</summary>
    HeirRepresentativeDesignated = 3283,
    /// <summary>連帯納税義務者の記録.</summary>
    JointLiabilityAdded = 3284,
    /// <summary>第二次納税義務の告知 (納付通知書の発行).</summary>
    SecondaryLiabilityNotified = 3285,
    /// <summary>約束の記録.</summary>
    PromiseRecorded = 3241,
    /// <summary>分納誓約・約束の取消・完了.</summary>
    PledgeEnded = 3242,
    /// <summary>分納誓約・約束の一覧・不履行の確認 (a read of several taxpayers' pledges; numbered in the pledge block).</summary>
    PledgesListed = 3243,
    /// <summary>延滞金減免の起案 (3300–3319 late-fee relief: drafted, decided, cancelled).</summary>
    LateFeeWaiverDrafted = 3300,
    /// <summary>延滞金減免の決裁: the relief booked as a journal entry.</summary>
    LateFeeWaiverDecided = 3301,
    /// <summary>延滞金減免の取消 (a draft withdrawn, or a decided relief reversed).</summary>
    LateFeeWaiverCancelled = 3302,
    /// <summary>特別徴収義務者の登録 (3440–3469 withholding: employers, their employees, their payments).</summary>
    WithholdingEmployerRegistered = 3440,
    /// <summary>特別徴収税額の決定: the employer's year (installments and charges) and its employees' monthly amounts.</summary>
    WithholdingDetermined = 3441,
    /// <summary>異動届: an employee added to an employer from a month (amounts recomputed from that month).</summary>
    WithholdingEmployeeJoined = 3442,
    /// <summary>異動届: an employee left (普通徴収へ切替 or 一括徴収).</summary>
    WithholdingEmployeeLeft = 3443,
    /// <summary>異動届: an employee moved to another employer (継続特別徴収).</summary>
    WithholdingEmployeeMoved = 3444,
    /// <summary>特別徴収 納入データ (per-employee breakdown) imported.</summary>
    EmployerPaymentsImported = 3445,
    /// <summary>特別徴収義務者の参照 (employees, installments, payments).</summary>
    WithholdingEmployerViewed = 3446,
    /// <summary>年金保険者（特別徴収義務者）の登録 (3520–3529 pension withholding).</summary>
    PensionPayerRegistered = 3520,
    /// <summary>年金特別徴収の依頼: the payer's year (six installments and charges), each pensioner's monthly amounts and the request file.</summary>
    PensionWithholdingRequested = 3521,
    /// <summary>年金特別徴収 結果・納入データ imported (per-pensioner breakdown, stops).</summary>
    PensionResultsImported = 3522,
    /// <summary>年金特別徴収の停止 (支給停止・死亡 …): the rest switched to 普通徴収.</summary>
    PensionWithholdingStopped = 3523,
    /// <summary>年金特別徴収の参照 (a payer's year or a pensioner's withholding).</summary>
    PensionWithholdingViewed = 3524,
    /// <summary>交付要求・参加差押の記録 (3400–3429 claims for distribution, costs, insolvency, auction and distribution) with its form.</summary>
    ClaimForDistributionMade = 3400,
    /// <summary>交付要求・参加差押の終了.</summary>
    ClaimForDistributionEnded = 3401,
    /// <summary>配当金・交付金の受入 (booked as payments, channel 7).</summary>
    DistributionReceived = 3402,
    /// <summary>滞納処分費の記録.</summary>
    EnforcementCostCharged = 3403,
    /// <summary>破産・民事再生・会社更生の記録.</summary>
    InsolvencyRecorded = 3404,
    /// <summary>繰上徴収の告知.</summary>
    AcceleratedCollectionNotified = 3405,
    /// <summary>保全差押金額の通知.</summary>
    ProtectiveSeizureNotified = 3406,
    /// <summary>公売・不服申立ての記録.</summary>
    PublicSaleRecorded = 3407,
    /// <summary>配当計算書の作成・送付、配当の実施.</summary>
    DistributionStatementIssued = 3408,
    /// <summary>差押の記録 (3360–3389 seizure: recorded, arrival, release, recovery, end, lists).</summary>
    SeizureRecorded = 3360,
    /// <summary>差押の送達（到達日の記録: the seizure takes effect; a claim event 差押 on each covered claim).</summary>
    SeizureArrived = 3361,
    /// <summary>差押解除 (with the reason and the 差押解除通知書).</summary>
    SeizureReleased = 3362,
    /// <summary>取立: money collected from the third-party debtor booked as a payment of the seized claims (channel 6).</summary>
    SeizureRecovered = 3363,
    /// <summary>差押の終了 (the claims paid or the seized receivable exhausted).</summary>
    SeizureEnded = 3364,
    /// <summary>差押の一覧（執行中・差押可能で未着手の期別）: a read of several taxpayers' claims.</summary>
    SeizuresListed = 3365,
    /// <summary>滞納繰越: the year just ended closed on or after 31 May, its unpaid claims carried into 滞納繰越分 (3480–3499 the city's books).</summary>
    FiscalYearCarriedForward = 3480,
    /// <summary>滞納繰越の取消 (with a reason).</summary>
    FiscalYearCarryForwardReversed = 3481,
    /// <summary>指定金融機関の収納済通知の取込と照合 (monthly bank reconciliation).</summary>
    BankReconciliationRun = 3482,
    /// <summary>照会先の登録 (3340–3359 property investigation 財産調査: targets, inquiries, letters, answers, the overdue list).</summary>
    InquiryTargetRecorded = 3340,
    /// <summary>財産調査の照会の記録 (a case update: an inquiry from the case to a target).</summary>
    InquiryRecorded = 3341,
    /// <summary>照会書の作成 (individually or a batch run: one letter per target; a re-run of the same run key re-prints).</summary>
    InquiryLettersIssued = 3342,
    /// <summary>照会の回答の記録 (a case update: accounts, salary, policies, real estate as answered; never an account number in the detail).</summary>
    InquiryAnswerRecorded = 3343,
    /// <summary>預貯金照会の回答ファイルの取込 (counts only).</summary>
    InquiryAnswersImported = 3344,
    /// <summary>照会の一覧（回答期限超過）の表示 (a read of several taxpayers' inquiries).</summary>
    InquiriesListed = 3345,
    /// <summary>口座振替の登録の異動（新規・口座変更・廃止・停止）with its source (3540–3549 direct-debit registrations; never an account number in the detail).</summary>
    DebitRegistrationRecorded = 3540,
    /// <summary>口座振替の登録ファイル（金融機関一括・Web・Pay-easy）の取込 (counts only).</summary>
    DebitRegistrationsImported = 3541,
    /// <summary>口座振替の登録履歴の表示 (one taxpayer's registrations, account numbers included).</summary>
    DebitRegistrationsViewed = 3542,

    DataExported = 4000,
    FormPrinted = 4001,
    DataTransferred = 4002,
    DebitRequestWritten = 4003,
    NoticeVendorFileWritten = 4004,
    /// <summary>納税証明書の交付 (counter or CLI): the certificate with its verification number, requester, fee and count.</summary>
    CertificateIssued = 4020,
    /// <summary>軽JNKS 納付状況データの作成 (light-vehicle payment status per vehicle).</summary>
    VehicleStatusFileWritten = 4021,
    /// <summary>コンビニ交付 証明書データの作成 (taxpayers whose position changed since the last file).</summary>
    StoreCertificateFileWritten = 4022,
    /// <summary>預貯金照会ファイルの作成 (one file per bank, 4030–4034 investigation files).</summary>
    DepositInquiryFileWritten = 4030,
    RefundTransferWritten = 4010,
    RefundPaymentOrderWritten = 4011,
    /// <summary>財務会計 歳入日計データの作成 (the daily revenue hand-over, written once per 収入日; a rewrite reproduces the bytes).</summary>
    AccountingFileWritten = 4040,

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
