namespace Choshu.App.Seeding;

/// <summary>
/// Addresses of the synthetic city, modelled on 鹿児島市 (全国地方公共団体コード 46201-2): town names
/// of the city with postal codes in its 890/891/892 ranges (plausible, not an authoritative postal
/// table), 丁目 or 番地 style street numbers, and sometimes a 方書 (apartment and room). Also a few
/// addresses elsewhere in Japan for taxpayers who moved out or live outside the city.
/// </summary>
public static class CityAddresses
{
    public const string Prefecture = "鹿児島県";
    public const string CityName = "鹿児島市";
    public static readonly string MunicipalityCode = LocalGovernmentCode("46201");

    private const string MainOffice = "00", Taniyama = "01", Ishiki = "02", Yoshino = "03";

    /// <summary>How a town numbers its lots.</summary>
    private enum Style { Chome, Gaiku, Banchi }

    private sealed record Town(string Name, string Postal, Style Style, int Chome, string Branch, string District);

    private static readonly WeightedChoice<Town> Towns = new(
    [
        (new Town("山下町", "8920816", Style.Gaiku, 0, MainOffice, "101"), 3),
        (new Town("東千石町", "8920842", Style.Gaiku, 0, MainOffice, "102"), 2),
        (new Town("加治屋町", "8920846", Style.Gaiku, 0, MainOffice, "103"), 2),
        (new Town("中央町", "8900053", Style.Gaiku, 0, MainOffice, "104"), 3),
        (new Town("城西", "8900041", Style.Chome, 3, MainOffice, "105"), 5),
        (new Town("荒田", "8900054", Style.Chome, 2, MainOffice, "106"), 4),
        (new Town("上荒田町", "8900055", Style.Gaiku, 0, MainOffice, "107"), 4),
        (new Town("下荒田", "8900056", Style.Chome, 4, MainOffice, "108"), 5),
        (new Town("鴨池", "8900063", Style.Chome, 2, MainOffice, "109"), 5),
        (new Town("鴨池新町", "8900064", Style.Gaiku, 0, MainOffice, "110"), 2),
        (new Town("郡元", "8900065", Style.Chome, 3, MainOffice, "111"), 6),
        (new Town("宇宿", "8900073", Style.Chome, 9, MainOffice, "112"), 8),
        (new Town("紫原", "8900082", Style.Chome, 7, MainOffice, "113"), 8),
        (new Town("武岡", "8900032", Style.Chome, 6, MainOffice, "114"), 6),
        (new Town("西陣", "8900031", Style.Chome, 3, MainOffice, "115"), 3),
        (new Town("草牟田", "8900014", Style.Chome, 2, MainOffice, "116"), 3),
        (new Town("伊敷", "8900008", Style.Chome, 8, Ishiki, "201"), 8),
        (new Town("伊敷台", "8900003", Style.Chome, 7, Ishiki, "202"), 4),
        (new Town("吉野町", "8920871", Style.Banchi, 0, Yoshino, "301"), 9),
        (new Town("谷山中央", "8910141", Style.Chome, 8, Taniyama, "401"), 8),
        (new Town("和田", "8910143", Style.Chome, 3, Taniyama, "402"), 3),
        (new Town("皇徳寺台", "8910144", Style.Chome, 5, Taniyama, "403"), 5),
        (new Town("坂之上", "8910150", Style.Chome, 8, Taniyama, "404"), 6),
        (new Town("桜ケ丘", "8910175", Style.Chome, 8, Taniyama, "405"), 5),
        (new Town("小松原", "8910114", Style.Chome, 2, Taniyama, "406"), 3),
    ]);

    private static readonly string[] BuildingPrefixes =
        ["サンシャイン", "グランメール", "ルミエール", "エクセル", "パークハイツ", "コーポ", "メゾン", "ハイツ", "シャトレ", "ベルメゾン", "ロイヤル", "アーバン"];
    private static readonly string[] BuildingSuffixes = ["マンション", "ハイツ", "コーポ", "レジデンス", "パレス", "ヒルズ"];
    private static readonly string[] BuildingNumbers = ["壱番館", "弐番館", "第一", "第二", "第三"];

    private sealed record Elsewhere(string Town, string Code5, string Postal, int Chome);

