using System.Globalization;
using System.Text.RegularExpressions;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.Data;
using Choshu.Data.Cases;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Cases;
using Choshu.Domain.Identifiers;
using Choshu.Domain.Labels;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>A target as entered (照会先の登録). Banks need the bank and branch codes; an employer's 法人番号 is checked with its check digit.</summary>
public sealed record InquiryTargetRequest(InquiryTargetKind Kind, string Name, string Address, string? PostalCode = null, string? Contact = null,
    string? BankCode = null, string? BranchCode = null, string? BranchName = null, string? CorporateNo = null);

/// <summary>One target of the directory as staff read it.</summary>
public sealed record InquiryTargetLine(long Id, InquiryTargetKind Kind, string Name, string? BankCode, string? BranchCode, string? BranchName,
    string? CorporateNo, string? PostalCode, string Address, string? Contact)
{
    public string KindName => JapaneseLabels.Of(Kind);

    /// <summary>The name as printed: 鹿児島銀行 本店（0182-001）, or the name.</summary>
    public string Display => Kind == InquiryTargetKind.Bank ? $"{Name} {BranchName}（{BankCode}-{BranchCode}）" : Name;
}

/// <summary>An inquiry as staff read it (the case file's 財産調査 section, the overdue list).</summary>
public sealed record InquiryLine(long Id, long CaseId, long TaxpayerId, string TaxpayerNo, string TaxpayerName, long TargetId, string TargetName,
    InquiryTargetKind TargetKind, InquiryKind Kind, InquiryStatus Status, DateOnly RecordedOn, DateOnly? SentOn, DateOnly? DueOn, DateOnly? AnsweredOn,
    string? SentBy, string? RunKey, long? DocumentId, string? Note)
{
    public string KindName => JapaneseLabels.Of(Kind);
    public string StatusName => JapaneseLabels.Of(Status);

    /// <summary>回答期限超過: sent, not answered, and the due date is before <paramref name="today"/>.</summary>
    public bool OverdueOn(DateOnly today) => Status == InquiryStatus.Sent && DueOn is { } d && d < today;
}

/// <summary>
/// What a target answered, as typed in (one asset per entry; 該当なし for nothing). Only the fields of the asset kind are kept: a deposit
/// (bank, branch, type 1/2/4/9, account number 7 digits, holder, balance, as of), a salary or pension (payer, gross, deductions, pay day,
/// month as of), a policy (insurer as payer, policy number, surrender value, as of), real estate (location, kind, area, owner's share).
/// </summary>
public sealed record InquiryAnswerEntry(InquiryAssetKind AssetKind, DateOnly AnsweredOn, string Source)
{
    public DateOnly? AsOf { get; init; }
    public string? BankCode { get; init; }
    public string? BranchCode { get; init; }
    public short? AccountType { get; init; }
    public string? AccountNo { get; init; }
    public string? Holder { get; init; }
    public long? Balance { get; init; }
    public string? Payer { get; init; }
    public long? Gross { get; init; }
    public long? Deductions { get; init; }
    public short? PayDay { get; init; }
    public string? PolicyNo { get; init; }
    public long? SurrenderValue { get; init; }
    public string? Location { get; init; }
    public string? PropertyKind { get; init; }
    public string? Area { get; init; }
    public string? OwnerShare { get; init; }
    public string? Note { get; init; }
}

/// <summary>
/// 財産調査 (issue 15 item 1): the directory of targets (<see cref="InquiryTarget"/>), inquiries from a case (<see cref="Inquiry"/>) and the
/// answers typed in (<see cref="InquiryAnswer"/>). Recording an inquiry or an answer is a case update (officer in charge or approver,
/// <see cref="CaseUpdateKind.Inquiry"/> / <see cref="CaseUpdateKind.InquiryAnswer"/>, audited 3341 / 3343 through <see cref="CaseCommand"/>);
/// the directory needs <see cref="Permission.UpdateCases"/> (audited 3340). Letters: <see cref="InquiryLetters"/>; files:
/// <see cref="DepositInquiryFiles"/>; answered assets for a seizure: <see cref="InquiryAnswers"/>.
/// </summary>
public sealed partial class Inquiries(ChoshuDbContext db, TimeProvider clock)
{
    /// <summary>The setting with the default number of days a target has to answer (回答期限 = sent date + days).</summary>
    public const string AnswerDaysKey = "inquiry.answer_days";

