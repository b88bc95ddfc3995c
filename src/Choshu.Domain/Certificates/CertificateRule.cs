using Choshu.Domain.Assessments;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;

namespace Choshu.Domain.Certificates;

/// <summary>One claim (installment) as the certificate rule reads it: what it is, its ledger (money and events) and
/// the store payments reported (速報) but not yet booked on it.</summary>
public sealed record CertificateClaim(
    long InstallmentId,
    string TaxKindCode,
    string TaxKindName,
    int FiscalYear,
    string NoticeNo,
    short Period,
    string? VehicleNo,
    InstallmentLedger Ledger,
    long PendingStoreAmount);

/// <summary>What is asked: the kind, the fiscal years (調定年度) to print, the vehicle (for <see cref="CertificateKind.Vehicle"/>)
/// and the day of the request.</summary>
public sealed record CertificateRequest(CertificateKind Kind, IReadOnlyList<int> Years, string? VehicleNo, DateOnly On);

/// <summary>One line of a certificate: one tax kind and fiscal year.</summary>
/// <param name="Amount">税額: principal as fixed (charges and amendments).</param>
/// <param name="Paid">納付済額: money applied to the principal (payments and appropriations).</param>
/// <param name="Unpaid">未納額: principal still owed (0 = 未納なし).</param>
/// <param name="FeesUnpaid">督促手数料 and booked 延滞金 still owed.</param>
/// <param name="EnforcementTaken">A seizure or claim for distribution (滞納処分) was taken on a claim of the line.</param>
/// <param name="PendingStoreAmount">コンビニ納付の速報 received but not yet confirmed (not counted as paid).</param>
/// <param name="PaidToday">Money dated the day of the request is among <paramref name="Paid"/>.</param>
public sealed record CertificateLine(
    string TaxKindCode,
    string TaxKindName,
    int FiscalYear,
    long Amount,
    long Paid,
    long Unpaid,
    long FeesUnpaid,
    bool EnforcementTaken,
    long PendingStoreAmount,
    bool PaidToday,
    string? VehicleNo);

/// <summary>Why a requested year is not on a certificate.</summary>
public enum OmissionReason : short
{
    /// <summary>No assessment of that year (of the vehicle, for a vehicle certificate).</summary>
    NoAssessment = 1,
    /// <summary>Every claim of the year lies before the window and nothing is unpaid on it.</summary>
    OutsideWindow = 2,
}

/// <summary>A requested year that is not on the certificate, and why.</summary>
public sealed record CertificateOmission(int FiscalYear, OmissionReason Reason);

/// <summary>What a certificate states.</summary>
/// <param name="CoversUpTo">Money is counted as received up to and including this day (the day of the request).</param>
/// <param name="FirstYear">The first fiscal year of the window (the year containing the day 3 years before the request).</param>
public sealed record CertificateContent(
    CertificateKind Kind,
    DateOnly On,
    DateOnly CoversUpTo,
    int FirstYear,
    IReadOnlyList<CertificateLine> Lines,
    IReadOnlyList<CertificateOmission> Omitted,
    string? VehicleNo)
{
    public long TotalAmount => Lines.Sum(l => l.Amount);
    public long TotalPaid => Lines.Sum(l => l.Paid);
    public long TotalUnpaid => Lines.Sum(l => l.Unpaid);
}

/// <summary>
/// The one rule of what a 納税証明書 states (地方税法20条の10, 施行令6条の21; domain.md §11), pure: per tax kind and fiscal
/// year the amount fixed, paid and unpaid (or that nothing is unpaid) and whether enforcement was taken, all read from
/// each claim's <see cref="InstallmentLedger"/> and <see cref="ClaimStatus.Of"/> (no second balance). Only years the law
/// allows: a claim counts when the fiscal year of its 法定納期限 is on or after the year containing the day 3 years before
/// the request; an older claim only while something is unpaid on it. Refusals are <see cref="DomainException"/>s in
/// Japanese: 完納 while anything is in arrears, 滞納処分なし when a seizure or claim for distribution was taken in the
/// window, a vehicle certificate while any 軽自動車税 of that vehicle is unpaid (a 速報 not yet confirmed counts as unpaid).
/// </summary>
public static class CertificateRule
{
    /// <summary>Years back the certificate may reach (施行令6条の21: 3 years).</summary>
    public const int WindowYears = 3;

