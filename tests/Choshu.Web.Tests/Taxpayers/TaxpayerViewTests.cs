using System.Net;
using System.Text.RegularExpressions;
using Choshu.Domain.Security;
using static Choshu.Web.Tests.Taxpayers.TaxpayerPages;

namespace Choshu.Web.Tests.Taxpayers;

/// <summary>
/// 納税義務者 page over HTTP on <see cref="TaxpayerCity"/> (today 2026-11-26): every figure written out by
/// hand, the view audited 2001, handles good only in the session that got them, the My Number section
/// only for 個人番号利用事務担当, and its reveal: purpose required, re-authentication within five minutes,
/// shown once in the POST response, audited 2002; refusals 403 and audited 5000.
/// </summary>
public sealed partial class TaxpayerViewTests(TaxpayerWebFixture city) : IClassFixture<TaxpayerWebFixture>
{
    private WebFixture Web => city.Web;

    private async Task<(HttpClient Client, StaffUser User)> SignInAsync(string staffNo, params Role[] roles)
    {
        var user = (await Web.CreateUserAsync(staffNo, "照会 担当", roles)).User;
        return (await Web.SignedInClientAsync(user), user);
    }

    private async Task<HttpClient> ClientAsync(string staffNo, params Role[] roles) => (await SignInAsync(staffNo, roles)).Client;

    /// <summary>The person's records of reading personal data and of refusals (2xxx–5xxx).</summary>
    private async Task<List<Data.Security.AuditEvent>> AuditOfAsync(string staffNo) =>
        (await Web.AuditAsync()).Where(e => e.ActorName == staffNo && e.Kind >= AuditEventKind.TaxpayerSearched).ToList(); // not the sign-in and enrollment records

    [GeneratedRegex("(?:href|action)=\"([^\"]*)\"")]
    private static partial Regex Link();

