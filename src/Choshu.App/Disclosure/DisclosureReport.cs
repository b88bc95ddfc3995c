using System.Globalization;
using System.Text;

namespace Choshu.App.Disclosure;

/// <summary>One section of the report: a numbered title, then a table (header and rows; cells are plain text).</summary>
public sealed record ReportSection(string Key, string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// 保有個人情報の報告書: everything Choshu holds on one person and every recorded access to it, for a
/// 開示・訂正・利用停止請求 or an inquiry (docs/formats.md "開示等請求の報告書"). Built by
/// <see cref="DisclosureReportBuilder"/>; written by <see cref="Render"/> as UTF-8 text with a byte-order mark,
/// CR LF line ends, sections headed "■ n. title（k 件）" and tables with TAB between cells. Never holds a
/// My Number: only whether one is held, masked.
/// </summary>
public sealed record DisclosureReport(long RequestId, string TaxpayerNo, DateTimeOffset ProducedAtJst, string ProducedBy, IReadOnlyList<ReportSection> Sections)
{
    public ReportSection Section(string key) => Sections.Single(s => s.Key == key);

    public byte[] Render()
    {
        var sb = new StringBuilder();
        void Line(string s) => sb.Append(s).Append("\r\n");
        Line($"保有個人情報の報告書（開示等請求 {RequestId.ToString(CultureInfo.InvariantCulture)}）");
        Line($"対象: 宛名番号 {TaxpayerNo}");
        Line($"作成日時: {ProducedAtJst.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}　作成者: {ProducedBy}");
        Line("この報告書は市の職員が開示の可否（第三者の情報、部分開示）を判断するための資料です。個人番号は保有の有無のみを記載しています。");
        for (var i = 0; i < Sections.Count; i++)
        {
            var s = Sections[i];
            Line("");
            Line($"■ {i + 1}. {s.Title}（{s.Rows.Count} 件）");
            Line(string.Join('\t', s.Header.Select(Clean)));
            foreach (var r in s.Rows) Line(string.Join('\t', r.Select(Clean)));
        }
        var bom = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(sb.ToString());
        return [.. bom, .. body];
    }

    /// <summary>
    /// A cell never breaks the layout (TAB, CR and LF become spaces) and never runs as a formula when the report is
    /// opened in a spreadsheet: it goes through the one writer's guard, <see cref="Formats.Csv.CsvOut.Neutralize"/>.
    /// </summary>
    private static string Clean(string s) => Formats.Csv.CsvOut.Neutralize(s).Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
