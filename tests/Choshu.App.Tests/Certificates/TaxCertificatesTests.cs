using Choshu.App.Certificates;
using Choshu.Data;
using Choshu.Data.Documents;
using Choshu.Domain;
using Choshu.Domain.Certificates;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Tests.Certificates;

/// <summary>Certificates at the counter, on <see cref="CertificateCity"/> (one store for the class; the vehicle test is the only one that pays).</summary>
public sealed class TaxCertificatesTests(TaxCertificatesTests.City city) : IClassFixture<TaxCertificatesTests.City>
{
    public sealed class City : IAsyncLifetime
    {
        public CertificateCity Data { get; private set; } = null!;
        public async Task InitializeAsync() => Data = await CertificateCity.CreateAsync(StoreProvider.Postgres);
        public async Task DisposeAsync() => await Data.DisposeAsync();
    }

    private CertificateCity C => city.Data;

    private static CertificateOrder Order(string no, CertificateKind kind, params int[] years) =>
        new(no, kind, years, null, 1, CertificateRequester.Self, null);

    [Fact]
    public async Task IssueAsync_NoArrearsWithOneUnpaidInstallment_RefusedInJapaneseNothingRecorded()
    {
        await using var db = C.Store.Open();
        var before = await db.Certificates.CountAsync(c => c.TaxpayerId == db.Taxpayers.Single(t => t.TaxpayerNo == "2000000001").Id && c.Kind == CertificateKind.NoArrears);

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            new TaxCertificates(db, CertificateCity.Clock()).IssueAsync(C.Clerk, Order("2000000001", CertificateKind.NoArrears, 2026), Stream.Null));

