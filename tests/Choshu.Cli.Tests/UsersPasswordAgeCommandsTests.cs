using System.Text.Json;
using Choshu.Data;
using Choshu.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>users list</c> and <c>users review</c> show when each password was last set, and the review lists
/// those past <c>accounts.password_max_age_days</c> (default 365). Staff numbers 811xx are made up.
/// </summary>
public sealed class UsersPasswordAgeCommandsTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Postgres, StoreProvider.Sqlite };

    private static FakeTimeProvider At(int year, int month, int day, int utcHour) => new(new DateTimeOffset(year, month, day, utcHour, 0, 0, TimeSpan.Zero));

    private static async Task<(int Code, string Out, string Err)> Run(TestStore store, TimeProvider clock, params string[] args) =>
        await CliRunner.RunAsync(clock, [.. args, "--db", store.Store.ConnectionString]);

    private static async Task AddAsync(TestStore store, TimeProvider clock, string staffNo, string name)
    {
        var (code, _, err) = await Run(store, clock, "users", "add", "--staff-no", staffNo, "--name", name, "--department", "NZ01", "--section", "SY01", "--valid-from", "2026-01-01");
        Assert.True(code == 0, err);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Review_PasswordSetJan10_ListedFromJan10NextYearWithDate(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await AddAsync(store, At(2026, 1, 10, 1), "81101", "岡田 一");  // password set 2026-01-10 10:00 JST
        await AddAsync(store, At(2026, 6, 1, 1), "81102", "岡田 二");   // password set 2026-06-01 10:00 JST
        var jan10 = At(2027, 1, 10, 0);                                  // 2027-01-10 09:00 JST

        var dayBefore = JsonDocument.Parse((await Run(store, jan10, "users", "review", "--as-of", "2027-01-09", "--json")).Out).RootElement;
        var onTheDay = JsonDocument.Parse((await Run(store, jan10, "users", "review", "--as-of", "2027-01-10", "--json")).Out).RootElement;
        var text = (await Run(store, jan10, "users", "review", "--as-of", "2027-01-10")).Out;
        var list = JsonDocument.Parse((await Run(store, jan10, "users", "list", "--json")).Out).RootElement;
        var listText = (await Run(store, jan10, "users", "list")).Out;

        Assert.Equal(0, dayBefore.GetProperty("passwordsPastMaxAge").GetArrayLength());
        Assert.Equal(365, onTheDay.GetProperty("passwordMaxAgeDays").GetInt32());
        var past = Assert.Single(onTheDay.GetProperty("passwordsPastMaxAge").EnumerateArray());
        Assert.Equal(("81101", "2026-01-10", "2027-01-10"),
            (past.GetProperty("staffNo").GetString(), past.GetProperty("passwordChangedOn").GetString(), past.GetProperty("changeOwedFrom").GetString()));
        Assert.Contains("5. 有効期間（365 日）を過ぎたパスワード: 1 件", text);
        Assert.Contains("81101  岡田 一  最終変更 2026-01-10  2027-01-10 から変更が必要", text);
        Assert.DoesNotContain("81102  岡田 二  最終変更", text);
        Assert.Equal(["81101:2026-01-10:2026-01-10T01:00:00Z:True", "81102:2026-06-01:2026-06-01T01:00:00Z:False"],
            list.EnumerateArray().Select(a => $"{a.GetProperty("staffNo").GetString()}:{a.GetProperty("passwordChangedOn").GetString()}:{a.GetProperty("passwordChangedAtUtc").GetString()}:{a.GetProperty("passwordPastMaxAge").GetBoolean()}"));
        Assert.Contains("2026-01-10（期限切れ）", listText);
        Assert.Contains("2026-06-01", listText);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Review_MaxAgeSetToZero_NoPasswordListedAndOutOfRangeRefused(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await AddAsync(store, At(2026, 1, 10, 1), "81103", "岡田 三");
        var later = At(2030, 1, 10, 0);

        var tooLong = await Run(store, later, "settings", "set", "accounts.password_max_age_days", "3651");
        var zero = await Run(store, later, "settings", "set", "accounts.password_max_age_days", "0");
        var review = JsonDocument.Parse((await Run(store, later, "users", "review", "--as-of", "2030-01-10", "--json")).Out).RootElement;
        var text = (await Run(store, later, "users", "review", "--as-of", "2030-01-10")).Out;

        Assert.Equal(2, tooLong.Code);
        Assert.Contains("accounts.password_max_age_days", tooLong.Err);
        Assert.Equal(0, zero.Code);
        Assert.Equal(0, review.GetProperty("passwordMaxAgeDays").GetInt32());
        Assert.Equal(0, review.GetProperty("passwordsPastMaxAge").GetArrayLength());
        Assert.False(review.GetProperty("accounts")[0].GetProperty("passwordPastMaxAge").GetBoolean());
        Assert.Contains("5. 有効期間を過ぎたパスワード: パスワードの有効期間は設定されていません（accounts.password_max_age_days = 0）", text);
    }
}
