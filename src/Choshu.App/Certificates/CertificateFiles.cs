using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Choshu.App.Releases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Certificates;
using Choshu.Data.Privacy;
using Choshu.Domain.Assessments;
using Choshu.Domain.Calendar;
using Choshu.Domain.Certificates;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Certificates;

/// <summary>
/// The two daily files of certificate data that leave Choshu (docs/formats.md 「軽JNKS 納付状況データ」「コンビニ交付 証明書データ」),
/// each a transfer through <see cref="DataReleases"/> (export right, file written as .part, recorded with its audit record —
/// 4021 or 4022 — then renamed) with one <c>transfer_items</c> row per taxpayer (and vehicle) it carried and the SHA-256 of
/// that item's rows. The content is <see cref="CertificateRule"/>'s, over the claims <see cref="CertificateClaims"/> loads.
/// </summary>
public sealed class CertificateFiles(ChoshuDbContext db, TimeProvider clock)
{
    public const string VehicleRecipient = "軽自動車検査協会（軽JNKS）";
    public const string VehicleUse = "軽自動車の継続検査における軽自動車税（種別割）の納付確認（道路運送車両法97条の2）";
    public const string StoreRecipient = "コンビニ交付/リカバリーシステム";
    public const string StoreUse = "コンビニエンスストアでの納税証明書の交付（本システム停止時の交付を含む）";
    /// <summary><c>transfer_items.item_key</c> of a コンビニ交付 item (one per taxpayer).</summary>
    public const string StoreItemKey = "store";

    public static readonly IReadOnlyList<string> VehicleItems = ["車両番号", "年度", "納付状況", "未納額", "確認日"];
    public static readonly IReadOnlyList<string> StoreItems =
        ["宛名番号", "基準日", "税目コード", "税目", "年度", "税額", "納付済額", "未納額", "滞納処分", "完納", "滞納処分なし"];

    /// <summary>
    /// 軽JNKS: one row per vehicle with a 軽自動車税（種別割） assessment of fiscal year <paramref name="fiscalYear"/> or later
    /// (default: the year before the current one, so last year's vehicles that may still come for inspection are in): 納付状況
    /// 1 when nothing of that vehicle is unpaid (<see cref="CertificateRule.VehicleUnpaid"/>), 0 otherwise, with the unpaid principal.
    /// </summary>
    public async Task<ReleaseReceipt> WriteVehicleStatusAsync(Actor actor, string path, bool shiftJis, int? fiscalYear = null, CancellationToken ct = default)
    {
        var today = JapanTime.Today(clock);
        var from = fiscalYear ?? CertificateRule.FiscalYearOf(today) - 1;
        var items = new List<TransferItem>();
        return await new DataReleases(db, clock).ReleaseToFileAsync(actor,
            new ReleaseSpec(DataReleaseKind.Transfer, $"jnks-vehicle-status:{today:yyyy-MM-dd}:{from}", VehicleRecipient, VehicleUse,
                AuditEventKind.VehicleStatusFileWritten, shiftJis),
            async c =>
            {
                var owners = await db.Assessments.AsNoTracking()
                    .Where(a => a.TaxKindCode == TaxKindCodes.LightVehicleTax && a.VehicleNo != null && a.FiscalYear >= from)
                    .Select(a => new { a.TaxpayerId, a.VehicleNo }).Distinct().ToListAsync(c);
                var claims = await CertificateClaims.LoadAsync(db, owners.Select(o => o.TaxpayerId).Distinct().ToList(), c);
                var rows = new List<(string Vehicle, long TaxpayerId, IReadOnlyList<string> Row)>();
                foreach (var o in owners.DistinctBy(o => CertificateRule.NormalizeVehicleNo(o.VehicleNo)))
                {
                    var vehicle = CertificateRule.NormalizeVehicleNo(o.VehicleNo)!;
                    var ofVehicle = CertificateRule.VehicleClaims(claims.GetValueOrDefault(o.TaxpayerId) ?? [], vehicle);
                    var unpaid = CertificateRule.VehicleUnpaid(ofVehicle, today);
                    rows.Add((vehicle, o.TaxpayerId, [vehicle, N(ofVehicle.Max(x => x.FiscalYear)), unpaid.Count == 0 ? "1" : "0",
                        N(unpaid.Sum(CertificateRule.Unpaid)), D(today)]));
                }
                rows.Sort((a, b) => string.CompareOrdinal(a.Vehicle, b.Vehicle));
                items.AddRange(rows.Select(r => new TransferItem { TaxpayerId = r.TaxpayerId, ItemKey = Key(r.Vehicle), Sha256 = Hash([r.Row]) }));
                return new ReleaseTable(VehicleItems, rows.Select(r => r.Row).ToList());
            },
            path, (release, c) => SaveItemsAsync(release, items, c), ct);
    }

