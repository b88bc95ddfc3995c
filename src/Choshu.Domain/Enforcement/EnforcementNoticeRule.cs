using System.Globalization;

namespace Choshu.Domain.Enforcement;

/// <summary>
/// The dates of 繰上徴収 (地方税法13条の2) and 保全差押 (16条の4, 国税徴収法159条 by reference). Pure: no clock, no store.
/// <list type="bullet">
/// <item>繰上徴収: a claim not yet due is made due on an earlier 納期限 named in the notice (繰上げ後の納期限, not before the day of the
/// notice, before the claim's own 納期限) when one of the grounds of 13条の2第1項 arises. From the day after it the claim is in arrears
/// and may be seized without a reminder (331条3項 and the parallel articles). The late fee keeps counting from the claim's own 納期限
/// and the limitation from its 法定納期限 (<see cref="Ledger.ClaimDates.AcceleratedDueDate"/>).</item>
/// <item>保全差押: before the tax is fixed, the 保全差押金額 is decided and notified; a seizure up to it must be released when the tax is
/// not fixed by the day on which 6 months have passed (国税徴収法159条): notified or seized 2026-11-20 → last day 2027-05-20
/// (the corresponding day of the sixth month; the month's last day when it has none: 2026-08-31 → 2027-02-28).</item>
/// </list>
/// </summary>
public static class EnforcementNoticeRule
{
    /// <summary>Months a 保全差押 may stand without the tax being fixed (国税徴収法159条).</summary>
    public const int ProtectiveMonths = 6;

    /// <summary>The grounds of 地方税法13条の2第1項 (1-based: 第1号 … 第6号).</summary>
    public static readonly IReadOnlyList<string> AccelerationGrounds =
    [
        "納税者の財産につき強制換価手続が開始されたとき",
        "納税者が死亡した場合において、その相続人が限定承認をしたとき",
        "法人である納税者が解散したとき",
        "その納める義務が信託財産責任負担債務である地方団体の徴収金に係る信託が終了したとき",
        "納税者が納税管理人を定めないでこの法律の施行地に住所及び居所を有しないこととなるとき",
        "納税者が偽りその他不正の行為により地方団体の徴収金を免れ、若しくは免れようとし、又は還付を受け、若しくは受けようとしたと認められるとき",
    ];

    /// <summary>"地方税法第13条の2第1項第3号（法人である納税者が解散したとき）" for ground 3; refuses a number outside 1–6.</summary>
    public static string AccelerationGround(int number) =>
        number >= 1 && number <= AccelerationGrounds.Count
            ? string.Create(CultureInfo.InvariantCulture, $"地方税法第13条の2第1項第{number}号（{AccelerationGrounds[number - 1]}）")
            : throw new DomainException("enforcement.acceleration_ground_invalid", $"繰上徴収の理由は地方税法13条の2第1項の第1号から第{AccelerationGrounds.Count}号の番号で指定してください（{number}）。");

    /// <summary>
    /// Refuses a 繰上徴収 of a claim whose 納期限 is <paramref name="dueDate"/> to <paramref name="newDueOn"/> by a notice of
    /// <paramref name="noticeOn"/>: the new 納期限 must not be before the notice and must be before the claim's own 納期限 (a claim already
    /// due is collected by reminder and seizure, not accelerated).
    /// </summary>
    public static void CheckAcceleration(string claimName, DateOnly dueDate, DateOnly? acceleratedAlready, DateOnly noticeOn, DateOnly newDueOn)
    {
        if (newDueOn < noticeOn)
            throw new DomainException("enforcement.accelerated_before_notice", $"繰上げ後の納期限 {D(newDueOn)} が告知の日 {D(noticeOn)} より前です。");
        if (acceleratedAlready is { } a)
            throw new DomainException("enforcement.already_accelerated", $"{claimName}は納期限を {D(a)} に繰り上げ済みです。");
        // With the first check this also refuses a claim already due on the day of the notice (collected by reminder and seizure).
        if (newDueOn >= dueDate)
            throw new DomainException("enforcement.not_earlier",
                $"{claimName}の納期限は {D(dueDate)} です。繰上げ後の納期限 {D(newDueOn)} はそれより前の日にしてください（納期限を過ぎた期別は繰上徴収ではなく督促・差押によります）。");
    }

    /// <summary>The last day a 保全差押 may stand without the tax being fixed: 6 months counted from the day after <paramref name="from"/>.</summary>
    public static DateOnly ProtectiveLastDay(DateOnly from) => from.AddMonths(ProtectiveMonths);

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
