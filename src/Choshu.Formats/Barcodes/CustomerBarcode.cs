using System.Text;

namespace Choshu.Formats.Barcodes;

/// <summary>The four bar shapes of the customer barcode (4-state, 3 bars per character).</summary>
public enum CustomerBarcodeBar
{
    /// <summary>ロングバー: from the top line to the bottom line (3.6 mm at 10 pt).</summary>
    Long,

    /// <summary>セミロングバー（上）: the timing part extended upwards only.</summary>
    SemiLongUpper,

    /// <summary>セミロングバー（下）: the timing part extended downwards only.</summary>
    SemiLongLower,

    /// <summary>タイミングバー: the short middle part only (1.2 mm at 10 pt).</summary>
    Timing,
}

/// <summary>
/// One encoded customer barcode.
/// </summary>
/// <param name="PostalCode">The 7 digits, without the hyphen.</param>
/// <param name="AddressNumber">The 住所表示番号 extracted from the address, before truncation (e.g. "3-30-8-403",
/// "3-20-5B604"); empty when the address gives none.</param>
/// <param name="Characters">The 20 barcode characters between the start code and the check character, in the
/// manual's notation: digits, "-", and the control codes as "CC1"…"CC8" (a letter is its control code and a
/// digit, the padding is CC4), e.g. "26300233-30-8-403CC4CC4CC4".</param>
/// <param name="CheckDigit">The check character's value, 0–18 (0–9 a digit, 10 "-", 11–18 CC1–CC8).</param>
/// <param name="Bars">All 67 bars left to right: start code (2), 20 characters × 3, check character (3),
/// stop code (2).</param>
public sealed record CustomerBarcodeSymbol(
    string PostalCode,
    string AddressNumber,
    string Characters,
    int CheckDigit,
    IReadOnlyList<CustomerBarcodeBar> Bars);

/// <summary>
/// The Japan Post customer barcode (カスタマバーコード) printed under the address for the barcode discount,
/// as specified in 日本郵便「郵便番号・バーコードマニュアル」 (post.japanpost.jp/zipcode/zipmanual/):
/// p12 (format and sizes), p17–p20 (抜き出し法: what is taken from the address), p21 (check digit),
/// p25 (the worked examples the tests use). Pure: no I/O, no address dictionary.
/// <code>
/// start(2 bars) | postal code 7 chars | 住所表示番号 13 chars | check 1 char | stop(2 bars)
/// </code>
/// A letter takes two characters: CC1 + 0–9 for A–J, CC2 + 0–9 for K–T, CC3 + 0–5 for U–Z. Longer data is
/// cut after the 20th character (a letter whose control code is the 20th keeps only the control code);
/// shorter data is padded with CC4. The check character makes the sum of all 21 character values a
/// multiple of 19 (digits 0–9, "-" 10, CC1–CC8 11–18).
/// </summary>
public static class CustomerBarcode
{
    /// <summary>Characters between the start code and the check character.</summary>
    public const int DataLength = 20;

    /// <summary>Digits of a postal code.</summary>
    public const int PostalCodeLength = 7;

    /// <summary>Bars in a whole symbol: 2 + 21 × 3 + 2.</summary>
    public const int BarCount = 2 + (DataLength + 1) * 3 + 2;

    private const int Hyphen = 10;
    private const int Cc1 = 11;
    private const int Cc4 = 14;

    private const CustomerBarcodeBar L = CustomerBarcodeBar.Long;
    private const CustomerBarcodeBar U = CustomerBarcodeBar.SemiLongUpper;
    private const CustomerBarcodeBar D = CustomerBarcodeBar.SemiLongLower;
    private const CustomerBarcodeBar T = CustomerBarcodeBar.Timing;

