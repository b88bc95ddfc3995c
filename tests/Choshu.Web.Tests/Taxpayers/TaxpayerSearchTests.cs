using System.Net;
using Choshu.Domain.Security;
using static Choshu.Web.Tests.Taxpayers.TaxpayerPages;

namespace Choshu.Web.Tests.Taxpayers;

/// <summary>
/// 納税義務者検索 over HTTP on <see cref="TaxpayerCity"/>: kana in any form finds the katakana name, paging
/// posts the criteria again, results link by opaque handles, every search is audited (2000, 2003), the
/// My Number search only for 個人番号利用事務担当 with a purpose, refusals 403 and audited 5000.
/// </summary>
public sealed class TaxpayerSearchTests(TaxpayerWebFixture city) : IClassFixture<TaxpayerWebFixture>
{
    private WebFixture Web => city.Web;

    private async Task<HttpClient> ClientAsync(string staffNo, params Role[] roles) =>
        await Web.SignedInClientAsync((await Web.CreateUserAsync(staffNo, "検索 担当", roles)).User);

    /// <summary>The person's records of reading personal data and of refusals (2xxx–5xxx).</summary>
    private async Task<List<Data.Security.AuditEvent>> AuditOfAsync(string staffNo) =>
        (await Web.AuditAsync()).Where(e => e.ActorName == staffNo && e.Kind >= AuditEventKind.TaxpayerSearched).ToList(); // not the sign-in and enrollment records

    [Fact]
    public async Task Get_CollectionClerk_FormWithJapaneseLabelsNoMyNumberField()
    {
        var client = await ClientAsync("51384", Role.CollectionClerk);

        var r = await client.GetAsync("/Taxpayers/Search");

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("<h1>納税義務者検索</h1>", html);
        foreach (var (id, label) in new[] { ("taxpayer-no", "宛名番号"), ("notice-no", "通知書番号"), ("name-kana", "氏名（カナ）"), ("name-kanji", "氏名（漢字）"), ("birth-date", "生年月日"), ("address", "住所") })
            Assert.Contains($"<label for=\"{id}\">{label}</label>", html);
        Assert.Contains("<form method=\"post\" class=\"form search-form\" id=\"search-form\"", html); // no action: posts to itself, nothing in a query string
        Assert.DoesNotContain("個人番号", html);
        Assert.DoesNotContain("name=\"MyNumber\"", html);
        Assert.Matches("<a [^>]*aria-current=\"page\"[^>]*>納税義務者検索</a>", html); // the menu entry
    }

    // 鹿児島 花子's 電話番号 is registered as 099-224-1111: typed without hyphens, in full-width digits, it is the same number.
    [Fact]
    public async Task Search_PhoneWithoutHyphensFullWidth_FindsByDigitsAndAudited()
    {
        var client = await ClientAsync("51721", Role.CollectionClerk);

        var html = await (await SearchAsync(client, new() { ["Phone"] = "０９９２２４１１１１" })).Content.ReadAsStringAsync();

        Assert.Contains("該当 1 件（1〜1 件目を表示）", Text(html));
        Assert.Contains(Rows(html), row => row.StartsWith("1000000001 | 鹿児島 花子 |", StringComparison.Ordinal));
        Assert.Equal("条件 電話番号=0992241111: 該当 1 件（1 ページ目、20 件ずつ）、表示 1000000001", Assert.Single(await AuditOfAsync("51721")).Detail);
    }

    // 株式会社 錦江物産 is found by its 13-digit 法人番号 (typed with a hyphen after the check digit); a number one digit off finds no one.
    [Fact]
    public async Task Search_CorporateNumber_FindsTheCorporationOnly()
    {
        var client = await ClientAsync("51832", Role.CollectionClerk);
        var number = TaxpayerCity.CorporationNumber;

        var html = await (await SearchAsync(client, new() { ["CorporateNumber"] = number[..1] + "-" + number[1..] })).Content.ReadAsStringAsync();
        var none = await (await SearchAsync(client, new() { ["CorporateNumber"] = number[..12] + (number[12] == '9' ? '0' : (char)(number[12] + 1)) })).Content.ReadAsStringAsync();

        Assert.Contains("1000000200 | 株式会社 錦江物産 | キンコウブッサン | 法人 |", string.Join("\n", Rows(html)));
        Assert.Single(Handles(html));
        Assert.Contains("該当する方はいません", none);
    }

