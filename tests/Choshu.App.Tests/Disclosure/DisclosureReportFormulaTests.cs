using System.Text;
using Choshu.App.Disclosure;

namespace Choshu.App.Tests.Disclosure;

/// <summary>
/// Issue 18: the disclosure report is TAB-separated text a clerk may open in a spreadsheet. A requester name or details that
/// begin with =, +, -, @ (or TAB / CR) go through the one spreadsheet-safe writer: a leading apostrophe, never a formula.
/// </summary>
public class DisclosureReportFormulaTests
{
    [Fact]
    public void Render_CellsStartingWithFormulaCharacters_NeutralisedNumbersKept()
    {
        var section = new ReportSection("request", "請求", ["請求者", "内容", "金額"],
        [
            ["=HYPERLINK(\"http://evil.example\")", "+cmd|' /C calc'!A0", "-15000"],
            ["@SUM(A1)", "\t=1+1", "30000"],
            ["-2+3", "\r=A1", "12.5"],
        ]);
        var report = new DisclosureReport(7, "1000000001", new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.FromHours(9)), "100001", [section]);

        var text = Encoding.UTF8.GetString(report.Render().AsSpan(3));
        var lines = text.Split("\r\n");

        Assert.Contains("'=HYPERLINK(\"http://evil.example\")\t'+cmd|' /C calc'!A0\t-15000", lines);
        Assert.Contains("'@SUM(A1)\t' =1+1\t30000", lines);
        Assert.Contains("'-2+3\t' =A1\t12.5", lines);
    }
}
