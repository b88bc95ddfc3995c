using System.Globalization;
using Choshu.App.Refunds;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Web.Pages.Payments;

/// <summary>
/// 過誤納金の充当 (一斉充当): the preview (<see cref="Appropriations.RunAsync"/> as a dry run, audited 3042) and the run (3040) of the
/// mandatory appropriation as of a day, for every taxpayer or one 宛名番号. Needs 収納 (<see cref="Permission.RecordPayments"/>);
/// a taxpayer with a delinquency case is appropriated only by its officer or an approver (others see it skipped with the reason).
/// A run that appropriated something answers with its 充当通知書 (one PDF, <see cref="AppropriationNotices"/>).
/// </summary>
[RequirePermission(Permission.RecordPayments)]
public sealed class AppropriationModel(ChoshuDbContext db, Store store, TimeProvider clock) : PageModel
{
    [BindProperty] public string? AsOf { get; set; }
    [BindProperty] public string? TaxpayerNo { get; set; }

    public AppropriationRunResult? Result { get; private set; }
    public string? Error { get; private set; }

    public void OnGet() => AsOf = JapanTime.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public Task<IActionResult> OnPostPreviewAsync() => RunAsync(dryRun: true);

    public Task<IActionResult> OnPostRunAsync() => RunAsync(dryRun: false);

    private async Task<IActionResult> RunAsync(bool dryRun)
    {
        if (!DateOnly.TryParseExact((AsOf ?? "").Trim(), ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
        {
            Error = "基準日を YYYY-MM-DD の形式で入力してください。";
            return Page();
        }
        if (asOf > JapanTime.Today(clock))
        {
            Error = "基準日に本日より後の日は指定できません。";
            return Page();
        }
        long? taxpayerId = null;
        if (!string.IsNullOrWhiteSpace(TaxpayerNo))
        {
            taxpayerId = await db.Taxpayers.Where(t => t.TaxpayerNo == TaxpayerNo.Trim()).Select(t => (long?)t.Id).FirstOrDefaultAsync(HttpContext.RequestAborted);
            if (taxpayerId is null)
            {
                Error = $"宛名番号 {TaxpayerNo.Trim()} の納税義務者は登録されていません。";
                return Page();
            }
        }
        try
        {
            Result = await new Appropriations(store, clock, HttpContext.Actor()).RunAsync(new AppropriationRunRequest(asOf, taxpayerId, dryRun), HttpContext.RequestAborted);
            if (!dryRun && Result.Lines.Count > 0)
            {
                // The run's 充当通知書 come back as the answer (recorded as issued documents before the file is handed over).
                var dir = Directory.CreateTempSubdirectory("choshu-appropriation-").FullName;
                try
                {
                    var file = await new AppropriationNotices(store, clock, HttpContext.Actor()).WriteAsync(Result, dir, HttpContext.RequestAborted);
                    return File(await System.IO.File.ReadAllBytesAsync(file.Path, HttpContext.RequestAborted), "application/pdf", Path.GetFileName(file.Path));
                }
                finally
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
        }
        catch (AccessDeniedException ex)
        {
            return PaymentForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Error = ex.Message;
        }
        return Page();
    }
}