    [Fact]
    public async Task Search_HalfWidthKana_FindsKatakanaNameLinkedByOpaqueHandleAndAudited2000()
    {
        var client = await ClientAsync("51493", Role.CollectionClerk);

        var r = await SearchAsync(client, new() { ["NameKana"] = "ｶｺﾞｼﾏ" });

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("該当 1 件（1〜1 件目を表示）", Text(html));
        Assert.Contains("1000000001 | 鹿児島 花子 | カゴシマ ハナコ | 個人 | 昭和55年4月1日（1980-04-01） | 鹿児島県鹿児島市山下町 11-1 | 現存（住民登録あり）", Rows(html));
        var handle = Assert.Single(Handles(html));
        Assert.StartsWith("CfDJ8", handle);
        Assert.DoesNotContain("1000000001", handle);
        Assert.Contains("value=\"ｶｺﾞｼﾏ\"", html); // the term stays in the form (a POST response), never in a URL

        // The record keeps the criteria as typed, in NFKC (so that no My Number hides in full-width digits).
        var e = Assert.Single(await AuditOfAsync("51493"));
        Assert.Equal((AuditEventKind.TaxpayerSearched, AuditOutcome.Succeeded, (long?)city.HanakoId), (e.Kind, e.Outcome, e.TaxpayerId));
        Assert.Equal("条件 氏名かな=カゴシマ: 該当 1 件（1 ページ目、20 件ずつ）、表示 1000000001", e.Detail);
    }

    [Fact]
    public async Task Search_HiraganaWithSpace_FindsKatakanaName()
    {
        var client = await ClientAsync("51502", Role.CollectionClerk);

        var html = await (await SearchAsync(client, new() { ["NameKana"] = "かごしま　はなこ" })).Content.ReadAsStringAsync();

        Assert.Contains(Rows(html), row => row.StartsWith("1000000001 | 鹿児島 花子 | カゴシマ ハナコ", StringComparison.Ordinal));
        Assert.Single(Handles(html));
    }

