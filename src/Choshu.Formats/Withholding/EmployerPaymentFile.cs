using System.Globalization;
using System.Text;

namespace Choshu.Formats.Withholding;

/// <summary>One employee's part of an employer payment (a D record).</summary>
public sealed record RemittanceDetail(int LineNo, string RecipientNo, long Amount, string RawText);

/// <summary>
/// One employer payment (an H record and the D records after it with the same 受付番号): the money received for one month
/// (or one 納期の特例 half-year) of one 特別徴収義務者, and its breakdown per employee.
/// </summary>
public sealed record EmployerRemittance(int LineNo, string ReceiptNo, string DesignationNo, int Year, int Month, DateOnly PaidOn, DateOnly ReceivedOn,
    long Amount, string RawText, IReadOnlyList<RemittanceDetail> Details);

/// <summary>A line that cannot be used: its number, the field and the reason (Japanese), and the line as read.</summary>
public sealed record RemittanceLineError(int LineNo, string Field, string Reason, string RawText);

/// <summary>What the reader made of a file: the payments whose every line reads, and the errors of the lines that do not
/// (a payment with one bad line is not in <see cref="Remittances"/>: all its lines are in <see cref="Errors"/>).</summary>
public sealed record EmployerPaymentRead(IReadOnlyList<EmployerRemittance> Remittances, IReadOnlyList<RemittanceLineError> Errors, int LinesRead);

/// <summary>
/// 特別徴収 納入データ (Choshu's layout, modelled on what eLTAX delivers for 個人住民税特別徴収; docs/formats.md): UTF-8 only (a BOM
/// is allowed); comma separated, no quoting, one record per line, blank lines ignored.
/// <code>
/// H,受付番号,指定番号,納入対象年月,納付日,収入日,納入額
/// D,受付番号,受給者番号,金額
/// </code>
/// 受付番号: 1–30 letters, digits or hyphens, the payment's identity (the same payment reported again is a duplicate);
/// 指定番号: 1–12 digits; 納入対象年月: yyyyMM, the salary month withheld (under 納期の特例 any month of the half-year);
/// 納付日・収入日: yyyyMMdd; 納入額・金額: yen, digits, 1 or more. The D records of a payment follow its H record and carry
/// its 受付番号; their 金額 add up to its 納入額; a 受給者番号 appears once per payment.
/// </summary>
public static class EmployerPaymentFile
{
    public const string Format = "employer-payments";
    public const int MaxReceiptNoLength = 30;

    public static EmployerPaymentRead Read(Stream stream)
    {
        var (lines, read, error) = RemittanceLines.Read(stream);
        return error is not null ? new EmployerPaymentRead([], [error], read) : Parse(lines, read);
    }

    private sealed class Group(int lineNo, string raw)
    {
        public int LineNo { get; } = lineNo;
        public string Raw { get; } = raw;
        public string ReceiptNo { get; set; } = "";
        public EmployerRemittance? Header { get; set; }
        public List<RemittanceDetail> Details { get; } = [];
        public List<(int LineNo, string Raw)> Lines { get; } = [];
        public List<RemittanceLineError> Errors { get; } = [];
    }

