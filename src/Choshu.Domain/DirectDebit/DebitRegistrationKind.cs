namespace Choshu.Domain.DirectDebit;

/// <summary>口座振替の登録の異動: what one registration event does (stored; never renumber).</summary>
public enum DebitRegistrationKind : short
{
    /// <summary>新規（口座振替依頼書の受付）: in force from its effective date, for installments from its 開始期.</summary>
    New = 1,
    /// <summary>口座変更: the account in force ends on the effective date and the new one starts, keeping the 開始期.</summary>
    ChangeAccount = 2,
    /// <summary>廃止（解約）: no request from the effective date.</summary>
    Cancel = 3,
    /// <summary>停止（一時停止、例: 金融機関からの振替停止の連絡）: as a cancellation until a new application.</summary>
    Suspend = 4,
}

/// <summary>Where a registration event came from (stored; never renumber).</summary>
public enum DebitRegistrationSource : short
{
    /// <summary>口座振替依頼書（紙）: typed in by staff.</summary>
    Form = 1,
    /// <summary>金融機関からの一括ファイル（依頼書の受付結果）.</summary>
    BankFile = 2,
    /// <summary>Web口座振替受付サービス.</summary>
    Web = 3,
    /// <summary>Pay-easy 口座振替受付サービス（キャッシュカードによる受付）.</summary>
    PayEasy = 4,
}

/// <summary>Japanese names of the registration kinds and sources.</summary>
public static class DebitRegistrationLabels
{
    public static string Of(DebitRegistrationKind kind) => kind switch
    {
        DebitRegistrationKind.New => "新規",
        DebitRegistrationKind.ChangeAccount => "口座変更",
        DebitRegistrationKind.Cancel => "廃止",
        DebitRegistrationKind.Suspend => "停止",
        _ => "不明",
    };

    public static string Of(DebitRegistrationSource source) => source switch
    {
        DebitRegistrationSource.Form => "口座振替依頼書",
        DebitRegistrationSource.BankFile => "金融機関一括ファイル",
        DebitRegistrationSource.Web => "Web受付",
        DebitRegistrationSource.PayEasy => "ペイジー受付",
        _ => "不明",
    };

    /// <summary>Reads a kind as typed (新規/変更/廃止/停止, or 1–4, or new/change/cancel/suspend); null when none.</summary>
    public static DebitRegistrationKind? ParseKind(string text) => text.Trim() switch
    {
        "1" or "新規" or "new" => DebitRegistrationKind.New,
        "2" or "変更" or "口座変更" or "change" => DebitRegistrationKind.ChangeAccount,
        "3" or "廃止" or "解約" or "cancel" => DebitRegistrationKind.Cancel,
        "4" or "停止" or "suspend" => DebitRegistrationKind.Suspend,
        _ => null,
    };

    /// <summary>Reads a source as typed (依頼書/一括/ウェブ/ペイジー or form/bank/web/payeasy); null when none.</summary>
    public static DebitRegistrationSource? ParseSource(string text) => text.Trim().ToLowerInvariant() switch
    {
        "form" or "依頼書" => DebitRegistrationSource.Form,
        "bank" or "一括" => DebitRegistrationSource.BankFile,
        "web" or "ウェブ" => DebitRegistrationSource.Web,
        "payeasy" or "pay-easy" or "ペイジー" => DebitRegistrationSource.PayEasy,
        _ => null,
    };
}
