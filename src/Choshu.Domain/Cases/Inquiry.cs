namespace Choshu.Domain.Cases;

/// <summary>Who an inquiry (財産調査の照会) is addressed to. Stored: never renumber.</summary>
public enum InquiryTargetKind : short
{
    /// <summary>金融機関 (bank code 4 digits and branch code 3 digits).</summary>
    Bank = 1,
    /// <summary>勤務先 (給与の支払者; 法人番号 when a corporation).</summary>
    Employer = 2,
    /// <summary>保険会社.</summary>
    Insurer = 3,
    /// <summary>年金の支払者 (日本年金機構, 共済組合 …).</summary>
    PensionPayer = 4,
    /// <summary>法務局 (登記).</summary>
    LandRegistry = 5,
    /// <summary>他の市区町村 (住民票・戸籍・課税資料).</summary>
    Municipality = 6,
}

/// <summary>What an inquiry asks about. Stored: never renumber.</summary>
public enum InquiryKind : short
{
    /// <summary>預貯金.</summary>
    Deposit = 1,
    /// <summary>給与.</summary>
    Salary = 2,
    /// <summary>保険 (生命保険・損害保険の解約返戻金).</summary>
    Insurance = 3,
    /// <summary>年金.</summary>
    Pension = 4,
    /// <summary>不動産 (登記).</summary>
    RealEstate = 5,
    /// <summary>住民票・戸籍.</summary>
    Residence = 6,
}

/// <summary>Where an inquiry stands. Stored: never renumber.</summary>
public enum InquiryStatus : short
{
    /// <summary>未発送: recorded, no letter or file yet.</summary>
    Pending = 1,
    /// <summary>照会中: the letter or file was sent (sent date and answer due date set).</summary>
    Sent = 2,
    /// <summary>回答済: at least one answer recorded.</summary>
    Answered = 3,
}

/// <summary>What one answer line is. Stored: never renumber.</summary>
public enum InquiryAssetKind : short
{
    /// <summary>該当なし: the target holds nothing for the taxpayer.</summary>
    None = 0,
    /// <summary>預貯金口座.</summary>
    Deposit = 1,
    /// <summary>給与.</summary>
    Salary = 2,
    /// <summary>保険契約.</summary>
    Policy = 3,
    /// <summary>不動産.</summary>
    RealEstate = 4,
    /// <summary>年金.</summary>
    Pension = 5,
    /// <summary>住民票・戸籍の回答 (住所・世帯・死亡など、文字で).</summary>
    Residence = 6,
}

/// <summary>The inquiry kinds a target kind can be asked about (a bank about deposits, the registry about real estate …).</summary>
public static class InquiryRules
{
    public static bool Fits(InquiryTargetKind target, InquiryKind kind) => (target, kind) switch
    {
        (InquiryTargetKind.Bank, InquiryKind.Deposit) => true,
        (InquiryTargetKind.Employer, InquiryKind.Salary) => true,
        (InquiryTargetKind.Insurer, InquiryKind.Insurance) => true,
        (InquiryTargetKind.PensionPayer, InquiryKind.Pension) => true,
        (InquiryTargetKind.LandRegistry, InquiryKind.RealEstate) => true,
        (InquiryTargetKind.Municipality, InquiryKind.Residence or InquiryKind.RealEstate or InquiryKind.Salary) => true,
        _ => false,
    };

    /// <summary>The answer kinds an inquiry of this kind can record (and 該当なし always).</summary>
    public static bool Answers(InquiryKind kind, InquiryAssetKind asset) => asset == InquiryAssetKind.None || (kind, asset) switch
    {
        (InquiryKind.Deposit, InquiryAssetKind.Deposit) => true,
        (InquiryKind.Salary, InquiryAssetKind.Salary) => true,
        (InquiryKind.Insurance, InquiryAssetKind.Policy) => true,
        (InquiryKind.Pension, InquiryAssetKind.Pension) => true,
        (InquiryKind.RealEstate, InquiryAssetKind.RealEstate) => true,
        (InquiryKind.Residence, InquiryAssetKind.Residence) => true,
        _ => false,
    };
}
