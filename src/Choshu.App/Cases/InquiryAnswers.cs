using Choshu.Data;
using Choshu.Domain.Cases;
using Choshu.Domain.Labels;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>
/// One answered asset (a row of <c>inquiry_answers</c>) with the inquiry, case and target it came from. <see cref="AnswerId"/> is what a
/// seizure names ("the deposit of answer X"); <see cref="AccountNo"/> is for the seizure notice only — never log it (use
/// <see cref="Description"/>, which masks it).
/// </summary>
public sealed record AnsweredAsset(
    long AnswerId, long InquiryId, long CaseId, long TaxpayerId, string TaxpayerNo, long TargetId, string TargetName, InquiryAssetKind AssetKind,
    DateOnly AnsweredOn, string Source, DateOnly? AsOf,
    string? BankCode, string? BranchCode, short? AccountType, string? AccountNo, string? Holder, long? Balance,
    string? Payer, long? Gross, long? Deductions, short? PayDay, string? PolicyNo, long? SurrenderValue,
    string? Location, string? PropertyKind, string? Area, string? OwnerShare, string? Note, string Description)
{
    public string AssetKindName => JapaneseLabels.Of(AssetKind);

    /// <summary>The amount the answer puts on the asset: the balance, the gross pay, the surrender value; null for real estate or none.</summary>
    public long? Amount => AssetKind switch
    {
        InquiryAssetKind.Deposit => Balance,
        InquiryAssetKind.Salary or InquiryAssetKind.Pension => Gross,
        InquiryAssetKind.Policy => SurrenderValue,
        _ => null,
    };
}

/// <summary>
/// The answered assets of a case or a taxpayer (財産調査の回答), for the case file and for a seizure: the seizure helper takes
/// <see cref="AnsweredAsset.AnswerId"/> (table <c>inquiry_answers</c>, entity <c>Choshu.Data.Cases.InquiryAnswer</c>) of a deposit and seizes it.
/// Reading only, unaudited: the caller audits its read (the case file through the personal-data gate, a seizure as its case update).
/// 該当なし answers are left out unless asked for.
/// </summary>
public sealed class InquiryAnswers(ChoshuDbContext db)
{
    public Task<List<AnsweredAsset>> ForCaseAsync(long caseId, bool includeNone = false, CancellationToken ct = default) =>
        QueryAsync(caseId, null, null, includeNone, ct);

    public Task<List<AnsweredAsset>> ForTaxpayerAsync(long taxpayerId, bool includeNone = false, CancellationToken ct = default) =>
        QueryAsync(null, taxpayerId, null, includeNone, ct);

    /// <summary>One answer by its id, or null.</summary>
    public async Task<AnsweredAsset?> FindAsync(long answerId, CancellationToken ct = default) =>
        (await QueryAsync(null, null, answerId, includeNone: true, ct)).SingleOrDefault();

    private async Task<List<AnsweredAsset>> QueryAsync(long? caseId, long? taxpayerId, long? answerId, bool includeNone, CancellationToken ct)
    {
        var rows = await (from a in db.InquiryAnswers.AsNoTracking()
                          join i in db.Inquiries on a.InquiryId equals i.Id
                          join t in db.Taxpayers on a.TaxpayerId equals t.Id
                          join g in db.InquiryTargets on i.TargetId equals g.Id
                          where (caseId == null || i.CaseId == caseId) && (taxpayerId == null || a.TaxpayerId == taxpayerId) && (answerId == null || a.Id == answerId)
                              && (includeNone || a.AssetKind != InquiryAssetKind.None)
                          select new { a, i.CaseId, t.TaxpayerNo, g }).ToListAsync(ct);
        return rows.OrderBy(x => x.a.Id).Select(x => new AnsweredAsset(x.a.Id, x.a.InquiryId, x.CaseId, x.a.TaxpayerId, x.TaxpayerNo, x.g.Id, Inquiries.Line(x.g).Display,
            x.a.AssetKind, x.a.AnsweredOn, x.a.Source, x.a.AsOf, x.a.BankCode, x.a.BranchCode, x.a.AccountType, x.a.AccountNo, x.a.Holder, x.a.Balance,
            x.a.Payer, x.a.Gross, x.a.Deductions, x.a.PayDay, x.a.PolicyNo, x.a.SurrenderValue, x.a.Location, x.a.PropertyKind, x.a.Area, x.a.OwnerShare,
            x.a.Note, Inquiries.Describe(x.a))).ToList();
    }
}
