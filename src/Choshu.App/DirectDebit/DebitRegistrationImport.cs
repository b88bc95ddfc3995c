using System.Globalization;
using System.Text;
using Choshu.App.Imports;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Imports;
using Choshu.Domain.DirectDebit;
using Choshu.Domain.Security;
using Choshu.Formats.Csv;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.DirectDebit;

/// <summary>What one sign-up file import did.</summary>
public sealed record DebitRegistrationImportSummary(string File, string Sha256, int LinesRead, int Applied, int Duplicate, int Quarantined,
    IReadOnlyList<ImportError> Errors, long ImportFileId);

/// <summary>
/// <c>choshu debit import-registrations FILE --source bank|web|payeasy</c>: a file of registration events (a bank's batch of
/// 口座振替依頼書 results, or Web / Pay-easy sign-ups) in the documented CSV layout (<see cref="Header"/>, docs/formats.md). Each
/// line is applied through the one write path (<see cref="DebitRegistrations"/>) under the key "{source}:{受付番号}", so running
/// the file again (or a later file repeating a line) applies nothing twice. A line that does not read, or that the write path
/// refuses, is quarantined (file, line, field and a Japanese reason) and the rest is applied. One transaction; audited 3541
/// (and 3540 per event).
/// </summary>
public sealed class DebitRegistrationImport(Store store, TimeProvider clock)
{
    public const string FileKind = "debit-registrations";

    /// <summary>The header line the file must start with (UTF-8, comma-separated, no quoting).</summary>
    public static readonly IReadOnlyList<string> Header =
        ["受付番号", "区分", "受付日", "適用日", "宛名番号", "税目", "開始年度", "開始期", "金融機関コード", "支店コード", "預金種目", "口座番号", "ゆうちょ記号", "ゆうちょ番号", "口座名義カナ"];

    public static string SourceName(DebitRegistrationSource source) => source switch
    {
        DebitRegistrationSource.BankFile => "bank",
        DebitRegistrationSource.Web => "web",
        DebitRegistrationSource.PayEasy => "payeasy",
        _ => "form",
    };

