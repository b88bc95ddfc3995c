using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Choshu.App.Releases;

/// <summary>
/// The CSV every export and transfer is written in (docs/formats.md "Exports and transfers"): UTF-8 with a
/// byte-order mark (so spreadsheet software reads it as UTF-8 and no name is lost to code page 932, which
/// cannot write characters such as 𠮷), CR LF after every line, a header line, fields quoted only when they
/// hold a comma, a double quote, CR or LF (a double quote doubled, RFC 4180). A text field that begins with
/// =, +, -, @, TAB or CR and is not a number is prefixed with ' so a spreadsheet does not run it as a formula.
/// </summary>
public static class ReleaseCsv
{
    private static readonly UTF8Encoding Utf8Bom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Writes the table and returns the data rows written, the SHA-256 of every byte (hex, lower case) and the byte count.</summary>
    public static Task<(int Rows, string Sha256, long Bytes)> WriteAsync(Stream destination, ReleaseTable table, CancellationToken ct = default) =>
        WriteAsync(destination, table, Utf8Bom, ct);

    /// <summary>
    /// Code page 932 for a recipient that reads only Shift_JIS: a character it cannot hold (e.g. 𠮷) is refused
    /// (<see cref="Domain.DomainException"/> "release.cp932", naming the row, never its content), not replaced.
    /// </summary>
    public static Encoding ShiftJis { get; } = CreateShiftJis();

    private static Encoding CreateShiftJis()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>Writes the table in <paramref name="encoding"/> (UTF-8 with BOM, or <see cref="ShiftJis"/>).</summary>
    public static async Task<(int Rows, string Sha256, long Bytes)> WriteAsync(Stream destination, ReleaseTable table, Encoding encoding, CancellationToken ct = default)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var counting = new HashingStream(destination, hash);
        var rows = 0;
        await using (var w = new StreamWriter(counting, encoding, 64 * 1024, leaveOpen: true) { NewLine = "\r\n" })
        {
            await w.WriteLineAsync(Line(table.Header));
            foreach (var row in table.Rows)
            {
                ct.ThrowIfCancellationRequested();
                if (row.Count != table.Header.Count)
                    throw new InvalidOperationException($"Row {rows + 1} has {row.Count} cells for {table.Header.Count} items.");
                var line = Line(row);
                if (encoding.CodePage == 932)
                {
                    try { _ = encoding.GetByteCount(line); }
                    catch (EncoderFallbackException)
                    {
                        throw new Domain.DomainException("release.cp932",
                            $"{rows + 1}件目に Shift_JIS（CP932）で表せない文字があります。UTF-8 で出力してください（--encoding utf-8）。");
                    }
                }
                await w.WriteLineAsync(line);
                rows++;
            }
        }
        return (rows, Convert.ToHexStringLower(hash.GetHashAndReset()), counting.Written);
    }

    public static string Line(IEnumerable<string> cells) => Formats.Csv.CsvOut.Line(cells);

    /// <summary>One cell as <see cref="Formats.Csv.CsvOut.Text"/> writes it (the one spreadsheet-safe writer).</summary>
    public static string Field(string? value) => Formats.Csv.CsvOut.Text(value);

    /// <summary>Passes writes through to the destination while hashing and counting them.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public long Written { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written;
        public override long Position { get => Written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            Written += buffer.Length;
            inner.Write(buffer);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            hash.AppendData(buffer.Span);
            Written += buffer.Length;
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
