namespace Choshu.Domain.Claims;

/// <summary>
/// What happened to a claim (one installment's right to collect) that the law attaches an effect to. Stored as numbers:
/// never renumber, only add. Money is not here: it stays in the journal (a payment is also a 承認, read from there).
/// Grouped by tens: 1x notice and reminder, 2x demand letters, 3x acknowledgement, 4x seizure and claims for
/// distribution, 5x deferment, 6x stay and extinction, 7x write-off, 9x corrections.
/// </summary>
public enum ClaimEventKind : short
{
    /// <summary>告知: a notice of assessment (納税通知書, 更正・決定の通知) sent <c>On</c>, whose 納期限 is <c>EndsOn</c>
    /// (地方税法18条の2第1項1号: the period is postponed until that 納期限 and renewed after it).</summary>
    Notice = 1,
    /// <summary>督促: the 督促状 dispatched (発付) <c>On</c>. Only the first effective one counts (18条の2第1項2号).</summary>
    ReminderDispatched = 10,
    /// <summary>督促状の返戻: the reminder dispatched before came back undelivered <c>On</c>; it has no effect until it is
    /// dispatched again to a right address or served by public notice.</summary>
    ReminderReturned = 11,
    /// <summary>公示送達: the reminder is served by public notice, taking effect <c>On</c> (地方税法20条の2).</summary>
    ReminderServedByPublicNotice = 12,
    /// <summary>催告: a demand letter sent <c>On</c> that arrived <c>ArrivedOn</c> (null when the delivery proves no
    /// arrival), by <c>Delivery</c>. Postpones the completion 6 months from its arrival (民法150条).</summary>
    Demand = 20,
    /// <summary>承認: a written pledge (分納誓約・納付誓約), an acknowledgement, an application for deferment, signed or
    /// received <c>On</c>: a new period starts the next day (民法152条). A partial payment is a 承認 too, read from the journal.</summary>
    Acknowledgement = 30,
    /// <summary>差押: a seizure made <c>On</c>, its procedure ended <c>EndsOn</c> (取立, 換価, 解除; null while pending).
    /// Postponed while pending, renewed when it ends (民法148条).</summary>
    Seizure = 40,
    /// <summary>交付要求・参加差押: made <c>On</c>, ended <c>EndsOn</c> (null while pending). Postponed while pending,
    /// renewed when it ends (18条の2第1項3号).</summary>
    ClaimForDistribution = 41,
    /// <summary>猶予 (<see cref="DefermentKind"/> in <c>Ground</c>) from <c>On</c> to <c>EndsOn</c> inclusive (null while
    /// open-ended): no reminder or enforcement; the limitation does not run while a 徴収猶予 lasts.</summary>
    Deferment = 50,
    /// <summary>執行停止 (<see cref="StayGround"/> in <c>Ground</c>) from <c>On</c>; cancelled (15条の8) on <c>EndsOn</c>
    /// (null while in force). Three years of continuous stay extinguish the liability (15条の7第4項).</summary>
    Stay = 60,
    /// <summary>即時消滅: the liability extinguished at once <c>On</c> under a stay on ground 1 (15条の7第5項).</summary>
    ImmediateExtinction = 61,
    /// <summary>不納欠損: the extinguished claim written off <c>On</c> by a recorded decision (<see cref="WriteOffGround"/> in <c>Ground</c>).</summary>
    WriteOff = 70,
    /// <summary>取消: the event <c>ReversesEventId</c> was recorded in error and counts for nothing.</summary>
    Withdrawal = 90,
}

/// <summary>How a letter was delivered: what proves its arrival (ordinary mail proves none).</summary>
public enum DeliveryMethod : short
{
    /// <summary>普通郵便: no proof of arrival.</summary>
    OrdinaryMail = 1,
    /// <summary>特定記録郵便: delivery to the mailbox recorded.</summary>
    RecordedMail = 2,
    /// <summary>簡易書留・配達証明: delivery proved.</summary>
    RegisteredMail = 3,
    /// <summary>交付送達・差置送達: handed over by staff.</summary>
    ByHand = 4,
    /// <summary>公示送達 (地方税法20条の2).</summary>
    PublicNotice = 5,
}

/// <summary>猶予の種類 (national standard codes 01–03).</summary>
public enum DefermentKind : short
{
    /// <summary>徴収猶予 (地方税法15条): stops enforcement; the limitation does not run while it lasts.</summary>
    Collection = 1,
    /// <summary>換価の猶予 on application (15条の6).</summary>
    SaleOnApplication = 2,
    /// <summary>換価の猶予 by the city (15条の5).</summary>
    SaleByCity = 3,
}

/// <summary>徴収猶予の事由 (地方税法15条1項各号): decides the late-fee relief (15条の9第1項).</summary>
public enum DefermentReason : short
{
    /// <summary>1号: 災害・盗難 (late fee exempt in full).</summary>
    Disaster = 1,
    /// <summary>2号: 病気・負傷 (late fee exempt in full).</summary>
    Illness = 2,
    /// <summary>3号: 事業の廃止・休止 (late fee halved, capped at the 猶予特例基準割合).</summary>
    BusinessClosure = 3,
    /// <summary>4号: 事業の著しい損失 (halved, capped).</summary>
    BusinessLoss = 4,
    /// <summary>5号: これらに類する事実 (halved, capped).</summary>
    Similar = 5,
}

/// <summary>執行停止の事由 (地方税法15条の7第1項各号).</summary>
public enum StayGround : short
{
    /// <summary>1号: no property to enforce on.</summary>
    NoProperty = 1,
    /// <summary>2号: enforcement would put the person's livelihood in serious hardship.</summary>
    Hardship = 2,
    /// <summary>3号: whereabouts and property both unknown.</summary>
    WhereaboutsUnknown = 3,
}

/// <summary>不納欠損の根拠.</summary>
public enum WriteOffGround : short
{
    /// <summary>地方税法18条: 時効.</summary>
    Limitation = 1,
    /// <summary>15条の7第4項: three years of stay.</summary>
    StayThreeYears = 2,
    /// <summary>15条の7第5項: extinguished at once.</summary>
    ImmediateExtinction = 3,
}

/// <summary>承認の形 (a <see cref="ClaimEventKind.Acknowledgement"/>'s <c>Ground</c>).</summary>
public enum AcknowledgementForm : short
{
    /// <summary>分納誓約書: a written pledge to pay by installments; the claim is 分納中 until its last scheduled day (<c>EndsOn</c>).</summary>
    InstallmentPledge = 1,
    /// <summary>納付誓約書: a written promise to pay by a date.</summary>
    PaymentPromise = 2,
    /// <summary>債務承認書 or another written acknowledgement.</summary>
    WrittenAcknowledgement = 3,
    /// <summary>猶予の申請: an application for deferment acknowledges the debt.</summary>
    DefermentApplication = 4,
}