    /// <summary>
    /// コンビニ交付: the certificate data of every taxpayer whose position changed since the last file (or who was never sent):
    /// one row per tax kind and year the window allows (<see cref="CertificateRule.Standing"/>), 完納 and 滞納処分なし on every row;
    /// a taxpayer with nothing left to certify gets one row with empty 税目 (the store system clears them). The first file holds
    /// everyone with an assessment.
    /// </summary>
    public async Task<ReleaseReceipt> WriteStoreCertificateDataAsync(Actor actor, string path, bool shiftJis, CancellationToken ct = default)
    {
        var today = JapanTime.Today(clock);
        var items = new List<TransferItem>();
        return await new DataReleases(db, clock).ReleaseToFileAsync(actor,
            new ReleaseSpec(DataReleaseKind.Transfer, $"store-certificate-data:{today:yyyy-MM-dd}", StoreRecipient, StoreUse,
                AuditEventKind.StoreCertificateFileWritten, shiftJis),
            async c =>
            {
                var lastHash = (await (from i in db.TransferItems.AsNoTracking()
                                       where i.ItemKey == StoreItemKey
                                       group i by i.TaxpayerId into g
                                       select new { TaxpayerId = g.Key, Last = g.Max(x => x.Id) })
                        .Join(db.TransferItems, x => x.Last, i => i.Id, (x, i) => new { x.TaxpayerId, i.Sha256 })
                        .ToListAsync(c))
                    .ToDictionary(x => x.TaxpayerId, x => x.Sha256);
                var taxpayers = await db.Assessments.AsNoTracking().Select(a => a.TaxpayerId).Distinct().ToListAsync(c);
                var numbers = new Dictionary<long, string>();
                var rows = new List<IReadOnlyList<string>>();
                foreach (var chunk in taxpayers.Order().Chunk(2000))
                {
                    var ids = chunk.ToList();
                    foreach (var (id, no) in await db.Taxpayers.AsNoTracking().Where(t => EF.Parameter(ids).Contains(t.Id))
                                 .Select(t => new { t.Id, t.TaxpayerNo }).ToDictionaryAsync(t => t.Id, t => t.TaxpayerNo, c))
                        numbers[id] = no;
                    var claims = await CertificateClaims.LoadAsync(db, ids, c);
                    foreach (var id in ids.OrderBy(i => numbers[i], StringComparer.Ordinal))
                    {
                        var (lines, noArrears, noEnforcement) = CertificateRule.Standing(claims.GetValueOrDefault(id) ?? [], today);
                        var mine = lines.Count == 0
                            ? [(IReadOnlyList<string>)[numbers[id], D(today), "", "", "", "0", "0", "0", "0", noArrears ? "1" : "0", noEnforcement ? "1" : "0"]]
                            : lines.Select(l => (IReadOnlyList<string>)[numbers[id], D(today), l.TaxKindCode, l.TaxKindName, N(l.FiscalYear), N(l.Amount),
                                N(l.Paid), N(l.Unpaid), l.EnforcementTaken ? "1" : "0", noArrears ? "1" : "0", noEnforcement ? "1" : "0"]).ToList();
                        // The 基準日 changes every day: the position is compared without it.
                        var hash = Hash(mine.Select(r => r.Where((_, i) => i != 1).ToList()));
                        if (lastHash.TryGetValue(id, out var last) && last == hash) continue;
                        items.Add(new TransferItem { TaxpayerId = id, ItemKey = StoreItemKey, Sha256 = hash });
                        rows.AddRange(mine);
                    }
                }
                return new ReleaseTable(StoreItems, rows);
            },
            path, (release, c) => SaveItemsAsync(release, items, c), ct);
    }

    private async Task SaveItemsAsync(DataRelease release, List<TransferItem> items, CancellationToken ct)
    {
        foreach (var chunk in items.Chunk(2000))
        {
            foreach (var i in chunk) i.DataReleaseId = release.Id;
            db.TransferItems.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            foreach (var i in chunk) db.Entry(i).State = EntityState.Detached;
        }
    }

    private static string Key(string vehicle) => vehicle.Length <= 20 ? vehicle : vehicle[..20];

    private static string Hash(IEnumerable<IReadOnlyList<string>> rows) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows.Select(ReleaseCsv.Line)))));

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);
    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
