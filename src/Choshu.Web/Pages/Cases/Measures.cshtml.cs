using System.Globalization;
using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Claims;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Payments;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Cases;

/// <summary>
/// 執行停止・猶予 <c>/Cases/Measures/{handle}</c>, reached from the case file (<see cref="Permission.ViewTaxpayer"/>; the handle of a case
/// sealed to the session, any other is 404): the claims with their late fee (the case file's read, audited 2001), the stays and
/// deferments in force, and the approver's decisions of <see cref="CollectionMeasures"/> — record a stay (ground 1/2/3, from a day;
/// the 執行停止通知書 is drawn and downloaded), cancel it (the 執行停止取消通知書), record a deferment, extend it. Each demands
/// <see cref="Permission.DecideCollectionMeasures"/> first (a refusal is the 403 page, audited), then the officer-only policy.
/// </summary>
[RequirePermission(Permission.ViewTaxpayer)]
public sealed class MeasuresModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    public CaseFile Dossier { get; private set; } = null!;
    public IReadOnlyList<CollectionMeasures.MeasureInForce> InForce { get; private set; } = [];
    public string Handle { get; private set; } = "";
    public List<string> Errors { get; } = [];
    public string? Done { get; private set; }
    public bool MayDecide => User.Has(Permission.DecideCollectionMeasures);

    [BindProperty] public string? Ground { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? On { get; set; }
    [BindProperty] public bool Immediate { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? ReasonCode { get; set; }
    [BindProperty] public string? Security { get; set; }

    public static readonly IReadOnlyList<(string Value, string Label)> Grounds =
        [("1", "1号 滞納処分をすることができる財産がない"), ("2", "2号 生活を著しく窮迫させるおそれがある"), ("3", "3号 所在及び財産がともに不明")];

    public static readonly IReadOnlyList<(string Value, string Label)> Kinds =
        [("collection", "徴収猶予"), ("sale-application", "換価の猶予（申請）"), ("sale-city", "換価の猶予（職権）")];

    public static readonly IReadOnlyList<(string Value, string Label)> ReasonCodes =
        [("", "（換価の猶予では選ばない）"), ("disaster", "災害・盗難"), ("illness", "病気・負傷"), ("business-closure", "事業の廃止・休止"),
         ("business-loss", "事業の著しい損失"), ("similar", "これらに類する事実")];

    public Task<IActionResult> OnGetAsync(string? handle) => ShowAsync(handle);

    public Task<IActionResult> OnPostStayAsync(string? handle) => DecideAsync(handle, async taxpayerNo =>
    {
        var ground = Ground is "1" or "2" or "3" ? (StayGround)int.Parse(Ground, CultureInfo.InvariantCulture)
            : throw new DomainException("stay.ground", "執行停止の事由（1号・2号・3号）を選んでください。");
        var from = Date(From, "執行停止の日") ?? throw new DomainException("stay.from", "執行停止の日を入力してください。");
        var dir = Directory.CreateTempSubdirectory("choshu-stay-").FullName;
        try
        {
            var r = await new CollectionMeasures(db, clock).StayAsync(HttpContext.Actor(), taxpayerNo, new StayRequest(ground, from, Immediate, Reason ?? ""), dir, HttpContext.RequestAborted);
            return File(await System.IO.File.ReadAllBytesAsync(r.NoticePath!, HttpContext.RequestAborted), "application/pdf", $"stay-notice-{r.DocumentId}.pdf");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    });

    public Task<IActionResult> OnPostCancelStayAsync(string? handle) => DecideAsync(handle, async taxpayerNo =>
    {
        var on = Date(On, "取消の日") ?? throw new DomainException("stay.on", "取消の日を入力してください。");
        var dir = Directory.CreateTempSubdirectory("choshu-stay-").FullName;
        try
        {
            var r = await new CollectionMeasures(db, clock).CancelStayAsync(HttpContext.Actor(), taxpayerNo, on, Reason ?? "", dir, HttpContext.RequestAborted);
            return File(await System.IO.File.ReadAllBytesAsync(r.NoticePath!, HttpContext.RequestAborted), "application/pdf", $"stay-cancel-notice-{r.DocumentId}.pdf");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    });

    public Task<IActionResult> OnPostDeferAsync(string? handle) => DecideAsync(handle, async taxpayerNo =>
    {
        var kind = Kind is { } k && CollectionMeasures.DefermentKindWords.TryGetValue(k, out var dk) ? dk : throw new DomainException("deferment.kind", "猶予の種類を選んでください。");
        DefermentReason? code = string.IsNullOrEmpty(ReasonCode) ? null
            : CollectionMeasures.DefermentReasonWords.TryGetValue(ReasonCode, out var rc) ? rc : throw new DomainException("deferment.reason_code", "猶予の事由を選び直してください。");
        var from = Date(From, "猶予期間の初日") ?? throw new DomainException("deferment.from", "猶予期間の初日を入力してください。");
        var to = Date(To, "猶予期間の末日") ?? throw new DomainException("deferment.to", "猶予期間の末日を入力してください。");
        var r = await new CollectionMeasures(db, clock).DeferAsync(HttpContext.Actor(), taxpayerNo,
            new DefermentRequest(kind, code, from, to, Reason ?? "", string.IsNullOrWhiteSpace(Security) ? null : Security), HttpContext.RequestAborted);
        Done = $"{Domain.Labels.JapaneseLabels.Of(kind)}（{Choshu.Formats.Text.JapaneseDate.Wareki(from)}〜{Choshu.Formats.Text.JapaneseDate.Wareki(to)}）を {r.Lines.Count} 件の期別に記録しました。"
            + string.Concat(r.Warnings.Select(w => "注意: " + w));
        Reason = Security = null;
        return null;
    });

    public Task<IActionResult> OnPostExtendAsync(string? handle) => DecideAsync(handle, async taxpayerNo =>
    {
        var to = Date(To, "延長後の末日") ?? throw new DomainException("deferment.to", "延長後の末日を入力してください。");
        var r = await new CollectionMeasures(db, clock).ExtendDefermentAsync(HttpContext.Actor(), taxpayerNo, to, Reason ?? "",
            string.IsNullOrWhiteSpace(Security) ? null : Security, HttpContext.RequestAborted);
        Done = $"猶予を {Choshu.Formats.Text.JapaneseDate.Wareki(to)} まで延長しました（{r.Lines.Count} 件）。";
        Reason = Security = null;
        return null;
    });

    /// <summary>The approver's right first (audited refusal → 403), then the decision; a rule broken is shown on the page.</summary>
    private async Task<IActionResult> DecideAsync(string? handle, Func<string, Task<IActionResult?>> decide)
    {
        if (!ids.TryUnprotect(CaseForms.CaseHandle, handle, User.SessionIdOf(), out long id)) return NotFound();
        try
        {
            var taxpayerNo = await CaseTaxpayerNoAsync(id);
            await AccessControl.DemandAsync(db, HttpContext.Actor(), Permission.DecideCollectionMeasures, clock, what: $"執行停止・猶予の決定（事案 {id}）", ct: HttpContext.RequestAborted);
            if (await decide(taxpayerNo) is { } result) return result;
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

    private async Task<string> CaseTaxpayerNoAsync(long caseId) =>
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
            from c in db.CollectionCases where c.Id == caseId join t in db.Taxpayers on c.TaxpayerId equals t.Id select t.TaxpayerNo, HttpContext.RequestAborted)
        ?? throw new DomainException("case.not_found", $"滞納整理事案 {caseId} は登録されていません。");

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
        InForce = await new CollectionMeasures(db, clock).InForceAsync(Dossier.Case.TaxpayerId, HttpContext.RequestAborted);
        return Page();
    }

    private static DateOnly? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var d = PaymentForms.ParseDate(text, field, out var error);
        return error is null ? d : throw new DomainException("form.date", error);
    }
}
