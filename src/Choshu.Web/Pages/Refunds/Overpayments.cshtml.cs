using Choshu.App.Refunds;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Refunds;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Refunds;

/// <summary>
/// 過誤納一覧: every overpayment with its reason, what became of it and its state (未処理, 充当済, 還付決定待ち, 還付済, 時効),
/// filtered by state (未処理 = 還付未請求). Read through <see cref="RefundLists.OverpaymentsAsync"/> (audited 2000); an open one
/// leads to the refund draft. Needs <see cref="Permission.RecordPayments"/> (the refund clerk's work).
/// </summary>
[RequirePermission(Permission.RecordPayments)]
public sealed class OverpaymentsModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    public const int MaxShown = 500;

    public sealed record Row(OverpaymentRow Overpayment, string Handle);

    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public long TotalBalance { get; private set; }

    public static IReadOnlyList<(string Value, string Label)> States { get; } =
    [
        ("", "すべて"), ("open", "未処理（還付未請求）"), ("appropriated", "充当済"), ("awaiting", "還付決定待ち"), ("refunded", "還付済"), ("lapsed", "時効"),
    ];

    public async Task<IActionResult> OnGetAsync()
    {
        OverpaymentState? state = State switch
        {
            "open" => OverpaymentState.Open,
            "appropriated" => OverpaymentState.Appropriated,
            "awaiting" => OverpaymentState.AwaitingDecision,
            "refunded" => OverpaymentState.Refunded,
            "lapsed" => OverpaymentState.Lapsed,
            _ => null,
        };
        if (state is null) State = "";
        IReadOnlyList<OverpaymentRow> all;
        try
        {
            all = await RefundLists.OverpaymentsAsync(db, HttpContext.Actor(), null, state, clock, HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            return RefundPages.Forbidden(this, ex);
        }
        Total = all.Count;
        TotalBalance = all.Sum(o => o.Balance);
        var session = User.SessionIdOf();
        Rows = all.Take(MaxShown).Select(o => new Row(o, ids.Protect(RefundPages.OverpaymentHandle, o.Id, session))).ToList();
        return Page();
    }
}
