using System.Globalization;
using System.Security.Cryptography;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.Formats.Zengin;

namespace Choshu.App.DirectDebit;

/// <summary>
/// <c>choshu debit request</c>: writes the Zengin direct-debit request (振替依頼データ) for one debit
/// date, one file per bank as banks take them. Header: the city's 委託者コード and 委託者名 from the
/// settings (<c>zengin.biller_code</c>, <c>zengin.biller_name</c>), the debit date, the bank's number;
/// one data record per <see cref="DueDebit"/>; the trailer and end record by <see cref="ZenginWriter"/>.
/// Each file is written beside its final name, hashed, recorded in the audit log (4003: file name, SHA-256,
/// row count and amount; one record per file, committed together) and only then moved into place, so a
/// failure never leaves a partial or unrecorded file under that name. Needs <see cref="Permission.RecordPayments"/>.
/// </summary>
public static class DebitRequest
{
    /// <summary>
    /// Writes the request for <paramref name="date"/>. With <paramref name="bankCode"/>, only that bank's
    /// debits, to <paramref name="outPath"/> itself; without, one file per bank named after
    /// <paramref name="outPath"/> with the bank number added (<see cref="PathForBank"/>). No debits, no file.
    /// </summary>
    public static async Task<DebitRequestResult> WriteAsync(ChoshuDbContext db, Actor actor, DateOnly date, string outPath, string? bankCode, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(outPath);
        await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock,
            what: $"口座振替依頼データの作成 {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", ct: ct);
        var settings = await AppSettings.LoadAsync(db, ct);
        var due = await DueDebitsQuery.LoadAsync(db, date, bankCode, ct);

        var files = new List<DebitRequestFile>();
        var written = new List<(string Temporary, string Path, string Sha256)>();
        try
        {
            foreach (var bank in due.Debits.GroupBy(d => d.BankCode).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var path = bankCode is null ? PathForBank(outPath, bank.Key) : Path.GetFullPath(outPath);
                var (temporary, trailer) = Write(path, Header(settings, date, bank.Key), bank.Select(d => d.ToZengin()));
                written.Add((temporary, path, await Sha256Async(temporary, ct)));
                files.Add(new DebitRequestFile(bank.Key, path, trailer.TotalCount, trailer.TotalAmount));
            }
            if (files.Count > 0)
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                for (var i = 0; i < files.Count; i++)
                    await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.DebitRequestWritten,
                        Detail: string.Create(CultureInfo.InvariantCulture,
                            $"振替日 {date:yyyy-MM-dd} 金融機関 {files[i].BankCode} ファイル {Path.GetFileName(files[i].Path)} SHA-256 {written[i].Sha256}: {files[i].Count} 件 {files[i].Amount}円{(due.Redebits > 0 ? $" (全体のうち再振替 {due.Redebits} 件)" : "")}")), clock, ct);
                await tx.CommitAsync(ct);
            }
            foreach (var w in written)
                File.Move(w.Temporary, w.Path, overwrite: true);
        }
        finally
        {
            foreach (var w in written)
                if (File.Exists(w.Temporary)) File.Delete(w.Temporary);
        }
        return new DebitRequestResult(date, files, due.SkippedPending, due.Redebits);
    }

    private static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    /// <summary>"out/debit-20261130.txt" and bank 0185 give "out/debit-20261130-0185.txt" (".txt" when the name has no extension).</summary>
    public static string PathForBank(string outPath, string bankCode)
    {
        var full = Path.GetFullPath(outPath);
        var extension = Path.GetExtension(full);
        var stem = Path.Combine(Path.GetDirectoryName(full) ?? "", Path.GetFileNameWithoutExtension(full));
        return $"{stem}-{bankCode}{(extension.Length == 0 ? ".txt" : extension)}";
    }

    /// <summary>
    /// The header for one bank. The city's own receiving account at that bank (取引支店・預金種目・口座番号)
    /// is agreed in each bank's contract and not held in Choshu yet: written as zeros (000, 0, 0000000)
    /// until a setting holds it (docs/formats.md).
    /// </summary>
    private static ZenginHeader Header(AppSettings settings, DateOnly date, string bankCode) => new(
        settings.ZenginBillerCode, settings.ZenginBillerName, date.Month, date.Day,
        bankCode, "", BranchCode: "000", BranchName: "", AccountType: 0, AccountNo: "0000000");

    /// <summary>Writes the file beside <paramref name="path"/> under a temporary name; the caller moves it into place once recorded.</summary>
    private static (string Temporary, ZenginTrailer Trailer) Write(string path, ZenginHeader header, IEnumerable<ZenginDebitRecord> records)
    {
        var temporary = path + ".part-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
            var trailer = ZenginWriter.WriteRequest(stream, header, records);
            stream.Flush(flushToDisk: true);
            return (temporary, trailer);
        }
        catch
        {
            if (File.Exists(temporary)) File.Delete(temporary);
            throw;
        }
    }
}