    // 市民税 第1期 12,300 due 2026-06-30, 5,000 paid 2026-07-10 → 7,300 unpaid. Late fee to 2026-11-26:
    //   07-01..07-10  10 days × 2.8% on 12,000 (12,300 to the 1,000 yen) = 12,000×0.028×10/365  =   9.2 →   9
    //   07-11..07-31  21 days × 2.8% on  7,000 ( 7,300 to the 1,000 yen) =  7,000×0.028×21/365  =  11.3 →  11
    //   08-01..11-26 118 days × 9.1% on  7,000                             =  7,000×0.091×118/365 = 205.9 → 205
    //   225 → 200 (to the 100 yen) → under 1,000 → 0.
    // 市民税 第2期 12,000 due 2026-08-31, unpaid: 09-01..09-30 30 days × 2.8% = 27.6 → 27; 10-01..11-26 57 days × 9.1%
    //   = 170.5 → 170; 197 → 100 → 0.
    // 固定資産税 第1期 300,000 due 2026-04-30, unpaid: 05-01..05-31 31 days × 2.8% = 300,000×0.028×31/365 = 713.4 → 713;
    //   06-01..11-26 179 days × 9.1% = 300,000×0.091×179/365 = 13,388.2 → 13,388; 14,101 → 14,100.
    // Totals: 本税 12,300 + 12,000 + 300,000 + 100,000 + 10,800 = 435,100; 納付済 5,000 + 10,800 = 15,800;
    //   未納 7,300 + 12,000 + 300,000 + 100,000 = 419,300; 督促手数料 100; 延滞金 14,100; 過誤納 10,800.
    // 差押可能日 and 徴収権消滅日 (ClaimStatus.Of): limitation runs from the day after the 法定納期限 for 5 years, anew from the
    //   day after a payment (承認) or from the day after the 10th day counted from a reminder's dispatch:
    //   市民税 第1期 5,000 paid 2026-07-10 → 2031-07-11; 第2期 due 2026-08-31 → 2031-09-01; 固定資産税 第1期 督促 2026-05-20 →
    //   seizable from 2026-05-31, lapses 2031-05-31; 第2期 due 2026-12-28 → 2031-12-29; 軽自動車税 paid before its due date
    //   (renews nothing that has not begun) → due 2026-06-01 → 2031-06-02.
    // What is owed today comes first, oldest due date first (figures as above): 固定資産税 第1期 300,000 + 督促手数料 100 + 延滞金
    //   14,100 = 314,200; 市民税 第1期 7,300; 第2期 12,000; 固定資産税 第2期 100,000 (not yet due). Total 433,500, of which
    //   overdue (due before 2026-11-26) 333,500. 軽自動車税 is paid (its 10,800 overpaid is no debt). The facts are folded.
    [Fact]
    public async Task View_OwedNow_FirstByInstallmentWithLateFeeToTodayFactsFolded()
    {
        var client = await ClientAsync("53273", Role.CollectionClerk);
        var handle = await HandleAsync(client, TaxpayerCity.HanakoNo);

        var html = await (await client.GetAsync($"/Taxpayers/View/{handle}")).Content.ReadAsStringAsync();

        Assert.Contains("宛名番号 1000000001　個人　〒892-0816 鹿児島県鹿児島市山下町 11-1　電話 099-224-1111", html);
        Assert.Contains("合計 <strong>433,500円</strong>（うち納期限を過ぎた滞納分 333,500円）", html);
        var owed = Rows(html[html.IndexOf("data-testid=\"owed\"", StringComparison.Ordinal)..html.IndexOf("</table>", html.IndexOf("data-testid=\"owed\"", StringComparison.Ordinal), StringComparison.Ordinal)]);
        Assert.Equal(
        [
            "税目 | 年度 | 通知書番号 | 期 | 納期限 | 本税 | 督促手数料 | 延滞金 | 計 | 状況",
            "固定資産税 | 2026年度 | 2026020001 | 第1期 | 2026-04-30 | 300,000円 | 100円 | 14,100円 | 314,200円 | 督促済",
            "市民税 | 2026年度 | 2026010001 | 第1期 | 2026-06-30 | 7,300円 | 0円 | 0円 | 7,300円 | 未納（一部納付）",
            "市民税 | 2026年度 | 2026010001 | 第2期 | 2026-08-31 | 12,000円 | 0円 | 0円 | 12,000円 | 未納",
            "固定資産税 | 2026年度 | 2026020001 | 第2期 | 2026-12-28 | 100,000円 | 0円 | 0円 | 100,000円 | 納期未到来",
            "計 | 419,300円 | 100円 | 14,100円 | 433,500円 |",
        ], owed);
        var owedAt = html.IndexOf("現在の未納", StringComparison.Ordinal);
        var factsAt = html.IndexOf("<details class=\"facts-fold\" data-testid=\"facts\">", StringComparison.Ordinal); // folded: no open attribute
        Assert.True(owedAt > 0 && factsAt > owedAt, "the debt comes before the folded facts");
    }

