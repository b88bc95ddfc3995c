using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Domain.Taxpayers;

namespace Choshu.Domain.Labels;

/// <summary>
/// The one catalogue of the Japanese words staff read for the domain's codes: statuses, channels, event kinds,
/// reasons, roles. The web pages, the CLI, the disclosure report, the exports and the forms all take their words from
/// here, so one value has one word everywhere (a page may add an explanation around it, never another word).
/// One overload <c>Of</c> per enum; a value without a word falls back to its English name, which the catalogue test
/// refuses for every defined value. Codes of the data layer (disclosure requests, data releases, deletion requests)
/// keep their words beside their enums in the application library, which this project cannot see.
/// </summary>
public static class JapaneseLabels
{
    // ---- Claims: status, events and their grounds -------------------------------------------------------------

    public static string Of(ClaimStatusKind s) => s switch
    {
        ClaimStatusKind.NotDue => "納期未到来",
        ClaimStatusKind.Unpaid => "未納",
        ClaimStatusKind.Reminded => "督促済",
        ClaimStatusKind.PayingByPledge => "分納中",
        ClaimStatusKind.Deferred => "猶予中",
        ClaimStatusKind.Seized => "差押中",
        ClaimStatusKind.Stayed => "執行停止中",
        ClaimStatusKind.Lapsed => "時効",
        ClaimStatusKind.WrittenOff => "欠損",
        ClaimStatusKind.Paid => "完納",
        _ => s.ToString(),
    };

    public static string Of(Certificates.CertificateKind k) => k switch
    {
        Certificates.CertificateKind.Amounts => "納税証明書（納税額）",
        Certificates.CertificateKind.NoArrears => "納税証明書（完納）",
        Certificates.CertificateKind.NoEnforcement => "納税証明書（滞納処分を受けたことがない）",
        Certificates.CertificateKind.Vehicle => "軽自動車税（種別割）納税証明書（継続検査用）",
        _ => k.ToString(),
    };

    public static string Of(Certificates.CertificateRequester r) => r switch
    {
        Certificates.CertificateRequester.Self => "本人",
        Certificates.CertificateRequester.AgentWithLetter => "代理人（委任状）",
        Certificates.CertificateRequester.CorporateStaff => "法人の従業者",
        _ => r.ToString(),
    };

    public static string Of(ClaimEventKind k) => k switch
    {
        ClaimEventKind.Notice => "告知",
        ClaimEventKind.ReminderDispatched => "督促",
        ClaimEventKind.ReminderReturned => "督促状返戻",
        ClaimEventKind.ReminderServedByPublicNotice => "公示送達",
        ClaimEventKind.Demand => "催告",
        ClaimEventKind.Acknowledgement => "承認",
        ClaimEventKind.Seizure => "差押",
        ClaimEventKind.ClaimForDistribution => "交付要求・参加差押",
        ClaimEventKind.Deferment => "猶予",
        ClaimEventKind.Stay => "執行停止",
        ClaimEventKind.ImmediateExtinction => "即時消滅",
        ClaimEventKind.WriteOff => "不納欠損",
        ClaimEventKind.Withdrawal => "取消",
        _ => k.ToString(),
    };

    public static string Of(DeliveryMethod d) => d switch
    {
        DeliveryMethod.OrdinaryMail => "普通郵便",
        DeliveryMethod.RecordedMail => "特定記録郵便",
        DeliveryMethod.RegisteredMail => "簡易書留・配達証明",
        DeliveryMethod.ByHand => "交付送達・差置送達",
        DeliveryMethod.PublicNotice => "公示送達",
        _ => d.ToString(),
    };

    public static string Of(DefermentKind k) => k switch
    {
        DefermentKind.Collection => "徴収猶予",
        DefermentKind.SaleOnApplication => "換価の猶予（申請）",
        DefermentKind.SaleByCity => "換価の猶予（職権）",
        _ => k.ToString(),
    };

    public static string Of(DefermentReason r) => r switch
    {
        DefermentReason.Disaster => "災害・盗難（1号）",
        DefermentReason.Illness => "病気・負傷（2号）",
        DefermentReason.BusinessClosure => "事業の廃止・休止（3号）",
        DefermentReason.BusinessLoss => "事業の著しい損失（4号）",
        DefermentReason.Similar => "これらに類する事実（5号）",
        _ => r.ToString(),
    };

