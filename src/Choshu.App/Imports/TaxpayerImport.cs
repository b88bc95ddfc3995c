using Choshu.App.Privacy;
using Choshu.Data;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Identifiers;
using Choshu.Domain.Taxpayers;
using Choshu.Formats.Csv;
using Choshu.Formats.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Col = Choshu.Formats.Taxpayers.TaxpayerCsv.Column;

namespace Choshu.App.Imports;

/// <summary>
/// <c>choshu import taxpayers FILE</c>: taxpayer records (宛名) from the common platform, keyed by 宛名番号.
/// <list type="bullet">
/// <item>New 宛名番号 → a <see cref="Taxpayer"/>, its <see cref="TaxpayerVersion"/> 1 and, when given, its My Number.</item>
/// <item>Known and identical (facts, 法人番号, 団体内統合宛名番号, My Number) → nothing written.</item>
/// <item>Known and different → version seq+1 appended, the taxpayer row (and My Number row) updated to match.</item>
/// </list>
/// An optional column the file does not have keeps the stored value; a column that is there but
/// empty clears it. An empty 個人番号 keeps the stored My Number: a platform file may withhold it,
/// and a My Number is never removed by a file. A line of this file that already produced a
/// version (an earlier run) is not applied again. Every My Number is sealed by <see cref="MyNumberVault"/>
/// (AES-GCM, bound to the taxpayer id); "same My Number?" compares blind indexes, never digits in the store.
/// </summary>
public sealed class TaxpayerImport(Store store, TimeProvider clock) : CsvImport<TaxpayerRecord>(store, clock)
{
    public const string FileKind = "taxpayers";

    protected override string Kind => FileKind;

    protected override IReadOnlyList<CsvColumn> Layout => TaxpayerCsv.Layout;

    private MyNumberVault? _vault;

    /// <summary>Loads the key ring once per run; a missing key file refuses the file before anything is written.</summary>
    protected override Task PrepareAsync(ChoshuDbContext db, CancellationToken ct)
    {
        _vault = MyNumberVault.Open(Store);
        return Task.CompletedTask;
    }

    private MyNumberVault Vault => _vault ?? throw new InvalidOperationException("PrepareAsync was not called.");

    protected override CsvParse<TaxpayerRecord> Parse(CsvRow row, DateOnly today) => TaxpayerCsv.Parse(row, today);

    protected override string StoredRawText(CsvRecord record, CsvHeader header) => TaxpayerCsv.RawTextForStorage(record, header);

    protected override string DuplicateKey(TaxpayerRecord record) => record.TaxpayerNo;

    protected override FieldError DuplicateError(int firstLine) =>
        new(Col.TaxpayerNo, $"同じ宛名番号が{firstLine}行目にもあります（1つのファイルに1行まで）。どちらを正とするか確認してください。");