        Assert.Equal("certificate.arrears", ex.Code);
        Assert.Equal("未納の税額があるため、完納証明書は発行できません（市民税 2026年度 第2期）。納税額の証明書は発行できます。", ex.Message);
        Assert.Equal(before, await db.Certificates.CountAsync(c => c.Kind == CertificateKind.NoArrears));
    }

    [Fact]
    public async Task IssueAsync_AmountsOverThreeYears_ShowsExactlyTheUnpaidAmountLeavesOldPaidYearOutAndVerifies()
    {
        await using var db = C.Store.Open();
        var pdf = new MemoryStream();

        var issued = await new TaxCertificates(db, CertificateCity.Clock()).IssueAsync(C.Clerk,
            new CertificateOrder("2000000001", CertificateKind.Amounts, [2022, 2024, 2026], null, 2, CertificateRequester.AgentWithLetter, "代理 三郎"), pdf);

        // 2022 (法定納期限 2022-06-30, fiscal year 2022, before 2023, paid) is left out; 2024 and 2026 are stated.
        var c = issued.Content;
        Assert.Equal(2023, c.FirstYear);
        Assert.Equal([("02", 2024, 40_000L, 40_000L, 0L), ("01", 2026, 55_000L, 30_000L, 25_000L)],
            c.Lines.Select(l => (l.TaxKindCode, l.FiscalYear, l.Amount, l.Paid, l.Unpaid)));
        Assert.Equal([2022], c.Omitted.Select(o => o.FiscalYear));
        Assert.Equal(
        [
            "固定資産税 令和6年度 税額 40,000円 納付済額 40,000円 未納額 なし",
            "市民税 令和8年度 税額 55,000円 納付済額 30,000円 未納額 25,000円",
        ], issued.PrintedLines);
        Assert.Equal((2, 600L, 2), (issued.Copies, issued.Fee, issued.Pages)); // 300 yen a copy (default setting)

        var text = Poppler.Text(pdf.ToArray(), page: 1);
        foreach (var expected in new[] { "納税証明書", "田上 一郎", "鹿児島県鹿児島市田上1-2-3", "令和6年度", "令和8年度", "40,000円", "55,000円", "30,000円",
                     "25,000円", "令和8年12月7日", "令和4年度は", "上記のとおり相違ないことを証明します。", "鹿児島市長", VerificationNumber.Format(issued.VerificationNo) })
            Assert.Contains(expected, text);
        Assert.DoesNotContain("⽉", text);

        var row = await db.Certificates.SingleAsync(x => x.Id == issued.CertificateId);
        Assert.Equal((CertificateKind.Amounts, CertificateCity.Today, "2024,2026", 2, CertificateRequester.AgentWithLetter, "代理 三郎", 600L),
            (row.Kind, row.IssuedOn, row.Years, row.Copies, row.Requester, row.RequesterName, row.Fee));
        var doc = await db.IssuedDocuments.SingleAsync(d => d.Id == issued.DocumentId);
        Assert.Equal(IssuedDocumentKinds.Certificate, doc.Kind);
        Assert.Equal(AuditEventKind.CertificateIssued, (await db.AuditEvents.OrderBy(e => e.Id).LastAsync(e => e.Kind == AuditEventKind.CertificateIssued)).Kind);

        var verified = await new TaxCertificates(db, CertificateCity.Clock()).VerifyAsync(C.Clerk, VerificationNumber.Format(issued.VerificationNo));
        Assert.NotNull(verified);
        Assert.Equal((issued.DocumentId, "2000000001", "田上 一郎", CertificateCity.Today), (verified.DocumentId, verified.TaxpayerNo, verified.Name, verified.IssuedOn));
        Assert.Equal([("市民税", 2026, 55_000L, 30_000L, 25_000L)], verified.Lines.Where(l => l.FiscalYear == 2026).Select(l => (l.TaxKindName, l.FiscalYear, l.Amount, l.Paid, l.Unpaid)));
        Assert.Equal(AuditEventKind.CertificateVerified, (await db.AuditEvents.OrderBy(e => e.Id).LastAsync()).Kind);
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "choshu-certificate-sample.pdf"), pdf.ToArray());
    }

    [Fact]
    public async Task IssueAsync_VehicleWithStorePaymentPending_RefusedThenIssuedFreeAfterThePayment()
    {
        await using var db = C.Store.Open();
        var order = new CertificateOrder("2000000002", CertificateKind.Vehicle, [2026], " 鹿児島480あ 1234 ", 1, CertificateRequester.Self, null);

        var ex = await Assert.ThrowsAsync<DomainException>(() => new TaxCertificates(db, CertificateCity.Clock()).IssueAsync(C.Clerk, order, Stream.Null));
        Assert.Equal("certificate.vehicle_unpaid", ex.Code);
        Assert.Equal("車両番号 鹿児島480あ1234 の軽自動車税（種別割）に未納があるため、継続検査用の証明書は発行できません（軽自動車税 2026年度 第1期）。"
            + "コンビニ納付の速報（10,800円）は収納の確認前です。領収証書で確認してください。", ex.Message);

        await C.ConfirmVehiclePaymentAsync();
        var pdf = new MemoryStream();
        var issued = await new TaxCertificates(db, CertificateCity.Clock()).IssueAsync(C.Clerk, order, pdf);

        var line = Assert.Single(issued.Content.Lines);
        Assert.Equal((2026, 10_800L, 10_800L, 0L, true, CertificateCity.Vehicle), (line.FiscalYear, line.Amount, line.Paid, line.Unpaid, line.PaidToday, line.VehicleNo));
        Assert.Equal(0, issued.Fee);
        var text = Poppler.Text(pdf.ToArray(), page: 1);
        Assert.Contains("継続検査用", text);
        Assert.Contains("鹿児島480あ1234", text);
        Assert.Contains("令和8年12月7日収納分を含む", text);
    }

    [Fact]
    public async Task VerifyAsync_NumberNeverIssuedOrMistyped_NullOrRefused()
    {
        await using var db = C.Store.Open();
        var certificates = new TaxCertificates(db, CertificateCity.Clock());
        // 000000000000000 with its Luhn check digit 0: a well-formed number nobody was given (issued numbers never start with 0).
        Assert.Null(await certificates.VerifyAsync(C.Clerk, "0000-0000-0000-0000"));
        var ex = await Assert.ThrowsAsync<DomainException>(() => certificates.VerifyAsync(C.Clerk, "0000-0000-0000-0001"));
        Assert.Equal("certificate.number_invalid", ex.Code);
    }

    [Fact]
    public async Task IssueAsync_ExporterWithoutTheRight_RefusedAudited()
    {
        await using var db = C.Store.Open();
        await Assert.ThrowsAsync<App.Security.AccessDeniedException>(() =>
            new TaxCertificates(db, CertificateCity.Clock()).IssueAsync(C.Exporter, Order("2000000001", CertificateKind.Amounts, 2026), Stream.Null));
        Assert.Equal(AuditEventKind.AccessDenied, (await db.AuditEvents.OrderBy(e => e.Id).LastAsync()).Kind);
    }
}