    [Fact]
    public async Task View_CollectionClerk_FactsInstallmentsLateFeePaymentsDebitsAndTotals()
    {
        var client = await ClientAsync("53384", Role.CollectionClerk);
        var handle = await HandleAsync(client, TaxpayerCity.HanakoNo);

        var r = await client.GetAsync($"/Taxpayers/View/{handle}");

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("no-store", string.Join(",", r.Headers.GetValues("Cache-Control")));
        var html = await r.Content.ReadAsStringAsync();
        var rows = Rows(html);
        Assert.Contains("<h1>納税義務者　鹿児島 花子</h1>", html);
        Assert.Contains("令和8年11月26日（2026-11-26）現在", html);
        foreach (var fact in new[]
                 {
                     "宛名番号 | 1000000001", "氏名 | 鹿児島 花子", "氏名（カナ） | カゴシマ ハナコ", "個人・法人 | 個人",
                     "生年月日 | 昭和55年4月1日（1980-04-01）", "性別 | 女", "住所 | 〒892-0816 鹿児島県鹿児島市山下町 11-1",
                     "住登状況 | 現存（住民登録あり）", "世帯番号 | 2000000001", "電話番号 | 099-224-1111", "異動履歴 | 履歴 1 件目（適用日 2020-04-01）",
                 })
            Assert.Contains(fact, rows);
        Assert.Contains("納税管理人 | 1000000009 | 霧島 一郎 | 鹿児島県霧島市国分中央 3-45-1 | 全税目 | 2025-04-01 | （有効）", rows);

        Assert.Contains("市民税　2026年度　通知書番号 2026010001", html);
        Assert.Contains("第1期 | 2026-06-30 | 12,300円 | 5,000円 | 7,300円 | 0円 | 0円 |  |  | 2031-07-11 | 未納（一部納付）", rows);
        Assert.Contains("第2期 | 2026-08-31 | 12,000円 | 0円 | 12,000円 | 0円 | 0円 |  |  | 2031-09-01 | 未納", rows);
        Assert.Contains("計 | 24,300円 | 5,000円 | 19,300円 | 0円 | 0円 |", rows);
        Assert.Contains("固定資産税　2026年度　通知書番号 2026020001", html);
        Assert.Contains("第1期 | 2026-04-30 | 300,000円 | 0円 | 300,000円 | 100円 | 14,100円 | 2026-05-20 | 2026-05-31 | 2031-05-31 | 督促済", rows);
        Assert.Contains("第2期 | 2026-12-28 | 100,000円 | 0円 | 100,000円 | 0円 | 0円 |  |  | 2031-12-29 | 納期未到来", rows);
        Assert.Contains("軽自動車税　2026年度　通知書番号 2026030001", html);
        Assert.Contains("第1期 | 2026-06-01 | 10,800円 | 10,800円 | 0円 | 0円 | 0円 |  |  | 2031-06-02 | 完納", rows);

        Assert.Contains("435,100円 | 15,800円 | 419,300円 | 100円 | 14,100円 | 10,800円", rows);

        Assert.Contains("2026-05-20 | 2026-05-22 | 金融機関 | 通知書番号 2026030001 第1期（軽自動車税 2026年度） | 10,800円 | 10,800円 | 0円 | 消込済", rows);
        Assert.Contains("2026-05-25 | 2026-05-27 | 金融機関 | 通知書番号 2026030001 第1期（軽自動車税 2026年度） | 10,800円 | 0円 | 0円 | 消込済", rows);
        Assert.Contains("2026-07-10 | 2026-07-16 | コンビニ | 通知書番号 2026010001 第1期（市民税 2026年度） | 5,000円 | 5,000円 | 0円 | 消込済", rows);
        // The double payment: cause 誤納 for refund interest (17条の4第1項), nothing appropriated or refunded yet.
        Assert.Contains("2026-05-25 | 10,800円 | 二重納付 | 誤納 | 金融機関 | 通知書番号 2026030001 第1期（軽自動車税 2026年度） | 10,800円 | 未処理", rows);
        Assert.Contains("市民税 | 0123 | 456 | 普通 | ****567 | ｶｺﾞｼﾏ ﾊﾅｺ | 2026-04-01 |  | 振替中", rows);
        Assert.Contains("2026-08-31 | 通知書番号 2026010001 第2期（市民税 2026年度） | 12,000円 | 1 資金不足 | 0123-456", rows);
        Assert.DoesNotContain("1234567", html); // the whole account number never reaches the screen

        // A collection clerk sees nothing of the My Number, not even that one is on file.
        Assert.DoesNotContain("個人番号", html);
        Assert.DoesNotContain("my-number", html);

        // No personal data in any link or form action.
        foreach (var link in Link().Matches(html).Select(m => m.Groups[1].Value))
            Assert.False(link.Contains("1000000001", StringComparison.Ordinal) || link.Contains("1000000009", StringComparison.Ordinal), link);

        var audit = await AuditOfAsync("53384");
        Assert.Equal([AuditEventKind.TaxpayerSearched, AuditEventKind.TaxpayerViewed], audit.Select(e => e.Kind));
        Assert.Equal((AuditOutcome.Succeeded, (long?)city.HanakoId, "宛名番号 1000000001"), (audit[1].Outcome, audit[1].TaxpayerId, audit[1].Detail));
    }

