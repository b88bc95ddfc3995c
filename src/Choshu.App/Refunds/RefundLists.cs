using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Refunds;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Refunds;

/// <summary>
/// The lists of overpayments and refunds for staff (names and amounts: personal data). Need <see cref="Permission.ViewTaxpayer"/>;
/// each reading is audited as a list of people (2000, with what was listed and how many).
/// </summary>
public static class RefundLists
{
    public static async Task<IReadOnlyList<OverpaymentRow>> OverpaymentsAsync(ChoshuDbContext db, Actor actor, string? taxpayerNo, OverpaymentState? state,
        TimeProvider clock, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, what: "過誤納の一覧", ct: ct);
        var taxpayerId = await TaxpayerIdAsync(db, taxpayerNo, ct);
        var rows = (await RefundQueries.OverpaymentsAsync(db, taxpayerId, ct)).Where(o => state is null || o.State == state).ToList();
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.TaxpayerSearched, TaxpayerId: taxpayerId,
            Detail: $"過誤納の一覧{(state is { } s ? "（" + RefundLabels.Of(s) + "）" : "")}: {rows.Count} 件"), clock, ct);
        return rows;
    }

    public static async Task<IReadOnlyList<RefundView>> RefundsAsync(ChoshuDbContext db, Actor actor, string? taxpayerNo, TimeProvider clock, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, what: "還付の一覧", ct: ct);
        var taxpayerId = await TaxpayerIdAsync(db, taxpayerNo, ct);
        var rows = await RefundQueries.RefundsAsync(db, taxpayerId: taxpayerId, ct: ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.TaxpayerSearched, TaxpayerId: taxpayerId, Detail: $"還付の一覧: {rows.Count} 件"), clock, ct);
        return rows;
    }

    private static async Task<long?> TaxpayerIdAsync(ChoshuDbContext db, string? taxpayerNo, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(taxpayerNo)) return null;
        return await db.Taxpayers.AsNoTracking().Where(t => t.TaxpayerNo == taxpayerNo.Trim()).Select(t => (long?)t.Id).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("taxpayer.not_found", $"納税義務者番号 {taxpayerNo} は登録されていません。");
    }
}
