using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Privacy;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Releases;

/// <summary>
/// The one way a file of personal data leaves Choshu (seed III-3 リスク4, III-5): exports (出力) and transfers
/// (移転). A printed form (<see cref="DataReleaseKind.Print"/>) is not a CSV release: it is recorded as an issued
/// document by <see cref="Documents.IssuedDocuments"/> (which writes 4001 帳票印刷), and is refused here. Only a person holding <see cref="Permission.ExportData"/> today (ファイル出力担当)
/// may release; the refusal is audited. The data is read only after the right is checked, written to a
/// temporary file while its SHA-256 and rows are counted, then a <c>data_releases</c> row (when, who, to whom,
/// which items, how many rows, the hash) and the audit record (4000 export, 4002 transfer) are
/// written in one transaction; the file takes its name inside it, just before the commit (a name that cannot be
/// written, e.g. a folder, rolls the record back: issue 18), or is copied to the caller's stream after it (e.g. a
/// web download). A failure before the commit leaves neither file nor record.
/// </summary>
public sealed class DataReleases(ChoshuDbContext db, TimeProvider clock)
{
    /// <summary>Writes the table produced by <paramref name="read"/> to <paramref name="path"/> and records the release.</summary>
    public async Task<ReleaseReceipt> ReleaseToFileAsync(Actor actor, ReleaseSpec spec, Func<CancellationToken, Task<ReleaseTable>> read, string path, CancellationToken ct = default) =>
        await ReleaseToFileAsync(actor, spec, read, path, null, ct);

