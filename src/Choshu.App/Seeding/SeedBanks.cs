namespace Choshu.App.Seeding;

/// <summary>
/// The banks synthetic taxpayers pay by direct debit from, by 金融機関コード, weighted as a Kagoshima city's
/// registrations might be: 0185 鹿児島銀行 most, 0587 南日本銀行, 0182 肥後銀行, 0190 西日本シティ銀行, and
/// the city branches of 0009 三井住友銀行, 0005 三菱UFJ銀行 and 0001 みずほ銀行. The codes are the banks'
/// published ones; branches and account numbers are made up (docs/seeding.md).
/// </summary>
public static class SeedBanks
{
    public static readonly WeightedChoice<string> Codes = new(
        [("0185", 46), ("0587", 16), ("0182", 9), ("0190", 5), ("0009", 3), ("0005", 3), ("0001", 2)]);
}