    public static string Of(LateFees.LateFeeReliefKind k) => k switch
    {
        LateFees.LateFeeReliefKind.Exempt => "全額免除",
        LateFees.LateFeeReliefKind.HalvedCapped => "2分の1免除（猶予特例基準割合まで）",
        _ => k.ToString(),
    };

    public static string Of(StayGround g) => g switch
    {
        StayGround.NoProperty => "無財産（1号）",
        StayGround.Hardship => "生活の窮迫（2号）",
        StayGround.WhereaboutsUnknown => "所在及び財産不明（3号）",
        _ => g.ToString(),
    };

    public static string Of(AcknowledgementForm f) => f switch
    {
        AcknowledgementForm.InstallmentPledge => "分納誓約",
        AcknowledgementForm.PaymentPromise => "納付誓約",
        AcknowledgementForm.WrittenAcknowledgement => "債務承認",
        AcknowledgementForm.DefermentApplication => "猶予の申請",
        _ => f.ToString(),
    };

    public static string Of(Cases.PledgeKind k) => k switch
    {
        Cases.PledgeKind.Promise => "約束",
        Cases.PledgeKind.InstallmentPledge => "分納誓約",
        _ => k.ToString(),
    };

    public static string Of(Cases.PledgeState s) => s switch
    {
        Cases.PledgeState.Active => "履行中",
        Cases.PledgeState.Breached => "不履行",
        Cases.PledgeState.Fulfilled => "履行済",
        Cases.PledgeState.Cancelled => "取消",
        Cases.PledgeState.Completed => "完了",
        _ => s.ToString(),
    };

    public static string Of(Cases.PledgeEventKind k) => k switch
    {
        Cases.PledgeEventKind.Cancelled => "取消",
        Cases.PledgeEventKind.Completed => "完了",
        Cases.PledgeEventKind.FormIssued => "納付誓約書の印刷",
        Cases.PledgeEventKind.BreachLetterIssued => "分納不履行通知の印刷",
        _ => k.ToString(),
    };

    public static string Of(Cases.CaseEventKind k) => k switch
    {
        Cases.CaseEventKind.Opened => "事案の開始",
        Cases.CaseEventKind.Closed => "事案の終了",
        Cases.CaseEventKind.Reopened => "事案の再開",
        Cases.CaseEventKind.OfficerAssigned => "担当者の設定",
        Cases.CaseEventKind.DemandRunHoldSet => "一斉催告停止の設定",
        Cases.CaseEventKind.DemandRunHoldCleared => "一斉催告停止の解除",
        Cases.CaseEventKind.FlagAdded => "付箋の貼付",
        Cases.CaseEventKind.FlagRemoved => "付箋の取り外し",
        Cases.CaseEventKind.CautionSet => "注意対象者の設定",
        Cases.CaseEventKind.CautionCleared => "注意対象者の解除",
        Cases.CaseEventKind.SuccessionRecorded => "承継の記録",
        Cases.CaseEventKind.HeirRenounced => "相続放棄",
        Cases.CaseEventKind.LimitedAcceptanceRecorded => "限定承認",
        Cases.CaseEventKind.RepresentativeDesignated => "相続人代表者の指定",
        Cases.CaseEventKind.JointLiabilityAdded => "連帯納税義務者の記録",
        Cases.CaseEventKind.SecondaryLiabilityNotified => "第二次納税義務の告知",
        Cases.CaseEventKind.ClaimForDistributionMade => "交付要求・参加差押",
        Cases.CaseEventKind.ClaimForDistributionEnded => "交付要求・参加差押の終了",
        Cases.CaseEventKind.DistributionReceived => "配当金・交付金の受入",
        Cases.CaseEventKind.EnforcementCostCharged => "滞納処分費の記録",
        Cases.CaseEventKind.InsolvencyRecorded => "破産・再生の記録",
        Cases.CaseEventKind.AcceleratedCollectionNotified => "繰上徴収の告知",
        Cases.CaseEventKind.ProtectiveSeizureNotified => "保全差押金額の通知",
        Cases.CaseEventKind.PublicSaleRecorded => "公売の記録",
        Cases.CaseEventKind.DistributionStatementIssued => "配当計算書・配当の実施",
        Cases.CaseEventKind.SeizureRecorded => "差押の記録",
        Cases.CaseEventKind.SeizureArrived => "差押の送達",
        Cases.CaseEventKind.SeizureReleased => "差押解除",
        Cases.CaseEventKind.SeizureEnded => "差押の終了",
        _ => k.ToString(),
    };

