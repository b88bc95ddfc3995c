using System.Globalization;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Privacy;
using Choshu.Domain;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Releases;

/// <summary>
/// A department that may receive 収納状況情報 by 移転, with what it may receive and why, exactly as the
/// assessment (seed II 収納消込ファイル 5. 提供・移転, 移転先1・2) states: the legal basis is 鹿児島市個人番号の
/// 利用に関する条例 第3条; the items are the least its stated use needs. No My Number, no name or address
/// (the recipient joins on 宛名番号 in its own system), no other tax kind.
/// </summary>
public sealed record TransferRecipient(string Name, string TaxKindCode, string Use, IReadOnlyList<string> Items)
{
    /// <summary>移転先1 市民税課: 納期特例の承認判断資料として前年度の収納状況を確認. 市民税 (01) only.</summary>
    public static readonly TransferRecipient InhabitantTaxDivision = new("市民税課", TaxKindCodes.InhabitantTax,
        "納期特例の承認判断資料として前年度の収納状況を確認（鹿児島市個人番号の利用に関する条例第3条）",
        ["宛名番号", "調定年度", "通知書番号", "期別", "納期限", "本税額", "収納済額", "未納額", "完納日", "納期内完納"]);

    /// <summary>移転先2 資産税課: 納税証明書の発行. 固定資産税 (02) only.</summary>
    public static readonly TransferRecipient PropertyTaxDivision = new("資産税課", TaxKindCodes.FixedAssetTax,
        "納税証明書の発行（鹿児島市個人番号の利用に関する条例第3条）",
        ["宛名番号", "調定年度", "相当年度", "通知書番号", "期別", "納期限", "本税額", "収納済額", "未納額", "完納日"]);

    public static readonly IReadOnlyList<TransferRecipient> All = [InhabitantTaxDivision, PropertyTaxDivision];

    /// <summary>The recipient of that name; any other name is refused (no transfer goes anywhere else).</summary>
    public static TransferRecipient Parse(string name) =>
        All.SingleOrDefault(r => r.Name == name.Trim())
        ?? throw new DomainException("transfer.recipient_unknown",
            $"移転先「{name}」は認められていません。移転できるのは {string.Join("・", All.Select(r => r.Name))} のみです。");
}

/// <summary>
/// 収納状況情報の移転 (docs/formats.md "収納状況（移転）"): for one fiscal year, every installment of the
/// recipient's tax kind with its principal, what has been paid of it, what is unpaid, the day it was paid in
/// full and, for 市民税課, whether that was by the due date. Computed from the journal in two set-based
/// queries; released through <see cref="DataReleases"/> (ファイル出力担当 only, recorded, audited 4002).
/// </summary>
public static class PaymentStatusTransfer
{
    /// <summary>The content recorded with the release: tax kind and fiscal year, which fix whose data it held.</summary>
    public static string Content(TransferRecipient to, int fiscalYear) => $"payment-status:{to.TaxKindCode}:{fiscalYear}";

