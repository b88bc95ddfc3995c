using Choshu.Domain.Taxpayers;

namespace Choshu.Data.Taxpayers;

/// <summary>
/// 宛名: the current state of a taxpayer. Every state it has ever had, including this one,
/// is also a row of <see cref="TaxpayerVersion"/>; a change appends a version and then
/// updates this row to match it.
/// </summary>
public sealed class Taxpayer
{
    public long Id { get; set; }
    /// <summary>宛名番号, the number the common platform assigns (digits).</summary>
    public string TaxpayerNo { get; set; } = "";
    /// <summary>団体内統合宛名番号, when the platform has assigned one.</summary>
    public string? IntegratedNo { get; set; }
    /// <summary>法人番号 (public information, 13 digits with check digit).</summary>
    public string? CorporateNumber { get; set; }
    private TaxpayerFacts _facts = new();

    /// <summary>The current record items. Setting them also sets the search keys from them.</summary>
    public TaxpayerFacts Facts
    {
        get => _facts;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _facts = value;
            var keys = value.SearchKeys();
            SearchKana = keys.Kana;
            SearchKanji = keys.Kanji;
            SearchAddress = keys.Address;
            SearchPhone = PhoneDigits(value.PhoneNumber);
        }
    }

    /// <summary>
    /// 検索キー (<see cref="TaxpayerSearchKeys"/>) of <see cref="Facts"/>: 氏名かな and 通称名かな folded, for the
    /// search by kana. Set with <see cref="Facts"/>; null only in a row written before the keys existed and not
    /// yet filled (<c>choshu db init</c> fills them).
    /// </summary>
    public string? SearchKana { get; private set; } = "";

    /// <summary>氏名 and 通称名 folded (<see cref="TaxpayerSearchKeys.Kanji"/>).</summary>
    public string? SearchKanji { get; private set; } = "";

    /// <summary>町名・番地・方書 folded (<see cref="TaxpayerSearchKeys.Address"/>).</summary>
    public string? SearchAddress { get; private set; } = "";

    /// <summary>電話番号 as digits only (0992241111), for the search by phone number; null when none is registered.</summary>
    public string? SearchPhone { get; private set; }

    /// <summary>The digits of a phone number as typed or registered (full-width digits are digits; hyphens, spaces and brackets dropped); null when there are none.</summary>
    public static string? PhoneDigits(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = string.Concat(phone.Normalize(System.Text.NormalizationForm.FormKC).Where(char.IsAsciiDigit));
        return digits.Length == 0 ? null : digits;
    }

    /// <summary>Sets the search keys from <see cref="Facts"/> again (a row read before they were filled).</summary>
    public void RefreshSearchKeys() => Facts = _facts;
    /// <summary>履歴連番 of the version this row mirrors.</summary>
    public int HistorySeq { get; set; }
    /// <summary>適用日 of the version this row mirrors.</summary>
    public DateOnly EffectiveDate { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