    public static string Of(Cases.LiabilityKind k) => k switch
    {
        Cases.LiabilityKind.Succession => "承継",
        Cases.LiabilityKind.Joint => "連帯納税義務",
        Cases.LiabilityKind.Secondary => "第二次納税義務",
        _ => k.ToString(),
    };

    public static string Of(LimitationEffect e) => e switch
    {
        LimitationEffect.Start => "起算",
        LimitationEffect.Renewed => "更新",
        LimitationEffect.Postponed => "完成猶予",
        LimitationEffect.NotRunning => "不進行",
        LimitationEffect.Extinguishes => "消滅",
        LimitationEffect.None => "影響なし",
        _ => e.ToString(),
    };

    public static string Of(Cases.CaseLogMethod m) => m switch
    {
        Cases.CaseLogMethod.Visit => "来庁",
        Cases.CaseLogMethod.Phone => "電話",
        Cases.CaseLogMethod.HomeVisit => "臨戸",
        Cases.CaseLogMethod.Document => "文書",
        Cases.CaseLogMethod.Email => "メール",
        Cases.CaseLogMethod.Other => "その他",
        _ => m.ToString(),
    };

    public static string Of(Cases.FlagColour c) => c switch
    {
        Cases.FlagColour.Red => "赤",
        Cases.FlagColour.Yellow => "黄",
        Cases.FlagColour.Green => "緑",
        Cases.FlagColour.Blue => "青",
        Cases.FlagColour.Purple => "紫",
        _ => c.ToString(),
    };

    public static string Of(WriteOffGround g) => g switch
    {
        WriteOffGround.Limitation => "時効",
        WriteOffGround.StayThreeYears => "執行停止3年継続",
        WriteOffGround.ImmediateExtinction => "即時消滅",
        _ => g.ToString(),
    };

    // ---- Money: payments, journal, overpayments ----------------------------------------------------------------

    public static string Of(PaymentChannel c) => c switch
    {
        PaymentChannel.Counter => "窓口",
        PaymentChannel.Bank => "金融機関",
        PaymentChannel.Store => "コンビニ",
        PaymentChannel.DirectDebit => "口座振替",
        PaymentChannel.Eltax => "eLTAX",
        PaymentChannel.EmployerRemittance => "特別徴収納入",
        PaymentChannel.PensionWithholding => "年金特別徴収",
        PaymentChannel.Distribution => "配当・交付要求による受入",
        PaymentChannel.Seizure => "差押による取立",
        _ => c.ToString(),
    };

    public static string Of(PaymentStatus s) => s switch
    {
        PaymentStatus.Pending => "速報",
        PaymentStatus.Booked => "消込済",
        PaymentStatus.Unmatched => "未消込",
        PaymentStatus.Cancelled => "速報取消",
        _ => s.ToString(),
    };

    public static string Of(OverpaymentReason r) => r switch
    {
        OverpaymentReason.DoublePayment => "二重納付",
        OverpaymentReason.OverPayment => "過大納付",
        OverpaymentReason.PaidAfterReduction => "減額更正後の納付",
        OverpaymentReason.PaidAfterLapse => "時効後の納付",
        OverpaymentReason.Reduction => "減額更正",
        _ => r.ToString(),
    };

    /// <summary>過誤納の事由 as 17条の4第1項 classes it (the start of refund interest).</summary>
    public static string Of(Refunds.RefundInterestCause c) => c switch
    {
        Refunds.RefundInterestCause.Reduction => "賦課決定・更正による減額",
        Refunds.RefundInterestCause.Request => "更正の請求による更正",
        Refunds.RefundInterestCause.IncomeTax => "所得税の更正等に基因",
        Refunds.RefundInterestCause.Erroneous => "誤納",
        _ => c.ToString(),
    };

