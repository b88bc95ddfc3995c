using System.Globalization;
using System.Text;
using Choshu.App.Privacy;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Taxpayers;

/// <summary>
/// 納税義務者検索 (<see cref="Permission.ViewTaxpayer"/>): a POST form whose response is the result
/// page, so no name, number, birth date or address ever travels in a URL; paging posts the same
/// criteria again with another page number. Each result links to the taxpayer page by an opaque
/// handle sealed to this session. A holder of <see cref="Permission.SearchByMyNumber"/>
/// (個人番号利用事務担当) also gets a My Number field with its required 利用目的. Every search goes
/// through <see cref="PersonalDataGate"/>, which checks the right and writes the audit record
/// (2000 search, 2003 by My Number; a refusal 5000).
/// </summary>
[RequirePermission(Permission.ViewTaxpayer)]
public sealed class SearchModel(ChoshuDbContext db, TimeProvider clock, KeyRingSource keys, OpaqueIds ids) : PageModel
{
    [BindProperty] public string? TaxpayerNo { get; set; }
    [BindProperty] public string? NoticeNo { get; set; }
    [BindProperty] public string? NameKana { get; set; }
    [BindProperty] public string? NameKanji { get; set; }
    [BindProperty] public string? BirthDate { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? CorporateNumber { get; set; }
    /// <summary>Never written back into the page (the field is always empty in a response).</summary>
    [BindProperty] public string? MyNumber { get; set; }
    [BindProperty] public string? Purpose { get; set; }
    [BindProperty] public int PageNumber { get; set; } = 1;

    /// <summary>Whether a search was made (the POST response shows results or an error).</summary>
    public bool Searched { get; private set; }
    public bool ByMyNumber { get; private set; }
    public string? Error { get; private set; }
    public int Total { get; private set; }
    public int Pages { get; private set; }
    public int Size { get; private set; } = PersonalDataGate.DefaultPageSize;
    public IReadOnlyList<ResultRow> Rows { get; private set; } = [];

    /// <summary>A page number beyond any real result (keeps the offset far from overflow).</summary>
    public const int MaxPageNumber = 1_000_000;

    public sealed record ResultRow(TaxpayerSummary Taxpayer, string Handle);

    public bool MayUseMyNumber => User.Has(Permission.SearchByMyNumber);

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        Searched = true;
        var gate = new PersonalDataGate(db, clock, string.IsNullOrWhiteSpace(MyNumber) ? null : MyNumberVault.FromRing(keys.Current()));
        var actor = HttpContext.Actor();
        try
        {
            if (!string.IsNullOrWhiteSpace(MyNumber)) return await ByMyNumberAsync(gate, actor);

            DateOnly? birth = null;
            if (!string.IsNullOrWhiteSpace(BirthDate))
            {
                if (ParseDate(BirthDate) is not { } d)
                    return Invalid("生年月日は 1980-04-01 のように、西暦の年-月-日で入力してください。");
                birth = d;
            }
            var criteria = new TaxpayerSearchCriteria
            {
                TaxpayerNo = TaxpayerNo, NoticeNo = NoticeNo, NameKana = NameKana, NameKanji = NameKanji, BirthDate = birth, Address = Address,
                Phone = Phone, CorporateNumber = CorporateNumber,
            };
            PageNumber = Math.Clamp(PageNumber, 1, MaxPageNumber);
            var result = await gate.SearchAsync(actor, criteria, PageNumber, PersonalDataGate.DefaultPageSize, HttpContext.RequestAborted);
            Total = result.Total;
            Pages = result.Pages;
            Size = result.Size;
            Rows = Handles(result.Items);
            return Page();
        }
        catch (AccessDeniedException ex)
        {
            return Forbidden(HttpContext, ex);
        }
        catch (DomainException ex)
        {
            return Invalid(ex.Message);
        }
    }

    private async Task<IActionResult> ByMyNumberAsync(PersonalDataGate gate, Actor actor)
    {
        ByMyNumber = true;
        var typed = MyNumber ?? "";
        MyNumber = null; // never echoed
        if (!string.IsNullOrWhiteSpace(TaxpayerNo) || !string.IsNullOrWhiteSpace(NoticeNo) || !string.IsNullOrWhiteSpace(NameKana)
            || !string.IsNullOrWhiteSpace(NameKanji) || !string.IsNullOrWhiteSpace(BirthDate) || !string.IsNullOrWhiteSpace(Address)
            || !string.IsNullOrWhiteSpace(Phone) || !string.IsNullOrWhiteSpace(CorporateNumber))
            return Invalid("個人番号で検索するときは、ほかの条件は空欄にしてください。");
        var digits = string.Concat(typed.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c != '-'));
        if (!Domain.Identifiers.MyNumber.TryParse(digits, out var number))
            return Invalid("個人番号は12桁の数字で入力してください（検査用数字が合いません。番号を確かめてください）。");
        var found = await gate.SearchByMyNumberAsync(actor, number, Purpose ?? "", HttpContext.RequestAborted);
        Total = found.Count;
        Pages = found.Count == 0 ? 0 : 1;
        Rows = Handles(found);
        return Page();
    }

    private List<ResultRow> Handles(IEnumerable<TaxpayerSummary> items)
    {
        var session = User.SessionIdOf();
        return items.Select(t => new ResultRow(t, ids.Protect(TaxpayerText.HandleKind, t.TaxpayerNo, session))).ToList();
    }

    private PageResult Invalid(string message)
    {
        Error = message;
        Rows = [];
        return Page();
    }

    /// <summary>
    /// A refusal the gate has already written to the 操作ログ: 403, whose status page repeats the reason
    /// (the same way <see cref="PermissionHandler"/> refuses a page).
    /// </summary>
    public static IActionResult Forbidden(HttpContext context, AccessDeniedException ex)
    {
        context.Items[PermissionHandler.DeniedMessageKey] = ex.Message;
        return new StatusCodeResult(StatusCodes.Status403Forbidden);
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyyMMdd", "yyyy.M.d"];

    /// <summary>A date typed as 1980-04-01, 1980/4/1 or 19800401 (full-width digits too); null when it is none of these.</summary>
    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text.Normalize(NormalizationForm.FormKC).Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : null;
}
