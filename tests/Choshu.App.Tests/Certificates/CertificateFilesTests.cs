using System.Text;
using Choshu.App.Certificates;
using Choshu.Data;
using Choshu.Data.Privacy;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Tests.Certificates;

/// <summary>The 軽JNKS and コンビニ交付 files on <see cref="CertificateCity"/>: transfers with their items, only changed taxpayers.</summary>
public sealed class CertificateFilesTests
{
    private static string[] Lines(string path, Encoding encoding) =>
        encoding.GetString(File.ReadAllBytes(path)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task WriteFiles_VehicleStatusAndStoreDataThenAPayment_OnlyTheChangedTaxpayerInTheNextStoreFile()
    {
        await using var c = await CertificateCity.CreateAsync(StoreProvider.Postgres);
        await using var db = c.Store.Open();
        var files = new CertificateFiles(db, CertificateCity.Clock());

        // 軽JNKS, before the 速報 is confirmed: the vehicle's 10,800 is unpaid (status 0).
        var jnks = Path.Combine(c.Dir, "jnks.csv");
        var r1 = await files.WriteVehicleStatusAsync(c.Exporter, jnks, shiftJis: true);
        var sjis = CodePagesEncoding();
        Assert.Equal(["車両番号,年度,納付状況,未納額,確認日", "鹿児島480あ1234,2026,0,10800,2026-12-07"], Lines(jnks, sjis));
        Assert.Equal(1, r1.RowCount);

        // コンビニ交付, first file: both taxpayers (田上: 固定資産税 2024 and 市民税 2026 in the window, 2022 left out).
        var store1 = Path.Combine(c.Dir, "store1.csv");
        await files.WriteStoreCertificateDataAsync(c.Exporter, store1, shiftJis: false);
        Assert.Equal(
        [
            "宛名番号,基準日,税目コード,税目,年度,税額,納付済額,未納額,滞納処分,完納,滞納処分なし",
            "2000000001,2026-12-07,02,固定資産税,2024,40000,40000,0,0,0,1",
            "2000000001,2026-12-07,01,市民税,2026,55000,30000,25000,0,0,1",
            "2000000002,2026-12-07,03,軽自動車税,2026,10800,0,10800,0,0,1",
        ], Lines(store1, Encoding.UTF8));

        // Nothing changed: the next file has its header only.
        var store2 = Path.Combine(c.Dir, "store2.csv");
        var r2 = await files.WriteStoreCertificateDataAsync(c.Exporter, store2, shiftJis: false);
        Assert.Equal(0, r2.RowCount);

        // 田上 pays period 2 (25,000): only he is in the third file, now 完納.
        await c.PayCityTaxPeriod2Async();
        var store3 = Path.Combine(c.Dir, "store3.csv");
        await files.WriteStoreCertificateDataAsync(c.Exporter, store3, shiftJis: false);
        Assert.Equal(
        [
            "宛名番号,基準日,税目コード,税目,年度,税額,納付済額,未納額,滞納処分,完納,滞納処分なし",
            "2000000001,2026-12-07,02,固定資産税,2024,40000,40000,0,0,1,1",
            "2000000001,2026-12-07,01,市民税,2026,55000,55000,0,0,1,1",
        ], Lines(store3, Encoding.UTF8));

        var releases = await db.DataReleases.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([(DataReleaseKind.Transfer, CertificateFiles.VehicleRecipient, 1), (DataReleaseKind.Transfer, CertificateFiles.StoreRecipient, 3),
            (DataReleaseKind.Transfer, CertificateFiles.StoreRecipient, 0), (DataReleaseKind.Transfer, CertificateFiles.StoreRecipient, 2)],
            releases.Select(r => (r.Kind, r.Recipient, r.RowCount)));
        var items = await db.TransferItems.OrderBy(i => i.Id).ToListAsync();
        Assert.Equal([(releases[0].Id, CertificateCity.Vehicle), (releases[1].Id, "store"), (releases[1].Id, "store"), (releases[3].Id, "store")],
            items.Select(i => (i.DataReleaseId, i.ItemKey)));
        Assert.Equal([AuditEventKind.VehicleStatusFileWritten, AuditEventKind.StoreCertificateFileWritten, AuditEventKind.StoreCertificateFileWritten,
            AuditEventKind.StoreCertificateFileWritten], await db.AuditEvents.OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal(["jnks.csv", "store1.csv", "store2.csv", "store3.csv"], Directory.GetFiles(c.Dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task WriteStoreCertificateData_ClerkWithoutExportRight_RefusedNoFile()
    {
        await using var c = await CertificateCity.CreateAsync(StoreProvider.Sqlite);
        await using var db = c.Store.Open();
        await Assert.ThrowsAsync<App.Security.AccessDeniedException>(() =>
            new CertificateFiles(db, CertificateCity.Clock()).WriteStoreCertificateDataAsync(c.Clerk, Path.Combine(c.Dir, "x.csv"), false));
        Assert.Empty(Directory.GetFiles(c.Dir));
        Assert.Equal(0, await db.TransferItems.CountAsync());
    }

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932);
    }
}
