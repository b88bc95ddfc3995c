using System.Net;
using System.Text.RegularExpressions;

namespace Choshu.Web.Tests.Taxpayers;

/// <summary>Driving the taxpayer screens over HTTP as a browser would, and reading their tables as text.</summary>
public static partial class TaxpayerPages
{
    [GeneratedRegex("href=\"/Taxpayers/View/([^\"?]+)\"")]
    private static partial Regex ViewLink();

    [GeneratedRegex(@"<tr\b[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex(@"<t[hd]\b[^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    /// <summary>Posts the search form (with the token of a fresh GET of it).</summary>
    public static Task<HttpResponseMessage> SearchAsync(HttpClient client, Dictionary<string, string> fields) =>
        Forms.PostAsync(client, "/Taxpayers/Search", fields);

    /// <summary>Searches by 宛名番号 and returns the handle of the one result's link.</summary>
    public static async Task<string> HandleAsync(HttpClient client, string taxpayerNo)
    {
        var r = await SearchAsync(client, new() { ["TaxpayerNo"] = taxpayerNo });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return Assert.Single(Handles(await r.Content.ReadAsStringAsync()));
    }

    /// <summary>Every handle linked from the page, in order.</summary>
    public static List<string> Handles(string html) => ViewLink().Matches(html).Select(m => m.Groups[1].Value).ToList();

    /// <summary>Each table row as its cells' text joined by " | " (tags removed, entities decoded, spaces collapsed).</summary>
    public static List<string> Rows(string html) =>
        Row().Matches(html).Select(r => string.Join(" | ", Cell().Matches(r.Groups[1].Value).Select(c => Text(c.Groups[1].Value))).Trim()).ToList();

    /// <summary>
    /// An account holding 個人番号利用事務担当 and, put into the store directly (the administration refuses to
    /// grant both), 委託業者 too: the permission table must still refuse every My Number right.
    /// </summary>
    public static async Task<StaffUser> ContractorWithMyNumberClerkAsync(WebFixture web, string staffNo)
    {
        var (user, _) = await web.CreateUserAsync(staffNo, "宮原 健", [Domain.Security.Role.MyNumberClerk]);
        await using var db = web.Store.Open();
        var account = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.StaffAccounts, a => a.StaffNo == staffNo);
        db.RoleGrants.Add(new Data.Security.RoleGrant
        {
            AccountId = account.Id, Role = Domain.Security.Role.Contractor, ValidFrom = new DateOnly(2026, 4, 1), GrantedBy = "test:direct", GrantedAtUtc = TaxpayerCity.NowUtc,
        });
        await db.SaveChangesAsync();
        return user;
    }

    public static string Text(string html) => Space().Replace(WebUtility.HtmlDecode(Tag().Replace(html, " ")), " ").Trim();

    /// <summary>Posts the reveal form of the taxpayer page (the token taken from that page).</summary>
    public static Task<HttpResponseMessage> RevealAsync(HttpClient client, string handle, string? purpose) =>
        Forms.PostAsync(client, $"/Taxpayers/View/{handle}",
            purpose is null ? [] : new() { ["Purpose"] = purpose },
            $"/Taxpayers/View/{handle}?handler=Reveal");
}
