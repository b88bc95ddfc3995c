using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Choshu.App.Audit;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Imports;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Formats.Csv;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Imports;

/// <summary>
/// The pipeline every CSV import shares (docs/formats.md):
/// <list type="number">
/// <item>hash the file (SHA-256) and decide its encoding; read the header and refuse the whole
/// file when a required column is missing — nothing is written then;</item>
/// <item>record the <see cref="ImportFile"/> (one row per content and kind, re-used on re-import)
/// and an <see cref="ImportRun"/>;</item>
/// <item>stream the records in batches of <see cref="BatchSize"/>: parse each (pure), then in one
/// transaction per batch load what the batch touches with one query per table, apply the lines
/// in file order, quarantine the bad ones, update the run's counts, and save once.</item>
/// </list>
/// A batch is all or nothing, so a run killed half-way leaves whole batches; running the file
/// again applies what is missing and nothing twice. The same key (宛名番号, or an installment's
/// key) on two lines of one file quarantines the later line: which one should win is for a clerk
/// to decide, and it keeps a re-import deterministic.
/// </summary>
public abstract class CsvImport<TRecord> where TRecord : class
{
    public const int DefaultBatchSize = 2_000;

    protected CsvImport(Store store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        Store = store;
        Clock = clock;
    }

    protected Store Store { get; }
    protected TimeProvider Clock { get; }

    /// <summary>Records per transaction.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>The <see cref="ImportFile.Kind"/>: "taxpayers", "assessments", …</summary>
    protected abstract string Kind { get; }

    /// <summary>The audit record a finished run writes (one per run: file name, SHA-256, counts).</summary>
    protected virtual AuditEventKind AuditKind => Kind switch
    {
        "taxpayers" => AuditEventKind.TaxpayersImported,
        "assessments" => AuditEventKind.AssessmentsImported,
        _ => throw new InvalidOperationException($"No audit event kind for import kind {Kind}."),
    };

    protected abstract IReadOnlyList<CsvColumn> Layout { get; }

    /// <summary>Loads what parsing and applying need once per run (reference data).</summary>
    protected virtual Task PrepareAsync(ChoshuDbContext db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Reads one record (pure: no store access).</summary>
    protected abstract CsvParse<TRecord> Parse(CsvRow row, DateOnly today);

    /// <summary>The record's text as it may be stored in the quarantine table (My Numbers masked).</summary>
    protected abstract string StoredRawText(CsvRecord record, CsvHeader header);

    /// <summary>The key that may appear on one line of a file only.</summary>
    protected abstract string DuplicateKey(TRecord record);

    /// <summary>The error for a line whose key already appeared on <paramref name="firstLine"/>.</summary>
    protected abstract FieldError DuplicateError(int firstLine);

    /// <summary>
    /// Applies the valid lines of one batch, in file order, setting each line's outcome (or adding
    /// errors to quarantine it). Loads what it needs through <see cref="ImportBatch.Db"/>; does not save.
    /// </summary>
    protected abstract Task ApplyAsync(ImportBatch batch, IReadOnlyList<ImportLine<TRecord>> lines, CancellationToken ct);

    public async Task<ImportResult> RunAsync(ImportRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fileName = Path.GetFileName(request.Path);
        if (!File.Exists(request.Path))
            throw new CsvFileRefusedException("import.file_not_found", $"{request.Path}: ファイルが見つかりません。");

        var fingerprint = await FileFingerprint.ComputeAsync(request.Path, ct);
        var encoding = request.Encoding is null
            ? fingerprint.DetectedEncoding
            : CsvTextEncoding.FromName(request.Encoding)
              ?? throw new CsvFileRefusedException("import.encoding_unknown", $"文字コード {request.Encoding} には対応していません（utf-8 または shift_jis）。");

        using var reader = encoding.OpenReader(File.OpenRead(request.Path));
        using var records = new CsvReader(reader).ReadRecords().Where(r => !r.IsBlank).GetEnumerator();
        if (!records.MoveNext())
            throw new CsvFileRefusedException("import.empty", $"{fileName}: ヘッダー行がありません（空のファイルです）。");
        var header = CsvHeader.Map(records.Current, Layout, fileName);

        var today = JapanTime.Today(Clock);
        ImportFile file;
        ImportRun run;
        await using (var db = Store.CreateContext())
        {
            await PrepareAsync(db, ct);
            (file, run) = await ImportRuns.StartAsync(db, Kind, fingerprint, fileName, encoding.Name, request.Actor, NowUtc(), ct);
        }

        var errors = new List<ImportError>();
        var errorsNotListed = 0;
        var seen = new Dictionary<Int128, int>();
        var batch = new List<ImportLine<TRecord>>(BatchSize);
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchSize && records.MoveNext())
                batch.Add(ReadLine(records.Current, header, today, seen));
            if (batch.Count == 0) break;

            await ApplyBatchAsync(file, run, request.Actor, today, header, batch, ct);
            foreach (var line in batch.Where(l => l.Outcome == LineOutcome.Quarantined))
                foreach (var e in line.MergedErrors())
                {
                    if (errors.Count < ImportResult.MaxErrorsListed) errors.Add(new ImportError(line.LineNo, e.Field, e.Reason));
                    else errorsNotListed++;
                }
        }

