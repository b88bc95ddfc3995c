using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Choshu.App.Audit;
using Choshu.App.Imports;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Bulk;
using Choshu.Data.Imports;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Formats.Csv;
using Choshu.Formats.Payments;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Reconciliation;

/// <summary>
/// A payment file to import. <paramref name="Actor"/> is recorded on every payment and journal entry;
/// <paramref name="By"/> is who the audit record names (the system actor of this host under the name
/// <paramref name="Actor"/> when null).
/// </summary>
public sealed record PaymentImportRequest(string Path, string Format, string Actor, string? Encoding = null, int? DebitYear = null, Security.Actor? By = null);

/// <summary>What one payment import did (the figures `choshu import payments` prints).</summary>
public sealed record PaymentImportSummary(
    string File,
    string Sha256,
    string Format,
    string Encoding,
    int Read,
    int Booked,
    long BookedAmount,
    int Duplicate,
    int Unmatched,
    long UnmatchedAmount,
    int Quarantined,
    int Overpaid,
    long OverpaidAmount,
    int Pending,
    int Cancelled,
    int DebitFailures,
    IReadOnlyList<ImportError> Errors,
    long ImportFileId,
    long ImportRunId = 0);

/// <summary>The whole file was refused before anything was booked (trailer totals, structure).</summary>
public sealed class PaymentFileRefusedException(IReadOnlyList<string> messages)
    : Exception(string.Join(Environment.NewLine, messages))
{
    public IReadOnlyList<string> Messages { get; } = messages;
}

/// <summary>
/// `choshu import payments`: the whole file is checked in a first streaming pass (structure, trailer
/// count and total) and refused as a whole when it does not add up; then it is read again and booked
/// in batches, each batch one transaction on one connection (EF reads and bulk writes together), under
/// an advisory lock so two imports never allocate against the same installment at once. A run killed
/// at any point leaves whole batches; running it again books what is missing and nothing twice.
/// </summary>
public sealed class PaymentImport(Store store, TimeProvider clock)
{
    public const int DefaultBatchSize = 5_000;
    /// <summary>Fault injection for the crash tests (<see cref="Faults.CrashPoints.Variable"/>): "before-commit:N" ends the process before batch N commits, "step:S" at the S-th step.</summary>
    public const string FaultVariable = Faults.CrashPoints.Variable;

    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>
    /// Where the run may be ended on purpose (the crash tests and bench): a step at the run's start and end,
    /// at every batch boundary and around every write. From the environment unless given; a no-op in production.
    /// </summary>
    public Faults.CrashPoints CrashPoints { get; init; } = Faults.CrashPoints.FromEnvironment();

