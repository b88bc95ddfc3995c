using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Choshu.Domain;

namespace Choshu.Formats.Barcodes;

/// <summary>
/// The convenience-store payment barcode (GS1-128, 「GS1-128による標準料金代理収納ガイドライン」,
/// GS1 Japan): 44 ASCII digits in one symbol (domain.md §6).
/// <code>
/// digits  width  field
///  1– 2     2    application identifier, always "91"
///  3– 8     6    biller company code (請求書発行企業コード)
///  9–29    21    free field: the city's key to the installment, opaque here
/// 30        1    reissue count (再発行区分, 0 = the original slip)
/// 31–36     6    payment deadline YYMMDD (支払期限日; YY is 20YY)
/// 37        1    revenue stamp flag (印紙フラグ, "0" for public money)
/// 38–43     6    amount in yen, zero-filled
/// 44        1    check digit (modulus 10, weights 3 and 1, see <see cref="ComputeCheckDigit"/>)
/// </code>
/// A record holds the fields; <see cref="Encode"/> checks them and gives the 44 digits,
/// <see cref="Parse"/> checks 44 digits and gives the record. Every refusal is a
/// <see cref="DomainException"/> with a stable code ("barcode.*") and a Japanese message.
/// </summary>
/// <param name="BillerCode">6 digits: the biller code GS1 Japan assigned to the city.</param>
/// <param name="FreeField">21 digits: the city's own key to the installment (its meaning is the city's).</param>
/// <param name="ReissueCount">0–9: how many times the slip was reissued; 0 for the original.</param>
/// <param name="Deadline">The last day a store accepts the slip (2000-01-01 to 2099-12-31).</param>
/// <param name="RevenueStamp">True when the receipt needs a revenue stamp; false for tax (public money).</param>
/// <param name="Amount">Yen, 1 to <see cref="MaxBarcodeAmount"/>.</param>
public sealed record StoreBarcode(
    string BillerCode,
    string FreeField,
    int ReissueCount,
    DateOnly Deadline,
    bool RevenueStamp,
    long Amount)
{
    /// <summary>Number of digits of the whole barcode, check digit included.</summary>
    public const int Length = 44;

    /// <summary>The application identifier every payment barcode starts with.</summary>
    public const string ApplicationIdentifier = "91";

    public const int BillerCodeLength = 6;
    public const int FreeFieldLength = 21;

    /// <summary>
    /// The largest amount printed as a barcode: 300,000 yen. A slip above it carries no barcode and
    /// must be paid at a bank. This is common practice rather than part of the GS1 guideline: the
    /// convenience-store chains accept at most 300,000 yen per slip, and the National Tax Agency states
    /// the same limit for its barcode slips (国税庁「コンビニ納付（バーコード）」: バーコード付納付書1枚につき
    /// 30万円以下). 300,000 itself is accepted. This constant is the only place the limit is written.
    /// </summary>
    public const long MaxBarcodeAmount = 300_000;

    private const int First43 = Length - 1;

    /// <summary>
    /// The 44 digits. Throws <see cref="DomainException"/>: "barcode.amount_too_large" above
    /// <see cref="MaxBarcodeAmount"/>, "barcode.amount_invalid" for 0 or less, "barcode.biller_code_invalid",
    /// "barcode.free_field_invalid", "barcode.reissue_count_invalid", "barcode.deadline_out_of_range".
    /// </summary>
    public string Encode()
    {
        CheckFields(BillerCode, FreeField, ReissueCount, Deadline, Amount);

        Span<char> digits = stackalloc char[Length];
        var at = 0;
        Put(digits, ref at, ApplicationIdentifier);
        Put(digits, ref at, BillerCode);
        Put(digits, ref at, FreeField);
        digits[at++] = (char)('0' + ReissueCount);
        Put(digits, ref at, Deadline.ToString("yyMMdd", CultureInfo.InvariantCulture));
        digits[at++] = RevenueStamp ? '1' : '0';
        Put(digits, ref at, Amount.ToString("D6", CultureInfo.InvariantCulture));
        digits[at] = (char)('0' + ComputeCheckDigitCore(digits[..First43]));
        return new string(digits);
    }

    /// <summary>
    /// Reads 44 digits. Throws <see cref="DomainException"/>: "barcode.length" (not 44 characters),
    /// "barcode.not_digits", "barcode.ai" (does not start with "91"), "barcode.check_digit",
    /// "barcode.revenue_stamp_invalid", "barcode.deadline_invalid", "barcode.amount_invalid",
    /// "barcode.amount_too_large".
    /// </summary>
    public static StoreBarcode Parse(string digits44)
    {
        var (barcode, error) = TryParseCore(digits44);
        return barcode ?? throw error!;
    }

    /// <summary>Reads 44 digits without throwing; false for anything <see cref="Parse"/> refuses.</summary>
    public static bool TryParse([NotNullWhen(true)] string? digits44, [NotNullWhen(true)] out StoreBarcode? barcode)
    {
        (barcode, _) = TryParseCore(digits44);
        return barcode is not null;
    }

    /// <summary>
    /// The check digit for the first 43 digits (the application identifier "91" included).
    /// Number the positions from the right, the check digit itself being position 1, so the 43rd
    /// digit is position 2 and the 1st digit position 44. A = the sum of the digits in even positions,
    /// B = the sum of the digits in odd positions (3, 5, …, 43); C = 3A + B; the check digit is
    /// (10 − C mod 10) mod 10. Counted from the left, that is weight 3 on the 1st, 3rd, …, 43rd digit
    /// and weight 1 on the 2nd, 4th, …, 42nd. Throws "barcode.length" or "barcode.not_digits".
    /// </summary>
    public static int ComputeCheckDigit(ReadOnlySpan<char> first43)
    {
        if (first43.Length != First43)
        {
            throw new DomainException(
                "barcode.length",
                $"チェックデジットの計算には先頭43桁が必要です（{first43.Length}桁です）。");
        }

        var bad = IndexOfNonDigit(first43);
        if (bad >= 0)
        {
            throw NotDigits(bad);
        }

        return ComputeCheckDigitCore(first43);
    }

    private static int ComputeCheckDigitCore(ReadOnlySpan<char> first43)
    {
        var a = 0; // even positions from the right (position 1 = the check digit)
        var b = 0; // odd positions from the right, 3 and above
        for (var i = 0; i < first43.Length; i++)
        {
            var position = Length - i; // the first digit is position 44, the 43rd is position 2
            var digit = first43[i] - '0';
            if (position % 2 == 0)
            {
                a += digit;
            }
            else
            {
                b += digit;
            }
        }

        var c = 3 * a + b;
        return (10 - c % 10) % 10;
    }

    private static (StoreBarcode? Barcode, DomainException? Error) TryParseCore(string? s)
    {
        if (s is null || s.Length != Length)
        {
            return (null, new DomainException(
                "barcode.length",
                $"バーコードは44桁でなければなりません（{s?.Length ?? 0}桁です）。"));
        }

        var bad = IndexOfNonDigit(s);
        if (bad >= 0)
        {
            return (null, NotDigits(bad));
        }

        if (!s.StartsWith(ApplicationIdentifier, StringComparison.Ordinal))
        {
            return (null, new DomainException(
                "barcode.ai",
                $"バーコードの先頭2桁（アプリケーション識別子）が「91」ではありません（「{s[..2]}」です）。"));
        }

        var expected = ComputeCheckDigitCore(s.AsSpan(0, First43));
        var actual = s[First43] - '0';
        if (expected != actual)
        {
            return (null, new DomainException(
                "barcode.check_digit",
                $"バーコードのチェックデジット（44桁目）が一致しません（読み取り値 {actual}、計算値 {expected}）。"));
        }

        var billerCode = s.Substring(2, BillerCodeLength);
        var freeField = s.Substring(8, FreeFieldLength);
        var reissueCount = s[29] - '0';
        var deadlineText = s.Substring(30, 6);
        var stampFlag = s[36];
        var amount = long.Parse(s.AsSpan(37, 6), NumberStyles.None, CultureInfo.InvariantCulture);

        if (stampFlag is not ('0' or '1'))
        {
            return (null, new DomainException(
                "barcode.revenue_stamp_invalid",
                $"バーコードの印紙フラグ（37桁目）は0か1でなければなりません（{stampFlag}です）。"));
        }

        if (!DateOnly.TryParseExact("20" + deadlineText, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var deadline))
        {
            return (null, new DomainException(
                "barcode.deadline_invalid",
                $"バーコードの支払期限日（31〜36桁目）が日付ではありません（{deadlineText}）。"));
        }

        var amountError = CheckAmount(amount);
        if (amountError is not null)
        {
            return (null, amountError);
        }

        return (new StoreBarcode(billerCode, freeField, reissueCount, deadline, stampFlag == '1', amount), null);
    }

    private static void CheckFields(string billerCode, string freeField, int reissueCount, DateOnly deadline, long amount)
    {
        if (billerCode is null || billerCode.Length != BillerCodeLength || IndexOfNonDigit(billerCode) >= 0)
        {
            throw new DomainException(
                "barcode.biller_code_invalid",
                "請求書発行企業コードは6桁の数字でなければなりません。");
        }

        if (freeField is null || freeField.Length != FreeFieldLength || IndexOfNonDigit(freeField) >= 0)
        {
            throw new DomainException(
                "barcode.free_field_invalid",
                $"バーコードの自由使用欄は21桁の数字でなければなりません（{freeField?.Length ?? 0}文字です）。");
        }

        if (reissueCount is < 0 or > 9)
        {
            throw new DomainException(
                "barcode.reissue_count_invalid",
                $"再発行回数は0〜9でなければなりません（{reissueCount}です）。");
        }

        if (deadline.Year is < 2000 or > 2099)
        {
            throw new DomainException(
                "barcode.deadline_out_of_range",
                $"支払期限日は2000年から2099年まででなければなりません（{deadline.Year}年です）。");
        }

        var amountError = CheckAmount(amount);
        if (amountError is not null)
        {
            throw amountError;
        }
    }

    private static DomainException? CheckAmount(long amount)
    {
        if (amount > MaxBarcodeAmount)
        {
            return new DomainException(
                "barcode.amount_too_large",
                $"金額が{Yen(MaxBarcodeAmount)}円を超えるため、コンビニ収納バーコードは作成できません（{Yen(amount)}円）。金融機関の窓口で納付する納付書にしてください。");
        }

        if (amount <= 0)
        {
            return new DomainException(
                "barcode.amount_invalid",
                $"バーコードの金額は1円以上でなければなりません（{Yen(amount)}円です）。");
        }

        return null;
    }

    private static string Yen(long amount) => amount.ToString("N0", CultureInfo.InvariantCulture);

    private static int IndexOfNonDigit(ReadOnlySpan<char> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static DomainException NotDigits(int index) =>
        new("barcode.not_digits", $"バーコードの{index + 1}桁目が半角数字ではありません。");

    private static void Put(Span<char> digits, ref int at, string text)
    {
        text.AsSpan().CopyTo(digits[at..]);
        at += text.Length;
    }
}
