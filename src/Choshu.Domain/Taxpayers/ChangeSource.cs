namespace Choshu.Domain.Taxpayers;

/// <summary>Where a change to a taxpayer record came from (登録事由の出所). Every version records one.</summary>
public enum ChangeSource : short
{
    /// <summary>宛名連携: an import file from the common platform (共通基盤システム).</summary>
    PlatformImport = 1,
    /// <summary>住基ネット照会による手入力: staff looked the person up on the resident register network and typed the four facts.</summary>
    ManualAfterJukiNetLookup = 2,
    /// <summary>窓口等での手入力: any other manual entry by staff.</summary>
    ManualEntry = 3,
    /// <summary>合成データ: the synthetic demo/benchmark city.</summary>
    Synthetic = 4,
}
