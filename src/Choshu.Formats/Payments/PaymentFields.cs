using System.Globalization;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Csv;

namespace Choshu.Formats.Payments;

/// <summary>
/// Field readers the CSV payment layouts share, in the style of <see cref="CsvFields"/>: null for an
/// empty or unacceptable value, a <see cref="FieldError"/> with a Japanese reason that never repeats the value.
/// </summary>
internal static class PaymentFields
{
    public const string AmountNotPositive = "1円以上で指定してください。";
    public const string ReceivedBeforePaid = "収入日が納付日より前です（収入日は納付日と同じ日かその後です）。";

    /// <summary>The 区分 value when it is one of <paramref name="allowed"/>; otherwise an error with <paramref name="reason"/>.</summary>
    public static string? Kind(CsvRow row, IReadOnlyList<string> allowed, string reason, List<FieldError> errors)
    {
        var v = row[CsvPaymentReader.KindColumn];
        if (string.IsNullOrEmpty(v))
        {
            errors.Add(new(CsvPaymentReader.KindColumn, CsvFields.RequiredMissing));
            return null;
        }

        if (allowed.Contains(v)) return v;
        errors.Add(new(CsvPaymentReader.KindColumn, reason));
        return null;
    }

    /// <summary>金額: whole yen as <see cref="CsvFields.Yen"/> reads it, and more than 0.</summary>
    public static long? Amount(CsvRow row, List<FieldError> errors)
    {
        var amount = CsvFields.Yen(row, CsvPaymentReader.AmountColumn, required: true, errors);
        if (amount is not 0) return amount;
        errors.Add(new(CsvPaymentReader.AmountColumn, AmountNotPositive));
        return null;
    }

    /// <summary>
    /// An identifier that becomes part of an idempotency key: <paramref name="minLength"/> to
    /// <paramref name="maxLength"/> half-width letters and digits (and hyphens when <paramref name="hyphen"/>),
    /// so it can never hold the key's separator.
    /// </summary>
    public static string? Code(CsvRow row, string column, int minLength, int maxLength, bool hyphen, List<FieldError> errors)
    {
        var v = row[column];
        if (string.IsNullOrEmpty(v))
        {
            errors.Add(new(column, CsvFields.RequiredMissing));
            return null;
        }

        if (v.Length >= minLength && v.Length <= maxLength && v.All(c => char.IsAsciiLetterOrDigit(c) || (hyphen && c == '-')))
            return v;
        var size = minLength == maxLength ? $"{maxLength}文字" : $"{minLength}～{maxLength}文字";
        errors.Add(new(column, hyphen ? $"半角英数字とハイフン（-）{size}で指定してください。" : $"半角英数字{size}で指定してください。"));
        return null;
    }

    /// <summary>
    /// 収入日 as a date; when <paramref name="paidOn"/> is known it must not be before it. Required or not
    /// as the caller says.
    /// </summary>
    public static DateOnly? ReceivedOn(CsvRow row, string column, DateOnly? paidOn, bool required, List<FieldError> errors)
    {
        var receivedOn = CsvFields.Date(row, column, required, errors);
        if (receivedOn is { } r && paidOn is { } p && r < p)
        {
            errors.Add(new(column, ReceivedBeforePaid));
            return null;
        }

        return receivedOn;
    }

    /// <summary>
    /// 20 half-width digits: the match key as printed (消込番号, eL番号). Digits of another length or
    /// anything else is an error; 20 digits whose check digit is wrong are not: they read as no key
    /// (<paramref name="key"/> null) and the payment goes to the unmatched queue.
    /// </summary>
    public static string? KeyDigits(CsvRow row, string column, bool allowStoreFreeField, List<FieldError> errors, out MatchKey? key)
    {
        key = null;
        var v = row[column];
        if (string.IsNullOrEmpty(v))
        {
            errors.Add(new(column, CsvFields.RequiredMissing));
            return null;
        }

        var lengthOk = v.Length == MatchKey.Length || (allowStoreFreeField && v.Length == MatchKey.Length + 1);
        if (!lengthOk || !v.All(char.IsAsciiDigit))
        {
            errors.Add(new(column, allowStoreFreeField
                ? "半角数字20桁（消込番号）または21桁（バーコードの自由使用欄）で指定してください。"
                : "半角数字20桁で指定してください。"));
            return null;
        }

        if (MatchKey.IsOutOfRange(v))
        {
            errors.Add(new(column, MatchKey.OutOfRangeReason));
            return null;
        }

        key = v.Length == MatchKey.Length
            ? MatchKey.TryParse(v, out var k) ? k : null
            : MatchKey.TryParseStoreFreeField(v, out var f) ? f : null;
        return v;
    }

    /// <summary>yyyy-MM-dd, as every idempotency key writes a date (whichever way the file wrote it).</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