    public async Task<InquiryTargetLine> AddTargetAsync(Actor actor, InquiryTargetRequest r, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!Enum.IsDefined(r.Kind)) throw new DomainException("inquiry.target_kind", "照会先の種類が正しくありません。");
        var name = Text(r.Name, "名称", InquiryTarget.NameMaxLength, required: true)!;
        var address = Text(r.Address, "所在地", InquiryTarget.AddressMaxLength, required: true)!;
        var postal = Blank(r.PostalCode)?.Replace("-", "", StringComparison.Ordinal);
        if (postal is not null && (postal.Length != 7 || !Digits().IsMatch(postal)))
            throw new DomainException("inquiry.postal_code", "郵便番号は7桁の数字で入力してください。");
        string? bank = null, branch = null, branchName = null, corporate = null;
        if (r.Kind == InquiryTargetKind.Bank)
        {
            bank = Code(r.BankCode, 4, "金融機関コード");
            branch = Code(r.BranchCode, 3, "支店コード");
            branchName = Text(r.BranchName, "支店名", InquiryTarget.NameMaxLength, required: true);
        }
        else if (Blank(r.BankCode) is not null || Blank(r.BranchCode) is not null)
            throw new DomainException("inquiry.bank_code_not_bank", "金融機関コード・支店コードは種類が金融機関の照会先にだけ入力できます。");
        if (Blank(r.CorporateNo) is { } cn)
        {
            if (r.Kind is InquiryTargetKind.Bank or InquiryTargetKind.LandRegistry or InquiryTargetKind.Municipality)
                throw new DomainException("inquiry.corporate_no_kind", "法人番号は勤務先・保険会社・年金支払者の照会先に入力します。");
            if (!CorporateNumber.IsValid(cn))
                throw new DomainException("inquiry.corporate_no", "法人番号は13桁の数字で、先頭のチェックデジットが正しいものを入力してください。");
            corporate = cn;
        }
        await AccessControl.DemandAsync(db, actor, Permission.UpdateCases, clock, null, "照会先の登録", ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (bank is not null && await db.InquiryTargets.AnyAsync(t => t.BankCode == bank && t.BranchCode == branch, ct))
            throw new DomainException("inquiry.target_exists", $"金融機関コード {bank} 支店コード {branch} の照会先は既に登録されています。");
        var row = new InquiryTarget
        {
            Kind = r.Kind, Name = name, BankCode = bank, BranchCode = branch, BranchName = branchName, CorporateNo = corporate, PostalCode = postal,
            Address = address, Contact = Text(r.Contact, "連絡先", InquiryTarget.NameMaxLength, required: false),
            RecordedBy = actor.Name, RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.InquiryTargets.Add(row);
        await db.SaveChangesAsync(ct);
        var line = Line(row);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.InquiryTargetRecorded, Detail: $"照会先 {row.Id} {line.KindName} {line.Display}"), clock, ct);
        await tx.CommitAsync(ct);
        db.Entry(row).State = EntityState.Detached;
        return line;
    }

    /// <summary>The directory (no personal data: not audited), ordered by kind, bank code and name.</summary>
    public async Task<IReadOnlyList<InquiryTargetLine>> TargetsAsync(InquiryTargetKind? kind = null, CancellationToken ct = default) =>
        (await db.InquiryTargets.AsNoTracking().Where(t => kind == null || t.Kind == kind).ToListAsync(ct))
        .OrderBy(t => t.Kind).ThenBy(t => t.BankCode).ThenBy(t => t.BranchCode).ThenBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Id)
        .Select(Line).ToList();

    /// <summary>
    /// Records an inquiry from the case to a target (未発送 until its letter or file is made). Officer in charge or approver;
    /// the target must fit the kind (a bank about deposits, an employer about salary …). Audited 3341.
    /// </summary>
    public async Task<InquiryLine> RecordAsync(Actor actor, long caseId, long targetId, InquiryKind kind, string? note, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(kind)) throw new DomainException("inquiry.kind", "照会事項が正しくありません。");
        var target = await db.InquiryTargets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == targetId, ct)
            ?? throw new DomainException("inquiry.target_not_found", $"照会先 {targetId} は登録されていません。");
        if (!InquiryRules.Fits(target.Kind, kind))
            throw new DomainException("inquiry.kind_target", $"{JapaneseLabels.Of(target.Kind)}（{target.Name}）には{JapaneseLabels.Of(kind)}の照会はできません。");
        var text = Text(note, "備考", Inquiry.NoteMaxLength, required: false);
        long id = 0;
        await new CaseCommand(db, clock).RunAsync(actor, caseId, CaseUpdateKind.Inquiry, async change =>
        {
            if (change.Case.IsClosed)
                throw new DomainException("inquiry.case_closed", $"滞納整理事案 {caseId} は終了しています。照会は事案を再開してから記録してください。");
            var row = new Inquiry
            {
                CaseId = caseId, TaxpayerId = change.Case.TaxpayerId, TargetId = target.Id, Kind = kind, Status = InquiryStatus.Pending,
                RecordedOn = change.Stamp.On, Note = text, RecordedBy = change.Stamp.ActorName, RecordedAtUtc = change.Stamp.RecordedAtUtc,
            };
            db.Inquiries.Add(row);
            await db.SaveChangesAsync(ct);
            id = row.Id;
            db.Entry(row).State = EntityState.Detached;
            return $"照会 {row.Id} {Line(target).Display} {JapaneseLabels.Of(kind)}";
        }, ct);
        return (await LinesAsync(db.Inquiries.Where(i => i.Id == id), ct))[0];
    }

    /// <summary>
    /// Records one answer to an inquiry (a case update of the inquiry's case: officer in charge or approver, audited 3343 without the account
    /// number). The inquiry must have been sent; it becomes 回答済 with its first answer.
    /// </summary>
    public async Task<long> AnswerAsync(Actor actor, long inquiryId, InquiryAnswerEntry entry, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var inquiry = await db.Inquiries.AsNoTracking().SingleOrDefaultAsync(i => i.Id == inquiryId, ct)
            ?? throw new DomainException("inquiry.not_found", $"照会 {inquiryId} は登録されていません。");
        var row = AnswerRow(inquiry, entry, JapanTime.Today(clock));
        long id = 0;
        await new CaseCommand(db, clock).RunAsync(actor, inquiry.CaseId, CaseUpdateKind.InquiryAnswer, async change =>
        {
            var current = await db.Inquiries.SingleAsync(i => i.Id == inquiryId, ct);
            if (current.Status == InquiryStatus.Pending)
                throw new DomainException("inquiry.not_sent", $"照会 {inquiryId} はまだ発送されていません（照会書または照会ファイルを作成してから回答を記録してください）。");
            row.RecordedBy = change.Stamp.ActorName;
            row.RecordedAtUtc = change.Stamp.RecordedAtUtc;
            db.InquiryAnswers.Add(row);
            MarkAnswered(current, row.AnsweredOn);
            await db.SaveChangesAsync(ct);
            id = row.Id;
            db.Entry(row).State = EntityState.Detached;
            db.Entry(current).State = EntityState.Detached;
            return $"照会 {inquiryId} 回答 {row.Id} {Describe(row)}";
        }, ct);
        return id;
    }

    /// <summary>The inquiries of a case, newest first (unaudited: the case file audits its read).</summary>
    public Task<List<InquiryLine>> ForCaseAsync(long caseId, CancellationToken ct = default) =>
        LinesAsync(db.Inquiries.Where(i => i.CaseId == caseId), ct);

    /// <summary>
    /// The inquiries and answered assets of a case for a person with <see cref="Permission.ViewTaxpayer"/>; the read is audited as a view of the
    /// taxpayer (2001), as <see cref="CaseUpdates.ShowAsync"/> does.
    /// </summary>
    public async Task<(List<InquiryLine> Inquiries, List<AnsweredAsset> Answers)> ShowAsync(Actor actor, long caseId, CancellationToken ct = default)
    {
        var taxpayerId = await db.CollectionCases.AsNoTracking().Where(c => c.Id == caseId).Select(c => (long?)c.TaxpayerId).SingleOrDefaultAsync(ct)
            ?? throw CaseCommand.NotFound(caseId);
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, taxpayerId, "財産調査の参照", ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var lines = await ForCaseAsync(caseId, ct);
        var answers = await new InquiryAnswers(db).ForCaseAsync(caseId, includeNone: true, ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: taxpayerId, Detail: $"財産調査 事案 {caseId}"), clock, ct);
        await tx.CommitAsync(ct);
        return (lines, answers);
    }

    /// <summary>One inquiry (unaudited).</summary>
    public async Task<InquiryLine> FindAsync(long inquiryId, CancellationToken ct = default) =>
        (await LinesAsync(db.Inquiries.Where(i => i.Id == inquiryId), ct)).SingleOrDefault()
        ?? throw new DomainException("inquiry.not_found", $"照会 {inquiryId} は登録されていません。");

    /// <summary>
    /// 回答期限超過: every inquiry sent and not answered whose answer due date is before <paramref name="asOf"/>, oldest due first.
    /// Needs <see cref="Permission.ViewTaxpayer"/>; the read of several taxpayers is audited 3345 with the count.
    /// </summary>
    public async Task<List<InquiryLine>> OverdueAsync(Actor actor, DateOnly asOf, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, null, "照会の一覧（回答期限超過）", ct);
        var lines = (await LinesAsync(db.Inquiries.Where(i => i.Status == InquiryStatus.Sent && i.DueOn < asOf), ct))
            .OrderBy(l => l.DueOn).ThenBy(l => l.Id).ToList();
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.InquiriesListed,
            Detail: $"回答期限超過 {asOf:yyyy-MM-dd} 時点 {lines.Count}件"), clock, ct);
        return lines;
    }

    /// <summary>The default answer due date for an inquiry sent on <paramref name="sentOn"/> (setting <see cref="AnswerDaysKey"/>).</summary>
    public static async Task<DateOnly> DueDateAsync(ChoshuDbContext db, DateOnly sentOn, CancellationToken ct = default) =>
        sentOn.AddDays(int.Parse(await AppSettings.GetAsync(db, AnswerDaysKey, ct), CultureInfo.InvariantCulture));

    internal static void MarkAnswered(Inquiry inquiry, DateOnly on)
    {
        inquiry.Status = InquiryStatus.Answered;
        if (inquiry.AnsweredOn is null || on < inquiry.AnsweredOn) inquiry.AnsweredOn = on;
    }

    /// <summary>Checks an answer and makes its row (only the fields of its kind kept). Japanese messages name the field.</summary>
    internal static InquiryAnswer AnswerRow(Inquiry inquiry, InquiryAnswerEntry e, DateOnly today)
    {
        if (!Enum.IsDefined(e.AssetKind)) throw new DomainException("inquiry.asset_kind", "回答の種類が正しくありません。");
        if (!InquiryRules.Answers(inquiry.Kind, e.AssetKind))
            throw new DomainException("inquiry.asset_kind_mismatch", $"{JapaneseLabels.Of(inquiry.Kind)}の照会に{JapaneseLabels.Of(e.AssetKind)}の回答は記録できません。");
        if (e.AnsweredOn > today) throw new DomainException("inquiry.answered_in_future", $"回答日 {e.AnsweredOn:yyyy-MM-dd} は本日より後です。");
        if (inquiry.SentOn is { } sent && e.AnsweredOn < sent)
            throw new DomainException("inquiry.answered_before_sent", $"回答日 {e.AnsweredOn:yyyy-MM-dd} が照会日 {sent:yyyy-MM-dd} より前です。");
        var row = new InquiryAnswer
        {
            InquiryId = inquiry.Id, TaxpayerId = inquiry.TaxpayerId, AssetKind = e.AssetKind, AnsweredOn = e.AnsweredOn,
            Source = Text(e.Source, "回答の出所（書面・電話など）", InquiryAnswer.TextMaxLength, required: true)!,
            Note = Text(e.Note, "備考", Inquiry.NoteMaxLength, required: false),
        };
        static long Yen(long? v, string field) => v is >= 0 ? v.Value : throw new DomainException("inquiry.amount", $"{field}は0円以上の金額を入力してください。");
        switch (e.AssetKind)
        {
            case InquiryAssetKind.Deposit:
                row.BankCode = Code(e.BankCode, 4, "金融機関コード");
                row.BranchCode = Code(e.BranchCode, 3, "支店コード");
                row.AccountType = e.AccountType is 1 or 2 or 4 or 9 ? e.AccountType
                    : throw new DomainException("inquiry.account_type", "預金種目は 1（普通）、2（当座）、4（貯蓄）、9（その他）のいずれかを入力してください。");
                row.AccountNo = Code(e.AccountNo, 7, "口座番号");
                row.Holder = Text(e.Holder, "口座名義", InquiryAnswer.TextMaxLength, required: true);
                row.Balance = Yen(e.Balance, "残高");
                row.AsOf = e.AsOf ?? throw new DomainException("inquiry.as_of", "残高の基準日を入力してください。");
                break;
            case InquiryAssetKind.Salary or InquiryAssetKind.Pension:
                row.Payer = Text(e.Payer, e.AssetKind == InquiryAssetKind.Salary ? "支払者（勤務先）" : "年金の支払者", InquiryAnswer.TextMaxLength, required: true);
                row.Gross = Yen(e.Gross, "支給額");
                row.Deductions = Yen(e.Deductions ?? 0, "控除額");
                if (row.Deductions > row.Gross) throw new DomainException("inquiry.deductions", "控除額が支給額を超えています。");
                row.PayDay = e.PayDay is >= 1 and <= 31 ? e.PayDay : throw new DomainException("inquiry.pay_day", "支給日は1〜31の日で入力してください。");
                row.AsOf = e.AsOf;
                break;
            case InquiryAssetKind.Policy:
                row.Payer = Text(e.Payer, "保険会社", InquiryAnswer.TextMaxLength, required: true);
                row.PolicyNo = Text(e.PolicyNo, "証券番号", 30, required: true);
                row.SurrenderValue = Yen(e.SurrenderValue, "解約返戻金");
                row.AsOf = e.AsOf;
                break;
            case InquiryAssetKind.RealEstate:
                row.Location = Text(e.Location, "所在", InquiryAnswer.TextMaxLength, required: true);
                row.PropertyKind = Text(e.PropertyKind, "種類（土地・建物）", 20, required: true);
                row.Area = Text(e.Area, "地積・床面積", 20, required: false);
                if (row.Area is not null && !AreaText().IsMatch(row.Area)) throw new DomainException("inquiry.area", "地積・床面積は平方メートルの数値（例: 123.45）で入力してください。");
                row.OwnerShare = Text(e.OwnerShare, "持分", 20, required: false) ?? "1/1";
                _ = Share.Parse(row.OwnerShare);
                row.AsOf = e.AsOf;
                break;
            case InquiryAssetKind.Residence:
                if (row.Note is null) throw new DomainException("inquiry.residence_note", "住民票・戸籍の回答内容を備考に入力してください。");
                break;
        }
        return row;
    }

    /// <summary>An answer in words for the audit detail and the pages; the account number is never included (only its last 3 digits).</summary>
    public static string Describe(InquiryAnswer a) => a.AssetKind switch
    {
        InquiryAssetKind.Deposit => $"預貯金 {a.BankCode}-{a.BranchCode} {AccountTypeName(a.AccountType)} {MaskAccount(a.AccountNo)} 残高 {a.Balance:#,0}円（{a.AsOf:yyyy-MM-dd}）",
        InquiryAssetKind.Salary => $"給与 {a.Payer} 支給額 {a.Gross:#,0}円 控除額 {a.Deductions:#,0}円 支給日 {a.PayDay}日",
        InquiryAssetKind.Pension => $"年金 {a.Payer} 支給額 {a.Gross:#,0}円 控除額 {a.Deductions:#,0}円 支給日 {a.PayDay}日",
        InquiryAssetKind.Policy => $"保険契約 {a.Payer} 解約返戻金 {a.SurrenderValue:#,0}円",
        InquiryAssetKind.RealEstate => $"不動産 {a.PropertyKind} {a.Location} {a.Area}㎡ 持分 {a.OwnerShare}",
        InquiryAssetKind.Residence => "住民票・戸籍の回答",
        _ => "該当なし",
    };

    public static string AccountTypeName(short? t) => t switch { 1 => "普通", 2 => "当座", 4 => "貯蓄", 9 => "その他", _ => "" };

    /// <summary>口座番号 shown as ****567 (the full number is only on the seizure notice).</summary>
    public static string MaskAccount(string? no) => no is { Length: > 3 } ? "****" + no[^3..] : "****";

    internal static InquiryTargetLine Line(InquiryTarget t) =>
        new(t.Id, t.Kind, t.Name, t.BankCode, t.BranchCode, t.BranchName, t.CorporateNo, t.PostalCode, t.Address, t.Contact);

    internal async Task<List<InquiryLine>> LinesAsync(IQueryable<Inquiry> inquiries, CancellationToken ct)
    {
        var rows = await (from i in inquiries.AsNoTracking()
                          join t in db.Taxpayers on i.TaxpayerId equals t.Id
                          join g in db.InquiryTargets on i.TargetId equals g.Id
                          select new { i, t.TaxpayerNo, t.Facts.NameKanji, g }).ToListAsync(ct);
        return rows.OrderByDescending(x => x.i.Id).Select(x => new InquiryLine(x.i.Id, x.i.CaseId, x.i.TaxpayerId, x.TaxpayerNo, x.NameKanji, x.g.Id, Line(x.g).Display,
            x.g.Kind, x.i.Kind, x.i.Status, x.i.RecordedOn, x.i.SentOn, x.i.DueOn, x.i.AnsweredOn, x.i.SentBy, x.i.RunKey, x.i.DocumentId, x.i.Note)).ToList();
    }

    internal static string Code(string? value, int length, string field)
    {
        var v = (value ?? "").Trim();
        return v.Length == length && Digits().IsMatch(v) ? v : throw new DomainException("inquiry.code", $"{field}は{length}桁の数字で入力してください。");
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string? Text(string? value, string field, int max, bool required)
    {
        var v = Blank(value);
        if (v is null) return required ? throw new DomainException("inquiry.required", $"{field}を入力してください。") : null;
        return v.Length <= max ? v : throw new DomainException("inquiry.too_long", $"{field}は{max}文字以内で入力してください。");
    }

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^[0-9]{1,9}(\.[0-9]{1,2})?$")]
    private static partial Regex AreaText();
}
