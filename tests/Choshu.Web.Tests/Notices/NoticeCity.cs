using System.Diagnostics;
using Choshu.Data;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Web.Tests.Notices;

/// <summary>The people of the notice screen tests, built by hand: a taxpayer with an address in Kagoshima and one 市民税 installment.</summary>
public static class NoticeCity
{
    /// <summary>A taxpayer at 〒892-0816 鹿児島県鹿児島市山下町 with 市民税 2026 第1期 <paramref name="principal"/> due <paramref name="due"/>; returns the installment id.</summary>
    public static async Task<long> PersonWithInstallmentAsync(ChoshuDbContext db, string taxpayerNo, string name, string noticeNo, DateOnly due, long principal)
    {
        var id = await LedgerSeed.TaxpayerAsync(db, taxpayerNo, name);
        var t = await db.Taxpayers.SingleAsync(x => x.Id == id);
        t.Facts = t.Facts with { PostalCode = "8920816", TownName = "鹿児島県鹿児島市山下町", StreetNumber = "11番1号", DistrictCode = "A1" };
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return (await LedgerSeed.AssessmentAsync(db, id, "01", 2026, noticeNo, new LedgerSeed.Inst(1, due, principal)))[0];
    }

    /// <summary>The text of a PDF as pdftotext (poppler-utils) extracts it, in its printed layout (<see cref="Poppler.Text"/>).</summary>
    public static Task<string> PdfTextAsync(byte[] pdf) => Task.FromResult(Poppler.Text(pdf, layout: true));
}
