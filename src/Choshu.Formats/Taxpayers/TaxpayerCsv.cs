using Choshu.Domain.Identifiers;
using Choshu.Domain.Taxpayers;
using Choshu.Formats.Csv;

namespace Choshu.Formats.Taxpayers;

/// <summary>
/// The taxpayer (宛名) CSV from the common platform (共通基盤システム): a header row of the seed's
/// item names, one taxpayer per line. Layout, field by field: docs/formats.md「宛名CSV」.
/// </summary>
public static class TaxpayerCsv
{
    /// <summary>The header names (the seed's item names).</summary>
    public static class Column
    {
        public const string TaxpayerNo = "宛名番号";
        public const string NameKanji = "氏名漢字";
        public const string NameKana = "氏名かな";
        public const string BirthDate = "生年月日";
        public const string Sex = "性別";
        public const string PostalCode = "郵便番号";
        public const string TownName = "町名";
        public const string StreetNumber = "番地";
        public const string AddressSupplement = "方書";
        public const string MyNumber = "個人番号";
        public const string CorporateNumber = "法人番号";
        public const string PersonKind = "人格区分";
        public const string AliasKanji = "通称名漢字";
        public const string AliasKana = "通称名かな";
        public const string HouseholdNo = "世帯番号";
        public const string ResidencyStatus = "現存区分";
        public const string MunicipalityCode = "市区町村コード";
        public const string RepresentativeTitle = "代表者肩書";
        public const string RepresentativeName = "代表者氏名";
        public const string BranchCode = "支所コード";
        public const string DistrictCode = "地区コード";
        public const string MailReturned = "郵便返却区分";
        public const string EffectiveDate = "適用日";
        public const string Reason = "登録事由";
        public const string IntegratedNo = "団体内統合宛名番号";
        public const string PhoneNumber = "電話番号";
    }

    /// <summary>The columns, required ones first (a required column must be in the header).</summary>
    public static IReadOnlyList<CsvColumn> Layout { get; } =
    [
        new(Column.TaxpayerNo, true), new(Column.NameKanji, true), new(Column.NameKana, true), new(Column.BirthDate, true), new(Column.Sex, true),
        new(Column.PostalCode, true), new(Column.TownName, true), new(Column.StreetNumber, true), new(Column.AddressSupplement, true),
        new(Column.MyNumber, true), new(Column.CorporateNumber, true),
        new(Column.PersonKind, false), new(Column.AliasKanji, false), new(Column.AliasKana, false), new(Column.HouseholdNo, false),
        new(Column.ResidencyStatus, false), new(Column.MunicipalityCode, false), new(Column.RepresentativeTitle, false),
        new(Column.RepresentativeName, false), new(Column.BranchCode, false), new(Column.DistrictCode, false), new(Column.MailReturned, false),
        new(Column.EffectiveDate, false), new(Column.Reason, false), new(Column.IntegratedNo, false),
        new(Column.PhoneNumber, false),
    ];

