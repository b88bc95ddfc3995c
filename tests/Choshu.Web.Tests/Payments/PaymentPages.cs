using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Choshu.App.Reconciliation;
using Choshu.Domain.Assessments;
using Choshu.TestSupport;

namespace Choshu.Web.Tests.Payments;

/// <summary>Arranging ledgers and reading the payment pages' HTML in the payment and import tests.</summary>
public static partial class PaymentPages
{
    public static readonly DateOnly June30 = new(2026, 6, 30);
    public static readonly DateOnly Sep30 = new(2026, 9, 30);

    /// <summary>
    /// A taxpayer (宛名番号 <paramref name="taxpayerNo"/>, 氏名 <paramref name="name"/>) with one 市民税 2026 notice
    /// and its installments; returns the installment ids in the order given.
    /// </summary>
    public static Task<long[]> SeedAsync(WebFixture web, string taxpayerNo, string name, string noticeNo, params LedgerSeed.Inst[] installments) =>
        SeedAsync(web.Store, taxpayerNo, name, noticeNo, installments);

    public static async Task<long[]> SeedAsync(TestStore store, string taxpayerNo, string name, string noticeNo, params LedgerSeed.Inst[] installments)
    {
        await using var db = store.Open();
        var taxpayer = await LedgerSeed.TaxpayerAsync(db, taxpayerNo, name);
        return await LedgerSeed.AssessmentAsync(db, taxpayer, TaxKindCodes.InhabitantTax, 2026, noticeNo, installments);
    }

    /// <summary>
    /// Imports a payment file as <c>choshu import payments</c> does (the system actor "test:import"), from a
    /// temporary file deleted afterwards; lines are joined with CR LF.
    /// </summary>
    public static Task<PaymentImportSummary> ImportAsync(WebFixture web, string format, IEnumerable<string> lines, string name) =>
        ImportAsync(web.Store, web.Clock, format, lines, name);

    public static async Task<PaymentImportSummary> ImportAsync(TestStore store, TimeProvider clock, string format, IEnumerable<string> lines, string name)
    {
        var dir = Directory.CreateTempSubdirectory("choshu-web-test-").FullName;
        try
        {
            var path = Path.Combine(dir, name);
            await File.WriteAllTextAsync(path, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(false));
            return await new PaymentImport(store.Store, clock).RunAsync(new PaymentImportRequest(path, format, "test:import"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The value of the first input named <paramref name="name"/>.</summary>
    public static string Field(string html, string name)
    {
        var input = Regex.Match(html, $"<input[^>]*\\bname=\"{Regex.Escape(name)}\"[^>]*>");
        Assert.True(input.Success, $"the page has no field {name}");
        var value = Regex.Match(input.Value, "\\bvalue=\"([^\"]*)\"");
        return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
    }

    /// <summary>The handle in the first link to <paramref name="page"/> (e.g. "/Payments/Match").</summary>
    public static string Handle(string html, string page)
    {
        var m = Regex.Match(html, Regex.Escape(page) + "/([A-Za-z0-9_-]+)\"");
        Assert.True(m.Success, $"the page has no link to {page}/{{handle}}");
        return m.Groups[1].Value;
    }

    /// <summary>The text of the element carrying <c>data-testid</c> <paramref name="id"/> (tags stripped, entities decoded).</summary>
    public static string TestId(string html, string id)
    {
        var m = Regex.Match(html, $"data-testid=\"{Regex.Escape(id)}\"[^>]*>(.*?)</", RegexOptions.Singleline);
        Assert.True(m.Success, $"the page has no data-testid={id}");
        return WebUtility.HtmlDecode(m.Groups[1].Value).Trim();
    }

    public static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {html}");
        return html;
    }
}
