namespace Choshu.Domain.Cases;

/// <summary>経過記録の方法. Stored as numbers in <c>case_log_entries.method</c>: never renumber.</summary>
public enum CaseLogMethod : short
{
    /// <summary>来庁.</summary>
    Visit = 1,
    /// <summary>電話.</summary>
    Phone = 2,
    /// <summary>臨戸.</summary>
    HomeVisit = 3,
    /// <summary>文書.</summary>
    Document = 4,
    /// <summary>メール.</summary>
    Email = 5,
    /// <summary>その他.</summary>
    Other = 9,
}

/// <summary>Where a log entry came from. Stored as numbers: never renumber.</summary>
public enum CaseLogSource : short
{
    /// <summary>Entered by staff (screen or CLI).</summary>
    Staff = 1,
    /// <summary>Imported from the 納税お知らせセンター's call results.</summary>
    CallCentre = 2,
}

/// <summary>
/// 経過記録: one contact or action on a case (seed 別添2 経過記録情報: 宛名番号・日付・時刻・経過記録), with the method, the person
/// spoken to, what was said, and the next action with its date. Append-only (a store trigger refuses UPDATE and DELETE): a
/// correction is a new entry whose <see cref="CorrectsEntryId"/> names the one it corrects, which then shows as corrected.
/// </summary>
public sealed class CaseLogEntry
{
    public const int CounterpartMaxLength = 100;
    public const int ContentMaxLength = 2000;
    public const int NextActionMaxLength = 200;

    private CaseLogEntry() { }

    public long Id { get; private set; }
    public long CaseId { get; private set; }
    /// <summary>The Japan date of the contact (not of the entry).</summary>
    public DateOnly ContactedOn { get; private set; }
    /// <summary>The Japan time of the contact, to the minute.</summary>
    public TimeOnly ContactedTime { get; private set; }
    public CaseLogMethod Method { get; private set; }
    /// <summary>相手方 (本人, 家族, 勤務先 …); empty when none.</summary>
    public string Counterpart { get; private set; } = "";
    public string Content { get; private set; } = "";
    public string? NextAction { get; private set; }
    public DateOnly? NextActionOn { get; private set; }
    /// <summary>The entry this one corrects.</summary>
    public long? CorrectsEntryId { get; private set; }
    public CaseLogSource Source { get; private set; }
    /// <summary>The source's own key (the call centre's 結果番号): one entry per key and source, so a re-import adds nothing.</summary>
    public string? ExternalKey { get; private set; }
    public string ActorName { get; private set; } = "";
    public long? ActorAccountId { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }

    /// <summary>A new entry, validated (Japanese messages naming the field).</summary>
    public static CaseLogEntry Create(long caseId, DateOnly contactedOn, TimeOnly contactedTime, CaseLogMethod method, string? counterpart, string content,
        string? nextAction, DateOnly? nextActionOn, long? correctsEntryId, CaseLogSource source, string? externalKey, CaseStamp by)
    {
        if (!Enum.IsDefined(method)) throw new DomainException("caselog.method", "方法は 来庁・電話・臨戸・文書・メール・その他 のいずれかを指定してください。");
        if (string.IsNullOrWhiteSpace(content)) throw new DomainException("caselog.content_required", "経過記録の内容を入力してください。");
        var c = content.Trim();
        if (c.Length > ContentMaxLength) throw new DomainException("caselog.content_too_long", $"内容は{ContentMaxLength}文字以内で入力してください。");
        var cp = (counterpart ?? "").Trim();
        if (cp.Length > CounterpartMaxLength) throw new DomainException("caselog.counterpart_too_long", $"相手方は{CounterpartMaxLength}文字以内で入力してください。");
        var na = string.IsNullOrWhiteSpace(nextAction) ? null : nextAction.Trim();
        if (na is { Length: > NextActionMaxLength }) throw new DomainException("caselog.next_too_long", $"次回の予定は{NextActionMaxLength}文字以内で入力してください。");
        if (nextActionOn is not null && na is null) throw new DomainException("caselog.next_action_required", "次回予定日を入れるときは次回の予定（内容）も入力してください。");
        if (contactedOn > by.On) throw new DomainException("caselog.future", "経過の日付に未来の日付は入力できません。");
        return new CaseLogEntry
        {
            CaseId = caseId, ContactedOn = contactedOn, ContactedTime = new TimeOnly(contactedTime.Hour, contactedTime.Minute), Method = method, Counterpart = cp, Content = c,
            NextAction = na, NextActionOn = nextActionOn, CorrectsEntryId = correctsEntryId, Source = source,
            ExternalKey = string.IsNullOrWhiteSpace(externalKey) ? null : externalKey.Trim(),
            ActorName = by.ActorName, ActorAccountId = by.ActorAccountId, RecordedAtUtc = by.RecordedAtUtc,
        };
    }

    /// <summary>Parses 来庁・電話・臨戸・文書・メール・その他 (or the English names); null when none matches.</summary>
    public static CaseLogMethod? ParseMethod(string? text)
    {
        var t = (text ?? "").Trim();
        foreach (var m in Enum.GetValues<CaseLogMethod>())
            if (t == Labels.JapaneseLabels.Of(m) || string.Equals(t, m.ToString(), StringComparison.OrdinalIgnoreCase)) return m;
        return null;
    }
}
