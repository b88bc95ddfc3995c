using System.Net;
using Choshu.Domain.Security;

namespace Choshu.Web.Tests.Admin;

/// <summary>
/// 課・係の名称 (/Admin/Units): the administrator names the codes staff accounts carry (ZEIMU, SHUNO of the test
/// staff), each name recorded as 1020; from then on the banner of every page shows 税務課・収納係 instead of the codes.
/// A code that is not ASCII letters and digits is refused in Japanese.
/// </summary>
public sealed class UnitsPageTests(WebFixture web) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task Units_NameDepartmentAndSection_BannerShowsNamesAndEachNameAudited1020()
    {
        var admin = await web.SignedInClientAsync((await web.CreateUserAsync("65001", "上原 一樹", [Role.SystemAdministrator])).User);

        var before = await (await admin.GetAsync("/Admin/Units")).Content.ReadAsStringAsync();
        Assert.Contains("名称のないコード（利用者IDで使用中）: 課 ZEIMU、課 ZEIMU 係 SHUNO", before);
        Assert.Contains("職員番号 65001　課 ZEIMU・係 SHUNO", before);

        var first = await (await Forms.PostAsync(admin, "/Admin/Units", new() { ["DepartmentCode"] = "ZEIMU", ["SectionCode"] = "", ["Name"] = "税務課" })).Content.ReadAsStringAsync();
        await Forms.PostAsync(admin, "/Admin/Units", new() { ["DepartmentCode"] = "ZEIMU", ["SectionCode"] = "SHUNO", ["Name"] = "収納係" });
        var renamed = await (await Forms.PostAsync(admin, "/Admin/Units", new() { ["DepartmentCode"] = "ZEIMU", ["SectionCode"] = "", ["Name"] = "税務部 納税課" })).Content.ReadAsStringAsync();
        var refused = await Forms.PostAsync(admin, "/Admin/Units", new() { ["DepartmentCode"] = "税務", ["SectionCode"] = "", ["Name"] = "税務課" });

        Assert.Contains("課 ZEIMU の名称を「税務課」にしました。", first);
        Assert.Contains("職員番号 65001　税務部 納税課・収納係", renamed);
        Assert.DoesNotContain("名称のないコード（利用者IDで使用中）", renamed);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("課コード「税務」は半角英数字 1〜10 文字です。", await refused.Content.ReadAsStringAsync());
        var users = await (await admin.GetAsync("/Admin/Users")).Content.ReadAsStringAsync();
        Assert.Contains("<td>税務部 納税課・収納係</td>", users);

        var audit = (await web.AuditAsync()).Where(e => e.Kind == AuditEventKind.OrgUnitNamed).Select(e => (e.ActorName, e.Detail)).ToList();
        Assert.Equal(
        [
            ("65001", "課 ZEIMU の名称を「税務課」に登録"),
            ("65001", "課 ZEIMU 係 SHUNO の名称を「収納係」に登録"),
            ("65001", "課 ZEIMU の名称を「税務部 納税課」に変更（旧「税務課」）"),
        ], audit);
    }
}
