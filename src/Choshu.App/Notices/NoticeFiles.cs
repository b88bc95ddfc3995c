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
public sealed record NoticeRunFiles(string PdfPath, long PdfBytes, int Pages, string PdfSha256, string VendorPath, long VendorBytes, int VendorRows, string VendorSha256,
    TimeSpan PdfTime, TimeSpan VendorTime);

/// <summary>One file of a run as drawn into a stream: its name (as <see cref="NoticeFiles.WriteAsync"/> names it), size, SHA-256, and pages (PDF) or rows (vendor file).</summary>
public sealed record NoticeFileDrawn(string FileName, long Bytes, string Sha256, int Count, TimeSpan Elapsed = default);

/// <summary>
/// 印刷: the files of a run, drawn from the letters' stored data records so a second drawing gives the same letters: the PDF
/// for in-house printing (<see cref="NoticePdf"/>, every letter with its slips, one file) and the data file for an outsourced
/// print vendor (<see cref="VendorFile"/>, docs/formats.md). One code path draws them, whether into a folder
/// (<see cref="WriteAsync"/>, the CLI: written under a temporary name and renamed when complete, so a crash leaves no half file
/// under the final name) or into a stream (<see cref="PdfAsync"/> and <see cref="VendorFileAsync"/>, the web's downloads).
/// Drawing shows personal data: it needs the run kind's permission (<see cref="NoticeRuns.PermissionFor"/>) and is audited
/// once drawn (4001 帳票印刷 for the PDF, 4004 for the vendor file, with the hashes); the first hashes are kept on the run and every
/// later writing is audited with its own (after a dispatch that pulled letters, the files leave them out).
/// </summary>
public sealed class NoticeFiles(ChoshuDbContext db, TimeProvider clock)
{
    /// <summary>Writes both files of run <paramref name="runId"/> into <paramref name="outDir"/>.</summary>
    public async Task<NoticeRunFiles> WriteAsync(Actor actor, long runId, string outDir, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var (run, letters) = await OpenAsync(actor, runId, "印刷", ct);
        Directory.CreateDirectory(outDir);
        var pdfPath = Path.Combine(outDir, PdfName(run));
        var vendorPath = Path.Combine(outDir, VendorName(run));
        // Both files are drawn under ".part" names, recorded (4001, 4004), and only then renamed: no file under its final name
        // without its audit record, and no half file after a crash.
        try
        {
            var pdf = await ToFileAsync(pdfPath + ".part", s => Task.FromResult(DrawPdf(run, letters, s, progress)), ct);
            var vendor = await ToFileAsync(vendorPath + ".part", s => DrawVendorAsync(run, letters, s, ct), ct);
            await RecordAsync(actor, run, letters.Count, pdf, vendor, ct);
            File.Move(pdfPath + ".part", pdfPath, overwrite: true);
            File.Move(vendorPath + ".part", vendorPath, overwrite: true);
            return new NoticeRunFiles(pdfPath, pdf.Bytes, pdf.Count, pdf.Sha256, vendorPath, vendor.Bytes, vendor.Count, vendor.Sha256, pdf.Elapsed, vendor.Elapsed);
        }
        catch
        {
            File.Delete(pdfPath + ".part");
            File.Delete(vendorPath + ".part");
            throw;
        }
    }

    /// <summary>Draws the PDF of run <paramref name="runId"/> into <paramref name="output"/> (a download), then records it (4001).</summary>
    public async Task<NoticeFileDrawn> PdfAsync(Actor actor, long runId, Stream output, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var (run, letters) = await OpenAsync(actor, runId, "印刷（PDF）", ct);
        var pdf = DrawPdf(run, letters, output, progress);
        await RecordAsync(actor, run, letters.Count, pdf, null, ct);
        return pdf;
    }

    /// <summary>Draws the vendor data file of run <paramref name="runId"/> into <paramref name="output"/> (a download), then records it (4004).</summary>
    public async Task<NoticeFileDrawn> VendorFileAsync(Actor actor, long runId, Stream output, CancellationToken ct = default)
    {
        var (run, letters) = await OpenAsync(actor, runId, "印刷委託データの出力", ct);
        var vendor = await DrawVendorAsync(run, letters, output, ct);
        await RecordAsync(actor, run, letters.Count, null, vendor, ct);
        return vendor;
    }

    /// <summary>The PDF's file name: "reminder-run-12.pdf".</summary>
    public static string PdfName(NoticeRun run) => $"{run.Kind.Replace('_', '-')}-run-{run.Id}.pdf";

