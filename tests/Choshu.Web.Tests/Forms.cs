using System.Net;
using System.Text.RegularExpressions;

namespace Choshu.Web.Tests;

/// <summary>Posting a page's form as a browser does: GET the page, take its antiforgery token, POST the fields with it.</summary>
public static partial class Forms
{
    public const string TokenField = "__af";

    [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static string Token(string html)
    {
        var m = TokenPattern().Match(html);
        Assert.True(m.Success, "the page has no antiforgery token field");
        return WebUtility.HtmlDecode(m.Groups[1].Value);
    }

    /// <summary>GETs <paramref name="formPage"/> for its token, then POSTs the fields to <paramref name="action"/> (the page itself by default).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string formPage, Dictionary<string, string> fields, string? action = null)
    {
        var page = await client.GetAsync(formPage);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = Token(await page.Content.ReadAsStringAsync());
        var body = new Dictionary<string, string>(fields) { [TokenField] = token };
        return await client.PostAsync(action ?? formPage, new FormUrlEncodedContent(body));
    }
}