    public async Task<PaymentImportSummary> RunAsync(PaymentImportRequest request, CancellationToken ct = default)
    {
        var by = request.By ?? AuditText.SystemNamed(request.Actor);
        await using (var check = store.CreateContext())
            await AccessControl.DemandAsync(check, by, Permission.RecordPayments, clock, what: $"収納データの取込 {Path.GetFileName(request.Path)}", ct: ct);
        if (!File.Exists(request.Path))
            throw new CsvFileRefusedException("import.file_not_found", $"{request.Path}: ファイルが見つかりません。");
        // The hash, the whole-file check and the booking all read one private copy, so a file still being
        // written or replaced meanwhile cannot be booked unchecked under another file's hash.
        // The copy is readable by this user only (0600): a payment file names payers.
        var copy = Path.Combine(Path.GetTempPath(), $"choshu-import-{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var source = File.OpenRead(request.Path))
            await using (var target = new FileStream(copy, PrivateNewFile()))
                await source.CopyToAsync(target, ct);
            return await RunOnCopyAsync(request, Path.GetFileName(request.Path), copy, ct);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private async Task<PaymentImportSummary> RunOnCopyAsync(PaymentImportRequest request, string fileName, string path, CancellationToken ct)
    {
        var encoding = request.Encoding is null ? null
            : CsvTextEncoding.FromName(request.Encoding)
              ?? throw new CsvFileRefusedException("import.encoding_unknown", $"文字コード {request.Encoding} には対応していません（utf-8 または shift_jis）。");
        var today = JapanTime.Today(clock);
        Domain.Reconciliation.PaymentLimits limits;
        await using (var db = store.CreateContext())
            limits = await AppSettings.PaymentLimitsAsync(db, today, ct);
        var reader = PaymentFormats.Create(request.Format, new PaymentReaderOptions { DebitYear = request.DebitYear, DebitOnOrBefore = today, Limits = limits });
        var phases = new PaymentImportPhases.Clock();
        var fingerprint = await FileFingerprint.ComputeAsync(path, ct);
        phases.Lap(PaymentImportPhases.Fingerprint);

        PaymentFileCheck check;
        await using (var first = File.OpenRead(path))
            check = reader.Check(first, fileName, encoding);
        if (!check.IsAccepted)
            throw new PaymentFileRefusedException(check.Errors.Select(e => e.Message).ToList());
        phases.Lap(PaymentImportPhases.Check);

        var kind = "payments:" + reader.Format;
        var fault = CrashPoints;
        fault.Step("before-start");
        ImportFile file;
        ImportRun run;
        AppSettings settings;
        Domain.LateFees.LateFeeRateTable rates;
        await using (var db = store.CreateContext())
        {
            settings = await AppSettings.LoadAsync(db, ct);
            rates = await ReferenceData.LoadRatesAsync(db, ct);
            (file, run) = await ImportRuns.StartAsync(db, kind, fingerprint, fileName, check.Encoding, request.Actor, NowUtc(), ct);
        }
        fault.Step("after-start");

        var tally = new Tally();
        await using var writer = fault.Wrap(await BulkWriter.OpenAsync(store, ct));
        await writer.LockAsync("payments", ct);
        // The closed business days (日計締め), read under the payments lock a day close takes too: no 収入日 lands in one.
        IReadOnlySet<DateOnly> closedDays;
        await using (var db = store.CreateContext())
            closedDays = await BusinessDays.ClosedAsync(db, ct);
        var booker = new PaymentBooker(settings.AllocationOrder, rates, request.Actor) { Phases = phases, Days = (closedDays, today) };
        await using var second = File.OpenRead(path);
        var read = reader.Open(second, fileName, encoding);
        var batchNo = 0;
        phases.Restart();
        // On PostgreSQL the next batch's reads (known payments, targets) are taken on a second connection while this batch
        // is written, so that the server works on both at once; they are brought up to date once this batch has committed.
        await using var ahead = store.Provider == StoreProvider.Postgres ? new ReadsAhead(store, booker) : null;
        PaymentBooker.BatchReads? previous = null;
        await using var batches = ReadAheadAsync(read.Lines.Chunk(BatchSize), ct).GetAsyncEnumerator(ct);
        var chunk = await batches.MoveNextAsync() ? batches.Current : null;
        while (chunk is not null)
        {
            phases.Lap(PaymentImportPhases.Read);
            batchNo++;
            fault.Batch = batchNo;
            var records = RecordsOf(chunk);
            var reads = ahead is not null && batchNo > 1 ? await ahead.TakeAsync() : null;
            phases.Lap(PaymentImportPhases.ReadAheadWait);
            var next = await batches.MoveNextAsync() ? batches.Current : null;
            phases.Lap(PaymentImportPhases.Read);
            if (ahead is not null && next is not null) ahead.Start(RecordsOf(next), ct);
            await writer.BeginAsync(ct);
            await using (var db = await store.CreateContextAsync(writer.Connection, writer.Transaction, ct))
            {
                phases.Lap(PaymentImportPhases.Begin);
                var now = NowUtc();
                if (reads is null)
                {
                    reads = await booker.ReadAsync(db, records, phases, (PaymentImportPhases.LoadKnown, PaymentImportPhases.LoadTargets), ct);
                }
                else
                {
                    reads = await booker.BringUpToDateAsync(db, records, reads, previous, ct);
                    phases.Lap(PaymentImportPhases.BringUpToDate);
                }
                var results = await booker.BookAsync(db, writer, records, reads, file.Id, now, ct);
                var quarantine = chunk.Where(l => !l.IsValid)
                    .SelectMany(l => l.Errors.Select(e => (l.LineNo, e.Field, e.Reason, l.RawText)))
                    .Concat(results.Where(r => r.Outcome == BookingOutcome.Quarantined)
                        .Select(r => (r.LineNo, r.Field ?? "", r.Reason ?? "", records.First(x => x.LineNo == r.LineNo).RawText)))
                    .ToList();
                await QuarantineAsync(db, file.Id, quarantine, now, ct);
                await DebitFailures.RecordAsync(db, chunk.Where(l => l.DebitFailure is not null).Select(l => l.DebitFailure!).ToList(), file.Id, now, ct);
                tally.Add(chunk, results, quarantine);
                db.ImportRuns.Attach(run);
                run.LinesRead = tally.Read;
                run.Created = tally.Booked + tally.Pending + tally.Unmatched;
                run.Changed = tally.Cancelled;
                run.Unchanged = tally.Duplicate;
                run.Quarantined = tally.QuarantinedLines;
                fault.Step("before-save");
                await db.SaveChangesAsync(ct);
                fault.Step("after-save");
            }
            phases.Lap(PaymentImportPhases.Bookkeeping);
            await writer.CommitAsync(ct); // the steps before-commit and after-commit
            phases.Lap(PaymentImportPhases.Commit);
            previous = reads;
            chunk = next;
        }

        await using (var db = store.CreateContext())
        {
            // One audit record per run, not per batch: it commits with the run's end, the record last.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.ImportRuns.Attach(run);
            run.FinishedAtUtc = NowUtc();
            await db.SaveChangesAsync(ct);
            fault.Step("before-finish");
            await AuditLog.AppendAsync(db, request.By ?? AuditText.SystemNamed(request.Actor), new AuditRecord(AuditEventKind.PaymentsImported,
                Detail: $"ファイル {fileName} ({reader.Format}) SHA-256 {fingerprint.Sha256} 取込番号 {run.Id}: 読込 {tally.Read} 消込 {tally.Booked} ({tally.BookedAmount}円) "
                    + $"重複 {tally.Duplicate} 未消込 {tally.Unmatched} ({tally.UnmatchedAmount}円) 速報 {tally.Pending} 速報取消 {tally.Cancelled} 保留 {tally.QuarantinedLines} 口座引落不能 {tally.DebitFailures}"), clock, ct);
            await tx.CommitAsync(ct);
        }
        fault.Step("after-finish");
        return new PaymentImportSummary(fileName, fingerprint.Sha256, reader.Format, check.Encoding, tally.Read, tally.Booked, tally.BookedAmount,
            tally.Duplicate, tally.Unmatched, tally.UnmatchedAmount, tally.QuarantinedLines, tally.Overpaid, tally.OverpaidAmount,
            tally.Pending, tally.Cancelled, tally.DebitFailures, tally.Errors, file.Id, run.Id);
    }

    /// <summary>
    /// The file's batches in order, each read and parsed on a thread of its own while the batch before it
    /// is booked: parsing is work for this process, booking mostly waits for the database, so the two
    /// overlap. One batch at most waits, read ahead; when the caller stops, so does the reading.
    /// </summary>
    private static async IAsyncEnumerable<PaymentParse[]> ReadAheadAsync(IEnumerable<PaymentParse[]> batches, [EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateBounded<PaymentParse[]>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in batches)
                    await channel.Writer.WriteAsync(batch, stop.Token);
                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex); // the booking loop rethrows it
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(ct))
                yield return batch;
        }
        finally
        {
            await stop.CancelAsync();
            await reading;
        }
    }

    private static List<PaymentRecord> RecordsOf(PaymentParse[] chunk) => chunk.Where(l => l.Record is not null).Select(l => l.Record!).ToList();

    /// <summary>
    /// The reads of the next batch, taken on a connection of their own (outside the batch's transaction) while the current
    /// batch is booked and written; one at a time. Its own phase clock: that time overlaps the batch's phases.
    /// </summary>
    private sealed class ReadsAhead(Store store, PaymentBooker booker) : IAsyncDisposable
    {
        private readonly PaymentImportPhases.Clock _clock = new();
        private ChoshuDbContext? _db;
        private Task<PaymentBooker.BatchReads>? _pending;

        public void Start(IReadOnlyList<PaymentRecord> records, CancellationToken ct)
        {
            if (_pending is not null) throw new InvalidOperationException("The reads of the batch before were not taken.");
            _pending = Task.Run(async () =>
            {
                _db ??= store.CreateContext();
                _clock.Restart();
                return await booker.ReadAsync(_db, records, _clock, (PaymentImportPhases.ReadAheadKnown, PaymentImportPhases.ReadAheadTargets), ct);
            }, ct);
        }

        public async Task<PaymentBooker.BatchReads> TakeAsync()
        {
            var pending = _pending ?? throw new InvalidOperationException("No reads were started for this batch.");
            _pending = null;
            return await pending;
        }

        public async ValueTask DisposeAsync()
        {
            if (_pending is { } pending)
            {
                try { await pending; }
                catch (Exception) { /* the run has already failed for its own reason; these reads are not needed */ }
            }
            if (_db is not null) await _db.DisposeAsync();
        }
    }

    private static async Task QuarantineAsync(ChoshuDbContext db, long fileId, List<(int Line, string Field, string Reason, string Raw)> rows, DateTime now, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var lines = rows.Select(r => r.Line).Distinct().ToList();
        var existing = (await db.QuarantinedRecords.Where(q => q.ImportFileId == fileId && lines.Contains(q.LineNo))
            .Select(q => new { q.LineNo, q.Field }).ToListAsync(ct)).Select(x => (x.LineNo, x.Field)).ToHashSet();
        foreach (var r in rows.DistinctBy(r => (r.Line, r.Field)).Where(r => !existing.Contains((r.Line, r.Field))))
            db.QuarantinedRecords.Add(new QuarantinedRecord { ImportFileId = fileId, LineNo = r.Line, Field = r.Field, Reason = r.Reason, RawLine = r.Raw, QuarantinedAtUtc = now });
    }

    private DateTime NowUtc() => clock.GetUtcNow().UtcDateTime;

    private static FileStreamOptions PrivateNewFile()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }

    private sealed class Tally
    {
        public int Read, Booked, Duplicate, Unmatched, Pending, Cancelled, Overpaid, DebitFailures, QuarantinedLines;
        public long BookedAmount, UnmatchedAmount, OverpaidAmount;
        public List<ImportError> Errors { get; } = [];

        public void Add(PaymentParse[] lines, IReadOnlyList<BookingResult> results, List<(int Line, string Field, string Reason, string Raw)> quarantine)
        {
            Read += lines.Length;
            DebitFailures += lines.Count(l => l.DebitFailure is not null);
            foreach (var r in results)
            {
                switch (r.Outcome)
                {
                    case BookingOutcome.Booked: Booked++; BookedAmount = checked(BookedAmount + r.Amount); break;
                    case BookingOutcome.Duplicate: Duplicate++; break;
                    case BookingOutcome.Unmatched: Unmatched++; UnmatchedAmount = checked(UnmatchedAmount + r.Amount); break;
                    case BookingOutcome.Pending: Pending++; break;
                    case BookingOutcome.Cancelled: Cancelled++; break;
                }
                if (r.Overpaid > 0) { Overpaid++; OverpaidAmount = checked(OverpaidAmount + r.Overpaid); }
            }
            QuarantinedLines += quarantine.Select(q => q.Line).Distinct().Count();
            foreach (var q in quarantine)
                if (Errors.Count < ImportResult.MaxErrorsListed) Errors.Add(new ImportError(q.Line, q.Field, q.Reason));
        }
    }
}
