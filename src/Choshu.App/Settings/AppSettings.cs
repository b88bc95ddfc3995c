using Choshu.Data;
using Choshu.Data.Settings;
using Choshu.Domain;
using Choshu.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Settings;

/// <summary>
/// The administrator-maintained settings (table settings), each with its default, validated when
/// set. `choshu settings list` shows them, `choshu settings set KEY VALUE` changes one.
/// </summary>
public sealed record AppSettings(
    AllocationOrder AllocationOrder,
    long ReminderFee,
    string StoreBillerCode,
    string ZenginBillerCode,
    string ZenginBillerName,
    int SlipValidDays,
    CitySettings City,
    string AppropriationOrder = AppSettings.OldestDueFirst)
{
    /// <summary>The fees of certificates per copy (settings certificate.fee.*), read by <see cref="CertificateFeeAsync"/>.</summary>
    public static string CertificateFeeKey(Domain.Certificates.CertificateKind kind) => kind switch
    {
        Domain.Certificates.CertificateKind.Amounts => "certificate.fee.amounts",
        Domain.Certificates.CertificateKind.NoArrears => "certificate.fee.no_arrears",
        Domain.Certificates.CertificateKind.NoEnforcement => "certificate.fee.no_enforcement",
        _ => "certificate.fee.vehicle",
    };

    /// <summary>The fee (yen per copy) of a certificate kind: the setting, else its default (300 yen; 0 for the vehicle certificate).</summary>
    public static async Task<long> CertificateFeeAsync(ChoshuDbContext db, Domain.Certificates.CertificateKind kind, CancellationToken ct = default) =>
        long.Parse(await GetAsync(db, CertificateFeeKey(kind), ct), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>appropriation.order: the claims an overpayment pays, oldest 納期限 first (the default) or newest first.</summary>
    public const string OldestDueFirst = "oldest-due-first";
    public const string NewestDueFirst = "newest-due-first";

    /// <summary>debit.redebit: whether the city runs a second debit attempt (再振替); debit.redebit_day: its day of the month.</summary>
    public const string RedebitKey = "debit.redebit";
    public const string RedebitDayKey = "debit.redebit_day";

    /// <summary>The key of the reminder fee (督促手数料, yen per letter); before issue 11 it was "reminder.fee" (a migration renamed stored rows).</summary>
    public const string ReminderFeeKey = "reminder.fee_yen";

    /// <summary>payments.max_amount: the ceiling of one payment (PaymentLimits.MaxAmount).</summary>
    public const string MaxAmountKey = "payments.max_amount";

    /// <summary>payments.date_window_years: how many years back a 納付日 / 収入日 may lie (PaymentLimits.YearsBack).</summary>
    public const string DateWindowKey = "payments.date_window_years";

    /// <summary>The one rule every payment keeps (amount ceiling, date window around <paramref name="today"/>), from the settings.</summary>
    public static async Task<PaymentLimits> PaymentLimitsAsync(ChoshuDbContext db, DateOnly today, CancellationToken ct = default) =>
        new(long.Parse(await GetAsync(db, MaxAmountKey, ct), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(await GetAsync(db, DateWindowKey, ct), System.Globalization.CultureInfo.InvariantCulture),
            today);
    /// <summary>The grace days of an installment pledge (分納誓約): an instalment unpaid this many days after its day is a breach.</summary>
    public const string PledgeGraceDaysKey = "pledge.grace_days";

    /// <summary>How long a <c>choshu login</c> session lasts, in minutes (fixed from the sign-in; default 15).</summary>
    public const string CliSessionMinutesKey = "cli.session_minutes";

    public static async Task<TimeSpan> CliSessionLifetimeAsync(ChoshuDbContext db, CancellationToken ct = default) =>
        TimeSpan.FromMinutes(int.Parse(await GetAsync(db, CliSessionMinutesKey, ct), System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Every key with its default and meaning (docs/operations.md lists the same).</summary>
    public static readonly IReadOnlyList<(string Key, string Default, string Meaning)> Keys =
    [
        ("allocation.order", "principal,reminder-fee,late-fee", "充当順序（本税・督促手数料・延滞金。延滞金は本税より後）"),
        (ReminderFeeKey, "100", "督促手数料（督促状1通につき円、条例による。0 で徴収しない。上限 10,000）"),
        ("store.biller_code", "912345", "コンビニ収納の委託者（収納企業）コード 6桁"),
        ("zengin.biller_code", "1234567890", "口座振替の委託者コード 10桁"),
        ("zengin.biller_name", "ｶｺﾞｼﾏｼ", "口座振替の委託者名（半角カナ）"),
        ("slip.valid_days", "14", "再発行納付書の支払期限（発行日からの日数）"),
        ("retention.my_number_years", "5", "個人番号の保存期間（年）: 完納し最後の収納・仕訳からこの年数を過ぎた納税義務者の個人番号を削除申請の対象にする"),
        ("audit.working_hours", "08:00-19:00", "業務時間（日本時間。操作ログ月次点検では土日・祝日・年末年始とこの時間外の操作を報告）"),
        ("audit.daily_taxpayer_threshold", "100", "1人が1日に照会した納税義務者の人数（重複除く）がこれを超えると月次点検で報告"),
        (CliSessionMinutesKey, "15", "CLI のログイン（choshu login）の有効時間（分。ログインからこの時間で終了。1〜480）"),
        ("accounts.password_max_age_days", "365", "パスワードの有効期間（日、設定した日を含む。過ぎるとログイン時に変更が必要。0 で期限なし、最大 3650）"),
        ("signin.free_failures", "3", "ログイン抑止: 同じ利用者IDと送信元からこの回数失敗すると、次の試行まで待ち時間を置く（1〜20）"),
        ("signin.delay_seconds", "30", "ログイン抑止: 最初の待ち時間（秒）。失敗が重なるごとに倍になる（1〜3600）"),
        ("signin.max_delay_seconds", "900", "ログイン抑止: 待ち時間の上限（秒、1〜86400）"),
        ("signin.source_free_failures", "10", "ログイン抑止: 同じ送信元から利用者IDを問わずこの回数失敗すると、その送信元に待ち時間を置く（1〜1000）"),
        ("signin.window_minutes", "1440", "ログイン抑止: 失敗を数える期間（分、1〜10080）"),
        ("signin.lock_sources", "3", "利用者IDのロック: この数以上の異なる送信元からの失敗で初めてロックする（2〜100）"),
        ("signin.lock_failures", "5", "利用者IDのロック: 前回のロック以後の失敗がこの回数以上（かつ上の送信元数以上）で 15 分間ロックする（2〜1000）"),
        ("city.name", "鹿児島市", "市区町村名（帳票の差出人。20文字以内）"),
        ("city.office", "鹿児島市長", "帳票の名義人（処分庁。教示の「処分庁」にも使う。30文字以内）"),
        ("city.department", "税務部 納税課", "担当部署（帳票の差出人・問い合わせ先。30文字以内）"),
        ("city.address", "〒892-8677 鹿児島県鹿児島市山下町11番1号", "市役所の所在地（帳票の差出人。60文字以内）"),
        ("city.phone", "099-224-1111", "問い合わせ先電話番号（20文字以内）"),
        ("appropriation.order", OldestDueFirst, "過誤納金を充当する滞納の順序（oldest-due-first: 納期限の古い順、newest-due-first: 新しい順。同じ日は税目・年度・期別の順）"),
        ("notices.layout", "a4", "通知書の用紙（a4: A4封書、postcard: 圧着はがき、threefold: A4三つ折り圧着）"),
        ("certificate.fee.amounts", "300", "納税証明書（納税額）の手数料（1通につき円、条例による。上限 10,000）"),
        ("certificate.fee.no_arrears", "300", "納税証明書（完納）の手数料（1通につき円。上限 10,000）"),
        ("certificate.fee.no_enforcement", "300", "納税証明書（滞納処分を受けたことがない）の手数料（1通につき円。上限 10,000）"),
        ("certificate.fee.vehicle", "0", "軽自動車税（種別割）継続検査用納税証明書の手数料（1通につき円。無料なら 0）"),
        (MaxAmountKey, "10000000000", "収納1件の金額の上限（円。これを超える行は取込・窓口とも受け付けない。1 以上 1,000,000,000,000 以下）"),
        (DateWindowKey, "5", "納付日・収入日として受け付ける期間（今日からこの年数前まで。未来の日付は受け付けない。1～10。範囲外の訂正は承認者の記録した例外で）"),
        ("refund.transfer_by_choshu", "yes", "還付金の口座振込データ（全銀 総合振込）を徴収システムで作成するか（yes / no: no なら振込は会計課が財務会計で行う）"),
        ("refund.requester_code", "1234567890", "総合振込の依頼人コード 10桁"),
        ("cases.open.carried_forward", "yes", "滞納整理事案の開始条件: 滞納繰越分（前年度以前の未納）があれば開始するか（yes / no）"),
        ("cases.open.min_amount_yen", "100000", "滞納整理事案の開始条件: 納期限を過ぎた未納本税の合計がこの額以上なら開始（円。0 でこの条件なし）"),
        ("cases.open.min_reminders", "3", "滞納整理事案の開始条件: 督促状を発した未納の期別がこの数以上なら開始（0 でこの条件なし）"),
        (PledgeGraceDaysKey, "10", "分納誓約の猶予日数（各回の納付日からこの日数を過ぎても納付がなければ不履行。0〜60）"),
        ("inquiry.answer_days", "14", "財産調査の照会書・照会ファイルの回答期限（発送日からの日数。1〜90）"),
        ("refund.payer_account", "0182-001-1-1234567", "還付金を支払う市の口座（金融機関4桁-支店3桁-預金種目1桁-口座番号7桁）"),
        (RedebitKey, "no", "口座振替の再振替を行うか（yes / no: yes なら初回の振替日に資金不足・その他で振替できなかった期別を再振替日に再び依頼する）"),
        (RedebitDayKey, "15", "再振替日（初回振替日の後に来るこの日。休日なら翌営業日。1〜28）"),
    ];

    /// <summary>One setting's value (stored, or its default), validated as <see cref="LoadAsync"/> does.</summary>
    public static async Task<string> GetAsync(ChoshuDbContext db, string key, CancellationToken ct = default)
    {
        var meaning = Keys.Single(k => k.Key == key);
        var v = await db.Settings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).SingleOrDefaultAsync(ct) ?? meaning.Default;
        try { Validate(key, v); }
        catch (DomainException)
        {
            throw new DomainException("settings.stored_invalid", $"設定項目「{key}」に保存されている値「{v}」は正しくありません（{meaning.Meaning}）。choshu settings set {key} 値 で設定し直してください。");
        }
        return v;
    }

    public static async Task<AppSettings> LoadAsync(ChoshuDbContext db, CancellationToken ct = default)
    {
        var stored = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        // A stored value that no longer validates (edited in the database, or empty) is refused here with the key named,
        // so no run goes on with a broken value.
        string Get(string key)
        {
            if (!stored.TryGetValue(key, out var v)) return Keys.Single(k => k.Key == key).Default;
            if (string.IsNullOrWhiteSpace(v))
                throw new DomainException("settings.missing", $"設定項目「{key}」の値が空です（{Keys.Single(k => k.Key == key).Meaning}）。choshu settings set {key} 値 で設定してください。");
            try { Validate(key, v); }
            catch (DomainException)
            {
                throw new DomainException("settings.stored_invalid", $"設定項目「{key}」に保存されている値「{v}」は正しくありません（{Keys.Single(k => k.Key == key).Meaning}）。choshu settings set {key} 値 で設定し直してください。");
            }
            return v;
        }
        return new AppSettings(
            AllocationOrder.Parse(Get("allocation.order")),
            long.Parse(Get(ReminderFeeKey), System.Globalization.CultureInfo.InvariantCulture),
            Get("store.biller_code"),
            Get("zengin.biller_code"),
            Get("zengin.biller_name"),
            int.Parse(Get("slip.valid_days"), System.Globalization.CultureInfo.InvariantCulture),
            new CitySettings(Get("city.name"), Get("city.office"), Get("city.department"), Get("city.address"), Get("city.phone"), Get("notices.layout")),
            Get("appropriation.order"));
    }

    /// <summary>Validates and stores one setting; refuses an unknown key or a value of the wrong form (Japanese message).</summary>
    public static async Task SetAsync(ChoshuDbContext db, string key, string value, string actor, DateTime nowUtc, CancellationToken ct = default)
    {
        if (Keys.All(k => k.Key != key))
            throw new DomainException("settings.unknown", $"設定項目「{key}」はありません。choshu settings list で確認してください。");
        Validate(key, value);
        var row = await db.Settings.SingleOrDefaultAsync(s => s.Key == key, ct);
        if (row is null) db.Settings.Add(row = new Setting { Key = key });
        row.Value = value;
        row.UpdatedAtUtc = nowUtc;
        row.UpdatedBy = actor;
        await db.SaveChangesAsync(ct);
    }

    private static void Validate(string key, string value)
    {
        bool Digits(int n) => value.Length == n && value.All(char.IsAsciiDigit);
        bool Int(int min, int max) =>
            int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max;
        bool Text(int max) => value.Trim().Length is > 0 && value.Length <= max && !value.Any(char.IsControl);
        var ok = key switch
        {
            "allocation.order" => TryOrder(value),
            ReminderFeeKey => long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var fee) && fee <= 10_000,
            "store.biller_code" => Digits(6),
            "zengin.biller_code" => Digits(10),
            "zengin.biller_name" => value.Length is > 0 and <= 40 && Formats.Kana.HalfWidthKana.IsZenginText(value),
            "slip.valid_days" => int.TryParse(value, out var d) && d is >= 1 and <= 90,
            "retention.my_number_years" => int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) && y is >= 1 and <= 30,
            "audit.working_hours" => Audit.WorkingHours.TryParse(value, out _),
            "audit.daily_taxpayer_threshold" => int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t) && t >= 1,
            "signin.free_failures" => Int(1, 20),
            "signin.delay_seconds" => Int(1, 3600),
            "signin.max_delay_seconds" => Int(1, 86400),
            "signin.source_free_failures" => Int(1, 1000),
            "signin.window_minutes" => Int(1, 10080),
            "signin.lock_sources" => Int(2, 100),
            "signin.lock_failures" => Int(2, 1000),
            CliSessionMinutesKey => int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var cm) && cm is >= 1 and <= 480,
            "accounts.password_max_age_days" => int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var age) && age is >= 0 and <= 3650,
            "city.name" => Text(20),
            "city.office" or "city.department" => Text(30),
            "city.address" => Text(60),
            "city.phone" => Text(20),
            "notices.layout" => value is "a4" or "postcard" or "threefold",
            "certificate.fee.amounts" or "certificate.fee.no_arrears" or "certificate.fee.no_enforcement" or "certificate.fee.vehicle" =>
                long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var cf) && cf <= 10_000,
            "refund.transfer_by_choshu" => value is "yes" or "no",
            "refund.requester_code" => Digits(10),
            RedebitKey => value is "yes" or "no",
            RedebitDayKey => Int(1, 28),
            "refund.payer_account" => System.Text.RegularExpressions.Regex.IsMatch(value, "^[0-9]{4}-[0-9]{3}-[129]-[0-9]{7}$"),
            "appropriation.order" => value is OldestDueFirst or NewestDueFirst,
            MaxAmountKey => long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var max) && max is >= 1 and <= 1_000_000_000_000,
            DateWindowKey => int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var years) && years is >= 1 and <= 10,
            "cases.open.carried_forward" => value is "yes" or "no",
            "cases.open.min_amount_yen" => long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ma) && ma <= 10_000_000_000,
            "cases.open.min_reminders" => int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var mr) && mr <= 1000,
            "inquiry.answer_days" => int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ad) && ad is >= 1 and <= 90,
            PledgeGraceDaysKey => int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var g) && g <= 60,
            _ => false,
        };
        if (!ok)
            throw new DomainException("settings.invalid", $"設定項目「{key}」の値「{value}」は正しくありません（{Keys.Single(k => k.Key == key).Meaning}）。");
    }

    private static bool TryOrder(string value)
    {
        AllocationOrder.Parse(value); // throws with its own Japanese message
        return true;
    }
}

/// <summary>The city as its letters name it (settings city.*), and the paper its notices are printed on (notices.layout).</summary>
public sealed record CitySettings(string Name, string Office, string Department, string Address, string Phone, string NoticeLayout);
