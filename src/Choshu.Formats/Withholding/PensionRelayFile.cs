using System.Globalization;
using System.Text;

namespace Choshu.Formats.Withholding;

/// <summary>One pensioner of a 特別徴収依頼: 年金番号, name, birth date, the year's amount, its 仮徴収 part and the six monthly amounts (4月 … 翌年2月).</summary>
public sealed record PensionRequestLine(string PensionNo, string NameKana, DateOnly? BirthDate, long Annual, long Provisional, IReadOnlyList<long> Months);

/// <summary>A 特別徴収依頼 the city sends one 年金保険者 through the 経由機関 (eLTAX) for one fiscal year.</summary>
public sealed record PensionRequest(DateOnly CreatedOn, string MunicipalityCode, string PayerCode, int FiscalYear, IReadOnlyList<PensionRequestLine> Lines);

/// <summary>
/// One pensioner of a 特別徴収結果: the amount withheld in the month, or 0 and why it was not withheld
/// (<see cref="PensionRelayFile.NotWithheldReasons"/>: 1 死亡, 2 支給停止, 3 年金額不足, 9 その他).
/// </summary>
public sealed record PensionResultLine(int LineNo, string PensionNo, long Amount, short? Reason, string RawText);

/// <summary>One 納入 of a 年金保険者 (an H record and its D records): what it withheld in one pension month and paid in, per pensioner.</summary>
public sealed record PensionRemittance(int LineNo, string ReceiptNo, string PayerCode, int Year, int Month, DateOnly PaidOn, DateOnly ReceivedOn,
    long Amount, string RawText, IReadOnlyList<PensionResultLine> Details);

/// <summary>What the reader made of a result file: the 納入 whose every line reads, and the errors of those that do not.</summary>
public sealed record PensionResultRead(IReadOnlyList<PensionRemittance> Remittances, IReadOnlyList<RemittanceLineError> Errors, int LinesRead);

/// <summary>
/// The relay files of 公的年金からの特別徴収 between the city and a 年金保険者 through the 経由機関 (eLTAX): the request the city
/// sends and the result and 納入 the payer returns. One interface so that the national fixed-length layouts can replace
/// Choshu's own (<see cref="PensionRelayFile"/>) without touching the import or the request.
/// </summary>
public interface IPensionRelayLayout
{
    /// <summary>The name of the request layout (recorded with every file written).</summary>
    string RequestFormat { get; }
    /// <summary>The name of the result layout (the import's file kind).</summary>
    string ResultFormat { get; }
    /// <summary>Writes a 特別徴収依頼.</summary>
    void WriteRequest(Stream stream, PensionRequest request);
    /// <summary>Reads a 特別徴収結果・納入; lines that do not read come back as errors with their line, field and a Japanese reason.</summary>
    PensionResultRead ReadResult(Stream stream);
}

/// <summary>
/// Choshu's layout of the pension relay files (docs/formats.md "年金特別徴収 依頼・結果"): UTF-8 (no BOM written, a BOM read),
/// comma separated, no quoting, one record per line, CR LF written, blank lines ignored on reading.
/// <code>
/// 依頼 (pension-request):  H,作成日,市区町村コード,特別徴収義務者コード,年度,件数,年税額合計
///                          D,年金番号,氏名カナ,生年月日,年税額,仮徴収額,本徴収額,4月,6月,8月,10月,12月,2月
/// 結果 (pension-result):   H,受付番号,特別徴収義務者コード,徴収年月,納付日,収入日,納入額
///                          D,受付番号,年金番号,徴収額,未徴収理由
/// </code>
/// In a result the D records of a 納入 follow its H record with its 受付番号; a 年金番号 appears once per 納入; 徴収額 is 0
/// exactly when 未徴収理由 is given; the 徴収額 add up to 納入額 (0 when nobody was withheld).
/// </summary>
public sealed class PensionRelayFile : IPensionRelayLayout
{
    public const string RequestFormatName = "pension-request";
    public const string ResultFormatName = "pension-result";

    /// <summary>未徴収理由: 1 死亡, 2 支給停止（資格喪失・差止めを含む）, 3 年金額不足, 9 その他.</summary>
    public static readonly IReadOnlyDictionary<short, string> NotWithheldReasons = new Dictionary<short, string>
    {
        [1] = "死亡", [2] = "支給停止", [3] = "年金額不足", [9] = "その他",
    };

    public static PensionRelayFile Instance { get; } = new();

    public string RequestFormat => RequestFormatName;
    public string ResultFormat => ResultFormatName;

    public void WriteRequest(Stream stream, PensionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(string.Create(inv, $"H,{request.CreatedOn:yyyyMMdd},{request.MunicipalityCode},{request.PayerCode},{request.FiscalYear},{request.Lines.Count},{request.Lines.Sum(l => l.Annual)}\r\n"));
        foreach (var l in request.Lines)
        {
            if (l.Months.Count != 6) throw new ArgumentException("月額は6つです。", nameof(request));
            if (l.PensionNo.Contains(',', StringComparison.Ordinal) || l.NameKana.Contains(',', StringComparison.Ordinal))
                throw new ArgumentException("年金番号・氏名カナにカンマは使えません。", nameof(request));
            sb.Append(string.Create(inv, $"D,{l.PensionNo},{l.NameKana},{(l.BirthDate is { } b ? b.ToString("yyyyMMdd", inv) : "")},{l.Annual},{l.Provisional},{l.Annual - l.Provisional},{string.Join(',', l.Months.Select(m => m.ToString(inv)))}\r\n"));
        }
        var bytes = new UTF8Encoding(false).GetBytes(sb.ToString());
        stream.Write(bytes);
    }

