using System.Security.Cryptography;
using Choshu.App.Releases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Privacy;
using Choshu.Domain;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Tests.Releases;

/// <summary>
/// 移転 of 収納状況情報 (seed II-5 移転先1 市民税課, 移転先2 資産税課): only the recipient's tax kind, only the items its
/// stated use needs (no My Number, no name or address), each transfer recorded and audited. Data: <see cref="ReleaseFixture"/>.
/// </summary>
public class PaymentStatusTransferTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Postgres, StoreProvider.Sqlite };

    [Theory, MemberData(nameof(Providers))]
    public async Task TransferAsync_ToInhabitantTaxDivision_OnlyInhabitantTaxOfTheYearWithAllowedItems(StoreProvider provider)
    {
        await using var f = await ReleaseFixture.CreateAsync(provider);
        await using var db = f.Store.Open();
        var path = f.PathOf("shiminzei-2026.csv");

        var receipt = await PaymentStatusTransfer.TransferAsync(db, f.Exporter, TransferRecipient.InhabitantTaxDivision, 2026, path, ReleaseFixture.Clock());

        var bytes = await File.ReadAllBytesAsync(path);
        // 1000000002's first payment (2026-06-20) was reversed: paid in full on 2026-07-15, after the due date.
        Assert.Equal(
        [
            "宛名番号,調定年度,通知書番号,期別,納期限,本税額,収納済額,未納額,完納日,納期内完納",
            "1000000001,2026,2026010000001,1,2026-06-30,60000,15000,45000,,0",
            "1000000001,2026,2026010000001,2,2026-08-31,45000,45000,0,2026-08-31,1",
            "1000000001,2026,2026010000001,3,2026-10-30,45000,45000,0,2026-11-24,0",
            "1000000001,2026,2026010000001,4,2027-01-04,45000,0,45000,,0",
            "1000000002,2026,2026010000002,1,2026-06-30,30000,30000,0,2026-07-15,0",
        ], ReleaseFixture.Lines(bytes));
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal((5, sha), (receipt.RowCount, receipt.Sha256));

        var r = await db.DataReleases.SingleAsync();
        Assert.Equal((DataReleaseKind.Transfer, "payment-status:01:2026", "市民税課", "宛名番号,調定年度,通知書番号,期別,納期限,本税額,収納済額,未納額,完納日,納期内完納", 5, sha),
            (r.Kind, r.Content, r.Recipient, r.Items, r.RowCount, r.Sha256));
        Assert.Equal((new DateTime(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc), "800001"), (r.AtUtc, r.ActorName));
        Assert.Equal(TransferRecipient.InhabitantTaxDivision.Use, r.Purpose);
        var e = await db.AuditEvents.SingleAsync();
        Assert.Equal((AuditEventKind.DataTransferred, "800001", TransferRecipient.InhabitantTaxDivision.Use), (e.Kind, e.ActorName, e.Purpose));
        Assert.Contains($"受領者=市民税課 ファイル=shiminzei-2026.csv 件数=5 SHA-256={sha}", e.Detail);
    }

    [Fact]
    public async Task TransferAsync_ToPropertyTaxDivision_OnlyFixedAssetTax()
    {
        await using var f = await ReleaseFixture.CreateAsync(StoreProvider.Postgres);
        await using var db = f.Store.Open();
        var path = f.PathOf("shisanzei-2026.csv");

        await PaymentStatusTransfer.TransferAsync(db, f.Exporter, TransferRecipient.PropertyTaxDivision, 2026, path, ReleaseFixture.Clock());

        Assert.Equal(
        [
            "宛名番号,調定年度,相当年度,通知書番号,期別,納期限,本税額,収納済額,未納額,完納日",
            "1000000001,2026,2026,2026020000001,1,2026-04-30,100000,100000,0,2026-04-30",
        ], ReleaseFixture.Lines(await File.ReadAllBytesAsync(path)));
        var r = await db.DataReleases.SingleAsync();
        Assert.Equal(("資産税課", "payment-status:02:2026", 1), (r.Recipient, r.Content, r.RowCount));
    }

    [Fact]
    public void Recipients_ItemsHoldNoMyNumberNameOrAddress()
    {
        foreach (var to in TransferRecipient.All)
        {
            Assert.DoesNotContain(to.Items, i => i.Contains("個人番号") || i.Contains("氏名") || i.Contains("住所") || i.Contains("生年月日") || i.Contains("口座"));
            Assert.Contains("条例第3条", to.Use);
        }
        Assert.Equal(["市民税課", "資産税課"], TransferRecipient.All.Select(r => r.Name));
    }

    [Fact]
    public void Parse_AnyOtherDepartment_Refused()
    {
        var ex = Assert.Throws<DomainException>(() => TransferRecipient.Parse("総務課"));
        Assert.Equal("transfer.recipient_unknown", ex.Code);
        Assert.Same(TransferRecipient.PropertyTaxDivision, TransferRecipient.Parse(" 資産税課 "));
    }

    [Fact]
    public async Task TransferAsync_CollectionClerk_RefusedAuditedNothingWritten()
    {
        await using var f = await ReleaseFixture.CreateAsync(StoreProvider.Postgres);
        await using var db = f.Store.Open();

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            PaymentStatusTransfer.TransferAsync(db, f.Clerk, TransferRecipient.InhabitantTaxDivision, 2026, f.PathOf("x.csv"), ReleaseFixture.Clock()));

        Assert.Empty(Directory.GetFiles(f.Dir));
        Assert.Equal(0, await db.DataReleases.CountAsync());
        var e = await db.AuditEvents.SingleAsync();
        Assert.Equal((AuditEventKind.AccessDenied, "ExportData: 移転 payment-status:01:2026 → 市民税課"), (e.Kind, e.Detail));
    }

    [Fact]
    public void TryParseContent_RoundTripsTaxKindAndYear()
    {
        Assert.True(PaymentStatusTransfer.TryParseContent(PaymentStatusTransfer.Content(TransferRecipient.PropertyTaxDivision, 2025), out var kind, out var year));
        Assert.Equal(("02", 2025), (kind, year));
        Assert.False(PaymentStatusTransfer.TryParseContent("arrears-list:2026-11-20", out _, out _));
    }
}