    /// <summary>
    /// Reads one line. <paramref name="today"/> (Japan) is the 適用日 when the line gives none.
    /// </summary>
    public static CsvParse<TaxpayerRecord> Parse(CsvRow row, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(row);
        var e = new List<FieldError>();

        var taxpayerNo = CsvFields.Digits(row, Column.TaxpayerNo, 1, 15, required: true, e);
        var nameKanji = CsvFields.Text(row, Column.NameKanji, 100, required: true, e);
        var nameKana = CsvFields.Text(row, Column.NameKana, 100, required: true, e);
        var birthDate = CsvFields.Date(row, Column.BirthDate, required: false, e);
        if (birthDate is { } born && Domain.Reconciliation.PersonDates.BirthDateReason(born, today) is { } implausible)
        {
            e.Add(new(Column.BirthDate, implausible));
            birthDate = null;
        }
        var sex = ParseSex(row, e);
        var postalCode = ParsePostalCode(row, e);
        var townName = CsvFields.Text(row, Column.TownName, 100, required: false, e);
        var streetNumber = CsvFields.Text(row, Column.StreetNumber, 50, required: false, e);
        var supplement = CsvFields.Text(row, Column.AddressSupplement, 100, required: false, e);
        var myNumber = ParseMyNumber(row, e);
        var corporateNumber = ParseCorporateNumber(row, e);
        var aliasKanji = CsvFields.Text(row, Column.AliasKanji, 100, required: false, e);
        var aliasKana = CsvFields.Text(row, Column.AliasKana, 100, required: false, e);
        var householdNo = CsvFields.Digits(row, Column.HouseholdNo, 1, 15, required: false, e);
        var residency = ParseResidency(row, e);
        var municipality = CsvFields.Digits(row, Column.MunicipalityCode, 6, 6, required: false, e);
        var repTitle = CsvFields.Text(row, Column.RepresentativeTitle, 50, required: false, e);
        var repName = CsvFields.Text(row, Column.RepresentativeName, 100, required: false, e);
        var branch = CsvFields.Text(row, Column.BranchCode, 10, required: false, e);
        var district = CsvFields.Text(row, Column.DistrictCode, 10, required: false, e);
        var mailReturned = ParseMailReturned(row, e);
        var effective = CsvFields.Date(row, Column.EffectiveDate, required: false, e) ?? today;
        var reason = CsvFields.Text(row, Column.Reason, 200, required: false, e);
        var integratedNo = CsvFields.Digits(row, Column.IntegratedNo, 1, 15, required: false, e);
        var phone = ParsePhone(row, e);

        // 人格区分: as given; otherwise a corporation when it has a corporate number and no birth date.
        var kind = ParsePersonKind(row, e)
            ?? (row[Column.CorporateNumber] is { Length: > 0 } && string.IsNullOrEmpty(row[Column.BirthDate])
                ? PersonKind.Corporation
                : PersonKind.Individual);
        if (kind == PersonKind.Corporation)
        {
            if (!string.IsNullOrEmpty(row[Column.Sex]))
                e.Add(new(Column.Sex, "法人には性別を指定できません。"));
            if (!string.IsNullOrEmpty(row[Column.MyNumber]))
                e.Add(new(Column.MyNumber, "法人には個人番号を指定できません（法人番号の列に指定してください）。"));
        }

        if (e.Count > 0) return CsvParse<TaxpayerRecord>.Failed(e);
        return CsvParse<TaxpayerRecord>.Ok(new TaxpayerRecord
        {
            TaxpayerNo = taxpayerNo!,
            PersonKind = kind,
            NameKanji = nameKanji!,
            NameKana = nameKana!,
            AliasKanji = aliasKanji,
            AliasKana = aliasKana,
            BirthDate = birthDate,
            Sex = sex,
            HouseholdNo = householdNo,
            ResidencyStatus = residency ?? ResidencyStatus.Current,
            PostalCode = postalCode,
            MunicipalityCode = municipality,
            TownName = townName,
            StreetNumber = streetNumber,
            AddressSupplement = supplement,
            RepresentativeTitle = repTitle,
            RepresentativeName = repName,
            BranchCode = branch,
            DistrictCode = district,
            MailReturned = mailReturned ?? false,
            EffectiveDate = effective,
            Reason = reason,
            IntegratedNo = integratedNo,
            PhoneNumber = phone,
            CorporateNumber = corporateNumber,
            MyNumber = myNumber,
        });
    }