    public PensionResultRead ReadResult(Stream stream)
    {
        var (lines, read, error) = RemittanceLines.Read(stream);
        return error is not null ? new PensionResultRead([], [error], read) : Parse(lines, read);
    }

    private sealed class Group(int lineNo, string raw)
    {
        public int LineNo { get; } = lineNo;
        public string Raw { get; } = raw;
        public string ReceiptNo { get; set; } = "";
        public PensionRemittance? Header { get; set; }
        public List<PensionResultLine> Details { get; } = [];
        public List<(int LineNo, string Raw)> Lines { get; } = [];
        public List<RemittanceLineError> Errors { get; } = [];
    }

    private static PensionResultRead Parse(List<(int No, string Text)> lines, int read)
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
                    int y = 0, m = 0;
                    DateOnly paid = default, received = default;
                    long amount = 0;
                    var bad = EmployerPaymentFile.ReceiptNoError(f[1]) is { } r1 ? ("受付番号", r1)
                        : !EmployerPaymentFile.Digits(f[2], 3, 6) ? ("特別徴収義務者コード", "特別徴収義務者コードは3〜6桁の数字です。")
                        : !EmployerPaymentFile.YearMonth(f[3], out y, out m) ? ("徴収年月", "徴収年月は yyyyMM の年月です。")
                        : m % 2 != 0 ? ("徴収年月", $"徴収年月 {f[3]} は年金の支払月（偶数月）ではありません。")
                        : !EmployerPaymentFile.Date(f[4], out paid) ? ("納付日", "納付日は yyyyMMdd の日付です。")
                        : !EmployerPaymentFile.Date(f[5], out received) ? ("収入日", "収入日は yyyyMMdd の日付です。")
                        : received < paid ? ("収入日", "収入日が納付日より前です。")
                        : !Amount(f[6], out amount) ? ("納入額", "納入額は0円以上の数字です。")
                        : ((string, string)?)null;
                    if (bad is { } b) { current.Errors.Add(new(no, b.Item1, b.Item2, raw)); break; }
                    current.Header = new PensionRemittance(no, f[1], f[2], y, m, paid, received, amount, raw, []);
                    break;
                case "D":
                    if (current is null) { errors.Add(new(no, "レコード", "D レコードの前に H レコードがありません。", raw)); break; }
                    current.Lines.Add((no, raw));
                    if (f.Length != 5) { current.Errors.Add(new(no, "レコード", $"D レコードの項目数が {f.Length} です（5 項目）。", raw)); break; }
                    if (f[1] != current.ReceiptNo) { current.Errors.Add(new(no, "受付番号", $"受付番号 {f[1]} が直前の H レコード（{current.ReceiptNo}）と違います。", raw)); break; }
                    if (string.IsNullOrEmpty(f[2]) || f[2].Length > 20) { current.Errors.Add(new(no, "年金番号", "年金番号は1〜20文字です。", raw)); break; }
                    if (!Amount(f[3], out var part)) { current.Errors.Add(new(no, "徴収額", "徴収額は0円以上の数字です。", raw)); break; }
                    short? reason = null;
                    if (f[4].Length > 0)
                    {
                        if (!short.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var rc) || !NotWithheldReasons.ContainsKey(rc))
                        { current.Errors.Add(new(no, "未徴収理由", $"未徴収理由 {f[4]} は 1（死亡）・2（支給停止）・3（年金額不足）・9（その他）のいずれかです。", raw)); break; }
                        reason = rc;
                    }
                    if (part > 0 && reason is not null) { current.Errors.Add(new(no, "未徴収理由", "徴収額のある行に未徴収理由は書けません。", raw)); break; }
                    if (part == 0 && reason is null) { current.Errors.Add(new(no, "未徴収理由", "徴収額が0円の行には未徴収理由が必要です。", raw)); break; }
                    if (current.Details.Any(d => d.PensionNo == f[2])) { current.Errors.Add(new(no, "年金番号", $"年金番号 {f[2]} が同じ納入の中で重複しています。", raw)); break; }
                    current.Details.Add(new PensionResultLine(no, f[2], part, reason, raw));
                    break;
                default:
                    errors.Add(new(no, "レコード区分", $"レコード区分 {(f[0].Length > 10 ? f[0][..10] : f[0])} は H または D です。", raw));
                    break;
            }
        }
        var ok = new List<PensionRemittance>();
        foreach (var g in groups)
        {
            if (g.Errors.Count == 0 && g.Header is { } h)
            {
                if (g.Details.Count == 0) g.Errors.Add(new(g.LineNo, "明細", "納入の内訳（D レコード）がありません。", g.Raw));
                else if (g.Details.Sum(d => d.Amount) != h.Amount)
                    g.Errors.Add(new(g.LineNo, "納入額", $"納入額 {h.Amount}円 と徴収額の合計 {g.Details.Sum(d => d.Amount)}円 が一致しません。", g.Raw));
            }
            if (g.Errors.Count == 0 && g.Header is { } header) { ok.Add(header with { Details = g.Details }); continue; }
            errors.AddRange(g.Errors);
            foreach (var (lineNo, raw) in g.Lines.Where(l => g.Errors.All(e => e.LineNo != l.LineNo)))
                errors.Add(new(lineNo, "", $"同じ納入（{g.LineNo}行目から）の他の行に誤りがあるため保留しました。", raw));
        }
        return new PensionResultRead(ok, errors.OrderBy(e => e.LineNo).ToList(), read);
    }

    private static bool Amount(string s, out long amount)
    {
        amount = 0;
        return EmployerPaymentFile.Digits(s, 1, 12) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out amount);
    }
}
