using System.Net;
using System.Text.RegularExpressions;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.Web.Tests.Admin;

/// <summary>
/// The monthly review shows a sign-in made on Saturday 2026-11-14 at 10:00 Japan time as access outside
/// working hours (土曜日). Its own store and clock: the clock starts on that Saturday at 09:59 JST, so the
/// officer's enrollment code is taken at 09:59:30 and the sign-in at 10:00:00; it then moves to Tuesday
/// 2026-12-01 10:00, when the officer signs in again and reviews November.
/// </summary>
public sealed class AuditReviewSaturdayTests
{
    [Fact]
    public async Task AuditReview_SignInOnSaturday20261114At1000_ListedOutsideWorkingHoursAsSaturday()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 14, 9, 59, 0, TimeSpan.FromHours(9)));
        await using var store = await TestStore.CreatePostgresAsync();
        await using var factory = new ChoshuWebFactory(store.Store, clock);
        var (officer, _) = await StaffUsers.CreateAsync(factory.Services, clock, "81203", "土屋 一樹", [Role.SecurityOfficer]);

        await SignInAsync(factory, clock, officer); // Saturday 2026-11-14 10:00:00 JST
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(9)));
        var client = await SignInAsync(factory, clock, officer);

        var r = await Forms.PostAsync(client, "/Admin/AuditReview", new() { ["Month"] = "2026-11" }, "/Admin/AuditReview?handler=Review");

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = Regex.Replace(await r.Content.ReadAsStringAsync(), @">\s+<", "><");
        Assert.Contains("<td>2026-11-14 10:00:00</td><td>81203</td><td>unknown</td><td>1000 ログイン</td><td>成功</td><td></td><td></td><td>土曜日</td>", html);
        // The December sign-in is not in November's review.
        Assert.DoesNotContain("2026-12-01 10:00", html);
    }

    private static async Task<HttpClient> SignInAsync(ChoshuWebFactory factory, FakeTimeProvider clock, StaffUser user)
    {
        var client = factory.Client();
        var r = await Forms.PostAsync(client, "/Account/Login", new()
        {
            ["StaffNo"] = user.StaffNo, ["Password"] = user.Password, ["Code"] = StaffUsers.NextCode(clock, user.TotpKey),
        });
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        return client;
    }
}
