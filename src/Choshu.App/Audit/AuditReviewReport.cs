namespace Choshu.App.Audit;

/// <summary>
/// The security officer's monthly review of the 操作ログ (seed III-3: 月次でセキュリティ責任者が不適切な
/// アクセスがないか確認). Each section lists what the officer must look at; an empty section is a finding too.
/// </summary>
public sealed record AuditReviewReport(
    string Month,
    DateTime FromUtc,
    DateTime ToUtc,
    string WorkingHours,
    int DailyTaxpayerThreshold,
    /// <summary>Records of the month, every kind.</summary>
    int EventCount,
    /// <summary>Access on a weekend, a holiday (holidays table), 29 Dec–3 Jan, or outside the working hours (Japan time).</summary>
    IReadOnlyList<OutsideHoursAccess> OutsideHours,
    /// <summary>A user who looked up more distinct taxpayers in one Japan day than the threshold.</summary>
    IReadOnlyList<HeavyLookupDay> HeavyLookups,
    /// <summary>A taxpayer looked up in the month with no collection case open in it and no payment or journal entry in it.</summary>
    IReadOnlyList<LookupWithoutActivity> LookupsWithoutActivity,
    /// <summary>Every My Number reveal (2002) and search by My Number (2003).</summary>
    IReadOnlyList<AuditLine> MyNumberAccess,
    /// <summary>Failed logins, lockouts, refused TOTP replays, failed re-authentications.</summary>
    IReadOnlyList<AuditLine> FailedLogins,
    /// <summary>Attempts with rights that had lapsed (5001).</summary>
    IReadOnlyList<AuditLine> LapsedRightsAttempts,
    /// <summary>Other refusals (5000).</summary>
    IReadOnlyList<AuditLine> OtherDenials,
    /// <summary>This review's own record (7002): its chain position and hash, to write down outside the store as an anchor.</summary>
    long ReviewRecordId,
    string ReviewRecordHash);

/// <summary>One access outside working hours and why it counts as outside (土曜日, 祝日（文化の日）, 時間外 22:30 …).</summary>
public sealed record OutsideHoursAccess(AuditLine Event, string Reason);

/// <summary>
/// One user on one Japan day who looked up more distinct taxpayers than the threshold: the number of
/// distinct taxpayer ids in that user's reading records (2xxx) of that day, and how many such records.
/// </summary>
public sealed record HeavyLookupDay(DateOnly Day, string ActorName, int DistinctTaxpayers, int Lookups);

/// <summary>A taxpayer looked up with no case and no payment or journal activity in the month: who looked, how often, first when.</summary>
public sealed record LookupWithoutActivity(string TaxpayerNo, int Lookups, IReadOnlyList<string> ActorNames, string FirstAtJst);