    [Fact]
    public async Task Search_KatakanaTermForNameStoredInHiragana_Finds()
    {
        var client = await ClientAsync("51611", Role.CollectionClerk);

        var html = await (await SearchAsync(client, new() { ["NameKana"] = "サツマ" })).Content.ReadAsStringAsync();

        Assert.Contains(Rows(html), row => row.StartsWith("1000000002 | 薩摩 太郎 | さつま たろう", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_BirthDateAndAddressPart_FindsOnlyThatPerson()
    {
        var client = await ClientAsync("51720", Role.CollectionClerk);

        var html = await (await SearchAsync(client, new() { ["BirthDate"] = "1980-04-01", ["Address"] = "山下町" })).Content.ReadAsStringAsync();

        Assert.Single(Handles(html));
        Assert.Contains("該当 1 件", Text(html));
        var e = Assert.Single(await AuditOfAsync("51720"));
        Assert.Equal("条件 住所=山下町 生年月日=1980-04-01: 該当 1 件（1 ページ目、20 件ずつ）、表示 1000000001", e.Detail);
    }

    [Fact]
    public async Task Search_NoticeNumber_FindsTheAssessedTaxpayer()
    {
        var client = await ClientAsync("51839", Role.CollectionClerk);

        var html = await (await SearchAsync(client, new() { ["NoticeNo"] = "2026020001" })).Content.ReadAsStringAsync();

        Assert.Contains(Rows(html), row => row.StartsWith("1000000001 | 鹿児島 花子", StringComparison.Ordinal));
        Assert.Single(Handles(html));
    }

    [Fact]
    public async Task Search_23Matches_TwentyPerPageAndNextPageRepostsTheCriteria()
    {
        var client = await ClientAsync("51948", Role.CollectionClerk);

        var first = await (await SearchAsync(client, new() { ["NameKana"] = "ﾔﾏﾀﾞ" })).Content.ReadAsStringAsync();

        Assert.Contains("該当 23 件（1〜20 件目を表示） 1 / 2 ページ", Text(first));
        Assert.Equal(20, Handles(first).Count);
        Assert.Contains(Rows(first), row => row.StartsWith("1000000101 | 山田 01 |", StringComparison.Ordinal));
        Assert.Contains(Rows(first), row => row.StartsWith("1000000120 | 山田 20 |", StringComparison.Ordinal));
        Assert.DoesNotContain(Rows(first), row => row.StartsWith("1000000121", StringComparison.Ordinal));
        // The next-page form carries the criteria in hidden fields (a POST body) and no previous-page button on page 1.
        Assert.Contains("<input type=\"hidden\" name=\"NameKana\" value=\"ﾔﾏﾀﾞ\">", first);
        Assert.Contains("<input type=\"hidden\" name=\"PageNumber\" value=\"2\">", first);
        Assert.Contains("次の 20 件", first);
        Assert.DoesNotContain("前の 20 件", first);

        var second = await (await client.PostAsync("/Taxpayers/Search", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["NameKana"] = "ﾔﾏﾀﾞ", ["PageNumber"] = "2", [Forms.TokenField] = Forms.Token(first),
        }))).Content.ReadAsStringAsync();

        Assert.Contains("該当 23 件（21〜23 件目を表示） 2 / 2 ページ", Text(second));
        Assert.Equal(3, Handles(second).Count);
        Assert.Contains(Rows(second), row => row.StartsWith("1000000123 | 山田 23 | ヤマダ タロウ | 個人 | 昭和45年1月23日（1970-01-23）", StringComparison.Ordinal));
        Assert.Contains("前の 20 件", second);
        Assert.DoesNotContain("次の 20 件", second);

        var audit = await AuditOfAsync("51948");
        Assert.Equal(2, audit.Count);
        Assert.All(audit, e => Assert.Equal((AuditEventKind.TaxpayerSearched, (long?)null), (e.Kind, e.TaxpayerId)));
        Assert.Equal("条件 氏名かな=ヤマダ: 該当 23 件（2 ページ目、20 件ずつ）、表示 1000000121,1000000122,1000000123", audit[1].Detail);
    }

    [Fact]
    public async Task Search_NoCriteria_JapaneseErrorAndNoAuditRecord()
    {
        var client = await ClientAsync("52057", Role.CollectionClerk);

        var r = await SearchAsync(client, []);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("<div class=\"alert\" role=\"alert\" id=\"search-error\"><p>検索条件を1つ以上入力してください（宛名番号、通知書番号、氏名かな、氏名、生年月日、住所、電話番号、法人番号）。</p></div>", html);
        Assert.Empty(Handles(html));
        Assert.Empty(await AuditOfAsync("52057"));
    }

    [Fact]
    public async Task Search_BirthDateNotADate_SaysHowToWriteIt()
    {
        var client = await ClientAsync("52166", Role.CollectionClerk);

        var html = await (await SearchAsync(client, new() { ["BirthDate"] = "昭和55年" })).Content.ReadAsStringAsync();

        Assert.Contains("生年月日は 1980-04-01 のように、西暦の年-月-日で入力してください。", html);
        Assert.Empty(await AuditOfAsync("52166"));
    }

    [Fact]
    public async Task Search_Contractor_Denied403AndAudited5000()
    {
        var client = await ClientAsync("52275", Role.Contractor);

        var get = await client.GetAsync("/Taxpayers/Search");
        var post = await Forms.PostAsync(client, "/", new() { ["NameKana"] = "カゴシマ" }, "/Taxpayers/Search");

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("この操作を行う権限がありません", await post.Content.ReadAsStringAsync());
        Assert.DoesNotContain("鹿児島 花子", await post.Content.ReadAsStringAsync());
        var audit = await AuditOfAsync("52275");
        Assert.Equal(2, audit.Count);
        Assert.All(audit, e => Assert.Equal((AuditEventKind.AccessDenied, AuditOutcome.Denied), (e.Kind, e.Outcome)));
        Assert.Equal(["ViewTaxpayer: GET /Taxpayers/Search", "ViewTaxpayer: POST /Taxpayers/Search"], audit.Select(e => e.Detail));
    }

    [Fact]
    public async Task Search_CollectionClerkPostsAMyNumber_Denied403AndAudited5000()
    {
        var client = await ClientAsync("52384", Role.CollectionClerk);

        var r = await SearchAsync(client, new() { ["MyNumber"] = TaxpayerCity.HanakoMyNumber, ["Purpose"] = "所在調査" });

        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.DoesNotContain(TaxpayerCity.HanakoMyNumber, html);
        Assert.DoesNotContain("鹿児島 花子", html);
        var e = Assert.Single(await AuditOfAsync("52384"));
        Assert.Equal((AuditEventKind.AccessDenied, "SearchByMyNumber: 個人番号による検索"), (e.Kind, e.Detail));
    }

    [Fact]
    public async Task Search_MyNumberClerkByMyNumberWithPurpose_FindsAndAudited2003WithoutTheNumber()
    {
        var client = await ClientAsync("52493", Role.MyNumberClerk);
        var form = await (await client.GetAsync("/Taxpayers/Search")).Content.ReadAsStringAsync();
        Assert.Contains("<label for=\"my-number\">個人番号（12桁）</label>", form);
        Assert.Contains("<label for=\"purpose\">利用目的（個人番号で検索するときは必須）</label>", form);

        var r = await SearchAsync(client, new() { ["MyNumber"] = TaxpayerCity.HanakoMyNumberGrouped, ["Purpose"] = "滞納整理のための所在調査" });

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains(Rows(html), row => row.StartsWith("1000000001 | 鹿児島 花子", StringComparison.Ordinal));
        Assert.Single(Handles(html));
        Assert.DoesNotContain(TaxpayerCity.HanakoMyNumber, html); // the field comes back empty
        Assert.DoesNotContain(TaxpayerCity.HanakoMyNumberGrouped, html);
        var e = Assert.Single(await AuditOfAsync("52493"));
        Assert.Equal((AuditEventKind.MyNumberSearched, AuditOutcome.Succeeded, (long?)city.HanakoId, "滞納整理のための所在調査", "該当 1 件: 宛名番号 1000000001"),
            (e.Kind, e.Outcome, e.TaxpayerId, e.Purpose, e.Detail));
    }

    [Fact]
    public async Task Search_MyNumberClerkByMyNumberWithoutPurpose_RefusedAndAudited5000()
    {
        var client = await ClientAsync("52502", Role.MyNumberClerk);

        var r = await SearchAsync(client, new() { ["MyNumber"] = TaxpayerCity.HanakoMyNumber });

        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("個人番号で検索する利用目的を入力してください。", html);
        Assert.Empty(Handles(html));
        Assert.DoesNotContain(TaxpayerCity.HanakoMyNumber, html);
        var e = Assert.Single(await AuditOfAsync("52502"));
        Assert.Equal((AuditEventKind.AccessDenied, AuditOutcome.Denied, "個人番号による検索: 利用目的の入力なし"), (e.Kind, e.Outcome, e.Detail));
    }

    [Fact]
    public async Task Search_MyNumberWithWrongCheckDigit_AsksToCheckItWithoutSearching()
    {
        var client = await ClientAsync("52611", Role.MyNumberClerk);
        var wrong = TaxpayerCity.HanakoMyNumber[..11] + (char)('0' + (TaxpayerCity.HanakoMyNumber[11] - '0' + 1) % 10);

        var html = await (await SearchAsync(client, new() { ["MyNumber"] = wrong, ["Purpose"] = "所在調査" })).Content.ReadAsStringAsync();

        Assert.Contains("個人番号は12桁の数字で入力してください（検査用数字が合いません。番号を確かめてください）。", html);
        Assert.DoesNotContain(wrong, html);
        Assert.Empty(await AuditOfAsync("52611"));
    }

    [Fact]
    public async Task Search_ContractorAlsoHoldingMyNumberClerk_NoMyNumberFieldAndRefused()
    {
        // 委託業者 never gets a My Number permission, whatever else the account holds; since issue 18 (defect 5) it gets no
        // permission that reads taxpayer data at all, so even the search page is refused.
        var client = await Web.SignedInClientAsync(await ContractorWithMyNumberClerkAsync(Web, "52720"));

        var page = await client.GetAsync("/Taxpayers/Search");
        var form = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.DoesNotContain("name=\"MyNumber\"", form);
        Assert.DoesNotContain(TaxpayerCity.HanakoMyNumber, form);
        var denied = Assert.Single(await AuditOfAsync("52720"));
        Assert.Equal((AuditEventKind.AccessDenied, AuditOutcome.Denied, "ViewTaxpayer"), (denied.Kind, denied.Outcome, denied.Detail?.Split(':')[0]));
    }
}