    /// <summary>The vendor file's name: "reminder-run-12.csv".</summary>
    public static string VendorName(NoticeRun run) => $"{run.Kind.Replace('_', '-')}-run-{run.Id}.csv";

    private async Task<(NoticeRun Run, IReadOnlyList<(NoticeLetter Letter, NoticeLetterData Data)> Letters)> OpenAsync(Actor actor, long runId, string what, CancellationToken ct)
    {
        var runs = new NoticeRuns(db, clock);
        var run = await runs.FindAsync(runId, ct);
        await AccessControl.DemandAsync(db, actor, NoticeRuns.PermissionFor(run.Kind), clock, what: $"{NoticeRuns.Label(run.Kind)} 一括作成 {runId} の{what}", ct: ct);
        if (run.CancelledAtUtc is not null)
            throw new DomainException("notice.run_cancelled", $"一括作成 {runId} は取り消されています。印刷しません。");
        return (run, await runs.LettersAsync(runId, ct));
    }

    private static NoticeFileDrawn DrawPdf(NoticeRun run, IReadOnlyList<(NoticeLetter Letter, NoticeLetterData Data)> letters, Stream output, IProgress<int>? progress)
    {
        using var hashing = new HashingStream(output);
        var pages = NoticePdf.Render(letters, hashing, progress);
        hashing.Flush();
        return new NoticeFileDrawn(PdfName(run), hashing.Length, hashing.Sha256(), pages);
    }

    /// <summary>Draws one letter (a reprint) into <paramref name="output"/>, as the run's PDF draws it.</summary>
    public static NoticeFileDrawn DrawLetter(NoticeLetter letter, NoticeLetterData data, Stream output, string fileName)
    {
        using var hashing = new HashingStream(output);
        var pages = NoticePdf.Render([(letter, data)], hashing);
        hashing.Flush();
        return new NoticeFileDrawn(fileName, hashing.Length, hashing.Sha256(), pages);
    }

    private static async Task<NoticeFileDrawn> DrawVendorAsync(NoticeRun run, IReadOnlyList<(NoticeLetter Letter, NoticeLetterData Data)> letters, Stream output, CancellationToken ct)
    {
        var (csv, rows) = VendorFile(run, letters);
        var bytes = new UTF8Encoding(false).GetBytes(csv);
        await output.WriteAsync(bytes, ct);
        await output.FlushAsync(ct);
        return new NoticeFileDrawn(VendorName(run), bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes)), rows);
    }

    /// <summary>Draws into <paramref name="path"/> (the caller's ".part" name), deleting it when drawing fails; timed.</summary>
    private static async Task<NoticeFileDrawn> ToFileAsync(string path, Func<Stream, Task<NoticeFileDrawn>> draw, CancellationToken ct)
    {
        var tmp = path;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        NoticeFileDrawn drawn;
        try
        {
            await using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                drawn = await draw(f);
                await f.FlushAsync(ct);
            }
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
        return drawn with { Elapsed = clock.Elapsed };
    }

    /// <summary>Keeps the first hashes on the run and writes 4001 for a PDF, 4004 for a vendor file, each with the hash of this writing.</summary>
    private async Task RecordAsync(Actor actor, NoticeRun run, int letters, NoticeFileDrawn? pdf, NoticeFileDrawn? vendor, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.NoticeRuns.SingleAsync(r => r.Id == run.Id, ct);
        var label = NoticeRuns.Label(run.Kind);
        // The first hashes stay on the run. A later writing is recorded with its own hash: after a dispatch that pulled letters
        // (抜き取り) the files leave those letters out and differ from the first; before it they are the same bytes.
        if (pdf is not null)
        {
            var again = row.PdfSha256 is not null;
            row.PdfSha256 ??= pdf.Sha256;
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.FormPrinted,
                Detail: $"{label} 一括作成 {run.Id} {(again ? "再印刷" : "印刷")}: {letters}通 {pdf.Count}頁 PDF SHA-256={pdf.Sha256}"), clock, ct);
        }
        if (vendor is not null)
        {
            var again = row.VendorFileSha256 is not null;
            row.VendorFileSha256 ??= vendor.Sha256;
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.NoticeVendorFileWritten,
                Detail: $"{label} 一括作成 {run.Id} 印刷委託データ{(again ? "（再出力）" : "")}: {vendor.Count}行 SHA-256={vendor.Sha256}"), clock, ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>A write-only pass-through that hashes (SHA-256) and counts what goes to the stream under it (left open).</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _length;

        public string Sha256() => Convert.ToHexStringLower(_hash.GetCurrentHash());
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            _length += buffer.Length;
            inner.Write(buffer);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash.Dispose();
            base.Dispose(disposing);
        }
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
