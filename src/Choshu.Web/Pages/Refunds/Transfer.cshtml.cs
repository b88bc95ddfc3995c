using Choshu.App.Refunds;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Refunds;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Payments;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Web.Pages.Refunds;

/// <summary>
/// 振込データの作成: the decided refunds paid by transfer and not yet in a file, and the files written; "作成" writes the
/// Zengin 総合振込 file for the transfer date (<see cref="RefundFiles.TransferAsync"/>: recorded before it is handed over, and
/// the same refunds never go in a second file: asked again, refused with the Japanese reason) and downloads it.
/// Needs <see cref="Permission.RecordPayments"/>.
/// </summary>
[RequirePermission(Permission.RecordPayments)]
public sealed class TransferModel(ChoshuDbContext db, Store store, TimeProvider clock) : PageModel
{
    [BindProperty] public string? TransferDate { get; set; }
    public IReadOnlyList<RefundView> Pending { get; private set; } = [];
    public IReadOnlyList<Data.Refunds.RefundTransfer> Files { get; private set; } = [];
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (AccessDeniedException ex)
        {
            return RefundPages.Forbidden(this, ex);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostWriteAsync()
    {
        try
        {
            var on = PaymentForms.ParseDate(TransferDate, "振込指定日", out var error);
            if (error is not null) Errors.Add(error);
            else
            {
                var dir = Directory.CreateTempSubdirectory("choshu-refund-transfer").FullName;
                var path = Path.Combine(dir, $"furikomi-{on:yyyyMMdd}.txt");
                var result = await new RefundFiles(store, clock, HttpContext.Actor()).TransferAsync(on!.Value, path, HttpContext.RequestAborted);
                var bytes = await System.IO.File.ReadAllBytesAsync(result.Path, HttpContext.RequestAborted);
                Directory.Delete(dir, recursive: true);
                return File(bytes, "text/plain", Path.GetFileName(result.Path));
            }
            await LoadAsync();
        }
        catch (AccessDeniedException ex)
        {
            return RefundPages.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
            await LoadAsync();
        }
        return Page();
    }

    private async Task LoadAsync()
    {
        var all = await RefundLists.RefundsAsync(db, HttpContext.Actor(), null, clock, HttpContext.RequestAborted);
        Pending = all.Where(r => r.DecidedOn is not null && r.TransferId is null && r.PaidOn is null && !r.Withdrawn && r.Method == RefundMethod.Transfer).ToList();
        Files = await db.RefundTransfers.AsNoTracking().OrderByDescending(t => t.Id).Take(50).ToListAsync(HttpContext.RequestAborted);
        TransferDate ??= JapanTime.Today(clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }
}