    public async Task<DebitRegistrationImportSummary> RunAsync(Actor actor, string path, DebitRegistrationSource source, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var fileName = Path.GetFileName(path);
        if (source == DebitRegistrationSource.Form)
            throw new CsvFileRefusedException("debit.import_source", "--source は 一括（金融機関一括）、ウェブ、ペイジー のいずれかです（依頼書は debit register で入力します）。");
        await using (var check = store.CreateContext())
            await AccessControl.DemandAsync(check, actor, Permission.RecordPayments, clock, what: $"口座振替登録ファイルの取込 {fileName}", ct: ct);
        if (!File.Exists(path))
            throw new CsvFileRefusedException("import.file_not_found", $"{path}: ファイルが見つかりません。");
        var bytes = await File.ReadAllBytesAsync(path, ct);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new CsvFileRefusedException("import.encoding", $"{fileName}: UTF-8 として読めません（文字コードは UTF-8 です。docs/formats.md）。");
        }
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count == 0 || !lines[0].Split(',').Select(h => h.Trim()).SequenceEqual(Header))
            throw new CsvFileRefusedException("debit.import_header", $"{fileName} 1行目: 見出しが違います。「{string.Join(",", Header)}」の15項目です。");

        var copy = Path.Combine(Path.GetTempPath(), $"choshu-debitreg-{Guid.NewGuid():N}.tmp");
        FileFingerprint fingerprint;
        try
        {
            await File.WriteAllBytesAsync(copy, bytes, ct);
            fingerprint = await FileFingerprint.ComputeAsync(copy, ct);
        }
        finally
        {
            File.Delete(copy);
        }

        await using var db = store.CreateContext();
        var (file, run) = await ImportRuns.StartAsync(db, FileKind, fingerprint, fileName, CsvTextEncoding.Utf8Name, actor.Name, clock.GetUtcNow().UtcDateTime, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var writer = new DebitRegistrations(store, clock);
        var errors = new List<(int Line, string Field, string Reason, string Raw)>();
        int read = 0, applied = 0, duplicate = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Count; i++)
        {
            var raw = lines[i];
            if (raw.Trim().Length == 0) continue;
            read++;
            var lineNo = i + 1;
            var (input, lineErrors) = Parse(raw, source);
            if (lineErrors.Count > 0)
            {
                errors.AddRange(lineErrors.Select(e => (lineNo, e.Field, e.Message, raw)));
                continue;
            }
            var key = SourceName(source) + ":" + input!.ReferenceNo;
            if (!seen.Add(key) || await db.DirectDebitRegistrations.AnyAsync(r => r.IdempotencyKey == key, ct))
            {
                duplicate++;
                continue;
            }
            try
            {
                await writer.ApplyAsync(db, actor, input, key, file.Id, lineNo, ct);
                applied++;
            }
            catch (DebitRegistrationRefusedException ex)
            {
                errors.AddRange(ex.Issues.Select(e => (lineNo, e.Field, e.Message, raw)));
            }
        }
        var now = clock.GetUtcNow().UtcDateTime;
        // Quarantine and the run's counters as every line-by-line import finishes its run (RemittanceImportRuns).
        var quarantined = await Withholding.RemittanceImportRuns.FinishAsync(db, run, file.Id,
            errors.Select(e => new Formats.Withholding.RemittanceLineError(e.Line, e.Field, e.Reason, e.Raw)).ToList(), read, applied, duplicate, now, ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.DebitRegistrationsImported,
            Detail: $"ファイル {fileName} ({DebitRegistrationLabels.Of(source)}) SHA-256 {fingerprint.Sha256} 取込番号 {run.Id}: 読込 {read}行 登録 {applied} 重複 {duplicate} 保留 {quarantined}行"), clock, ct);
        await tx.CommitAsync(ct);
        return new DebitRegistrationImportSummary(fileName, fingerprint.Sha256, read, applied, duplicate, quarantined,
            errors.OrderBy(e => e.Line).Take(ImportResult.MaxErrorsListed).Select(e => new ImportError(e.Line, e.Field, $"{fileName} {e.Line}行目 {e.Field}: {e.Reason}")).ToList(),
            file.Id);
    }

    /// <summary>Reads one data line; every field at fault is listed.</summary>
    public static (DebitRegistrationInput? Input, IReadOnlyList<DebitRegistrationIssue> Errors) Parse(string line, DebitRegistrationSource source)
    {
        var f = line.Split(',').Select(x => x.Trim()).ToArray();
        if (f.Length != Header.Count)
            return (null, new[] { new DebitRegistrationIssue("", $"項目数が{f.Length}です（{Header.Count}項目: {string.Join(",", Header)}）。") });
        var errors = new List<DebitRegistrationIssue>();
        string Field(string name) => f[Header.ToList().IndexOf(name)];
        DateOnly? Date(string name, bool required)
        {
            var v = Field(name);
            if (v.Length == 0)
            {
                if (required) errors.Add(new(name, "日付を指定してください（YYYY-MM-DD）。"));
                return null;
            }
            if (DateOnly.TryParseExact(v, ["yyyy-MM-dd", "yyyyMMdd", "yyyy/MM/dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            errors.Add(new(name, $"「{v}」は日付（YYYY-MM-DD）ではありません。"));
            return null;
        }
        int? Number(string name, int max)
        {
            var v = Field(name);
            if (v.Length == 0) return null;
            if (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= max) return n;
            errors.Add(new(name, $"「{v}」は数字ではありません。"));
            return null;
        }
        var reference = Field("受付番号");
        if (reference.Length is 0 or > 30) errors.Add(new("受付番号", "30文字以内で指定してください（取り込み済みの判定に使います）。"));
        var kind = DebitRegistrationLabels.ParseKind(Field("区分"));
        if (kind is null) errors.Add(new("区分", $"「{Field("区分")}」: 新規・変更・廃止・停止（または 1〜4）のいずれかです。"));
        var received = Date("受付日", required: true);
        var effective = Date("適用日", required: false);
        var year = Number("開始年度", 9999);
        var period = Number("開始期", 99);
        var type = Number("預金種目", 9);
        if (errors.Count > 0) return (null, errors);
        var input = new DebitRegistrationInput(Field("宛名番号"), Field("税目").Length == 0 ? null : Field("税目"), kind!.Value, source, received!.Value, effective,
            year, (short?)period, Field("金融機関コード"), Field("支店コード"), (short?)type, Field("口座番号"), Field("ゆうちょ記号"), Field("ゆうちょ番号"),
            Field("口座名義カナ"), reference);
        return (input, DebitRegistrations.Check(input).Issues);
    }
}
