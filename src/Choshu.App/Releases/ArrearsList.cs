using System.Globalization;
using Choshu.App.Claims;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Privacy;
using Choshu.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Releases;

/// <summary>
/// 滞納者一覧: every installment past its due date with principal still unpaid on the as-of day and a right to collect
/// that has not ended (時効, extinction under a stay, write-off: <see cref="EndedClaims"/>, the one status rule), one row
/// each, with the taxpayer's number, name and address (docs/formats.md "滞納者一覧"). The unpaid principal is
/// the sum of the installment's principal entries valued on or before the as-of day (a reversal cancels what
/// it reverses); an installment is in arrears when its effective due date is before the as-of day. One
/// set-based query.
/// </summary>
public static class ArrearsList
{
    public static readonly IReadOnlyList<string> Items =
        ["宛名番号", "氏名", "住所", "税目コード", "税目", "調定年度", "通知書番号", "期別", "納期限", "未納本税額"];

    /// <summary>The content name recorded with the release, with its as-of day.</summary>
    public static string Content(DateOnly asOf) => $"arrears-list:{asOf:yyyy-MM-dd}";

    /// <summary>Exports the list as of <paramref name="asOf"/> to a file (ファイル出力担当 only; recorded and audited 4000).</summary>
    public static async Task<ReleaseReceipt> ExportAsync(ChoshuDbContext db, Actor actor, DateOnly asOf, string? purpose, string path, TimeProvider clock, CancellationToken ct = default)
    {
        var releases = new DataReleases(db, clock);
        var spec = new ReleaseSpec(DataReleaseKind.Export, Content(asOf), await releases.OwnDepartmentAsync(actor, ct),
            string.IsNullOrWhiteSpace(purpose) ? "滞納者一覧" : purpose.Trim());
        return await releases.ReleaseToFileAsync(actor, spec, c => ReadAsync(db, asOf, c), path, ct);
    }

    public static async Task<ReleaseTable> ReadAsync(ChoshuDbContext db, DateOnly asOf, CancellationToken ct = default)
    {
        var balances =
            from j in db.JournalEntries
            where j.Component == LedgerComponent.Principal && j.ValueDate <= asOf
            group j by j.InstallmentId into g
            select new { InstallmentId = g.Key, Balance = g.Sum(x => x.Amount) };
        var rows = await (
                from b in balances
                where b.Balance > 0
                join i in db.Installments on b.InstallmentId equals i.Id
                where i.DueDate < asOf
                join a in db.Assessments on i.AssessmentId equals a.Id
                join t in db.Taxpayers on a.TaxpayerId equals t.Id
                join k in db.TaxKinds on a.TaxKindCode equals k.Code
                select new
                {
                    i.Id,
                    t.TaxpayerNo, t.Facts.NameKanji, t.Facts.TownName, t.Facts.StreetNumber, t.Facts.AddressSupplement,
                    a.TaxKindCode, TaxKindName = k.Name, a.FiscalYear, a.NoticeNo, i.Period, i.DueDate, b.Balance,
                })
            .ToListAsync(ct);
        var ended = await EndedClaims.OfAsync(db, rows.Select(r => r.Id).ToList(), asOf, ct);
        var cells = rows
            .Where(r => !ended.Contains(r.Id))
            .OrderBy(r => r.TaxpayerNo, StringComparer.Ordinal).ThenBy(r => r.TaxKindCode, StringComparer.Ordinal)
            .ThenBy(r => r.FiscalYear).ThenBy(r => r.NoticeNo, StringComparer.Ordinal).ThenBy(r => r.Period)
            .Select(r => (IReadOnlyList<string>)
            [
                r.TaxpayerNo, r.NameKanji, Address(r.TownName, r.StreetNumber, r.AddressSupplement), r.TaxKindCode, r.TaxKindName,
                r.FiscalYear.ToString(CultureInfo.InvariantCulture), r.NoticeNo, r.Period.ToString(CultureInfo.InvariantCulture),
                r.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Balance.ToString(CultureInfo.InvariantCulture),
            ])
            .ToList();
        return new ReleaseTable(Items, cells);
    }

    /// <summary>町名, 番地 and 方書 joined by one space, as the taxpayer screen shows them.</summary>
    public static string Address(string? town, string? street, string? supplement) =>
        string.Join(" ", new[] { town, street, supplement }.Where(s => !string.IsNullOrWhiteSpace(s)));
}