    /// <summary>
    /// As above; <paramref name="recordItems"/> runs inside the release's transaction after the <c>data_releases</c> row is
    /// saved (its id set), so what the file carried (e.g. <c>transfer_items</c>) commits with the record or not at all.
    /// </summary>
    public async Task<ReleaseReceipt> ReleaseToFileAsync(Actor actor, ReleaseSpec spec, Func<CancellationToken, Task<ReleaseTable>> read, string path,
        Func<DataRelease, CancellationToken, Task>? recordItems, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (Directory.Exists(full) || Path.EndsInDirectorySeparator(path))
            throw new Domain.DomainException("release.path_is_directory", $"出力先 {path} はフォルダです。出力するファイルの名前を指定してください。");
        if (!Directory.Exists(dir))
            throw new Domain.DomainException("release.directory_missing", $"出力先のフォルダ {dir} がありません。");
        await DemandAsync(actor, spec, ct);
        var temp = Path.Combine(dir, "." + Path.GetFileName(full) + ".part-" + Guid.NewGuid().ToString("N")[..8]);
        var placed = false;
        try
        {
            Written written;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                written = await WriteAsync(spec, read, file, ct);
            // The file takes its name before the record commits: a name that cannot be written (a folder, no right)
            // rolls the record back, so no release is ever recorded for a file that was never written.
            return await RecordAsync(actor, spec, written, Path.GetFileName(full), recordItems, () =>
            {
                try { File.Move(temp, full, overwrite: true); }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new Domain.DomainException("release.write_failed", $"出力先 {path} に書き込めませんでした（{(ex is UnauthorizedAccessException ? "書き込む権限がありません" : "ファイルを置けません")}）。出力は記録していません。");
                }
                placed = true;
            }, ct);
        }
        catch when (placed)
        {
            // The record did not commit after the file took its name: take the file back.
            File.Delete(full);
            throw;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Writes the table to <paramref name="destination"/> (for example a web response) only after the release
    /// is recorded: the bytes are first written to a temporary file, then copied.
    /// </summary>
    public async Task<ReleaseReceipt> ReleaseToStreamAsync(Actor actor, ReleaseSpec spec, Func<CancellationToken, Task<ReleaseTable>> read, string fileName, Stream destination, CancellationToken ct = default)
    {
        await DemandAsync(actor, spec, ct);
        var temp = Path.Combine(Path.GetTempPath(), "choshu-release-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
            var written = await WriteAsync(spec, read, file, ct);
            var receipt = await RecordAsync(actor, spec, written, fileName, null, null, ct);
            file.Position = 0;
            await file.CopyToAsync(destination, ct);
            return receipt;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Every release of a kind (all when null), newest first.</summary>
    public async Task<IReadOnlyList<DataRelease>> ListAsync(DataReleaseKind? kind, CancellationToken ct = default) =>
        (await db.DataReleases.AsNoTracking().Where(r => kind == null || r.Kind == kind).ToListAsync(ct))
        .OrderByDescending(r => r.AtUtc).ThenByDescending(r => r.Id).ToList();

    /// <summary>The recipient recorded for an export: the exporting person's own department (自課, 課コード).</summary>
    public async Task<string> OwnDepartmentAsync(Actor actor, CancellationToken ct = default)
    {
        var dept = actor.AccountId is { } id
            ? await db.StaffAccounts.AsNoTracking().Where(a => a.Id == id).Select(a => a.DepartmentCode).SingleOrDefaultAsync(ct)
            : null;
        return string.IsNullOrEmpty(dept) ? "自課" : $"自課（課コード {dept}）";
    }

    private Task DemandAsync(Actor actor, ReleaseSpec spec, CancellationToken ct)
    {
        if (spec.Kind == DataReleaseKind.Print)
            throw new Domain.DomainException("release.print_is_a_document",
                "帳票の印刷はデータの出力・移転としては記録しません。発行記録（issued_documents、IssuedDocuments）に記録してください。");
        return AccessControl.DemandAsync(db, actor, Permission.ExportData, clock, null, $"{KindName(spec.Kind)} {spec.Content} → {spec.Recipient}", ct);
    }

    private sealed record Written(ReleaseTable Table, int Rows, string Sha256, long Bytes);

    private static async Task<Written> WriteAsync(ReleaseSpec spec, Func<CancellationToken, Task<ReleaseTable>> read, Stream file, CancellationToken ct)
    {
        var table = await read(ct);
        var (rows, sha, bytes) = spec.ShiftJis
            ? await ReleaseCsv.WriteAsync(file, table, ReleaseCsv.ShiftJis, ct)
            : await ReleaseCsv.WriteAsync(file, table, ct);
        await file.FlushAsync(ct);
        return new Written(table, rows, sha, bytes);
    }

    /// <summary>Records the release written to <paramref name="w"/>; <paramref name="beforeCommit"/> (placing the file) runs inside the transaction, last.</summary>
    private async Task<ReleaseReceipt> RecordAsync(Actor actor, ReleaseSpec spec, Written w, string fileName,
        Func<DataRelease, CancellationToken, Task>? recordItems, Action? beforeCommit, CancellationToken ct)
    {
        var (table, rows, sha, bytes) = w;
        var now = AuditChain.Normalize(clock.GetUtcNow().UtcDateTime);
        var release = new DataRelease
        {
            Kind = spec.Kind, Content = spec.Content, Recipient = spec.Recipient, Items = string.Join(",", table.Header),
            RowCount = rows, Sha256 = sha, FileName = fileName, Purpose = spec.Purpose,
            AccountId = actor.AccountId, ActorName = actor.Name, AtUtc = now,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.DataReleases.Add(release);
        await db.SaveChangesAsync(ct);
        if (recordItems is not null) await recordItems(release, ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(spec.AuditKind ?? EventKind(spec.Kind), Purpose: spec.Purpose,
            Detail: $"{KindName(spec.Kind)} {release.Id}: {spec.Content} 受領者={spec.Recipient} ファイル={fileName} 件数={rows} SHA-256={sha}"), clock, ct);
        beforeCommit?.Invoke();
        await tx.CommitAsync(ct);
        db.Entry(release).State = EntityState.Detached;
        return new ReleaseReceipt(release.Id, fileName, table.Header, rows, sha, bytes, now);
    }

    public static AuditEventKind EventKind(DataReleaseKind kind) => kind switch
    {
        DataReleaseKind.Export => AuditEventKind.DataExported,
        DataReleaseKind.Transfer => AuditEventKind.DataTransferred,
        // Print is refused (a printed form is an issued document, recorded by IssuedDocuments with 4001).
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string KindName(DataReleaseKind kind) => kind switch
    {
        DataReleaseKind.Export => "出力",
        DataReleaseKind.Transfer => "移転",
        DataReleaseKind.Print => "印刷",
        _ => kind.ToString(),
    };
}
