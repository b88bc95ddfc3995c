namespace Choshu.Domain.Enforcement;

/// <summary>Which request for a share the city sends. Stored as numbers: never renumber.</summary>
public enum ClaimForDistributionKind : short
{
    /// <summary>交付要求 (国税徴収法82条): to a body already selling the taxpayer's property (a court, another tax office or city, a trustee).</summary>
    ClaimForDistribution = 1,
    /// <summary>参加差押 (86条): a 交付要求 by seizing property another tax body already seized; becomes a seizure if that one is lifted.</summary>
    ParticipatingSeizure = 2,
}

/// <summary>The enforcement body a 交付要求 goes to. Stored as numbers: never renumber.</summary>
public enum EnforcementBodyKind : short
{
    /// <summary>執行裁判所 (強制執行・担保権の実行, 競売).</summary>
    Court = 1,
    /// <summary>税務署 (国税の滞納処分).</summary>
    TaxOffice = 2,
    /// <summary>他の地方団体 (another city's or the prefecture's 滞納処分).</summary>
    OtherMunicipality = 3,
    /// <summary>破産管財人 (破産手続).</summary>
    BankruptcyTrustee = 4,
    /// <summary>その他の執行機関 (企業担保権の実行, 清算人 etc.).</summary>
    Other = 5,
}

/// <summary>The taxpayer's insolvency procedure. Stored as numbers: never renumber.</summary>
public enum InsolvencyKind : short
{
    /// <summary>破産.</summary>
    Bankruptcy = 1,
    /// <summary>民事再生.</summary>
    Rehabilitation = 2,
    /// <summary>会社更生.</summary>
    Reorganization = 3,
}

/// <summary>The notices of 繰上徴収 and 保全差押. Stored as numbers: never renumber.</summary>
public enum EnforcementNoticeKind : short
{
    /// <summary>繰上徴収 (地方税法13条の2): the 納期限 brought forward by a notice.</summary>
    AcceleratedCollection = 1,
    /// <summary>保全差押 (16条の4): the amount that may be seized before the tax is fixed, notified.</summary>
    ProtectiveSeizure = 2,
}

/// <summary>The Japanese names of the enforcement kinds.</summary>
public static class EnforcementLabels
{
    public static string Of(ClaimForDistributionKind k) => k switch
    {
        ClaimForDistributionKind.ClaimForDistribution => "交付要求",
        ClaimForDistributionKind.ParticipatingSeizure => "参加差押",
        _ => k.ToString(),
    };

    public static string Of(EnforcementBodyKind k) => k switch
    {
        EnforcementBodyKind.Court => "執行裁判所",
        EnforcementBodyKind.TaxOffice => "税務署",
        EnforcementBodyKind.OtherMunicipality => "他の地方団体",
        EnforcementBodyKind.BankruptcyTrustee => "破産管財人",
        EnforcementBodyKind.Other => "その他の執行機関",
        _ => k.ToString(),
    };

    public static string Of(InsolvencyKind k) => k switch
    {
        InsolvencyKind.Bankruptcy => "破産",
        InsolvencyKind.Rehabilitation => "民事再生",
        InsolvencyKind.Reorganization => "会社更生",
        _ => k.ToString(),
    };

    public static string Of(BankruptcyClass c) => c switch
    {
        BankruptcyClass.EstateClaim => "財団債権",
        BankruptcyClass.PriorityClaim => "優先的破産債権",
        _ => c.ToString(),
    };

    public static string Of(EnforcementNoticeKind k) => k switch
    {
        EnforcementNoticeKind.AcceleratedCollection => "繰上徴収",
        EnforcementNoticeKind.ProtectiveSeizure => "保全差押",
        _ => k.ToString(),
    };
}