    public static string Of(JournalEntryKind k) => k switch
    {
        JournalEntryKind.Charge => "調定",
        JournalEntryKind.Amendment => "更正",
        JournalEntryKind.Payment => "収納",
        JournalEntryKind.Reversal => "取消",
        JournalEntryKind.Appropriation => "充当",
        JournalEntryKind.Refund => "還付",
        JournalEntryKind.WriteOff => "不納欠損",
        JournalEntryKind.RefundInterest => "還付加算金",
        JournalEntryKind.LateFeeRelief => "延滞金減免",
        _ => k.ToString(),
    };

    public static string Of(LedgerComponent c) => c switch
    {
        LedgerComponent.Principal => "本税",
        LedgerComponent.ReminderFee => "督促手数料",
        LedgerComponent.LateFee => "延滞金",
        LedgerComponent.Overpayment => "過誤納金",
        _ => c.ToString(),
    };

    // ---- Taxpayers ---------------------------------------------------------------------------------------------

    /// <summary>現存区分 as the code table names it (1 現存, 2 転出, 3 死亡・解散, 4 住登外).</summary>
    public static string Of(ResidencyStatus s) => s switch
    {
        ResidencyStatus.Current => "現存",
        ResidencyStatus.MovedOut => "転出",
        ResidencyStatus.Deceased => "死亡・解散",
        ResidencyStatus.NonResident => "住登外",
        _ => s.ToString(),
    };

    /// <summary>現存区分 of one person: a corporation's 現存 is 存続 and its 死亡 is 解散; an individual's 死亡 is 死亡.</summary>
    public static string Of(ResidencyStatus s, PersonKind k) => (s, k) switch
    {
        (ResidencyStatus.Current, PersonKind.Corporation) => "存続",
        (ResidencyStatus.Deceased, PersonKind.Corporation) => "解散",
        (ResidencyStatus.Deceased, _) => "死亡",
        _ => Of(s),
    };

    public static string Of(PersonKind k) => k switch
    {
        PersonKind.Individual => "個人",
        PersonKind.Corporation => "法人",
        _ => k.ToString(),
    };

    public static string Of(Sex s) => s switch
    {
        Sex.Male => "男",
        Sex.Female => "女",
        _ => s.ToString(),
    };

    public static string Of(ChangeSource s) => s switch
    {
        ChangeSource.PlatformImport => "共通基盤からの取込",
        ChangeSource.ManualAfterJukiNetLookup => "住基ネット照会後の入力",
        ChangeSource.ManualEntry => "職員の入力",
        ChangeSource.Synthetic => "合成データ",
        _ => s.ToString(),
    };

    // ---- Security: roles, audit records, case updates ----------------------------------------------------------

    public static string Of(Role r) => r switch
    {
        Role.CollectionClerk => "収納担当",
        Role.DelinquencyOfficer => "滞納整理担当",
        Role.MyNumberClerk => "個人番号利用事務担当",
        Role.Approver => "承認者",
        Role.SystemAdministrator => "システム管理者",
        Role.SecurityOfficer => "セキュリティ責任者",
        Role.Contractor => "委託業者",
        Role.Exporter => "ファイル出力担当",
        _ => r.ToString(),
    };

    public static string Of(AuditOutcome o) => o switch
    {
        AuditOutcome.Succeeded => "成功",
        AuditOutcome.Denied => "拒否",
        AuditOutcome.Failed => "失敗",
        _ => o.ToString(),
    };

    public static string Of(Cases.InquiryTargetKind k) => k switch
    {
        Cases.InquiryTargetKind.Bank => "金融機関",
        Cases.InquiryTargetKind.Employer => "勤務先",
        Cases.InquiryTargetKind.Insurer => "保険会社",
        Cases.InquiryTargetKind.PensionPayer => "年金支払者",
        Cases.InquiryTargetKind.LandRegistry => "法務局",
        Cases.InquiryTargetKind.Municipality => "市区町村",
        _ => k.ToString(),
    };