    /// <summary>Parses a content written by <see cref="Content"/>; false for other releases.</summary>
    public static bool TryParseContent(string content, out string taxKindCode, out int fiscalYear)
    {
        taxKindCode = "";
        fiscalYear = 0;
        var parts = content.Split(':');
        if (parts.Length != 3 || parts[0] != "payment-status" || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out fiscalYear)) return false;
        taxKindCode = parts[1];
        return true;
    }

    public static Task<ReleaseReceipt> TransferAsync(ChoshuDbContext db, Actor actor, TransferRecipient to, int fiscalYear, string path, TimeProvider clock, CancellationToken ct = default) =>
        new DataReleases(db, clock).ReleaseToFileAsync(actor,
            new ReleaseSpec(DataReleaseKind.Transfer, Content(to, fiscalYear), to.Name, to.Use),
            c => ReadAsync(db, to, fiscalYear, c), path, ct);

    public static async Task<ReleaseTable> ReadAsync(ChoshuDbContext db, TransferRecipient to, int fiscalYear, CancellationToken ct = default)
    {
        var kind = to.TaxKindCode;
        var entries =
            from j in db.JournalEntries
            where j.Component == LedgerComponent.Principal
            join i in db.Installments on j.InstallmentId equals i.Id
            join a in db.Assessments on i.AssessmentId equals a.Id
            where a.TaxKindCode == kind && a.FiscalYear == fiscalYear
            join r in db.JournalEntries on j.ReversesEntryId equals r.Id into rs
            from reversed in rs.DefaultIfEmpty()
            select new { j.Id, j.InstallmentId, j.Amount, j.ValueDate, j.Kind, CountsAs = reversed == null ? j.Kind : reversed.Kind };
        var sums = await (
                from e in entries
                group e by e.InstallmentId into g
                select new
                {
                    InstallmentId = g.Key,
                    Principal = g.Sum(e => e.CountsAs == JournalEntryKind.Charge || e.CountsAs == JournalEntryKind.Amendment ? e.Amount : 0),
                    Paid = -g.Sum(e => e.CountsAs == JournalEntryKind.Payment || e.CountsAs == JournalEntryKind.Appropriation ? e.Amount : 0),
                    Balance = g.Sum(e => e.Amount),
                })
            .ToDictionaryAsync(x => x.InstallmentId, ct);
        // The day money last reached the principal: payments and appropriations that no reversal undid.
        var lastMoney = (await (
                    from e in entries
                    where (e.Kind == JournalEntryKind.Payment || e.Kind == JournalEntryKind.Appropriation)
                        && !db.JournalEntries.Any(x => x.ReversesEntryId == e.Id)
                    select new { e.InstallmentId, e.ValueDate })
                .ToListAsync(ct))
            .GroupBy(x => x.InstallmentId)
            .ToDictionary(g => g.Key, g => g.Max(x => x.ValueDate));
        var installments = await (
                from i in db.Installments
                join a in db.Assessments on i.AssessmentId equals a.Id
                where a.TaxKindCode == kind && a.FiscalYear == fiscalYear
                join t in db.Taxpayers on a.TaxpayerId equals t.Id
                select new { i.Id, t.TaxpayerNo, a.FiscalYear, a.LiabilityYear, a.NoticeNo, i.Period, i.DueDate })
            .ToListAsync(ct);

        static string N(long v) => v.ToString(CultureInfo.InvariantCulture);
        static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        var rows = installments
            .OrderBy(i => i.TaxpayerNo, StringComparer.Ordinal).ThenBy(i => i.NoticeNo, StringComparer.Ordinal).ThenBy(i => i.Period)
            .Select(i =>
            {
                var s = sums.GetValueOrDefault(i.Id);
                long principal = s?.Principal ?? 0, paid = s?.Paid ?? 0, balance = s?.Balance ?? 0;
                DateOnly? paidInFull = balance <= 0 && principal > 0 && lastMoney.TryGetValue(i.Id, out var last) ? last : null;
                var onTime = balance <= 0 && (paidInFull is null || paidInFull.Value <= i.DueDate);
                var byItem = new Dictionary<string, string>
                {
                    ["宛名番号"] = i.TaxpayerNo,
                    ["調定年度"] = i.FiscalYear.ToString(CultureInfo.InvariantCulture),
                    ["相当年度"] = i.LiabilityYear.ToString(CultureInfo.InvariantCulture),
                    ["通知書番号"] = i.NoticeNo,
                    ["期別"] = i.Period.ToString(CultureInfo.InvariantCulture),
                    ["納期限"] = D(i.DueDate),
                    ["本税額"] = N(principal),
                    ["収納済額"] = N(paid),
                    ["未納額"] = N(Math.Max(balance, 0)),
                    ["完納日"] = D(paidInFull),
                    ["納期内完納"] = onTime ? "1" : "0",
                };
                return (IReadOnlyList<string>)to.Items.Select(item => byItem[item]).ToList();
            })
            .ToList();
        return new ReleaseTable(to.Items, rows);
    }
}
