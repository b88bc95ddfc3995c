using Choshu.Domain;
using Choshu.Formats.Kana;

namespace Choshu.Formats.Zengin;

/// <summary>
/// A bank account money is transferred to (振込先口座), as a refund claim names it: 金融機関コード 4 digits, 支店コード 3
/// digits, 預金種目 1 普通 / 2 当座 / 4 貯蓄, 口座番号 7 digits (a shorter number is zero-filled on the left, as banks
/// print it), 口座名義 in Zengin kana (half-width katakana, upper-case letters, digits and the Zengin symbols; full-width
/// kana is converted, anything else refused), at most 30 characters as the file's field holds.
/// </summary>
public sealed record ZenginTransferAccount(string BankCode, string BranchCode, short AccountType, string AccountNo, string HolderKana)
{
    /// <summary>The account types a transfer takes, with their Japanese names.</summary>
    public static IReadOnlyList<(short Code, string Name)> AccountTypes { get; } = [(1, "普通"), (2, "当座"), (4, "貯蓄")];

    /// <summary>The Japanese name of an account type ("" when unknown).</summary>
    public static string AccountTypeName(short? code) => AccountTypes.FirstOrDefault(t => t.Code == code).Name ?? "";

    /// <summary>
    /// Checks and normalises what staff typed. Throws <see cref="DomainException"/> "refund.account_invalid" listing every
    /// problem in Japanese; returns the account with the number zero-filled and the name in Zengin kana.
    /// </summary>
    public static ZenginTransferAccount Parse(string? bankCode, string? branchCode, short? accountType, string? accountNo, string? holder)
    {
        var problems = new List<string>();
        bankCode = bankCode?.Trim() ?? "";
        branchCode = branchCode?.Trim() ?? "";
        accountNo = accountNo?.Trim() ?? "";
        holder = holder?.Trim() ?? "";
        if (bankCode.Length != 4 || !bankCode.All(char.IsAsciiDigit)) problems.Add("金融機関コードは半角数字4桁で入力してください。");
        if (branchCode.Length != 3 || !branchCode.All(char.IsAsciiDigit)) problems.Add("支店コードは半角数字3桁で入力してください。");
        if (accountType is not (1 or 2 or 4)) problems.Add("預金種目は普通・当座・貯蓄のいずれかを選んでください。");
        if (accountNo.Length is 0 or > 7 || !accountNo.All(char.IsAsciiDigit) || accountNo.All(c => c == '0'))
            problems.Add("口座番号は半角数字7桁以内で入力してください。");
        var kana = "";
        if (holder.Length == 0) problems.Add("口座名義（カナ）を入力してください。");
        else
        {
            try
            {
                kana = HalfWidthKana.ToZengin(holder);
                if (kana.Length > 30) problems.Add($"口座名義（カナ）は30文字以内で入力してください（{kana.Length}文字）。");
            }
            catch (DomainException ex)
            {
                problems.Add($"口座名義はカナで入力してください（{ex.Message}）");
            }
        }
        if (problems.Count > 0) throw new DomainException("refund.account_invalid", "振込先口座に誤りがあります: " + string.Join(" ", problems));
        return new ZenginTransferAccount(bankCode, branchCode, accountType!.Value, accountNo.PadLeft(7, '0'), kana);
    }
}
