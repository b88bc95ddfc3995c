namespace Choshu.Data.Settings;

/// <summary>
/// One administrator-maintained setting (key/value): allocation order, reminder fee, biller codes.
/// Keys and defaults are listed in <c>SettingKeys</c> and in docs/operations.md.
/// </summary>
public sealed class Setting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTime UpdatedAtUtc { get; set; }
    public string UpdatedBy { get; set; } = "";
}
