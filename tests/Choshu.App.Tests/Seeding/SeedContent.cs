using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Choshu.App.Seeding;
using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Data.Taxpayers;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Tests.Seeding;

/// <summary>
/// The rows of a synthetic city, from a store or straight from the generator, and a canonical digest of
/// them: every column except surrogate ids and recorded-at timestamps, rows ordered by business key
/// (taxpayer number; tax kind, fiscal year, notice number, period; taxpayer, tax kind and start of a
/// direct-debit registration).
/// </summary>
public sealed record SeedContent(
    IReadOnlyList<Taxpayer> Taxpayers,
    IReadOnlyList<TaxpayerVersion> Versions,
    IReadOnlyList<TaxpayerMyNumber> MyNumbers,
    IReadOnlyList<TaxAgent> Agents,
    IReadOnlyList<Assessment> Assessments,
    IReadOnlyList<Installment> Installments,
    IReadOnlyList<JournalEntry> Journal,
    IReadOnlyList<DirectDebitAccount> DebitAccounts)
{
    /// <summary>
    /// The store's rows. My Numbers are opened with <paramref name="vault"/> and given back as the generator
    /// makes them (the digits, KeyVersion 0, no blind index), so a digest compares the numbers, not their
    /// ciphertexts (which differ on every seal).
    /// </summary>
    public static async Task<SeedContent> LoadAsync(ChoshuDbContext db, Choshu.App.Privacy.MyNumberVault vault) => new(
        await db.Taxpayers.AsNoTracking().ToListAsync(),
        await db.TaxpayerVersions.AsNoTracking().ToListAsync(),
        (await db.TaxpayerMyNumbers.AsNoTracking().ToListAsync())
            .Select(m => new TaxpayerMyNumber { TaxpayerId = m.TaxpayerId, Value = vault.Reveal(m).Reveal(), KeyVersion = 0, UpdatedAtUtc = m.UpdatedAtUtc })
            .ToList(),
        await db.TaxAgents.AsNoTracking().ToListAsync(),
        await db.Assessments.AsNoTracking().ToListAsync(),
        await db.Installments.AsNoTracking().ToListAsync(),
        await db.JournalEntries.AsNoTracking().ToListAsync(),
        await db.DirectDebitAccounts.AsNoTracking().ToListAsync());

    public static SeedContent From(IEnumerable<SeedChunk> chunks)
    {
        var list = chunks.ToList();
        return new(
            list.SelectMany(c => c.Taxpayers).ToList(),
            list.SelectMany(c => c.TaxpayerVersions).ToList(),
            list.SelectMany(c => c.TaxpayerMyNumbers).ToList(),
            list.SelectMany(c => c.TaxAgents).ToList(),
            list.SelectMany(c => c.Assessments).ToList(),
            list.SelectMany(c => c.Installments).ToList(),
            list.SelectMany(c => c.JournalEntries).ToList(),
            list.SelectMany(c => c.DirectDebitAccounts).ToList());
    }

    public IReadOnlyDictionary<long, Taxpayer> TaxpayersById => Taxpayers.ToDictionary(t => t.Id);
    public IReadOnlyDictionary<long, Assessment> AssessmentsById => Assessments.ToDictionary(a => a.Id);
    public IReadOnlyDictionary<long, Installment> InstallmentsById => Installments.ToDictionary(i => i.Id);

    /// <summary>SHA-256 (hex) over the canonical lines.</summary>
    public string Digest()
    {
        var taxpayerNo = Taxpayers.ToDictionary(t => t.Id, t => t.TaxpayerNo);
        var assessments = AssessmentsById;
        var installments = Installments.ToDictionary(
            i => i.Id,
            i =>
            {
                var a = assessments[i.AssessmentId];
                return $"{a.TaxKindCode}|{a.FiscalYear}|{a.LiabilityYear}|{a.NoticeNo}|{i.Period}";
            });
        var lines = new List<string>();
        lines.AddRange(Taxpayers.OrderBy(t => t.TaxpayerNo, StringComparer.Ordinal).Select(t =>
            Line("T", t.TaxpayerNo, t.IntegratedNo, t.CorporateNumber, t.HistorySeq, t.EffectiveDate, Facts(t.Facts))));
        lines.AddRange(Versions.Select(v => Line("V", taxpayerNo[v.TaxpayerId], v.HistorySeq, v.EffectiveDate, Facts(v.Facts),
                v.CorporateNumber, v.MyNumberChanged, v.Source, v.Reason, v.ImportFileId, v.SourceLine, v.RecordedBy))
            .Order(StringComparer.Ordinal));
        lines.AddRange(MyNumbers.Select(m => Line("M", taxpayerNo[m.TaxpayerId], m.Value, m.KeyVersion)).Order(StringComparer.Ordinal));
        lines.AddRange(Agents.Select(a => Line("G", taxpayerNo[a.TaxpayerId], taxpayerNo[a.AgentTaxpayerId], a.TaxKindCode, a.AgentKind,
                a.RegisteredOn, a.CancelledOn, a.Reason, a.RecordedBy))
            .Order(StringComparer.Ordinal));
        lines.AddRange(Assessments.Select(a => Line("A", a.TaxKindCode, a.FiscalYear, a.LiabilityYear, a.NoticeNo, taxpayerNo[a.TaxpayerId]))
            .Order(StringComparer.Ordinal));
        lines.AddRange(Installments.Select(i => Line("I", installments[i.Id], i.NominalDueDate, i.DueDate)).Order(StringComparer.Ordinal));
        lines.AddRange(Journal.Select(j => Line("J", installments[j.InstallmentId], j.Kind, j.Component, j.Amount, j.ValueDate,
                j.Actor, j.ReasonCode, j.Comment, j.ReversesEntryId, j.PaymentId, j.ImportFileId, j.SourceLine, j.IdempotencyKey))
            .Order(StringComparer.Ordinal));
        lines.AddRange(DebitAccounts.Select(d => Line("D", taxpayerNo[d.TaxpayerId], d.TaxKindCode, d.StartsOn, d.EndsOn, d.BankCode, d.BranchCode,
                d.AccountType, d.AccountNo, d.HolderKana))
            .Order(StringComparer.Ordinal));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))));
    }

    private static string Facts(TaxpayerFacts f) => Line(f.PersonKind, f.NameKanji, f.NameKana, f.AliasKanji, f.AliasKana, f.BirthDate,
        f.Sex, f.HouseholdNo, f.ResidencyStatus, f.PostalCode, f.MunicipalityCode, f.TownName, f.StreetNumber, f.AddressSupplement,
        f.RepresentativeTitle, f.RepresentativeName, f.BranchCode, f.DistrictCode, f.MailReturned);

    private static string Line(params object?[] values) => string.Join("|", values.Select(v => v switch
    {
        null => "∅",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    }));
}