    // 桜島 次郎: 20,000 paid 2026-06-20 was booked, then reversed: the payment stays listed as reversed, nothing of it
    // counts, the installment owes 20,000 again. Late fee to 2026-11-26 on 20,000 due 2026-06-30:
    //   07-01..07-31 31 days × 2.8% = 20,000×0.028×31/365 = 47.5 → 47; 08-01..11-26 118 days × 9.1% = 588.4 → 588; 635 → 600 → 0.
    [Fact]
    public async Task View_ReversedPayment_ListedAsReversedAndNotCounted()
    {
        var client = await ClientAsync("53275", Role.CollectionClerk);
        var handle = await HandleAsync(client, TaxpayerCity.JiroNo);

        var rows = Rows(await (await client.GetAsync($"/Taxpayers/View/{handle}")).Content.ReadAsStringAsync());

        Assert.Contains("2026-06-20 | 2026-06-22 | 金融機関 | 通知書番号 2026010003 第1期（市民税 2026年度） | 20,000円 | 0円 | 0円 | 取消済（未消込に戻し）", rows);
        Assert.Contains("第1期 | 2026-06-30 | 20,000円 | 0円 | 20,000円 | 0円 | 0円 |  |  | 2031-07-01 | 未納", rows);
        Assert.Contains("20,000円 | 0円 | 20,000円 | 0円 | 0円 | 0円", rows);
    }

    [Fact]
    public async Task View_TaxAgentLink_OpensTheAgentsPageInTheSameSession()
    {
        var client = await ClientAsync("53493", Role.CollectionClerk);
        var html = await (await client.GetAsync($"/Taxpayers/View/{await HandleAsync(client, TaxpayerCity.HanakoNo)}")).Content.ReadAsStringAsync();
        var agentHandle = Assert.Single(Handles(html));

        var agent = await client.GetAsync($"/Taxpayers/View/{agentHandle}");

        Assert.Equal(HttpStatusCode.OK, agent.StatusCode);
        var page = await agent.Content.ReadAsStringAsync();
        Assert.Contains("<h1>納税義務者　霧島 一郎</h1>", page);
        Assert.Contains("調定はありません。", page);
        Assert.Equal(2, (await AuditOfAsync("53493")).Count(e => e.Kind == AuditEventKind.TaxpayerViewed));
    }

    [Fact]
    public async Task View_HandleFromAnotherSessionOrTampered_404AndNothingRead()
    {
        var (first, user) = await SignInAsync("53502", Role.CollectionClerk);
        var handle = await HandleAsync(first, TaxpayerCity.HanakoNo);
        var colleague = await ClientAsync("53611", Role.CollectionClerk);
        var sameUserNewSession = await Web.SignedInClientAsync(user);

        var byColleague = await colleague.GetAsync($"/Taxpayers/View/{handle}");
        var inNewSession = await sameUserNewSession.GetAsync($"/Taxpayers/View/{handle}");
        var tampered = await first.GetAsync($"/Taxpayers/View/{handle[..^2]}{(handle[^2] == 'A' ? 'B' : 'A')}{handle[^1]}");
        var number = await first.GetAsync("/Taxpayers/View/1000000001");

        foreach (var r in new[] { byColleague, inNewSession, tampered, number })
        {
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            var html = await r.Content.ReadAsStringAsync();
            Assert.Contains("ページが見つかりません", html);
            Assert.DoesNotContain("鹿児島 花子", html);
        }
        Assert.DoesNotContain(await Web.AuditAsync(), e => e.Kind == AuditEventKind.TaxpayerViewed && (e.ActorName == "53611" || e.ActorName == "53502"));
    }

    [Fact]
    public async Task View_Contractor_Denied403AndAudited5000()
    {
        var client = await ClientAsync("53720", Role.Contractor);

        var r = await client.GetAsync("/Taxpayers/View/CfDJ8AAAA");

        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Contains("<h1>この操作を行う権限がありません</h1>", await r.Content.ReadAsStringAsync());
        var e = Assert.Single(await AuditOfAsync("53720"));
        Assert.Equal((AuditEventKind.AccessDenied, AuditOutcome.Denied, "ViewTaxpayer: GET /Taxpayers/View/CfDJ8AAAA"), (e.Kind, e.Outcome, e.Detail));
    }