    // The bars of each character value (0–9, "-", CC1–CC8), from the manual's bar table (p11–p12,
    // 「カスタマバーコードの体系」, printed there as a picture). Written out here from two sources that agree
    // character for character: the table of Zint (zint/backend/postal.c, JapanTable, 1 = full,
    // 2 = ascender, 3 = descender, 4 = tracker, start "13", stop "31") and a set of glyph images of the 21
    // symbols (0–9, -, CC1–CC8, start, stop) read pixel by pixel. The start code is a long bar and a lower
    // semi-long bar, the stop code the same mirrored.
    private static readonly CustomerBarcodeBar[][] Table =
    [
        [L, T, T], // 0
        [L, L, T], // 1
        [L, D, U], // 2
        [D, L, U], // 3
        [L, U, D], // 4
        [L, T, L], // 5
        [D, U, L], // 6
        [U, L, D], // 7
        [U, D, L], // 8
        [T, L, L], // 9
        [T, L, T], // -
        [D, U, T], // CC1
        [D, T, U], // CC2
        [U, D, T], // CC3
        [T, D, U], // CC4
        [U, T, D], // CC5
        [T, U, D], // CC6
        [T, T, L], // CC7
        [L, L, L], // CC8
    ];

    private static readonly CustomerBarcodeBar[] StartCode = [L, D];
    private static readonly CustomerBarcodeBar[] StopCode = [D, L];

    /// <summary>
    /// Encodes a postal code and an address. <paramref name="postalCode7"/>: 7 digits, full or half width,
    /// with or without the hyphen after the third digit (an optional leading 〒 and spaces are ignored);
    /// anything else is an <see cref="ArgumentException"/> with a Japanese message.
    /// <paramref name="addressText"/>: the address as printed (町名・番地・方書, several lines joined with a
    /// space; the prefecture and city may be included), or null when there is none — then the address
    /// part is all CC4. For a 事業所個別番号 or a
    /// 私書箱 number Japan Post wants the number alone: pass null.
    /// </summary>
    public static CustomerBarcodeSymbol Encode(string postalCode7, string? addressText)
    {
        var postal = NormalizePostalCode(postalCode7);
        var addressNumber = AddressNumber(addressText);

        var values = new List<int>(DataLength + 1);
        foreach (var c in postal)
        {
            values.Add(c - '0');
        }

        foreach (var c in addressNumber)
        {
            if (values.Count >= DataLength)
            {
                break;
            }

            if (c is >= '0' and <= '9')
            {
                values.Add(c - '0');
            }
            else if (c == '-')
            {
                values.Add(Hyphen);
            }
            else
            {
                // A–J: CC1 + 0–9, K–T: CC2 + 0–9, U–Z: CC3 + 0–5. When the control code is the 20th
                // character, its digit is cut (manual p20).
                var index = c - 'A';
                values.Add(Cc1 + index / 10);
                if (values.Count < DataLength)
                {
                    values.Add(index % 10);
                }
            }
        }

        while (values.Count < DataLength)
        {
            values.Add(Cc4);
        }

        var sum = values.Sum();
        var check = (19 - sum % 19) % 19;

        var bars = new List<CustomerBarcodeBar>(BarCount);
        bars.AddRange(StartCode);
        foreach (var value in values)
        {
            bars.AddRange(Table[value]);
        }

        bars.AddRange(Table[check]);
        bars.AddRange(StopCode);

        var characters = new StringBuilder(DataLength * 3);
        foreach (var value in values)
        {
            characters.Append(CharacterText(value));
        }

        return new CustomerBarcodeSymbol(postal, addressNumber, characters.ToString(), check, bars.AsReadOnly());
    }