    /// <summary>The fiscal year (年度, April to March) a day falls in.</summary>
    public static int FiscalYearOf(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;

    /// <summary>The first fiscal year of the window: the year containing the day 3 years before <paramref name="on"/>.</summary>
    public static int FirstYear(DateOnly on) => FiscalYearOf(on.AddYears(-WindowYears));

    /// <summary>Whether a claim is within what a certificate requested on <paramref name="on"/> may state.</summary>
    public static bool InWindow(CertificateClaim claim, DateOnly on) =>
        FiscalYearOf(claim.Ledger.Dates.StatutoryDueDate) >= FirstYear(on) || Unpaid(claim) > 0;

    /// <summary>A seizure or claim for distribution in force on the claim, begun on or before <paramref name="on"/>.</summary>
    public static bool EnforcementTaken(CertificateClaim claim, DateOnly on) =>
        ClaimEvent.InForce(claim.Ledger.Events).Any(e => e.Kind is ClaimEventKind.Seizure or ClaimEventKind.ClaimForDistribution && e.On <= on);

    public static CertificateContent Compute(CertificateRequest request, IReadOnlyList<CertificateClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(claims);
        var on = request.On;
        var first = FirstYear(on);
        var years = request.Years.Distinct().Order().ToList();
        if (years.Count == 0) throw new DomainException("certificate.no_years", "証明する年度を1つ以上指定してください。");

        IReadOnlyList<CertificateClaim> scope = claims;
        string? vehicle = null;
        switch (request.Kind)
        {
            case CertificateKind.NoArrears:
                var arrears = claims.Where(c => ClaimStatus.Of(c.Ledger, on).InArrears).ToList();
                if (arrears.Count > 0)
                    throw new DomainException("certificate.arrears",
                        $"未納の税額があるため、完納証明書は発行できません（{Describe(arrears)}）。納税額の証明書は発行できます。");
                break;
            case CertificateKind.NoEnforcement:
                var enforced = claims.Where(c => InWindow(c, on) && EnforcementTaken(c, on)).ToList();
                if (enforced.Count > 0)
                    throw new DomainException("certificate.enforcement",
                        $"{first}年度以降に滞納処分（差押・交付要求）を受けているため、滞納処分を受けたことがない旨の証明書は発行できません（{Describe(enforced)}）。");
                break;
            case CertificateKind.Vehicle:
                vehicle = NormalizeVehicleNo(request.VehicleNo);
                if (vehicle is null)
                    throw new DomainException("certificate.vehicle_missing", "継続検査用の証明書には車両番号（標識番号）を指定してください。");
                scope = VehicleClaims(claims, vehicle);
                if (scope.Count == 0)
                    throw new DomainException("certificate.vehicle_unknown", $"車両番号 {vehicle} の軽自動車税（種別割）の課税はありません。");
                var unpaid = VehicleUnpaid(scope, on);
                if (unpaid.Count > 0)
                {
                    var pending = unpaid.Sum(c => c.PendingStoreAmount);
                    throw new DomainException("certificate.vehicle_unpaid",
                        $"車両番号 {vehicle} の軽自動車税（種別割）に未納があるため、継続検査用の証明書は発行できません（{Describe(unpaid)}）。"
                        + (pending > 0 ? $"コンビニ納付の速報（{pending:#,0}円）は収納の確認前です。領収証書で確認してください。" : ""));
                }
                break;
            case CertificateKind.Amounts:
                break;
            default:
                throw new DomainException("certificate.kind", $"証明書の種類（{(int)request.Kind}）が正しくありません。");
        }

        var lines = new List<CertificateLine>();
        var omitted = new List<CertificateOmission>();
        foreach (var year in years)
        {
            var ofYear = scope.Where(c => c.FiscalYear == year).ToList();
            if (ofYear.Count == 0)
            {
                omitted.Add(new(year, OmissionReason.NoAssessment));
                continue;
            }
            var inWindow = ofYear.Where(c => InWindow(c, on)).ToList();
            if (inWindow.Count == 0)
            {
                omitted.Add(new(year, OmissionReason.OutsideWindow));
                continue;
            }
            foreach (var kind in inWindow.GroupBy(c => c.TaxKindCode).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var list = kind.ToList();
                lines.Add(new CertificateLine(
                    kind.Key,
                    list[0].TaxKindName,
                    year,
                    list.Sum(c => c.Ledger.Principal),
                    list.Sum(c => c.Ledger.PrincipalPaid),
                    list.Sum(Unpaid),
                    list.Sum(c => Math.Max(0, c.Ledger.ReminderFeeBalance + c.Ledger.LateFeeBalance)),
                    list.Any(c => EnforcementTaken(c, on)),
                    list.Sum(c => c.PendingStoreAmount),
                    list.Any(c => c.Ledger.PrincipalPayments.Any(p => p.PaidOn == on)),
                    vehicle));
            }
        }
        if (lines.Count == 0)
            throw new DomainException("certificate.nothing", "指定の年度に証明できる課税がありません（" +
                string.Join("、", omitted.Select(o => $"{o.FiscalYear}年度: " + (o.Reason == OmissionReason.NoAssessment
                    ? "課税なし" : $"証明できる期間（{first}年度以降。それより前は未納のあるものに限る）の外"))) + "）。");
        return new CertificateContent(request.Kind, on, on, first, lines, omitted, vehicle);
    }

    /// <summary>
    /// A taxpayer's whole position on <paramref name="on"/> as a certificate could state it (the コンビニ交付 file): every line of
    /// every year the window allows, whether nothing is in arrears (a 完納 certificate could be issued) and whether no enforcement
    /// was taken in the window. The same <see cref="Compute"/>; no lines when nothing is left to certify.
    /// </summary>
    public static (IReadOnlyList<CertificateLine> Lines, bool NoArrears, bool NoEnforcement) Standing(IReadOnlyList<CertificateClaim> claims, DateOnly on)
    {
        var years = claims.Select(c => c.FiscalYear).Distinct().ToList();
        IReadOnlyList<CertificateLine> lines = [];
        if (years.Count > 0)
        {
            try { lines = Compute(new CertificateRequest(CertificateKind.Amounts, years, null, on), claims).Lines; }
            catch (DomainException ex) when (ex.Code == "certificate.nothing") { }
        }
        return (lines, !claims.Any(c => ClaimStatus.Of(c.Ledger, on).InArrears), !claims.Any(c => InWindow(c, on) && EnforcementTaken(c, on)));
    }

    /// <summary>The 軽自動車税（種別割） claims of one vehicle (numbers compared by <see cref="NormalizeVehicleNo"/>).</summary>
    public static IReadOnlyList<CertificateClaim> VehicleClaims(IEnumerable<CertificateClaim> claims, string vehicleNo)
    {
        var no = NormalizeVehicleNo(vehicleNo);
        return claims.Where(c => c.TaxKindCode == TaxKindCodes.LightVehicleTax && no is not null && NormalizeVehicleNo(c.VehicleNo) == no).ToList();
    }

    /// <summary>
    /// The claims of a vehicle that stop its inspection certificate on <paramref name="on"/>: something unpaid whose right to collect
    /// has not ended (a 速報 not yet confirmed is not a payment). Empty: the vehicle's tax is paid. The 軽JNKS file asks the same.
    /// </summary>
    public static IReadOnlyList<CertificateClaim> VehicleUnpaid(IEnumerable<CertificateClaim> vehicleClaims, DateOnly on) =>
        vehicleClaims.Where(c => Unpaid(c) > 0 && !ClaimStatus.Of(c.Ledger, on).Extinguished).ToList();

    /// <summary>本税 still unpaid on the claim (never negative).</summary>
    public static long Unpaid(CertificateClaim claim) => Math.Max(0, claim.Ledger.PrincipalBalance);

    /// <summary>A vehicle number compared without spaces (ASCII and full-width), or null when empty.</summary>
    public static string? NormalizeVehicleNo(string? no)
    {
        if (string.IsNullOrWhiteSpace(no)) return null;
        var s = new string(no.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray());
        return s.Length == 0 ? null : s;
    }

    private static string Describe(IEnumerable<CertificateClaim> claims) =>
        string.Join("、", claims.Take(3).Select(c => $"{c.TaxKindName} {c.FiscalYear}年度 第{c.Period}期")) + (claims.Count() > 3 ? " ほか" : "");
}