    /// <summary>
    /// The line as it may be stored (quarantine): the 個人番号 field, whatever it holds, replaced by
    /// asterisks, and any other My Number-like number masked by <see cref="MyNumberMask"/>.
    /// </summary>
    public static string RawTextForStorage(CsvRecord record, CsvHeader header)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(header);
        return MyNumberMask.Apply(record.RawTextMasking([header.IndexOf(Column.MyNumber)]));
    }

    private static Sex? ParseSex(CsvRow row, List<FieldError> e) =>
        row[Column.Sex] switch
        {
            null or "" => null,
            "男" or "1" => Sex.Male,
            "女" or "2" => Sex.Female,
            _ => Add<Sex>(e, Column.Sex, "男・女 または 1・2 で指定してください。"),
        };

    private static PersonKind? ParsePersonKind(CsvRow row, List<FieldError> e) =>
        row[Column.PersonKind] switch
        {
            null or "" => null,
            "1" or "個人" => PersonKind.Individual,
            "2" or "法人" => PersonKind.Corporation,
            _ => Add<PersonKind>(e, Column.PersonKind, "1（個人）または 2（法人）で指定してください。"),
        };

    private static ResidencyStatus? ParseResidency(CsvRow row, List<FieldError> e) =>
        row[Column.ResidencyStatus] switch
        {
            null or "" => null,
            "1" => ResidencyStatus.Current,
            "2" => ResidencyStatus.MovedOut,
            "3" => ResidencyStatus.Deceased,
            "4" => ResidencyStatus.NonResident,
            _ => Add<ResidencyStatus>(e, Column.ResidencyStatus, "1（現存）・2（転出）・3（死亡・解散）・4（住登外）のいずれかで指定してください。"),
        };

    private static bool? ParseMailReturned(CsvRow row, List<FieldError> e) =>
        row[Column.MailReturned] switch
        {
            null or "" => null,
            "0" => false,
            "1" => true,
            _ => Add<bool>(e, Column.MailReturned, "0（なし）または 1（返却あり）で指定してください。"),
        };

    private static string? ParsePostalCode(CsvRow row, List<FieldError> e)
    {
        var v = row[Column.PostalCode];
        if (string.IsNullOrEmpty(v)) return null;
        var digits = v.Length == 8 && v[3] == '-' ? v.Remove(3, 1) : v;
        if (digits.Length == 7 && digits.All(char.IsAsciiDigit)) return digits;
        e.Add(new(Column.PostalCode, "半角数字7桁（例 8920816 または 892-0816）で指定してください。"));
        return null;
    }

    private static MyNumber? ParseMyNumber(CsvRow row, List<FieldError> e)
    {
        var v = row[Column.MyNumber];
        if (string.IsNullOrEmpty(v)) return null;
        if (MyNumber.TryParse(v, out var n)) return n;
        e.Add(new(Column.MyNumber, v.Length == MyNumber.Length && v.All(char.IsAsciiDigit)
            ? "チェックデジットが正しくありません。"
            : "半角数字12桁で指定してください。"));
        return null;
    }

    /// <summary>電話番号: digits with hyphens, spaces or brackets (full-width too), 10 or 11 digits; kept as NFKC text.</summary>
    private static string? ParsePhone(CsvRow row, List<FieldError> e)
    {
        var v = row[Column.PhoneNumber];
        if (string.IsNullOrEmpty(v)) return null;
        var text = v.Normalize(System.Text.NormalizationForm.FormKC).Trim();
        var digits = text.Count(char.IsAsciiDigit);
        if (text.Length <= 20 && digits is >= 10 and <= 11 && text.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '(' or ')'))
            return text;
        e.Add(new(Column.PhoneNumber, "電話番号は 099-224-1111 のように、10桁または11桁の数字とハイフンで指定してください。"));
        return null;
    }

    private static CorporateNumber? ParseCorporateNumber(CsvRow row, List<FieldError> e)
    {
        var v = row[Column.CorporateNumber];
        if (string.IsNullOrEmpty(v)) return null;
        if (CorporateNumber.TryParse(v, out var n)) return n;
        e.Add(new(Column.CorporateNumber, v.Length == CorporateNumber.Length && v.All(char.IsAsciiDigit)
            ? "チェックデジットが正しくありません。"
            : "半角数字13桁で指定してください。"));
        return null;
    }

    private static T? Add<T>(List<FieldError> e, string field, string reason) where T : struct
    {
        e.Add(new(field, reason));
        return null;
    }
}