    /// <summary>
    /// The 住所表示番号 taken from an address by Japan Post's rules (manual p19, 「バーコードに必要な文字情報の
    /// 抜き出し法」(3/9)), e.g. "千葉市稲毛区緑町3丁目30-8　郵便ビル403号" → "3-30-8-403":
    /// <list type="number">
    /// <item>full-width letters, digits and hyphens read as half width (NFKC); lower case as upper case;
    /// "ー" after a digit, the dash and minus signs and "─" read as "-";</item>
    /// <item>「&amp;」「/」「・」「.」 are removed and the text closed up;</item>
    /// <item>kanji numerals (〇一二三四五六七八九十百千) directly before 丁目・丁・番地・番・号・地割・線・の・ノ
    /// become arabic (十一 → 11, 二十五 → 25, 百一 → 101); elsewhere (北六条) they stay text;</item>
    /// <item>kept: digits, hyphens and a letter that stands alone — not two or more letters in a row, and
    /// not an "F" right after a digit (a floor: "2F");</item>
    /// <item>everything else before a kept character (kanji, kana, blanks, runs of letters, the "F")
    /// becomes one hyphen; hyphens in a row become one; a hyphen at the start or the end is dropped;</item>
    /// <item>a hyphen next to a letter is dropped ("9-7-6-A-1-1" → "9-7-6A1-1").</item>
    /// </list>
    /// The result is not truncated (<see cref="Encode"/> cuts it to fit). Empty for null or an address
    /// without numbers. The rules see the whole text: a town name with a kanji numeral before one of the
    /// markers (三ノ輪) would count; pass the part after the town name (住所B) where that matters.
    /// </summary>
    public static string AddressNumber(string? addressText)
    {
        if (string.IsNullOrWhiteSpace(addressText))
        {
            return "";
        }

        var text = ConvertKanjiNumerals(Normalize(addressText));
        var tokens = Tokenize(text);

        // Steps 4–6: everything not kept becomes one hyphen; runs of hyphens merge; none at either end.
        var kept = new StringBuilder(text.Length);
        foreach (var (kind, value) in tokens)
        {
            switch (kind)
            {
                case TokenKind.Digits:
                case TokenKind.Letter:
                    kept.Append(value);
                    break;
                default:
                    if (kept.Length > 0 && kept[^1] != '-')
                    {
                        kept.Append('-');
                    }

                    break;
            }
        }

        while (kept.Length > 0 && kept[^1] == '-')
        {
            kept.Length--;
        }

        // Supplement 4: no hyphen before or after a letter (letters that then touch stay as they are).
        var result = new StringBuilder(kept.Length);
        for (var i = 0; i < kept.Length; i++)
        {
            var c = kept[i];
            if (c == '-' && ((i > 0 && IsLetter(kept[i - 1])) || (i + 1 < kept.Length && IsLetter(kept[i + 1]))))
            {
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    private static string NormalizePostalCode(string postalCode7)
    {
        if (string.IsNullOrWhiteSpace(postalCode7))
        {
            throw new ArgumentException("郵便番号がありません。7桁の数字で指定してください。", nameof(postalCode7));
        }

        var text = postalCode7.Normalize(NormalizationForm.FormKC).Trim();
        if (text.StartsWith('〒'))
        {
            text = text[1..].TrimStart();
        }

        text = text.Replace('ー', '-').Replace('−', '-').Replace('‐', '-');
        if (text.Length == PostalCodeLength + 1 && text[3] == '-')
        {
            text = string.Concat(text.AsSpan(0, 3), text.AsSpan(4));
        }

        if (text.Length != PostalCodeLength || !text.All(c => c is >= '0' and <= '9'))
        {
            throw new ArgumentException(
                $"郵便番号「{postalCode7}」は使えません。7桁の数字（3桁目の後のハイフンは可）で指定してください。",
                nameof(postalCode7));
        }

        return text;
    }

    private static string CharacterText(int value) => value switch
    {
        < Hyphen => ((char)('0' + value)).ToString(),
        Hyphen => "-",
        _ => "CC" + (value - Hyphen),
    };

    private static bool IsLetter(char c) => c is >= 'A' and <= 'Z';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsKanjiNumeral(char c) => KanjiDigit(c) >= 0 || KanjiMultiplier(c) > 0;

    private static int KanjiDigit(char c) => "〇一二三四五六七八九".IndexOf(c);

    private static int KanjiMultiplier(char c) => c switch
    {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => 0,
    };

    /// <summary>Steps 1–2: width, case, hyphens; the four joining marks removed.</summary>
    private static string Normalize(string address)
    {
        var text = address.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&' or '/' or '・' or '.' or '·':
                    break;
                case '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\u2500' or '\uFE58' or '\uFE63':
                    sb.Append('-');
                    break;
                case 'ー' when sb.Length > 0 && (IsDigit(sb[^1]) || IsKanjiNumeral(sb[^1])):
                    sb.Append('-'); // "11ー32": a long-vowel mark typed for a hyphen
                    break;
                case >= 'a' and <= 'z':
                    sb.Append(char.ToUpperInvariant(c));
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Supplement 1: a run of kanji numerals right before a marker becomes arabic digits.</summary>
    private static string ConvertKanjiNumerals(string text)
    {
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (!IsKanjiNumeral(text[i]))
            {
                sb.Append(text[i++]);
                continue;
            }

            var end = i;
            while (end < text.Length && IsKanjiNumeral(text[end]))
            {
                end++;
            }

            var run = text.AsSpan(i, end - i);
            if (IsMarkerAt(text, end))
            {
                sb.Append(KanjiValue(run));
            }
            else
            {
                sb.Append(run);
            }

            i = end;
        }

        return sb.ToString();
    }

    // 丁目・丁・番地・番・号・地割・線・の・ノ (丁 and 番 cover 丁目 and 番地).
    private static bool IsMarkerAt(string text, int at) =>
        at < text.Length
        && (text[at] is '丁' or '番' or '号' or '線' or 'の' or 'ノ'
            || (text[at] == '地' && at + 1 < text.Length && text[at + 1] == '割'));

    private static string KanjiValue(ReadOnlySpan<char> run)
    {
        var positional = false;
        foreach (var c in run)
        {
            positional |= KanjiMultiplier(c) > 0;
        }

        var sb = new StringBuilder(run.Length + 2);
        if (!positional)
        {
            // 一〇一 → 101: digit by digit.
            foreach (var c in run)
            {
                sb.Append((char)('0' + KanjiDigit(c)));
            }

            return sb.ToString();
        }

        // 二十五 → 25, 百一 → 101, 千二百 → 1200.
        long total = 0;
        long current = -1;
        foreach (var c in run)
        {
            var digit = KanjiDigit(c);
            if (digit >= 0)
            {
                current = (current < 0 ? 0 : current) * 10 + digit;
            }
            else
            {
                total += (current < 0 ? 1 : current) * KanjiMultiplier(c);
                current = -1;
            }
        }

        total += current < 0 ? 0 : current;
        return total.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private enum TokenKind
    {
        Digits,
        Letter,
        Other, // a hyphen, or anything that becomes one
    }

    /// <summary>Step 3 and supplements 2–3: runs of digits, single letters kept, the rest separators.</summary>
    private static List<(TokenKind Kind, string Value)> Tokenize(string text)
    {
        var tokens = new List<(TokenKind Kind, string Value)>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (IsDigit(text[i]))
            {
                while (i < text.Length && IsDigit(text[i]))
                {
                    i++;
                }

                tokens.Add((TokenKind.Digits, text[start..i]));
            }
            else if (IsLetter(text[i]))
            {
                while (i < text.Length && IsLetter(text[i]))
                {
                    i++;
                }

                var letters = text[start..i];
                var afterDigit = start > 0 && IsDigit(text[start - 1]);
                var kept = letters.Length == 1 && !(letters == "F" && afterDigit);
                tokens.Add((kept ? TokenKind.Letter : TokenKind.Other, letters));
            }
            else
            {
                while (i < text.Length && !IsDigit(text[i]) && !IsLetter(text[i]))
                {
                    i++;
                }

                tokens.Add((TokenKind.Other, text[start..i]));
            }
        }

        return tokens;
    }
}