    [Fact]
    public async Task Reveal_CollectionClerk_Denied403AndAudited5000()
    {
        var client = await ClientAsync("53839", Role.CollectionClerk);
        var handle = await HandleAsync(client, TaxpayerCity.HanakoNo);

        var r = await RevealAsync(client, handle, "本人確認");

        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("この操作を行う権限がありません。", html);
        Assert.DoesNotContain(TaxpayerCity.HanakoMyNumberGrouped, html);
        var audit = await AuditOfAsync("53839");
        var denied = Assert.Single(audit, e => e.Kind == AuditEventKind.AccessDenied);
        Assert.Equal((AuditOutcome.Denied, "RevealMyNumber: 宛名番号 1000000001 の個人番号の表示"), (denied.Outcome, denied.Detail));
        Assert.DoesNotContain(audit, e => e.Kind == AuditEventKind.MyNumberRevealed);
    }

    [Fact]
    public async Task Reveal_ContractorAlsoHoldingMyNumberClerk_NoTaxpayerPageAtAllDenied403()
    {
        // Since issue 18 (defect 5) 委託業者 holds no permission that reads taxpayer data, whatever else the account holds:
        // not even the search that would lead to the page and its 個人番号 section.
        var client = await Web.SignedInClientAsync(await ContractorWithMyNumberClerkAsync(Web, "53948"));

        var search = await client.GetAsync("/Taxpayers/Search");

        Assert.Equal(HttpStatusCode.Forbidden, search.StatusCode);
        Assert.DoesNotContain(TaxpayerCity.HanakoMyNumberGrouped, await search.Content.ReadAsStringAsync());
        var denied = Assert.Single(await AuditOfAsync("53948"));
        Assert.Equal((AuditEventKind.AccessDenied, AuditOutcome.Denied, "ViewTaxpayer"), (denied.Kind, denied.Outcome, denied.Detail?.Split(':')[0]));
    }

    [Fact]
    public async Task Reveal_MyNumberClerkWithoutPurpose_AsksForItAndAudited5000()
    {
        var client = await ClientAsync("54057", Role.MyNumberClerk);
        var handle = await HandleAsync(client, TaxpayerCity.HanakoNo);

        var r = await RevealAsync(client, handle, "   ");

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("<div class=\"alert\" role=\"alert\" id=\"reveal-error\"><p>個人番号を表示する利用目的を入力してください。</p></div>", html);
        Assert.Contains("<span data-testid=\"my-number\">************</span>", html);
        Assert.DoesNotContain(TaxpayerCity.HanakoMyNumberGrouped, html);
        var audit = await AuditOfAsync("54057");
        Assert.Single(audit, e => e.Kind == AuditEventKind.AccessDenied && e.Detail == "宛名番号 1000000001 の個人番号の表示: 利用目的の入力なし");
        Assert.DoesNotContain(audit, e => e.Kind == AuditEventKind.MyNumberRevealed);
    }