        await using (var db = Store.CreateContext())
        {
            // The run's end and its one audit record commit together (the record last, under the chain lock).
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.ImportRuns.Attach(run);
            run.FinishedAtUtc = NowUtc();
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, request.By ?? AuditText.SystemNamed(request.Actor), new AuditRecord(AuditKind,
                Detail: $"ファイル {fileName} SHA-256 {fingerprint.Sha256} 取込番号 {run.Id}: 読込 {run.LinesRead} 新規 {run.Created} 変更 {run.Changed} 変更なし {run.Unchanged} 保留 {run.Quarantined}"), Clock, ct);
            await tx.CommitAsync(ct);
        }

        return new ImportResult(fileName, fingerprint.Sha256, encoding.Name, run.LinesRead, run.Created, run.Changed, run.Unchanged,
            run.Quarantined, header.IgnoredColumns, errors, errorsNotListed, file.Id, run.Id);
    }

    private ImportLine<TRecord> ReadLine(CsvRecord record, CsvHeader header, DateOnly today, Dictionary<Int128, int> seen)
    {
        var line = new ImportLine<TRecord>(record);
        if (record.Error is not null)
        {
            line.Errors.Add(new FieldError("", record.Error));
            return line;
        }
        if (record.Fields.Count != header.FieldCount)
        {
            line.Errors.Add(new FieldError("", $"項目数が{record.Fields.Count}個あります（ヘッダー行は{header.FieldCount}個）。列がずれている可能性があります。"));
            return line;
        }

        var parsed = Parse(new CsvRow(record, header), today);
        if (!parsed.IsValid)
        {
            line.Errors.AddRange(parsed.Errors);
            return line;
        }

        var hash = KeyHash(DuplicateKey(parsed.Value!));
        if (seen.TryGetValue(hash, out var firstLine))
        {
            line.Errors.Add(DuplicateError(firstLine));
            return line;
        }
        seen.Add(hash, record.LineNo);
        line.Record = parsed.Value;
        return line;
    }

    /// <summary>128 bits of SHA-256: keeps the per-file key set small at city scale with no practical chance of a collision.</summary>
    private static Int128 KeyHash(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return BinaryPrimitives.ReadInt128LittleEndian(hash);
    }

    private async Task ApplyBatchAsync(ImportFile file, ImportRun run, string actor, DateOnly today, CsvHeader header,
        List<ImportLine<TRecord>> lines, CancellationToken ct)
    {
        await using var db = Store.CreateContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = new ImportBatch(db, file, run, actor, today, NowUtc(), header);

        var valid = lines.Where(l => l.Record is not null).ToList();
        if (valid.Count > 0) await ApplyAsync(batch, valid, ct);
        foreach (var line in lines)
        {
            if (line.Errors.Count > 0) line.Outcome = LineOutcome.Quarantined;
            else if (line.Outcome is LineOutcome.Pending or LineOutcome.Quarantined)
                throw new InvalidOperationException($"Line {line.LineNo} was left without an outcome.");
        }

        // Quarantine: one row per (file, line, field); a re-import does not add the same row again.
        var first = lines[0].LineNo;
        var last = lines[^1].LineNo;
        var fileId = batch.File.Id;
        var already = (await db.QuarantinedRecords
                .Where(q => q.ImportFileId == fileId && q.LineNo >= first && q.LineNo <= last)
                .Select(q => new { q.LineNo, q.Field })
                .ToListAsync(ct))
            .Select(q => (q.LineNo, q.Field))
            .ToHashSet();
        foreach (var line in lines.Where(l => l.Outcome == LineOutcome.Quarantined))
            foreach (var e in line.MergedErrors())
                if (already.Add((line.LineNo, e.Field)))
                    db.QuarantinedRecords.Add(new QuarantinedRecord
                    {
                        ImportFileId = fileId, LineNo = line.LineNo, Field = e.Field, Reason = e.Reason,
                        RawLine = StoredRawText(line.Source, header), QuarantinedAtUtc = batch.NowUtc,
                    });

        db.ImportRuns.Attach(run);
        run.LinesRead += lines.Count;
        run.Created += lines.Count(l => l.Outcome == LineOutcome.Created);
        run.Changed += lines.Count(l => l.Outcome == LineOutcome.Changed);
        run.Unchanged += lines.Count(l => l.Outcome == LineOutcome.Unchanged);
        run.Quarantined += lines.Count(l => l.Outcome == LineOutcome.Quarantined);

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    protected DateTime NowUtc() => Clock.GetUtcNow().UtcDateTime;
}

/// <summary>What a batch works with: its own context and transaction, the file and run, who and when.</summary>
public sealed record ImportBatch(
    ChoshuDbContext Db,
    ImportFile File,
    ImportRun Run,
    string Actor,
    DateOnly Today,
    DateTime NowUtc,
    CsvHeader Header);

public enum LineOutcome
{
    Pending,
    Created,
    Changed,
    Unchanged,
    Quarantined,
}

/// <summary>One data line on its way through a batch.</summary>
public sealed class ImportLine<TRecord>(CsvRecord source) where TRecord : class
{
    /// <summary>The record as read (its raw text may hold a My Number: store it only through <c>StoredRawText</c>).</summary>
    public CsvRecord Source { get; } = source;
    public int LineNo => Source.LineNo;
    /// <summary>The parsed record, or null when the line could not be read.</summary>
    public TRecord? Record { get; set; }
    public List<FieldError> Errors { get; } = [];
    public LineOutcome Outcome { get; set; }

    /// <summary>Adds a reason to quarantine the line.</summary>
    public void Quarantine(string field, string reason) => Errors.Add(new FieldError(field, reason));

    /// <summary>The errors, one per field (reasons for the same field joined).</summary>
    public IEnumerable<FieldError> MergedErrors() =>
        Errors.GroupBy(e => e.Field).Select(g => new FieldError(g.Key, string.Join(" ", g.Select(e => e.Reason))));
}
