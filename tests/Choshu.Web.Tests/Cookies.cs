namespace Choshu.Web.Tests;

/// <summary>One Set-Cookie header taken apart: name, value and the attributes in lower case ("httponly", "samesite=strict", "path=/").</summary>
public sealed record SetCookie(string Name, string Value, IReadOnlyList<string> Attributes)
{
    public static SetCookie Parse(string header)
    {
        var parts = header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var eq = parts[0].IndexOf('=');
        return new SetCookie(parts[0][..eq], parts[0][(eq + 1)..], parts.Skip(1).Select(p => p.ToLowerInvariant()).ToList());
    }
}

public static class Cookies
{
    public static IReadOnlyList<SetCookie> All(HttpResponseMessage r) =>
        r.Headers.TryGetValues("Set-Cookie", out var v) ? v.Select(SetCookie.Parse).ToList() : [];

    /// <summary>The one Set-Cookie whose name starts with <paramref name="prefix"/>.</summary>
    public static SetCookie Single(HttpResponseMessage r, string prefix) =>
        Assert.Single(All(r), c => c.Name.StartsWith(prefix, StringComparison.Ordinal));
}
