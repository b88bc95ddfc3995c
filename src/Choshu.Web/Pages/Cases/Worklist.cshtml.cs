using System.Globalization;
using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Cases;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Web.Pages.Cases;

/// <summary>
/// 担当事案一覧 <c>/Cases/Worklist</c> (<see cref="Permission.ViewTaxpayer"/>): the open cases of an officer (default: the person
/// signed in; <c>officer=none</c> the unassigned ones), sorted by amount, lapse day, last contact or promise due and filtered (分納不履行のみ: an open promise or pledge in breach); each row opens
/// the case file through a handle of this session. The list shown is audited (3226).
/// </summary>
[RequirePermission(Permission.ViewTaxpayer)]
public sealed class WorklistModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Officer { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? MinAmount { get; set; }
    [BindProperty(SupportsGet = true)] public string? LapseMonths { get; set; }
    [BindProperty(SupportsGet = true)] public string? NoContactDays { get; set; }
    [BindProperty(SupportsGet = true)] public string? Flag { get; set; }
    [BindProperty(SupportsGet = true)] public bool Breached { get; set; }

    public IReadOnlyList<WorklistRow> Rows { get; private set; } = [];
    public string OfficerLabel { get; private set; } = "";
    public string? Error { get; private set; }

    public static readonly IReadOnlyList<(string Value, string Label)> Sorts =
        [("amount", "金額の大きい順"), ("lapse", "時効の近い順"), ("contact", "最終接触の古い順"), ("promise", "約束の期限の近い順")];

    public async Task<IActionResult> OnGetAsync()
    {
        long? officerId;
        if (Officer is "none" or "未設定")
        {
            officerId = null;
            OfficerLabel = "担当者未設定";
        }
        else
        {
            var staffNo = string.IsNullOrWhiteSpace(Officer) ? User.StaffNo() : Officer.Trim();
            var account = await db.StaffAccounts.AsNoTracking().Where(a => a.StaffNo == staffNo).Select(a => new { a.Id, a.StaffNo, a.FullName }).SingleOrDefaultAsync();
            if (account is null)
            {
                Error = $"職員番号 {staffNo} の利用者IDは登録されていません。";
                return Page();
            }
            (officerId, OfficerLabel) = (account.Id, $"{account.StaffNo} {account.FullName}");
        }
        var sort = Sort switch { "lapse" => WorklistSort.Lapse, "contact" => WorklistSort.LastContact, "promise" => WorklistSort.PromiseDue, _ => WorklistSort.Amount };
        var filter = new WorklistFilter(Number(MinAmount), (int?)Number(LapseMonths), (int?)Number(NoContactDays),
            Enum.TryParse<FlagColour>(Flag, out var f) && Enum.IsDefined(f) ? f : null, PledgeBreachedOnly: Breached);
        try
        {
            Rows = await new Worklists(db, clock).ForOfficerAsync(HttpContext.Actor(), officerId, sort, filter, HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            return CaseForms.Forbidden(this, ex);
        }
        return Page();
    }

    public string HandleFor(long caseId) => FileModel.HandleFor(ids, caseId, User.SessionIdOf());

    private static long? Number(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