    protected override async Task ApplyAsync(ImportBatch batch, IReadOnlyList<ImportLine<TaxpayerRecord>> lines, CancellationToken ct)
    {
        var db = batch.Db;
        var fileId = batch.File.Id;
        var first = lines[0].LineNo;
        var last = lines[^1].LineNo;

        var numbers = lines.Select(l => l.Record!.TaxpayerNo).Distinct().ToList();
        var taxpayers = await db.Taxpayers.Where(t => numbers.Contains(t.TaxpayerNo)).ToDictionaryAsync(t => t.TaxpayerNo, ct);
        var ids = taxpayers.Values.Select(t => t.Id).ToList();
        var myNumbers = await db.TaxpayerMyNumbers.Where(m => ids.Contains(m.TaxpayerId)).ToDictionaryAsync(m => m.TaxpayerId, ct);
        var applied = (await db.TaxpayerVersions
                .Where(v => v.ImportFileId == fileId && v.SourceLine >= first && v.SourceLine <= last)
                .Select(v => v.SourceLine!.Value)
                .ToListAsync(ct))
            .ToHashSet();

        var newMyNumbers = new List<(Taxpayer Taxpayer, MyNumber Number)>();
        var tempId = long.MinValue; // temporary keys ascend in file order, so EF inserts (and numbers) rows in file order
        foreach (var line in lines)
        {
            var r = line.Record!;
            if (applied.Contains(line.LineNo))
            {
                line.Outcome = LineOutcome.Unchanged;
                continue;
            }

            if (!taxpayers.TryGetValue(r.TaxpayerNo, out var taxpayer))
            {
                taxpayer = new Taxpayer
                {
                    Id = ++tempId, // a temporary key: EF replaces it, and the versions' and My Number's keys, on save
                    TaxpayerNo = r.TaxpayerNo,
                    IntegratedNo = r.IntegratedNo,
                    CorporateNumber = r.CorporateNumber?.Value,
                    Facts = Facts(r, batch.Header, current: null),
                    HistorySeq = 1,
                    EffectiveDate = r.EffectiveDate,
                    CreatedAtUtc = batch.NowUtc,
                    UpdatedAtUtc = batch.NowUtc,
                };
                db.Taxpayers.Add(taxpayer).Property(t => t.Id).IsTemporary = true;
                db.TaxpayerVersions.Add(Version(taxpayer, r, line, batch, myNumberChanged: r.MyNumber is not null));
                if (r.MyNumber is { } myNumber)
                    newMyNumbers.Add((taxpayer, myNumber));
                taxpayers.Add(r.TaxpayerNo, taxpayer);
                line.Outcome = LineOutcome.Created;
                continue;
            }

            var facts = Facts(r, batch.Header, taxpayer.Facts);
            var integratedNo = batch.Header.Has(Col.IntegratedNo) ? r.IntegratedNo : taxpayer.IntegratedNo;
            var corporateNumber = r.CorporateNumber?.Value;
            myNumbers.TryGetValue(taxpayer.Id, out var stored);
            var myNumberChanged = r.MyNumber is { } given && !Vault.Matches(stored, given);
            if (facts == taxpayer.Facts && integratedNo == taxpayer.IntegratedNo && corporateNumber == taxpayer.CorporateNumber && !myNumberChanged)
            {
                line.Outcome = LineOutcome.Unchanged;
                continue;
            }

            taxpayer.HistorySeq++;
            taxpayer.Facts = facts;
            taxpayer.IntegratedNo = integratedNo;
            taxpayer.CorporateNumber = corporateNumber;
            taxpayer.EffectiveDate = r.EffectiveDate;
            taxpayer.UpdatedAtUtc = batch.NowUtc;
            db.TaxpayerVersions.Add(Version(taxpayer, r, line, batch, myNumberChanged));
            if (myNumberChanged)
            {
                if (stored is null)
                {
                    stored = new TaxpayerMyNumber { TaxpayerId = taxpayer.Id };
                    db.TaxpayerMyNumbers.Add(stored);
                    myNumbers.Add(taxpayer.Id, stored);
                }
                Vault.Seal(stored, r.MyNumber!.Value);
                stored.UpdatedAtUtc = batch.NowUtc;
            }
            line.Outcome = LineOutcome.Changed;
        }

        if (newMyNumbers.Count == 0) return;
        // The associated data binds a sealed value to its taxpayer id, which a new taxpayer only has
        // once saved: save the batch's new taxpayers now (inside the batch's transaction), then seal.
        await db.SaveChangesAsync(ct);
        foreach (var (taxpayer, number) in newMyNumbers)
        {
            var row = new TaxpayerMyNumber { TaxpayerId = taxpayer.Id, UpdatedAtUtc = batch.NowUtc };
            Vault.Seal(row, number);
            db.TaxpayerMyNumbers.Add(row);
        }
    }

    /// <summary>The facts a line states; an optional column the file lacks keeps <paramref name="current"/>'s value.</summary>
    private static TaxpayerFacts Facts(TaxpayerRecord r, CsvHeader header, TaxpayerFacts? current)
    {
        T Keep<T>(string column, T given, T stored) => header.Has(column) || current is null ? given : stored;
        return new TaxpayerFacts
        {
            PersonKind = r.PersonKind,
            NameKanji = r.NameKanji,
            NameKana = r.NameKana,
            AliasKanji = Keep(Col.AliasKanji, r.AliasKanji, current?.AliasKanji),
            AliasKana = Keep(Col.AliasKana, r.AliasKana, current?.AliasKana),
            BirthDate = r.BirthDate,
            Sex = r.Sex,
            HouseholdNo = Keep(Col.HouseholdNo, r.HouseholdNo, current?.HouseholdNo),
            ResidencyStatus = Keep(Col.ResidencyStatus, r.ResidencyStatus, current?.ResidencyStatus ?? ResidencyStatus.Current),
            PostalCode = r.PostalCode,
            MunicipalityCode = Keep(Col.MunicipalityCode, r.MunicipalityCode, current?.MunicipalityCode),
            TownName = r.TownName,
            StreetNumber = r.StreetNumber,
            AddressSupplement = r.AddressSupplement,
            RepresentativeTitle = Keep(Col.RepresentativeTitle, r.RepresentativeTitle, current?.RepresentativeTitle),
            RepresentativeName = Keep(Col.RepresentativeName, r.RepresentativeName, current?.RepresentativeName),
            BranchCode = Keep(Col.BranchCode, r.BranchCode, current?.BranchCode),
            DistrictCode = Keep(Col.DistrictCode, r.DistrictCode, current?.DistrictCode),
            MailReturned = Keep(Col.MailReturned, r.MailReturned, current?.MailReturned ?? false),
            PhoneNumber = Keep(Col.PhoneNumber, r.PhoneNumber, current?.PhoneNumber),
        };
    }

    private static TaxpayerVersion Version(Taxpayer t, TaxpayerRecord r, ImportLine<TaxpayerRecord> line, ImportBatch batch, bool myNumberChanged) => new()
    {
        TaxpayerId = t.Id,
        HistorySeq = t.HistorySeq,
        EffectiveDate = r.EffectiveDate,
        Facts = t.Facts with { }, // its own instance: the row and the version must not share one
        CorporateNumber = t.CorporateNumber,
        MyNumberChanged = myNumberChanged,
        Source = ChangeSource.PlatformImport,
        Reason = r.Reason,
        ImportFileId = batch.File.Id,
        SourceLine = line.LineNo,
        RecordedBy = batch.Actor,
        RecordedAtUtc = batch.NowUtc,
    };
}
