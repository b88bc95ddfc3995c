namespace Choshu.Domain.Taxpayers;

/// <summary>現存区分: whether the person still lives in the city, as the common platform reports it.</summary>
public enum ResidencyStatus : short
{
    /// <summary>現存 (registered resident, or an active corporation)</summary>
    Current = 1,
    /// <summary>転出 (moved out of the city)</summary>
    MovedOut = 2,
    /// <summary>死亡 (deceased) or, for a corporation, 解散 (dissolved)</summary>
    Deceased = 3,
    /// <summary>住登外 (taxpayer not on the city's resident register, e.g. owns property here)</summary>
    NonResident = 4,
}
