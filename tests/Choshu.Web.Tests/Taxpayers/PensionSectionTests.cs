using Choshu.App.Security;
using Choshu.App.Withholding;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Security;
using Choshu.Domain.Taxpayers;
using Choshu.TestSupport;
using static Choshu.Web.Tests.Taxpayers.TaxpayerPages;

namespace Choshu.Web.Tests.Taxpayers;

/// <summary>
/// The 「年金からの特別徴収」 section of the taxpayer page (today 2026-11-26). 1000000041 is withheld by 年金保険者 001 (3000000001
/// 日本年金機構) for 2026: 年税額 61,000, 仮徴収 30,000 → 10,000 / 10,000 / 10,000 | 10,400 / 10,300 / 10,300; the pension stopped
/// (支給停止) on 2026-11-20 after October, so 12月・2月 are 0 and 20,600 became the ordinary assessment 202602900000001. A taxpayer
/// with no pension withholding has no such section.
/// </summary>
public sealed class PensionSectionTests(WebFixture web) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task View_Pensioner_SectionShowsMonthsStateAndOrdinaryNotice_OthersHaveNone()
    {
        await using (var db = web.Store.Open())
        {
            db.Taxpayers.Add(new Taxpayer
            {
                TaxpayerNo = "3000000001",
                Facts = new TaxpayerFacts { PersonKind = PersonKind.Corporation, NameKanji = "日本年金機構", NameKana = "ニホンネンキンキコウ" },
                HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = LedgerSeed.NowUtc, UpdatedAtUtc = LedgerSeed.NowUtc,
            });
            await db.SaveChangesAsync();
            await LedgerSeed.TaxpayerAsync(db, "1000000041", "年金 受給者");
            await LedgerSeed.TaxpayerAsync(db, "1000000042", "別の 人");
        }
        var staff = Actor.SystemAs("test", "host");
        var service = new PensionWithholdings(web.Store.Store, web.Clock);
        await service.RegisterPayerAsync(staff, "3000000001", "001");
        await service.RequestAsync(staff, "001", 2026, new DateOnly(2026, 1, 20), "462012", [new("1000000041", "1234567890-1150", 61_000, 30_000)]);
        await service.StopAsync(staff, "001", 2026, "1234567890-1150", 4, new DateOnly(2026, 11, 20), 2, new DateOnly(2026, 11, 26));

        var user = (await web.CreateUserAsync("53901", "照会 担当", [Role.CollectionClerk])).User;
        var client = await web.SignedInClientAsync(user);
        var html = await (await client.GetAsync($"/Taxpayers/View/{await HandleAsync(client, "1000000041")}")).Content.ReadAsStringAsync();
        var at = html.IndexOf("data-testid=\"pension-withholding\"", StringComparison.Ordinal);
        Assert.True(at > 0, "the pension section is on the page");
        var section = html[at..html.IndexOf("</section>", at, StringComparison.Ordinal)];
        Assert.Equal(
        [
            "年度 | 年金保険者 | 年金番号 | 年税額 | 4月 | 6月 | 8月 | 10月 | 12月 | 2月 | 納入済 | 状態 | 普通徴収",
            "2026 年度 | 日本年金機構（001） | 1234567890-1150 | 61,000円 | 10,000円 | 10,000円 | 10,000円 | 10,400円 | 0円 | 0円 | 0円 | 停止（支給停止、2026-11-20、2026年10月まで） | 202602900000001",
        ], Rows(section));

        var other = await (await client.GetAsync($"/Taxpayers/View/{await HandleAsync(client, "1000000042")}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("pension-withholding", other);
    }
}
