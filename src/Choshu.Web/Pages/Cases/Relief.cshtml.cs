using System.Globalization;
using Choshu.App.Assessments;
using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Cases;
using Choshu.Domain;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Payments;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Web.Pages.Cases;

/// <summary>
/// 延滞金減免 <c>/Cases/Relief/{handle}</c>, reached from the case file (<see cref="Permission.ViewTaxpayer"/>; the handle of a case sealed
/// to the session): the claims with late fee owed today, the reliefs of the taxpayer, and <see cref="LateFeeWaivers"/>: draft a relief
/// (<see cref="Permission.UpdateCases"/>, then the officer-only policy), decide or cancel one (<see cref="Permission.DecideCollectionMeasures"/>;
/// the drafter may not decide their own, audited). A refusal is the 403 page.
/// </summary>
[RequirePermission(Permission.ViewTaxpayer)]
public sealed class ReliefModel(ChoshuDbContext db, Store store, TimeProvider clock, OpaqueIds ids) : PageModel
{
    public CaseFile Dossier { get; private set; } = null!;
    public IReadOnlyList<(InstallmentRef Claim, long LateFee)> Claims { get; private set; } = [];
    public IReadOnlyList<LateFeeWaiverView> Waivers { get; private set; } = [];
    public IReadOnlyList<LateFeeWaiverBasis> Bases { get; private set; } = [];
    public string Handle { get; private set; } = "";
    public List<string> Errors { get; } = [];
    public string? Done { get; private set; }
    public bool MayDraft => User.Has(Permission.UpdateCases);
    public bool MayDecide => User.Has(Permission.DecideCollectionMeasures);

    [BindProperty] public string? Claim { get; set; }
    [BindProperty] public string? Mode { get; set; }
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Basis { get; set; }
    [BindProperty] public string? BasisText { get; set; }
    [BindProperty] public string? WaiverId { get; set; }

    public static readonly IReadOnlyList<(string Value, string Label)> Modes = [("amount", "金額を指定して減免"), ("all", "全額を減免（決裁の日の延滞金）"), ("period", "期間を指定して減免")];

    public Task<IActionResult> OnGetAsync(string? handle) => ShowAsync(handle);

    public Task<IActionResult> OnPostDraftAsync(string? handle) => ChangeAsync(handle, Permission.UpdateCases, "延滞金減免の起案", async (service, taxpayerNo) =>
    {
        var claim = long.TryParse(Claim, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c
            : throw new DomainException("waiver.claim", "減免する期別を選んでください。");
        var mode = Mode switch
        {
            "amount" => LateFeeWaiverMode.Amount,
            "all" => LateFeeWaiverMode.All,
            "period" => LateFeeWaiverMode.Period,
            _ => throw new DomainException("waiver.mode", "減免の方法（金額・全額・期間）を選んでください。"),
        };
        long? amount = mode != LateFeeWaiverMode.Amount ? null
            : long.TryParse(Amount?.Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a
            : throw new DomainException("waiver.amount_invalid", "減免する延滞金の額を数字（円）で入力してください。");
        var from = mode == LateFeeWaiverMode.Period ? Date(From, "減免する期間の初日") : null;
        var to = mode == LateFeeWaiverMode.Period ? Date(To, "減免する期間の末日") : null;
        var w = await service.DraftAsync(HttpContext.Actor(), taxpayerNo,
            new LateFeeWaiverRequest(claim, mode, amount, from, to, Reason ?? "", Basis ?? "", BasisText), HttpContext.RequestAborted);
        Claim = Mode = Amount = From = To = Reason = Basis = BasisText = null;
        return $"延滞金減免 {w.Id} を起案しました（{w.Installment.Name}）。起案者以外の承認者が決裁します。";
    });

    public Task<IActionResult> OnPostDecideAsync(string? handle) => ChangeAsync(handle, Permission.DecideCollectionMeasures, "延滞金減免の決裁", async (service, _) =>
    {
        var w = await service.DecideAsync(HttpContext.Actor(), WaiverNo(), HttpContext.RequestAborted);
        return $"延滞金減免 {w.Id} を決裁しました: {w.Installment.Name} 減免額 {w.Amount:N0}円。";
    });

    public Task<IActionResult> OnPostCancelAsync(string? handle) => ChangeAsync(handle, Permission.DecideCollectionMeasures, "延滞金減免の取消", async (service, _) =>
    {
        var w = await service.CancelAsync(HttpContext.Actor(), WaiverNo(), Reason ?? "", HttpContext.RequestAborted);
        Reason = null;
        return $"延滞金減免 {w.Id} を{w.StateName}としました。";
    });

    private long WaiverNo() => long.TryParse(WaiverId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id
        : throw new DomainException("waiver.not_found", "延滞金減免を選んでください。");

    private async Task<IActionResult> ChangeAsync(string? handle, Permission permission, string what, Func<LateFeeWaivers, string, Task<string>> change)
    {
        if (!ids.TryUnprotect(CaseForms.CaseHandle, handle, User.SessionIdOf(), out long id)) return NotFound();
        try
        {
            var taxpayerNo = await (from c in db.CollectionCases where c.Id == id join t in db.Taxpayers on c.TaxpayerId equals t.Id select t.TaxpayerNo)
                .SingleOrDefaultAsync(HttpContext.RequestAborted) ?? throw new DomainException("case.not_found", $"滞納整理事案 {id} は登録されていません。");
            // The right first (audited refusal → 403), then the form; a waiver of another case is refused by its own taxpayer check.
            await AccessControl.DemandAsync(db, HttpContext.Actor(), permission, clock, what: $"{what}（事案 {id}）", ct: HttpContext.RequestAborted);
            var service = new LateFeeWaivers(store, clock);
            if (WaiverId is not null && long.TryParse(WaiverId, NumberStyles.None, CultureInfo.InvariantCulture, out var wid)
                && await service.FindAsync(wid, HttpContext.RequestAborted) is { } found && found.TaxpayerNo != taxpayerNo)
                throw new DomainException("waiver.not_found", $"延滞金減免 {wid} はこの事案のものではありません。");
            Done = await change(service, taxpayerNo);
        }
        catch (AccessDeniedException ex)
        {
            return CaseForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        return await ShowAsync(handle);
    }

    private async Task<IActionResult> ShowAsync(string? handle)
    {
        if (!ids.TryUnprotect(CaseForms.CaseHandle, handle, User.SessionIdOf(), out long id)) return NotFound();
        Handle = handle!;
        try
        {
            Dossier = await new CaseFiles(db, clock).LoadAsync(HttpContext.Actor(), id, HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            return CaseForms.Forbidden(this, ex);
        }
        var service = new LateFeeWaivers(store, clock);
        Claims = await service.ClaimsWithLateFeeAsync(Dossier.Case.TaxpayerId, HttpContext.RequestAborted);
        Waivers = await service.OfTaxpayerAsync(Dossier.Case.TaxpayerId, HttpContext.RequestAborted);
        Bases = await service.BasesAsync(HttpContext.RequestAborted);
        return Page();
    }

    private static DateOnly? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var d = PaymentForms.ParseDate(text, field, out var error);
        return error is null ? d : throw new DomainException("form.date", error);
    }
}
