using Choshu.Domain.Certificates;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;

namespace Choshu.Domain.Tests.Certificates;

/// <summary>The certificate rule on claims written by hand (request day 2026-12-07 unless said: window from fiscal year 2023).</summary>
public class CertificateRuleTests
{
    private static readonly DateOnly On = new(2026, 12, 7);
    private static readonly DateTime At = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static long _id;

    private static CertificateClaim Claim(string kind, int year, DateOnly due, long principal, long paid, ClaimEvent[]? events = null, string? vehicle = null)
    {
        var id = ++_id;
        var lines = new List<LedgerLine> { new(id * 10, JournalEntryKind.Charge, LedgerComponent.Principal, principal, new DateOnly(year, 4, 1), null) };
        if (paid > 0) lines.Add(new(id * 10 + 1, JournalEntryKind.Payment, LedgerComponent.Principal, -paid, due, null));
        return new CertificateClaim(id, kind, kind == "03" ? "軽自動車税" : kind == "02" ? "固定資産税" : "市民税", year, $"{year}{kind}0000001", 1, vehicle,
            InstallmentLedger.From(ClaimDates.Ordinary(due), lines, events ?? []), 0);
    }

    [Theory]
    [InlineData("2026-12-07", 2023)]
    [InlineData("2026-04-01", 2023)] // 2023-04-01 is in fiscal year 2023
    [InlineData("2026-03-31", 2022)] // 2023-03-31 is in fiscal year 2022
    public void FirstYear_RequestDay_FiscalYearContainingThreeYearsBefore(string on, int first) =>
        Assert.Equal(first, CertificateRule.FirstYear(DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Compute_OldYearPaidAndOldYearUnpaid_PaidLeftOutUnpaidStated()
    {
        var claims = new[]
        {
            Claim("01", 2021, new DateOnly(2021, 6, 30), 10_000, 10_000), // fiscal year 2021, paid: left out
            Claim("02", 2022, new DateOnly(2022, 4, 30), 30_000, 12_000), // fiscal year 2022, 18,000 unpaid: stated
            Claim("02", 2023, new DateOnly(2023, 5, 1), 31_000, 31_000),  // in the window
        };

        var c = CertificateRule.Compute(new CertificateRequest(CertificateKind.Amounts, [2021, 2022, 2023, 2024], null, On), claims);

        Assert.Equal([(2022, 30_000L, 12_000L, 18_000L), (2023, 31_000L, 31_000L, 0L)], c.Lines.Select(l => (l.FiscalYear, l.Amount, l.Paid, l.Unpaid)));
        Assert.Equal([(2021, OmissionReason.OutsideWindow), (2024, OmissionReason.NoAssessment)], c.Omitted.Select(o => (o.FiscalYear, o.Reason)));
    }

    [Fact]
    public void Compute_NoEnforcementAfterASeizureInTheWindow_Refused()
    {
        var seizure = ClaimEvent.Create(1, ClaimEventKind.Seizure, new DateOnly(2025, 9, 1), "t", At, endsOn: new DateOnly(2025, 12, 1));
        var claims = new[] { Claim("01", 2025, new DateOnly(2025, 6, 30), 20_000, 20_000, [seizure]) };

        var ex = Assert.Throws<DomainException>(() => CertificateRule.Compute(new CertificateRequest(CertificateKind.NoEnforcement, [2025], null, On), claims));

        Assert.Equal("certificate.enforcement", ex.Code);
        Assert.True(CertificateRule.Compute(new CertificateRequest(CertificateKind.Amounts, [2025], null, On), claims).Lines[0].EnforcementTaken);
    }

    [Fact]
    public void Compute_VehicleOtherVehicleUnpaid_IssuedForThePaidVehicleOnly()
    {
        var claims = new[]
        {
            Claim("03", 2026, new DateOnly(2026, 6, 1), 10_800, 10_800, vehicle: "鹿児島480あ1234"),
            Claim("03", 2026, new DateOnly(2026, 6, 1), 7_200, 0, vehicle: "鹿児島480い5678"),
        };

        var c = CertificateRule.Compute(new CertificateRequest(CertificateKind.Vehicle, [2026], "鹿児島480あ１２３４", On), claims);

        Assert.Equal([(10_800L, 0L, "鹿児島480あ1234")], c.Lines.Select(l => (l.Paid, l.Unpaid, l.VehicleNo)));
        var ex = Assert.Throws<DomainException>(() => CertificateRule.Compute(new CertificateRequest(CertificateKind.Vehicle, [2026], "鹿児島480い5678", On), claims));
        Assert.Equal("certificate.vehicle_unpaid", ex.Code);
    }

    [Fact]
    public void VerificationNumber_New_SixteenDigitsWithValidCheckDigit()
    {
        var n = VerificationNumber.New();
        Assert.Equal(16, n.Length);
        Assert.True(VerificationNumber.TryParse(VerificationNumber.Format(n), out var back));
        Assert.Equal(n, back);
        var wrong = n[..15] + (char)('0' + (n[15] - '0' + 1) % 10);
        Assert.False(VerificationNumber.TryParse(wrong, out _));
    }
}