    public static string Of(Cases.InquiryKind k) => k switch
    {
        Cases.InquiryKind.Deposit => "預貯金",
        Cases.InquiryKind.Salary => "給与",
        Cases.InquiryKind.Insurance => "保険",
        Cases.InquiryKind.Pension => "年金",
        Cases.InquiryKind.RealEstate => "不動産",
        Cases.InquiryKind.Residence => "住民票・戸籍",
        _ => k.ToString(),
    };

    public static string Of(Cases.InquiryStatus s) => s switch
    {
        Cases.InquiryStatus.Pending => "未発送",
        Cases.InquiryStatus.Sent => "照会中",
        Cases.InquiryStatus.Answered => "回答済",
        _ => s.ToString(),
    };

    public static string Of(Cases.InquiryAssetKind k) => k switch
    {
        Cases.InquiryAssetKind.None => "該当なし",
        Cases.InquiryAssetKind.Deposit => "預貯金",
        Cases.InquiryAssetKind.Salary => "給与",
        Cases.InquiryAssetKind.Policy => "保険契約",
        Cases.InquiryAssetKind.RealEstate => "不動産",
        Cases.InquiryAssetKind.Pension => "年金",
        Cases.InquiryAssetKind.Residence => "住民票・戸籍",
        _ => k.ToString(),
    };

    public static string Of(CaseUpdateKind k) => k switch
    {
        CaseUpdateKind.Appropriation => "充当内容",
        CaseUpdateKind.StayOfExecution => "執行停止",
        CaseUpdateKind.WriteOff => "不納欠損",
        CaseUpdateKind.Disposition => "滞納処分",
        CaseUpdateKind.OfficerAssignment => "担当者の設定",
        CaseUpdateKind.DemandRunHold => "一斉催告停止",
        CaseUpdateKind.Closing => "事案の終了・再開",
        CaseUpdateKind.Deferment => "猶予",
        CaseUpdateKind.CaseLog => "経過記録",
        CaseUpdateKind.Flag => "付箋",
        CaseUpdateKind.Caution => "注意対象者",
        CaseUpdateKind.Pledge => "分納誓約・約束",
        CaseUpdateKind.LateFeeWaiver => "延滞金減免",
        CaseUpdateKind.Liability => "承継・連帯納税義務・第二次納税義務",
        CaseUpdateKind.Inquiry => "財産調査の照会",
        CaseUpdateKind.InquiryAnswer => "財産調査の回答",
        _ => k.ToString(),
    };

