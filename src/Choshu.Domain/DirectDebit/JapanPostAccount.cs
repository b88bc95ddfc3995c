namespace Choshu.Domain.DirectDebit;

/// <summary>
/// ゆうちょ銀行 (Japan Post Bank, 金融機関コード 9900): its own accounts are numbered 記号 (5 digits) and 番号 (up to 8 digits);
/// for a Zengin file they are written in the Zengin form (店番 3 digits, 預金種目, 口座番号 7 digits) by the published rule:
/// <list type="bullet">
/// <item>通常貯金 (記号 starting 1, 番号 ending 1): 店番 = 記号の2〜3桁目 + "8", 預金種目 普通, 口座番号 = 番号 without its
/// trailing 1, zero-padded to 7 digits. 記号 10180 番号 12345671 → 店番 018, 普通 1234567.</item>
/// <item>振替口座 (記号 starting 0): 店番 = 記号の2〜3桁目 + "9", 預金種目 当座, 口座番号 = 番号 zero-padded to 7 digits.
/// 記号 01790 番号 123456 → 店番 179, 当座 0123456.</item>
/// </list>
/// A pure function: no store, no clock.
/// </summary>
public static class JapanPostAccount
{
    /// <summary>全銀協の金融機関コード of ゆうちょ銀行.</summary>
    public const string BankCode = "9900";

    /// <summary>The Zengin form of a 記号・番号: 店番, 預金種目 (1 普通, 2 当座) and 口座番号.</summary>
    public sealed record ZenginForm(string BranchCode, short AccountType, string AccountNo);

    /// <summary>Converts; a 記号・番号 that is not of the published form is refused with a Japanese reason naming the field.</summary>
    public static ZenginForm ToZengin(string symbol, string number)
    {
        symbol = (symbol ?? "").Trim();
        number = (number ?? "").Trim();
        if (symbol.Length != 5 || !symbol.All(char.IsAsciiDigit))
            throw new DomainException("debit.jp_symbol", $"ゆうちょ記号「{symbol}」: 半角数字5桁で指定してください。");
        if (number.Length is 0 or > 8 || !number.All(char.IsAsciiDigit))
            throw new DomainException("debit.jp_number", $"ゆうちょ番号「{number}」: 半角数字8桁以内で指定してください。");
        var branchStem = symbol.Substring(1, 2);
        switch (symbol[0])
        {
            case '1':
                if (number[^1] != '1')
                    throw new DomainException("debit.jp_number", $"ゆうちょ番号「{number}」: 通常貯金（記号が1で始まる）の番号は末尾が1です。");
                var body = number[..^1];
                if (body.Length is 0 or > 7)
                    throw new DomainException("debit.jp_number", $"ゆうちょ番号「{number}」: 末尾の1を除いて7桁以内で指定してください。");
                return new ZenginForm(branchStem + "8", 1, body.PadLeft(7, '0'));
            case '0':
                if (number.Length > 7)
                    throw new DomainException("debit.jp_number", $"ゆうちょ番号「{number}」: 振替口座（記号が0で始まる）の番号は7桁以内です。");
                return new ZenginForm(branchStem + "9", 2, number.PadLeft(7, '0'));
            default:
                throw new DomainException("debit.jp_symbol", $"ゆうちょ記号「{symbol}」: 1（通常貯金）または0（振替口座）で始まる5桁です。");
        }
    }

    /// <summary>
    /// Whether a Zengin-form ゆうちょ account can be one: 店番 ending 8 with 普通, or ending 9 with 当座 (the conversion gives no other).
    /// </summary>
    public static bool IsValidZenginForm(string branchCode, short accountType) =>
        branchCode.Length == 3 && ((branchCode[2] == '8' && accountType == 1) || (branchCode[2] == '9' && accountType == 2));
}
