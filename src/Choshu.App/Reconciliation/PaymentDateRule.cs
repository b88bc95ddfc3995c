using Choshu.App.Audit;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;

namespace Choshu.App.Reconciliation;

/// <summary>
/// The date window of <see cref="PaymentLimits"/> applied to a payment staff type in (the counter command, the web
/// counter and desk): a 納付日 in the future or in an impossible year is always refused; one before the window
/// (settings payments.date_window_years, 5 years by default) is refused unless an approver
/// (<see cref="Permission.ReversePayments"/>, the right to correct payments) gives a reason, which is recorded as
/// <see cref="AuditEventKind.PaymentDateOverride"/> (3080) with the booking. The amount ceiling is checked too.
/// </summary>
public static class PaymentDateRule
{
    /// <summary>
    /// Refuses (<see cref="DomainException"/> "payment.date_outside_window" / "payment.amount_above_ceiling") or allows;
    /// returns true when the date was let through by <paramref name="overrideReason"/> (then call <see cref="RecordOverrideAsync"/> in the booking's transaction).
    /// </summary>
    public static async Task<bool> DemandAsync(ChoshuDbContext db, Actor actor, DateOnly paidOn, long amount, string? overrideReason, TimeProvider clock, CancellationToken ct)
    {
        var limits = await AppSettings.PaymentLimitsAsync(db, JapanTime.Today(clock), ct);
        if (limits.AmountReason(amount) is { } tooMuch)
            throw new DomainException("payment.amount_above_ceiling", $"納付額: {tooMuch}");
        if (limits.DateReason(paidOn) is not { } reason) return false;
        var beforeWindow = paidOn >= PaymentLimits.Earliest && paidOn < limits.From;
        if (!beforeWindow || string.IsNullOrWhiteSpace(overrideReason))
            throw new DomainException(PaymentLimits.DateOutsideWindowCode,
                $"納付日: {reason}" + (beforeWindow ? "受付期間より前の納付日の訂正は、承認者が理由を付けて入力してください（--date-override 理由）。" : ""));
        await AccessControl.DemandAsync(db, actor, Permission.ReversePayments, clock, what: $"受付期間外の納付日 {paidOn:yyyy-MM-dd} の承認", ct: ct);
        return true;
    }

    /// <summary>Records the approver's override (3080) in the booking's transaction.</summary>
    public static Task RecordOverrideAsync(ChoshuDbContext db, Actor actor, DateOnly paidOn, long amount, string reason, string what, TimeProvider clock, CancellationToken ct) =>
        AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.PaymentDateOverride,
            Detail: $"受付期間外の納付日 {paidOn:yyyy-MM-dd} {amount}円 {what}: {AuditText.MaskMyNumbers(reason.Trim())}"), clock, ct);
}
