using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Notices;
using Choshu.Domain;
using Choshu.Domain.Security;
using Choshu.Formats.Barcodes;
using Choshu.Formats.Csv;
using Choshu.Formats.Text;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Notices;

/// <summary>The files of a run as written: paths, sizes and SHA-256, pages of the PDF.</summary>
public sealed record NoticeRunFiles(string PdfPath, long PdfBytes, int Pages, string PdfSha256, string VendorPath, long VendorBytes, int VendorRows, string VendorSha256);

/// <summary>
/// 印刷: writes the files of a run into a folder, drawn from the letters' stored data records so a second writing gives the same
/// letters: the PDF for in-house printing (<see cref="NoticePdf"/>, every letter with its slips, one file) and the data file for an
/// outsourced print vendor (<see cref="VendorFile"/>, docs/formats.md). Files are written under a temporary name and renamed when
/// complete, so a crash leaves no half file under the final name. Writing shows personal data: it needs the run kind's permission
/// (<see cref="NoticeRuns.PermissionFor"/>) and is audited (4001 帳票印刷 for the PDF, 4004 for the vendor file, with the hashes);
/// the first hashes are kept on the run, and a later writing that differs is refused rather than silently replacing them.
/// </summary>
public sealed class NoticeFiles(ChoshuDbContext db, TimeProvider clock)
{
    public async Task<NoticeRunFiles> WriteAsync(Actor actor, long runId, string outDir, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var runs = new NoticeRuns(db, clock);
        var run = await runs.FindAsync(runId, ct);
        await AccessControl.DemandAsync(db, actor, NoticeRuns.PermissionFor(run.Kind), clock, what: $"{NoticeRuns.Label(run.Kind)} 一括作成 {runId} の印刷", ct: ct);
        if (run.CancelledAtUtc is not null)
            throw new DomainException("notice.run_cancelled", $"一括作成 {runId} は取り消されています。印刷しません。");
        Directory.CreateDirectory(outDir);
        var letters = await runs.LettersAsync(runId, ct);
        var stem = Path.Combine(outDir, $"{run.Kind.Replace('_', '-')}-run-{runId}");

        var pdfPath = stem + ".pdf";
        int pages;
        string pdfSha;
        long pdfBytes;
        var tmp = pdfPath + ".part";
        try
        {
            await using var f = new FileStream(tmp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            pages = NoticePdf.Render(letters, f, progress);
            await f.FlushAsync(ct);
            f.Position = 0;
            pdfSha = Convert.ToHexStringLower(await SHA256.HashDataAsync(f, ct));
            pdfBytes = f.Length;
        }
        catch
        {
            File.Delete(tmp); // never a half file left behind
            throw;
        }
        File.Move(tmp, pdfPath, overwrite: true);

        var vendorPath = stem + ".csv";
        var (csv, rows) = VendorFile(run, letters);
        var bytes = new UTF8Encoding(false).GetBytes(csv);
        await File.WriteAllBytesAsync(vendorPath + ".part", bytes, ct);
        File.Move(vendorPath + ".part", vendorPath, overwrite: true);
        var vendorSha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.NoticeRuns.SingleAsync(r => r.Id == runId, ct);
        var again = row.PdfSha256 is not null;
        if (again && row.VendorFileSha256 != vendorSha)
            throw new DomainException("notice.files_changed", $"一括作成 {runId} の委託データが最初に出力したものと一致しません（SHA-256）。");
        row.PdfSha256 ??= pdfSha;
        row.VendorFileSha256 ??= vendorSha;
        await db.SaveChangesAsync(ct);
        var what = again ? "再印刷" : "印刷";
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.FormPrinted,
            Detail: $"{NoticeRuns.Label(run.Kind)} 一括作成 {runId} {what}: {letters.Count}通 {pages}頁 PDF SHA-256={pdfSha}"), clock, ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.NoticeVendorFileWritten,
            Detail: $"{NoticeRuns.Label(run.Kind)} 一括作成 {runId} 印刷委託データ{(again ? "（再出力）" : "")}: {rows}行 SHA-256={vendorSha}"), clock, ct);
        await tx.CommitAsync(ct);
        return new NoticeRunFiles(pdfPath, pdfBytes, pages, pdfSha, vendorPath, bytes.LongLength, rows, vendorSha);
    }

    /// <summary>The columns of the print vendor's data file (docs/formats.md, 「通知書 印刷委託データ」).</summary>
    public static readonly IReadOnlyList<string> VendorColumns =
    [
        "一括作成番号", "通番", "発行番号", "種類", "表題", "作成日", "作成日和暦", "郵便番号", "住所1", "住所2", "住所3", "宛名", "宛名肩書", "本人氏名",
        "宛名番号", "カスタマバーコード", "明細番号", "明細数", "税目", "年度", "通知書番号", "期", "納期限", "本税", "督促手数料", "延滞金", "合計",
        "指定期限", "消込番号", "eL番号", "コンビニバーコード", "QRデータ", "本文", "教示", "注記",
    ];

    /// <summary>
    /// The print vendor's data file: UTF-8 without BOM, CR LF, a header line of <see cref="VendorColumns"/>, then one line per
    /// installment of each letter in letter order (a letter of three installments is three lines sharing 通番); text guarded and
    /// quoted by <see cref="CsvOut"/>; the body's paragraphs separated by LF inside the quoted field.
    /// </summary>
    public static (string Text, int Rows) VendorFile(NoticeRun run, IReadOnlyList<(NoticeLetter Letter, NoticeLetterData Data)> letters)
    {
        var sb = new StringBuilder(letters.Count * 900 + 1024);
        CsvOut.AppendRecord(sb, VendorColumns.Select(CsvOut.Text));
        var rows = 0;
        foreach (var (letter, d) in letters)
        {
            if (letter.Pulled) continue;
            var r = d.Recipient;
            var barcode = CustomerBarcodeText(r);
            for (var n = 0; n < d.Claims.Count; n++)
            {
                var c = d.Claims[n];
                var slip = d.Slips.FirstOrDefault(s => s.InstallmentId == c.InstallmentId);
                CsvOut.AppendRecord(sb,
                [
                    N(run.Id), N(letter.Seq), N(letter.DocumentId), CsvOut.Raw(d.Kind), CsvOut.Text(d.Title), Iso(d.IssuedOn), CsvOut.Text(JapaneseDate.Wareki(d.IssuedOn)),
                    CsvOut.Raw(r.PostalCode), CsvOut.Text(r.Address1), CsvOut.Text(r.Address2), CsvOut.Text(r.Address3), CsvOut.Text(r.Name), CsvOut.Text(r.Attention),
                    CsvOut.Text(r.OnBehalfOf), CsvOut.Raw(r.TaxpayerNo), CsvOut.Raw(barcode), N(n + 1), N(d.Claims.Count), CsvOut.Text(c.TaxKindName), N(c.FiscalYear),
                    CsvOut.Text(c.NoticeNo), N(c.Period), Iso(c.DueDate), N(c.Principal), N(c.ReminderFee), N(c.LateFee), N(c.Principal + c.ReminderFee + c.LateFee),
                    slip is null ? "" : Iso(slip.Deadline), CsvOut.Raw(slip?.MatchKey), CsvOut.Raw(slip?.ElNumber), CsvOut.Raw(slip?.StoreBarcode), CsvOut.Text(slip?.QrPayload),
                    CsvOut.Text(d.Body), CsvOut.Text(d.AppealNotice), CsvOut.Text(d.Footnote),
                ]);
                rows++;
            }
        }
        return (sb.ToString(), rows);
    }

    /// <summary>The customer barcode's 20 characters and check character (e.g. "26300233-30-8-403CC4CC4CC4" + "5"), or empty without a postal code.</summary>
    public static string CustomerBarcodeText(NoticeRecipientData r)
    {
        if (r.PostalCode is not { Length: 7 } pc || !pc.All(char.IsAsciiDigit)) return "";
        var symbol = CustomerBarcode.Encode(pc, string.Join("", new[] { r.Address2, r.Address3 }.Where(x => x is not null)));
        return symbol.Characters + CheckText(symbol.CheckDigit);
    }

    private static string CheckText(int check) => check switch { < 10 => check.ToString(CultureInfo.InvariantCulture), 10 => "-", _ => "CC" + (check - 10) };

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