    [Fact]
    public async Task Reveal_MyNumberClerk_ReauthenticatesThenShownOnceNoStoreAndAudited2002()
    {
        var (client, user) = await SignInAsync("54166", Role.MyNumberClerk);
        var handle = await HandleAsync(client, TaxpayerCity.HanakoNo);
        var page = await (await client.GetAsync($"/Taxpayers/View/{handle}")).Content.ReadAsStringAsync();
        Assert.Contains("<span data-testid=\"my-number\">************</span>（マスク表示）", page);
        Assert.Contains("<label for=\"reveal-purpose\">利用目的</label>", page);
        Assert.Contains("個人番号を表示</button>", page);
        Assert.Contains($"action=\"/Taxpayers/View/{handle}?handler=Reveal\"", page);
        const string purpose = "滞納処分のための財産調査";

        // Signed in, but never re-authenticated: off to 本人確認, and back to this page.
        var first = await RevealAsync(client, handle, purpose);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var reauth = first.Headers.Location!.OriginalString;
        Assert.Equal($"/Account/Reauthenticate?returnUrl=%2FTaxpayers%2FView%2F{handle}", reauth);
        var back = await Forms.PostAsync(client, reauth,
            new() { ["Password"] = user.Password, ["Code"] = Web.NextCode(user.TotpKey), ["ReturnUrl"] = $"/Taxpayers/View/{handle}" });
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal($"/Taxpayers/View/{handle}", back.Headers.Location?.OriginalString);

        // Five minutes after re-authenticating it is still allowed: the number, in the POST response only.
        Web.Clock.Advance(TimeSpan.FromMinutes(5));
        var shown = await RevealAsync(client, handle, purpose);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("no-store", string.Join(",", shown.Headers.GetValues("Cache-Control")));
        var html = await shown.Content.ReadAsStringAsync();
        Assert.Contains($"<strong class=\"secret\" data-testid=\"my-number\">{TaxpayerCity.HanakoMyNumberGrouped}</strong>", html);
        Assert.Contains("個人番号を表示しました", html);
        Assert.Contains("<h1>納税義務者　鹿児島 花子</h1>", html);

        // Opening the page again shows the mask; a second later than five minutes, a reveal asks again.
        var again = await (await client.GetAsync($"/Taxpayers/View/{handle}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(TaxpayerCity.HanakoMyNumberGrouped, again);
        Assert.DoesNotContain(TaxpayerCity.HanakoMyNumber, again);
        Web.Clock.Advance(TimeSpan.FromSeconds(1));
        var stale = await RevealAsync(client, handle, purpose);
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Equal(reauth, stale.Headers.Location?.OriginalString);

        var audit = await AuditOfAsync("54166");
        var reveal = Assert.Single(audit, e => e.Kind == AuditEventKind.MyNumberRevealed);
        Assert.Equal((AuditOutcome.Succeeded, (long?)city.HanakoId, purpose, "宛名番号 1000000001"), (reveal.Outcome, reveal.TaxpayerId, reveal.Purpose, reveal.Detail));
        Assert.Equal(2, audit.Count(e => e.Kind == AuditEventKind.AccessDenied && e.Detail == "宛名番号 1000000001 の個人番号の表示: 再認証から5分を超えています"));
        Assert.All(audit, e => Assert.DoesNotContain(TaxpayerCity.HanakoMyNumber, e.Detail ?? ""));
    }

    /// <summary>
    /// Issue 18 defect 10: one re-authentication opens every reveal of the next five minutes (the page must not ask again
    /// each time); a reveal 5 min 01 s after it asks again.
    /// </summary>
    [Fact]
    public async Task Reveal_TwiceWithinFiveMinutesOfOneReauthentication_NotAskedAgainThenAskedAfterFive()
    {
        var (client, user) = await SignInAsync("54275", Role.MyNumberClerk);
        var handle = await HandleAsync(client, TaxpayerCity.HanakoNo);
        const string purpose = "滞納処分のための財産調査";
        var first = await RevealAsync(client, handle, purpose);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var reauth = first.Headers.Location!.OriginalString;
        var back = await Forms.PostAsync(client, reauth,
            new() { ["Password"] = user.Password, ["Code"] = Web.NextCode(user.TotpKey), ["ReturnUrl"] = $"/Taxpayers/View/{handle}" });
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var reauthenticatedAt = Web.Clock.GetUtcNow();

        Web.Clock.Advance(TimeSpan.FromMinutes(1));
        var once = await RevealAsync(client, handle, purpose);
        Assert.Equal(HttpStatusCode.OK, once.StatusCode);
        Assert.Contains(TaxpayerCity.HanakoMyNumberGrouped, await once.Content.ReadAsStringAsync());
        Web.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.DoesNotContain(TaxpayerCity.HanakoMyNumberGrouped, await (await client.GetAsync($"/Taxpayers/View/{handle}")).Content.ReadAsStringAsync());
        Web.Clock.Advance(TimeSpan.FromMinutes(1)); // 4 minutes after re-authenticating
        var twice = await RevealAsync(client, handle, purpose);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains(TaxpayerCity.HanakoMyNumberGrouped, await twice.Content.ReadAsStringAsync());

        Web.Clock.SetUtcNow(reauthenticatedAt.AddMinutes(5).AddSeconds(1));
        var stale = await RevealAsync(client, handle, purpose);
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Equal(reauth, stale.Headers.Location?.OriginalString);
        var audit = await AuditOfAsync("54275");
        Assert.Equal(2, audit.Count(e => e.Kind == AuditEventKind.MyNumberRevealed && e.Outcome == AuditOutcome.Succeeded));
    }
}