    public static string Of(AuditEventKind kind) => kind switch
    {
        AuditEventKind.LoginSucceeded => "ログイン",
        AuditEventKind.LoginFailed => "ログイン失敗",
        AuditEventKind.Logout => "ログアウト",
        AuditEventKind.SessionExpired => "無操作タイムアウト",
        AuditEventKind.TotpReplayRefused => "使用済み確認コードの再使用拒否",
        AuditEventKind.LockedOut => "アカウントロック",
        AuditEventKind.SignInThrottled => "ログイン試行の抑止",
        AuditEventKind.Reauthenticated => "再認証",
        AuditEventKind.ReauthenticationFailed => "再認証失敗",
        AuditEventKind.TotpEnrolled => "二要素認証の登録",
        AuditEventKind.RecoveryCodeUsed => "回復コードの使用",
        AuditEventKind.PasswordChanged => "パスワード変更",
        AuditEventKind.TwoFactorReset => "二要素認証の解除（再登録）",
        AuditEventKind.RecoveryCodesRenewed => "回復コードの再発行",
        AuditEventKind.OrgUnitNamed => "課・係の名称の登録",
        AuditEventKind.CliOperatorRefused => "CLI の本人確認なしの操作の拒否",
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
        AuditEventKind.CaseClosed => "滞納整理事案の終了",
        AuditEventKind.CaseReopened => "滞納整理事案の再開",
        AuditEventKind.CaseDeferment => "猶予の更新",
        AuditEventKind.CaseLogRecorded => "経過記録の登録",
        AuditEventKind.CaseFlagChanged => "付箋の貼付・取り外し",
        AuditEventKind.CaseCautionChanged => "注意対象者の設定・解除",
        AuditEventKind.CaseDistrictRuleSet => "地区担当表の設定",
        AuditEventKind.CasesOpenedByRule => "滞納整理事案の一括開始・自動終了",
        AuditEventKind.CallCentreResultsImported => "納税お知らせセンター架電結果の取込",
        AuditEventKind.CaseWorklistViewed => "担当事案一覧の参照",
        AuditEventKind.NoticeTargetsPreviewed => "通知書の対象抽出（プレビュー）",
        AuditEventKind.ReturnedMailListed => "返戻一覧の参照",
        AuditEventKind.NoticeLettersViewed => "通知書（宛名・金額）の参照",
        AuditEventKind.CounterReceiptViewed => "領収証書の参照",
        AuditEventKind.CertificateVerified => "納税証明書の照合",
        AuditEventKind.CertificatePreviewed => "納税証明書の内容確認",
        AuditEventKind.NoticeRunGenerated => "通知書の一括作成",
        AuditEventKind.NoticeRunDispatched => "通知書の発送（発付日の記録）",
        AuditEventKind.NoticeRunCancelled => "通知書一括作成の取消",
        AuditEventKind.ReturnedMailRecorded => "返戻の登録",
        AuditEventKind.ReturnedMailResolved => "返戻の解消",
        AuditEventKind.NoticeConditionSetSaved => "抽出条件の保存",
        AuditEventKind.CounterReceiptIssued => "窓口収納（領収証書）",
        AuditEventKind.CounterReceiptPrinted => "領収証書の印刷",
        AuditEventKind.BusinessDayClosed => "日計締め",
        AuditEventKind.BusinessDayReopened => "日計締めの解除",
        AuditEventKind.PaymentDateOverride => "受付期間外の納付日の承認",
        AuditEventKind.RefundDrafted => "還付の起案",
        AuditEventKind.RefundDecided => "還付の決定（支出決定）",
        AuditEventKind.RefundWithdrawn => "還付起案の取下げ",
        AuditEventKind.RefundPaidAtCounter => "還付金の窓口払",
        AuditEventKind.RefundClaimLapsed => "還付請求権の時効",
        AuditEventKind.AppropriationRun => "一斉充当の実行",
        AuditEventKind.AppropriationNoticesIssued => "充当通知書の作成",
        AuditEventKind.AppropriationPreviewed => "一斉充当の予定表示",
        AuditEventKind.WriteOffPlanApproved => "不納欠損の計画の承認",
        AuditEventKind.WriteOffExecuted => "不納欠損の執行",
        AuditEventKind.WriteOffCancelled => "不納欠損の取消",
        AuditEventKind.WriteOffListed => "不納欠損の計画・報告の参照",
        AuditEventKind.ClaimNoticeRecorded => "告知の記録",
        AuditEventKind.ClaimReminderRecorded => "督促の記録",
        AuditEventKind.ClaimReminderReturnedRecorded => "督促状返戻の記録",
        AuditEventKind.ClaimReminderPublicNoticeRecorded => "督促の公示送達の記録",
        AuditEventKind.ClaimDemandRecorded => "催告の記録",
        AuditEventKind.ClaimAcknowledgementRecorded => "承認の記録",
        AuditEventKind.ClaimEventWithdrawn => "事績の取消",
        AuditEventKind.PledgeRecorded => "分納誓約の記録",
        AuditEventKind.SuccessionRecorded => "承継の記録",
        AuditEventKind.HeirRenounced => "相続放棄の記録",
        AuditEventKind.LimitedAcceptanceRecorded => "限定承認の記録",
        AuditEventKind.HeirRepresentativeDesignated => "相続人代表者の指定",
        AuditEventKind.JointLiabilityAdded => "連帯納税義務者の記録",
        AuditEventKind.SecondaryLiabilityNotified => "第二次納税義務の告知",
        AuditEventKind.ClaimForDistributionMade => "交付要求・参加差押の記録",
        AuditEventKind.ClaimForDistributionEnded => "交付要求・参加差押の終了",
        AuditEventKind.DistributionReceived => "配当金・交付金の受入",
        AuditEventKind.EnforcementCostCharged => "滞納処分費の記録",
        AuditEventKind.InsolvencyRecorded => "破産・再生の記録",
        AuditEventKind.AcceleratedCollectionNotified => "繰上徴収の告知",
        AuditEventKind.ProtectiveSeizureNotified => "保全差押金額の通知",
        AuditEventKind.PublicSaleRecorded => "公売・不服申立ての記録",
        AuditEventKind.DistributionStatementIssued => "配当計算書・配当の実施",
        AuditEventKind.PromiseRecorded => "約束の記録",
        AuditEventKind.PledgeEnded => "分納誓約・約束の取消・完了",
        AuditEventKind.LateFeeWaiverDrafted => "延滞金減免の起案",
        AuditEventKind.LateFeeWaiverDecided => "延滞金減免の決裁",
        AuditEventKind.LateFeeWaiverCancelled => "延滞金減免の取消",
        AuditEventKind.WithholdingEmployerRegistered => "特別徴収義務者の登録",
        AuditEventKind.WithholdingDetermined => "特別徴収税額の決定",
        AuditEventKind.WithholdingEmployeeJoined => "特別徴収の追加（異動届）",
        AuditEventKind.WithholdingEmployeeLeft => "特別徴収の終了（異動届）",
        AuditEventKind.WithholdingEmployeeMoved => "特別徴収の継続（転勤の異動届）",
        AuditEventKind.EmployerPaymentsImported => "特別徴収納入データの取込",
        AuditEventKind.WithholdingEmployerViewed => "特別徴収義務者の参照",
        AuditEventKind.PensionPayerRegistered => "年金保険者の登録",
        AuditEventKind.PensionWithholdingRequested => "年金特別徴収の依頼",
        AuditEventKind.PensionResultsImported => "年金特別徴収結果・納入データの取込",
        AuditEventKind.PensionWithholdingStopped => "年金特別徴収の停止（普通徴収へ切替）",
        AuditEventKind.PensionWithholdingViewed => "年金特別徴収の参照",
        AuditEventKind.SeizureRecorded => "差押の記録",
        AuditEventKind.SeizureArrived => "差押の送達",
        AuditEventKind.SeizureReleased => "差押解除",
        AuditEventKind.SeizureRecovered => "差押財産の取立",
        AuditEventKind.SeizureEnded => "差押の終了",
        AuditEventKind.SeizuresListed => "差押の一覧",
        AuditEventKind.FiscalYearCarriedForward => "滞納繰越",
        AuditEventKind.FiscalYearCarryForwardReversed => "滞納繰越の取消",
        AuditEventKind.BankReconciliationRun => "指定金融機関収納済通知の照合",
        AuditEventKind.DebitRegistrationRecorded => "口座振替の登録・変更・廃止",
        AuditEventKind.DebitRegistrationsImported => "口座振替登録ファイルの取込",
        AuditEventKind.DebitRegistrationsViewed => "口座振替の登録履歴の表示",
        AuditEventKind.InquiryTargetRecorded => "照会先の登録",
        AuditEventKind.InquiryRecorded => "財産調査の照会の記録",
        AuditEventKind.InquiryLettersIssued => "照会書の作成",
        AuditEventKind.InquiryAnswerRecorded => "照会の回答の記録",
        AuditEventKind.InquiryAnswersImported => "預貯金照会の回答ファイルの取込",
        AuditEventKind.InquiriesListed => "照会の一覧（回答期限超過）",
        AuditEventKind.DepositInquiryFileWritten => "預貯金照会ファイルの作成",
        AuditEventKind.PledgesListed => "分納誓約・約束の一覧",
        AuditEventKind.DataExported => "データ出力",
        AuditEventKind.FormPrinted => "帳票印刷",
        AuditEventKind.DataTransferred => "移転",
        AuditEventKind.DebitRequestWritten => "口座振替依頼データの作成",
        AuditEventKind.NoticeVendorFileWritten => "通知書印刷委託データの出力",
        AuditEventKind.CertificateIssued => "納税証明書の交付",
        AuditEventKind.VehicleStatusFileWritten => "軽JNKS納付状況データの作成",
        AuditEventKind.StoreCertificateFileWritten => "コンビニ交付証明書データの作成",
        AuditEventKind.RefundTransferWritten => "還付金振込データの作成",
        AuditEventKind.RefundPaymentOrderWritten => "還付支出命令データの作成",
        AuditEventKind.AccountingFileWritten => "財務会計歳入日計データの作成",
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