    private static EmployerPaymentRead Parse(List<(int No, string Text)> lines, int read)
    {
        var groups = new List<Group>();
        var errors = new List<RemittanceLineError>();
        Group? current = null;
        foreach (var (no, raw) in lines)
        {
            var f = raw.Split(',');
            switch (f[0])
            {
                case "H":
                    current = new Group(no, raw);
                    groups.Add(current);
                    current.Lines.Add((no, raw));
                    if (f.Length != 7) { current.Errors.Add(new(no, "レコード", $"H レコードの項目数が {f.Length} です（7 項目）。", raw)); break; }
                    current.ReceiptNo = f[1];
                    var bad = ReceiptNoError(f[1]) is { } r1 ? ("受付番号", r1)
                        : !Digits(f[2], 1, 12) ? ("指定番号", "指定番号は1〜12桁の数字です。")
                        : !YearMonth(f[3], out var y, out var m) ? ("納入対象年月", "納入対象年月は yyyyMM の年月です。")
                        : !Date(f[4], out var paid) ? ("納付日", "納付日は yyyyMMdd の日付です。")
                        : !Date(f[5], out var received) ? ("収入日", "収入日は yyyyMMdd の日付です。")
                        : received < paid ? ("収入日", "収入日が納付日より前です。")
                        : !Amount(f[6], out var amount) ? ("納入額", "納入額は1円以上の数字です。")
                        : ((string, string)?)null;
                    if (bad is { } b) { current.Errors.Add(new(no, b.Item1, b.Item2, raw)); break; }
                    YearMonth(f[3], out y, out m); Date(f[4], out paid); Date(f[5], out received); Amount(f[6], out amount);
                    current.Header = new EmployerRemittance(no, f[1], f[2], y, m, paid, received, amount, raw, []);
                    break;
                case "D":
                    if (current is null)
                    {
                        errors.Add(new(no, "レコード", "D レコードの前に H レコードがありません。", raw));
                        break;
                    }
                    current.Lines.Add((no, raw));
                    if (f.Length != 4) { current.Errors.Add(new(no, "レコード", $"D レコードの項目数が {f.Length} です（4 項目）。", raw)); break; }
                    if (f[1] != current.ReceiptNo) { current.Errors.Add(new(no, "受付番号", $"受付番号 {f[1]} が直前の H レコード（{current.ReceiptNo}）と違います。", raw)); break; }
                    if (string.IsNullOrEmpty(f[2]) || f[2].Length > 20) { current.Errors.Add(new(no, "受給者番号", "受給者番号は1〜20文字です。", raw)); break; }
                    if (!Amount(f[3], out var part)) { current.Errors.Add(new(no, "金額", "金額は1円以上の数字です。", raw)); break; }
                    if (current.Details.Any(d => d.RecipientNo == f[2])) { current.Errors.Add(new(no, "受給者番号", $"受給者番号 {f[2]} が同じ納入の中で重複しています。", raw)); break; }
                    current.Details.Add(new RemittanceDetail(no, f[2], part, raw));
                    break;
                default:
                    errors.Add(new(no, "レコード区分", $"レコード区分 {(f[0].Length > 10 ? f[0][..10] : f[0])} は H または D です。", raw));
                    break;
            }
        }
        var ok = new List<EmployerRemittance>();
        foreach (var g in groups)
        {
            if (g.Errors.Count == 0 && g.Header is { } h)
            {
                if (g.Details.Count == 0) g.Errors.Add(new(g.LineNo, "明細", "納入の内訳（D レコード）がありません。", g.Raw));
                else if (g.Details.Sum(d => d.Amount) != h.Amount)
                    g.Errors.Add(new(g.LineNo, "納入額", $"納入額 {h.Amount}円 と内訳の合計 {g.Details.Sum(d => d.Amount)}円 が一致しません。", g.Raw));
            }
            if (g.Errors.Count == 0 && g.Header is { } header) { ok.Add(header with { Details = g.Details }); continue; }
            errors.AddRange(g.Errors);
            foreach (var (lineNo, raw) in g.Lines.Where(l => g.Errors.All(e => e.LineNo != l.LineNo)))
                errors.Add(new(lineNo, "", $"同じ納入（{g.LineNo}行目から）の他の行に誤りがあるため保留しました。", raw));
        }
        return new EmployerPaymentRead(ok, errors.OrderBy(e => e.LineNo).ToList(), read);
    }

    /// <summary>Why a 受付番号 is not one; null when it is.</summary>
    public static string? ReceiptNoError(string s) =>
        s.Length is 0 or > MaxReceiptNoLength || !s.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? "受付番号は英数字とハイフンで1〜30文字です。" : null;

    internal static bool Digits(string s, int min, int max) => s.Length >= min && s.Length <= max && s.All(char.IsAsciiDigit);

    internal static bool YearMonth(string s, out int year, out int month)
    {
        year = month = 0;
        if (!Digits(s, 6, 6)) return false;
        year = int.Parse(s[..4], CultureInfo.InvariantCulture);
        month = int.Parse(s[4..], CultureInfo.InvariantCulture);
        return year >= 2000 && month is >= 1 and <= 12;
    }

    internal static bool Date(string s, out DateOnly date) =>
        DateOnly.TryParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool Amount(string s, out long amount)
    {
        amount = 0;
        return Digits(s, 1, 12) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out amount) && amount > 0;
    }
}

/// <summary>
/// The non-empty lines of a UTF-8 remittance file (a BOM allowed) with their line numbers, shared by the employer payment file
/// and the pension result file; <see cref="Error"/> when a byte is not UTF-8 (then nothing of the file is taken).
/// </summary>
internal static class RemittanceLines
{
    private static readonly UTF8Encoding Strict = new(false, true);

    /// <summary>Each line is decoded on its own, so a byte that is not UTF-8 is reported on its own line.</summary>
    public static (List<(int No, string Text)> Lines, int Read, RemittanceLineError? Error) Read(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        var lines = new List<(int No, string Text)>();
        var no = 0;
        while (bytes.Length > 0)
        {
            var end = bytes.IndexOf((byte)'\n');
            var line = end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? [] : bytes[(end + 1)..];
            if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
            no++;
            string text;
            try { text = Strict.GetString(line); }
            catch (DecoderFallbackException)
            {
                return ([], no, new RemittanceLineError(no, "", "UTF-8 として読めません（文字コードを確認してください）。ファイル全体を取り込んでいません。", ""));
            }
            if (text.Length > 0) lines.Add((no, text));
        }
        return (lines, no, null);
    }
}
