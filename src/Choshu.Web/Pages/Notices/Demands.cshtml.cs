using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Notices;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Claims;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Notices;

/// <summary>
/// 催告書・差押予告書 一括作成, as <c>choshu notices demands</c> and <c>seizure-warnings</c>: the kind, 基準日, the conditions
/// (<see cref="DemandConditions"/>: 税目, 年度, 金額の範囲, 地区, 担当者, 経過日数, 督促済みのみ), a saved condition set
/// (<see cref="NoticeConditionSets"/>: chosen, then the fields given override it; saved under a name when one is typed,
/// audited 3035), the 例文 (催告書: several, chosen per letter by how many demands the taxpayer was sent before), the
/// 送達方法, 指定期限 and 用紙; プレビュー (<see cref="DemandSelection.PlanAsync"/>, nothing recorded) then 作成
/// (<see cref="NoticeRuns.GenerateAsync"/>) and on to the run's page. Needs <see cref="Permission.IssueDemands"/>.
/// </summary>
[RequirePermission(Permission.IssueDemands)]
public sealed class DemandsModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty] public string? AsOf { get; set; }
    [BindProperty] public string? ConditionSet { get; set; }
    [BindProperty] public string? TaxKinds { get; set; }
    [BindProperty] public string? FiscalYears { get; set; }
    [BindProperty] public string? MinAmount { get; set; }
    [BindProperty] public string? MaxAmount { get; set; }
    [BindProperty] public string? Districts { get; set; }
    [BindProperty] public string? Officer { get; set; }
    [BindProperty] public string? MinDaysOverdue { get; set; }
    [BindProperty] public bool IncludeUnreminded { get; set; }
    [BindProperty] public List<string> Texts { get; set; } = [];
    [BindProperty] public string? Delivery { get; set; }
    [BindProperty] public string? Deadline { get; set; }
    [BindProperty] public string? Layout { get; set; }
    [BindProperty] public string? SaveAs { get; set; }

    public List<string> Errors { get; } = [];
    public NoticePlan? Plan { get; private set; }
    public bool Empty { get; private set; }
    public string? Saved { get; private set; }
    public IReadOnlyList<NoticeConditionSet> Sets { get; private set; } = [];
    public DateOnly Today => JapanTime.Today(clock);
    public string RunKind => Kind == NoticeRunKinds.SeizureWarning ? NoticeRunKinds.SeizureWarning : NoticeRunKinds.Demand;

    public async Task OnGetAsync()
    {
        AsOf = Formatting.Display.Date(Today);
        await LoadSetsAsync();
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        try
        {
            if (await RequestAsync() is { } request)
                Plan = await new NoticeRuns(db, clock).PreviewAsync(HttpContext.Actor(), request.Kind,
                    (d, ct) => DemandSelection.PlanAsync(d, request, ct), HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            return NoticeForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        await LoadSetsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostGenerateAsync()
    {
        try
        {
            if (await RequestAsync() is { } request)
            {
                var run = await new NoticeRuns(db, clock).GenerateAsync(HttpContext.Actor(), RunKind,
                    (d, ct) => DemandSelection.PlanAsync(d, request, ct), HttpContext.RequestAborted);
                if (run is not null)
                    return RedirectToPage("/Notices/Run", new { handle = ids.Protect(NoticeForms.RunHandle, run.Id, User.SessionIdOf()) });
                Empty = true;
            }
        }
        catch (AccessDeniedException ex)
        {
            return NoticeForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        await LoadSetsAsync();
        return Page();
    }

    private async Task LoadSetsAsync() =>
        Sets = (await new NoticeConditionSets(db, clock).ListAsync(HttpContext.RequestAborted)).Where(s => s.Kind == RunKind).ToList();

    /// <summary>The request as <c>choshu notices demands</c> builds it: the saved set, overridden by the fields given; saved under <see cref="SaveAs"/> when typed.</summary>
    private async Task<DemandRequest?> RequestAsync()
    {
        if (Kind is not (null or "" or NoticeRunKinds.Demand or NoticeRunKinds.SeizureWarning)) Errors.Add("種類を選んでください。");
        var asOf = NoticeForms.RequiredDate(AsOf, "基準日", Errors);
        if (asOf is { } a && a > Today) Errors.Add($"基準日は本日（{Formatting.Display.Date(Today)}）以前の日にしてください。");
        var deadline = NoticeForms.OptionalDate(Deadline, "指定期限", Errors);
        var min = NoticeForms.OptionalNumber(MinAmount, "金額の下限", Errors);
        var max = NoticeForms.OptionalNumber(MaxAmount, "金額の上限", Errors);
        var days = NoticeForms.OptionalNumber(MinDaysOverdue, "納期限からの経過日数", Errors);
        var years = new List<int>();
        foreach (var y in NoticeForms.List(FiscalYears))
            if (int.TryParse(y, out var v)) years.Add(v);
            else Errors.Add($"年度「{y}」は 2025 のように西暦4桁で入力してください。");
        short? delivery = null;
        if (!string.IsNullOrEmpty(Delivery))
        {
            if (short.TryParse(Delivery, out var dv) && NoticeForms.Deliveries.Any(d => (short)d.Value == dv)) delivery = dv;
            else Errors.Add("送達方法を選んでください。");
        }
        if (Layout is { Length: > 0 } l && !NoticeLayouts.Names.Contains(l)) Errors.Add("用紙を選んでください。");
        if (Errors.Count > 0) return null;

        var c = string.IsNullOrWhiteSpace(ConditionSet) ? new DemandConditions()
            : DemandConditions.FromJson((await new NoticeConditionSets(db, clock).FindAsync(ConditionSet, RunKind, HttpContext.RequestAborted)).Conditions);
        if (NoticeForms.List(TaxKinds) is { Count: > 0 } k) c = c with { TaxKinds = k };
        if (years.Count > 0) c = c with { FiscalYears = years };
        if (min is { } lo) c = c with { MinAmount = lo };
        if (max is { } hi) c = c with { MaxAmount = hi };
        if (NoticeForms.List(Districts) is { Count: > 0 } ds) c = c with { Districts = ds };
        if (NoticeForms.Normalize(Officer) is { Length: > 0 } o) c = c with { Officer = o };
        if (days is { } md) c = c with { MinDaysOverdue = md > int.MaxValue ? int.MaxValue : (int)md };
        if (IncludeUnreminded) c = c with { OnlyReminded = false };
        c.Validate();
        var setName = string.IsNullOrWhiteSpace(ConditionSet) ? null : ConditionSet;
        if (!string.IsNullOrWhiteSpace(SaveAs))
        {
            var saved = await new NoticeConditionSets(db, clock).SaveAsync(HttpContext.Actor(), SaveAs, RunKind, c, HttpContext.RequestAborted);
            Saved = saved.Name;
            // The preview's 作成 form carries the saved set by name, so generating does not save it again.
            ConditionSet = setName = saved.Name;
            SaveAs = null;
        }
        var texts = RunKind == NoticeRunKinds.Demand && Texts.Count > 0 ? Texts : null;
        return new DemandRequest(RunKind, asOf!.Value, c, texts, setName, deadline, delivery, string.IsNullOrEmpty(Layout) ? null : Layout);
    }

    /// <summary>A saved set's conditions in Japanese, for the list under the choice.</summary>
    public static string Describe(string json) => NoticeForms.DescribeDemand(json);
}
