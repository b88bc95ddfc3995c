using Choshu.App.Settings;
using Choshu.Data;
using Choshu.Formats.Zengin;

namespace Choshu.App.DirectDebit;

/// <summary>
/// <c>choshu debit request</c>: writes the Zengin direct-debit request (振替依頼データ) for one debit
/// date, one file per bank as banks take them. Header: the city's 委託者コード and 委託者名 from the
/// settings (<c>zengin.biller_code</c>, <c>zengin.biller_name</c>), the debit date, the bank's number;
/// one data record per <see cref="DueDebit"/>; the trailer and end record by <see cref="ZenginWriter"/>.
/// Each file is written beside its final name and moved into place when complete, so a failure never
/// leaves a partial file under that name. Nothing is recorded in the store.
/// </summary>
public static class DebitRequest
{
    /// <summary>
    /// Writes the request for <paramref name="date"/>. With <paramref name="bankCode"/>, only that bank's
    /// debits, to <paramref name="outPath"/> itself; without, one file per bank named after
    /// <paramref name="outPath"/> with the bank number added (<see cref="PathForBank"/>). No debits, no file.
    /// </summary>
    public static async Task<DebitRequestResult> WriteAsync(ChoshuDbContext db, DateOnly date, string outPath, string? bankCode, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(outPath);
        var settings = await AppSettings.LoadAsync(db, ct);
        var due = await DueDebitsQuery.LoadAsync(db, date, bankCode, ct);

        var files = new List<DebitRequestFile>();
        foreach (var bank in due.Debits.GroupBy(d => d.BankCode).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var path = bankCode is null ? PathForBank(outPath, bank.Key) : Path.GetFullPath(outPath);
            var trailer = Write(path, Header(settings, date, bank.Key), bank.Select(d => d.ToZengin()));
            files.Add(new DebitRequestFile(bank.Key, path, trailer.TotalCount, trailer.TotalAmount));
        }
        return new DebitRequestResult(date, files, due.SkippedPending);
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

    private static ZenginTrailer Write(string path, ZenginHeader header, IEnumerable<ZenginDebitRecord> records)
    {
        var temporary = path + ".part-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            ZenginTrailer trailer;
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                trailer = ZenginWriter.WriteRequest(stream, header, records);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
            return trailer;
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