    private static readonly WeightedChoice<Elsewhere> OutsideTowns = new(
    [
        (new Elsewhere("鹿児島県霧島市国分中央", "46218", "8994332", 6), 5),
        (new Elsewhere("福岡県福岡市中央区天神", "40133", "8100001", 5), 5),
        (new Elsewhere("熊本県熊本市中央区水前寺", "43101", "8620950", 6), 3),
        (new Elsewhere("宮崎県宮崎市橘通西", "45201", "8800001", 5), 2),
        (new Elsewhere("大阪府大阪市北区梅田", "27127", "5300001", 3), 2),
        (new Elsewhere("愛知県名古屋市中区栄", "23106", "4600008", 5), 1),
        (new Elsewhere("東京都新宿区西新宿", "13104", "1600023", 8), 3),
    ]);

    private static readonly string[] KanjiDigits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    /// <summary>A home address in the city; <paramref name="apartmentShare"/> of them carry an apartment and room.</summary>
    public static SeedAddress Residence(SeedRandom rng, double apartmentShare = 0.3)
    {
        var town = Towns.Pick(rng);
        var (townName, street) = Lot(town, rng);
        string? supplement = null;
        if (rng.Chance(apartmentShare))
        {
            var core = town.Name.TrimEnd('町');
            var building = rng.Chance(0.5)
                ? BuildingPrefixes[rng.Next(BuildingPrefixes.Length)] + core
                : core + BuildingSuffixes[rng.Next(BuildingSuffixes.Length)];
            supplement = $"{building} {rng.Between(1, 12)}{rng.Between(1, 8):D2}号";
        }
        return new SeedAddress(town.Postal, MunicipalityCode, townName, street, supplement, town.Branch, town.District);
    }

    /// <summary>A business address in the city; some in a named building, on a floor.</summary>
    public static SeedAddress Office(SeedRandom rng, string buildingName)
    {
        var town = Towns.Pick(rng);
        var (townName, street) = Lot(town, rng);
        var supplement = rng.Chance(0.3) ? $"{buildingName}ビル {rng.Between(1, 8)}階" : null;
        return new SeedAddress(town.Postal, MunicipalityCode, townName, street, supplement, town.Branch, town.District);
    }

    /// <summary>An address outside the city (moved out, or a non-resident owner); no branch or district of ours.</summary>
    public static SeedAddress Outside(SeedRandom rng)
    {
        var place = OutsideTowns.Pick(rng);
        var town = place.Town + ChomeName(rng.Between(1, place.Chome));
        var street = $"{rng.Between(1, 30)}番{rng.Between(1, 25)}号";
        var supplement = rng.Chance(0.5)
            ? $"{BuildingPrefixes[rng.Next(BuildingPrefixes.Length)]}{BuildingNumbers[rng.Next(BuildingNumbers.Length)]} {rng.Between(1, 15)}{rng.Between(1, 9):D2}号"
            : null;
        return new SeedAddress(place.Postal, LocalGovernmentCode(place.Code5), town, street, supplement, null, null);
    }

    /// <summary>
    /// The 6-digit 全国地方公共団体コード: the 5-digit code and its check digit
    /// (weights 6,5,4,3,2; check = (11 − Σ mod 11) mod 10). 46201 → 462012 (鹿児島市).
    /// </summary>
    public static string LocalGovernmentCode(string code5)
    {
        var sum = 0;
        for (var i = 0; i < 5; i++) sum += (code5[i] - '0') * (6 - i);
        return code5 + (11 - sum % 11) % 10;
    }

    private static (string TownName, string Street) Lot(Town town, SeedRandom rng)
    {
        var prefix = Prefecture + CityName + town.Name;
        return town.Style switch
        {
            Style.Chome => (prefix + ChomeName(rng.Between(1, town.Chome)), $"{rng.Between(1, 40)}番{rng.Between(1, 30)}号"),
            Style.Gaiku => (prefix, $"{rng.Between(1, 30)}番{rng.Between(1, 25)}号"),
            _ => (prefix, rng.Chance(0.6) ? $"{rng.Between(1, 9999)}番地" : $"{rng.Between(1, 9999)}番地{rng.Between(1, 20)}"),
        };
    }

    private static string ChomeName(int n) => (n < 10 ? KanjiDigits[n] : "十" + (n % 10 == 0 ? "" : KanjiDigits[n % 10])) + "丁目";
}
