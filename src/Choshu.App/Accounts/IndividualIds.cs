using System.Text;

namespace Choshu.App.Accounts;

/// <summary>
/// The rules that keep every user ID one person's (seed III-3 リスク2: 個人ごとに認定されたID、共用IDは作らない).
/// <para>
/// Why the model cannot express a shared account: an account is nothing but one staff number
/// (職員番号), which the personnel office issues to exactly one person for life, and which is at once
/// the primary way in (the Identity user name is the staff number, <see cref="StaffAccountValidator"/>)
/// and unique in the store (unique indexes on <c>staff_no</c> and <c>normalized_user_name</c>). There is
/// no other principal: no group login, no Identity role used as a login, no e-mail or alias login,
/// no second name on an account. Rights are <see cref="Data.Security.RoleGrant"/>s to that one
/// account. A "shared" ID would need a staff number belonging to nobody: the form of a staff number
/// (5–10 ASCII digits, as the city's personnel system issues them) leaves no room for words such as
/// "admin" or "guest", the obviously made-up numbers (00000, 12345, 98765…) are refused, and the name
/// must be a person's, not a post's, a unit's or a word for "shared" (共用, 共通, 管理者, 係, 課…).
/// What software cannot see (an invented staff number with a real-looking name) is caught by the
/// yearly review (<c>choshu users review</c>) against the personnel list.
/// </para>
/// </summary>
public static class IndividualIds
{
    public const int StaffNoMinLength = 5;
    public const int StaffNoMaxLength = 10;
    public const int CodeMaxLength = 10;
    public const int NameMaxLength = 100;

    /// <summary>Words that name no person: an account carrying one is generic or shared. Matched as whole words (Latin) after NFKC and lower-casing.</summary>
    private static readonly string[] GenericLatinWords =
    [
        "admin", "administrator", "root", "guest", "test", "tester", "testuser", "user", "users", "shared", "share",
        "common", "public", "system", "sysadmin", "operator", "staff", "demo", "sample", "dummy", "temp", "tmp",
        "anonymous", "default", "support", "service", "maintenance", "vendor", "contractor", "team", "group", "office",
    ];

    /// <summary>Japanese words that name a post, a unit or a shared use; refused anywhere in a name.</summary>
    private static readonly string[] GenericJapaneseWords =
    [
        "共用", "共通", "共有", "管理者", "管理用", "担当者", "担当用", "係", "課", "窓口", "代表", "職員", "利用者", "ユーザ",
        "テスト", "試験", "ゲスト", "ダミー", "サンプル", "臨時", "システム", "委託業者", "保守",
        "アドミン", "オペレータ", "運用", "事務局",
    ];

    /// <summary>Whether the text has the form of the city's staff number: 5–10 ASCII digits, nothing else.</summary>
    public static bool IsStaffNumberForm(string? staffNo) =>
        staffNo is { Length: >= StaffNoMinLength and <= StaffNoMaxLength } && staffNo.All(char.IsAsciiDigit);

    /// <summary>Refusal reasons for a staff number, in Japanese; empty when it is acceptable.</summary>
    public static IEnumerable<string> CheckStaffNumber(string? staffNo)
    {
        if (string.IsNullOrWhiteSpace(staffNo))
        {
            yield return "職員番号を指定してください。";
            yield break;
        }
        if (!IsStaffNumberForm(staffNo))
        {
            yield return $"職員番号は半角数字 {StaffNoMinLength}〜{StaffNoMaxLength} 桁です（人事の職員番号をそのまま使います。共用IDや役割名のIDは作れません）。";
            yield break;
        }
        if (staffNo.Distinct().Count() == 1 || IsRun(staffNo, +1) || IsRun(staffNo, -1))
            yield return $"職員番号 {staffNo} は個人に発行される番号に見えません（同じ数字の繰り返しや連番は使えません）。";
    }

    /// <summary>Refusal reasons for a person's name (氏名), in Japanese; empty when it is acceptable.</summary>
    public static IEnumerable<string> CheckFullName(string? fullName)
    {
        var name = fullName?.Trim() ?? "";
        if (name.Length == 0)
        {
            yield return "氏名を指定してください。";
            yield break;
        }
        if (name.Length > NameMaxLength)
        {
            yield return $"氏名は {NameMaxLength} 文字以内です。";
            yield break;
        }
        var normalized = name.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var compact = new string(normalized.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (compact.Length < 2)
        {
            yield return "氏名は姓と名で指定してください。";
            yield break;
        }
        if (compact.All(c => char.IsAsciiDigit(c) || char.IsPunctuation(c) || char.IsSymbol(c)))
        {
            yield return "氏名に人の名前を指定してください。";
            yield break;
        }
        var latinWords = new string(normalized.Select(c => char.IsAsciiLetter(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var generic = GenericJapaneseWords.FirstOrDefault(w => compact.Contains(w, StringComparison.Ordinal))
            ?? GenericLatinWords.FirstOrDefault(w => latinWords.Contains(w) || compact == w);
        if (generic is not null)
            yield return $"氏名「{name}」は個人の氏名ではありません（「{generic}」を含む名前は共用・汎用IDとみなします）。利用者IDは一人ひとりの氏名で登録します。";
    }

    /// <summary>Refusal reasons for a 課コード or 係コード: 1–10 ASCII letters or digits.</summary>
    public static IEnumerable<string> CheckUnitCode(string? code, string label)
    {
        if (string.IsNullOrWhiteSpace(code))
            yield return $"{label}を指定してください。";
        else if (code.Length > CodeMaxLength || !code.All(char.IsAsciiLetterOrDigit))
            yield return $"{label}「{code}」は半角英数字 1〜{CodeMaxLength} 文字です。";
    }

    private static bool IsRun(string digits, int step)
    {
        for (var i = 1; i < digits.Length; i++)
            if ((digits[i] - digits[i - 1] + 10) % 10 != (step + 10) % 10) return false;
        return true;
    }

    /// <summary>For messages: the staff number when it has the form of one, else a placeholder (never echo what may be a mistyped password).</summary>
    public static string Printable(string? staffNo) =>
        IsStaffNumberForm(staffNo?.Trim()) ? staffNo!.Trim() : "（職員番号の形式でない入力）";
}
