using System.Globalization;
using Choshu.App.Security;
using Choshu.App.Taxpayers;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Identifiers;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Privacy;

/// <summary>
/// The one gate for personal data (architecture property 3). Searching for a taxpayer, opening one,
/// revealing a My Number and searching by one go through here and nowhere else; the web app calls
/// only this. Every public method:
/// <list type="number">
/// <item>checks the actor's right with <see cref="AccessControl.DemandAsync"/> first, which writes a
/// refusal (5000, or 5001 for a lapsed right) and throws;</item>
/// <item>then, in one transaction, reads and appends its audit record as the last statement before
/// the commit, so a read is never returned without its record: 2000 search (the criteria, never a My
/// Number; the 宛名番号 shown), 2001 view (the taxpayer), 2002 My Number revealed (with the stated
/// purpose), 2003 search by My Number (the taxpayer found, never the number). A view (2001) on PostgreSQL reads without
/// a transaction and appends its record after the reads, committed on its own before the details are returned
/// (<see cref="ViewAsync"/>): it changes nothing else, and the record is still written before anything is shown.</item>
/// </list>
/// A My Number is revealed only to a staff member holding <see cref="Permission.RevealMyNumber"/> today
/// (個人番号利用事務担当; never a contractor, never the system actor), with a stated purpose, from a
/// session re-authenticated within <see cref="ReauthenticationWindow"/>. Construct one per unit of work
/// over a context with no transaction open.
/// </summary>
public sealed class PersonalDataGate(ChoshuDbContext db, TimeProvider clock, MyNumberVault? vault = null)
{
    /// <summary>How long after a re-authentication a My Number may be revealed.</summary>
    public static readonly TimeSpan ReauthenticationWindow = TimeSpan.FromMinutes(5);

    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>
    /// Taxpayers matching every given criterion, ordered by 宛名番号, one page at a time (page from 1,
    /// size 1–<see cref="MaxPageSize"/>). Audited as 2000 with the criteria, the total and the 宛名番号
    /// shown; a search with exactly one match names that taxpayer.
    /// </summary>
    public async Task<TaxpayerSearchPage> SearchAsync(Actor actor, TaxpayerSearchCriteria criteria, int page = 1, int size = DefaultPageSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, what: "納税義務者の検索", ct: ct);
        criteria.Validate();
        if (page < 1) throw new DomainException("search.page_invalid", "ページは 1 以上で指定してください。");
        if (size is < 1 or > MaxPageSize) throw new DomainException("search.size_invalid", $"1ページの件数は 1〜{MaxPageSize} で指定してください。");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var q = Filter(criteria);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(t => t.TaxpayerNo).Skip((page - 1) * size).Take(size)
            .Select(t => new { t.Id, t.TaxpayerNo, t.Facts })
            .ToListAsync(ct);
        var items = rows.Select(r => new TaxpayerSummary(r.TaxpayerNo, r.Facts.PersonKind, r.Facts.NameKanji, r.Facts.NameKana, r.Facts.BirthDate,
            Address(r.Facts.TownName, r.Facts.StreetNumber, r.Facts.AddressSupplement), r.Facts.ResidencyStatus)).ToList();
        var shown = items.Count == 0 ? "" : "、表示 " + string.Join(",", items.Select(i => i.TaxpayerNo));
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.TaxpayerSearched,
            TaxpayerId: total == 1 && rows.Count == 1 ? rows[0].Id : null,
            Detail: string.Create(CultureInfo.InvariantCulture, $"条件 {criteria.Describe()}: 該当 {total} 件（{page} ページ目、{size} 件ずつ）{shown}")), clock, ct);
        await tx.CommitAsync(ct);
        return new TaxpayerSearchPage(items, page, size, total);
    }

    /// <summary>
    /// One taxpayer with assessments, installments and balances (<see cref="TaxpayerDetailsQuery"/>), the My
    /// Number masked; null when the 宛名番号 is not registered. Audited as 2001 (failed when not found).
    /// </summary>
    public async Task<TaxpayerDetails?> ViewAsync(Actor actor, string taxpayerNo, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taxpayerNo);
        var no = taxpayerNo.Trim();
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, what: $"宛名番号 {TaxpayerSearchCriteria.MaskMyNumbers(no)} の参照", ct: ct);

        // Reads only: on PostgreSQL the record is appended after them on its own (AuditLog: the lock and the record in one
        // round trip, committed before it returns), so the details still never leave here without their record, and the
        // view spends no round trip on BEGIN/COMMIT. SQLite keeps the one transaction. A caller's open transaction is
        // refused on both (it could roll the record back), as BeginTransaction refuses it on SQLite.
        if (db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("PersonalDataGate.ViewAsync opens its own unit of work; the context already has a transaction.");
        await using var tx = db.Provider == StoreProvider.Postgres ? null : await db.Database.BeginTransactionAsync(ct);
        var details = await TaxpayerDetailsQuery.LoadAsync(db, no, clock, ct);
        var id = details?.TaxpayerId;
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.TaxpayerViewed,
            details is null ? AuditOutcome.Failed : AuditOutcome.Succeeded, id,
            Detail: details is null ? $"宛名番号 {TaxpayerSearchCriteria.MaskMyNumbers(no)}: 登録なし" : $"宛名番号 {no}"), clock, ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return details;
    }

    /// <summary>
    /// The digits of a taxpayer's My Number, for a staff member holding <see cref="Permission.RevealMyNumber"/>,
    /// with a stated purpose (利用目的), from a session re-authenticated within <see cref="ReauthenticationWindow"/>.
    /// Audited as 2002 with the purpose; null (and a failed 2002) when the taxpayer has none on file.
    /// </summary>
    public async Task<MyNumber?> RevealMyNumberAsync(Actor actor, string taxpayerNo, string purpose, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taxpayerNo);
        var no = taxpayerNo.Trim();
        await AccessControl.DemandAsync(db, actor, Permission.RevealMyNumber, clock, what: $"宛名番号 {TaxpayerSearchCriteria.MaskMyNumbers(no)} の個人番号の表示", ct: ct);
        if (string.IsNullOrWhiteSpace(purpose))
            await RefuseAsync(actor, $"宛名番号 {TaxpayerSearchCriteria.MaskMyNumbers(no)} の個人番号の表示: 利用目的の入力なし",
                new DomainException("mynumber.purpose_required", "個人番号を表示する利用目的を入力してください。"), ct);
        if (!await RecentlyReauthenticatedAsync(actor, ct))
            await RefuseAsync(actor, $"宛名番号 {TaxpayerSearchCriteria.MaskMyNumbers(no)} の個人番号の表示: 再認証から{ReauthenticationWindow.TotalMinutes:0}分を超えています", new ReauthenticationRequiredException(), ct);
        var keys = RequireVault();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var id = await TaxpayerIdAsync(no, ct);
        var row = id is null ? null : await db.TaxpayerMyNumbers.AsNoTracking().SingleOrDefaultAsync(m => m.TaxpayerId == id, ct);
        MyNumber? number = row is null ? null : keys.Reveal(row);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.MyNumberRevealed,
            number is null ? AuditOutcome.Failed : AuditOutcome.Succeeded, id, purpose.Trim(),
            id is null ? $"宛名番号 {TaxpayerSearchCriteria.MaskMyNumbers(no)}: 登録なし"
            : number is null ? $"宛名番号 {no}: 個人番号の登録なし" : $"宛名番号 {no}"), clock, ct);
        await tx.CommitAsync(ct);
        return number;
    }

    /// <summary>
    /// The taxpayers whose My Number is <paramref name="number"/>, found by blind index (a value stored
    /// before encryption, key version 0, by its digits), for a holder of <see cref="Permission.SearchByMyNumber"/>
    /// with a stated purpose. Audited as 2003 with the taxpayer found; the number is never recorded.
    /// </summary>
    public async Task<IReadOnlyList<TaxpayerSummary>> SearchByMyNumberAsync(Actor actor, MyNumber number, string purpose, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.SearchByMyNumber, clock, what: "個人番号による検索", ct: ct);
        if (string.IsNullOrWhiteSpace(purpose))
            await RefuseAsync(actor, "個人番号による検索: 利用目的の入力なし",
                new DomainException("mynumber.purpose_required", "個人番号で検索する利用目的を入力してください。"), ct);
        var keys = RequireVault();
        var blind = keys.BlindIndex(number);
        var digits = number.Reveal();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = await db.TaxpayerMyNumbers.AsNoTracking()
            .Where(m => (m.KeyVersion > 0 && m.BlindIndex == blind) || (m.KeyVersion == 0 && m.Value == digits))
            .Select(m => m.TaxpayerId).ToListAsync(ct);
        var rows = await db.Taxpayers.AsNoTracking().Where(t => ids.Contains(t.Id)).OrderBy(t => t.TaxpayerNo)
            .Select(t => new { t.Id, t.TaxpayerNo, t.Facts }).ToListAsync(ct);
        var items = rows.Select(r => new TaxpayerSummary(r.TaxpayerNo, r.Facts.PersonKind, r.Facts.NameKanji, r.Facts.NameKana, r.Facts.BirthDate,
            Address(r.Facts.TownName, r.Facts.StreetNumber, r.Facts.AddressSupplement), r.Facts.ResidencyStatus)).ToList();
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.MyNumberSearched,
            rows.Count == 0 ? AuditOutcome.Failed : AuditOutcome.Succeeded,
            rows.Count == 1 ? rows[0].Id : null, purpose.Trim(),
            rows.Count == 0 ? "該当なし" : $"該当 {rows.Count} 件: 宛名番号 {string.Join(",", items.Select(i => i.TaxpayerNo))}"), clock, ct);
        await tx.CommitAsync(ct);
        return items;
    }

    /// <summary>
    /// The taxpayers matching every criterion. Names and address are compared with the folded search keys
    /// kept in the row (<c>search_kana</c>, <c>search_kanji</c>, <c>search_address</c>, see
    /// <see cref="Domain.Taxpayers.TaxpayerSearchKeys"/>) by <c>LIKE '%term%'</c> with the term's own
    /// <c>\ % _</c> escaped, so a term matches only as typed; on PostgreSQL each key has a trigram (pg_trgm)
    /// GIN index that such a LIKE uses when the term has 3 letters or digits in a row (<see cref="HasTrigram"/>).
    /// 宛名番号 (unique index), 通知書番号 (index on assessments) and 生年月日 (index) are exact.
    /// </summary>
    private IQueryable<Data.Taxpayers.Taxpayer> Filter(TaxpayerSearchCriteria c)
    {
        var q = db.Taxpayers.AsNoTracking();
        if (c.TaxpayerNoTerm is { } no) q = q.Where(t => t.TaxpayerNo == no);
        if (c.NoticeNoTerm is { } notice) q = q.Where(t => db.Assessments.Any(a => a.TaxpayerId == t.Id && a.NoticeNo == notice));
        if (c.BirthDate is { } birth) q = q.Where(t => t.Facts.BirthDate == birth);
        if (c.PhoneTerm is { } phone) q = q.Where(t => t.SearchPhone == phone);
        if (c.CorporateNumberTerm is { } corporate) q = q.Where(t => t.CorporateNumber == corporate);
        // A term with no run of 3 letters or digits gives the trigram index nothing to look up: it is asked
        // in a second form the index cannot serve (COALESCE(key, '')), so that it always reads the table and
        // never shares a prepared statement, and the generic plan PostgreSQL may settle on for one, with
        // longer terms: a generic plan using the index would read all of the index for such a term.
        if (c.KanaTerm is { } kana)
        {
            var pattern = ContainsPattern(kana);
            q = HasTrigram(kana)
                ? q.Where(t => EF.Functions.Like(t.SearchKana!, pattern, LikeEscape))
                : q.Where(t => EF.Functions.Like(t.SearchKana ?? "", pattern, LikeEscape));
        }
        if (c.KanjiTerm is { } kanji)
        {
            var pattern = ContainsPattern(kanji);
            q = HasTrigram(kanji)
                ? q.Where(t => EF.Functions.Like(t.SearchKanji!, pattern, LikeEscape))
                : q.Where(t => EF.Functions.Like(t.SearchKanji ?? "", pattern, LikeEscape));
        }
        if (c.AddressTerm is { } address)
        {
            var pattern = ContainsPattern(address);
            q = HasTrigram(address)
                ? q.Where(t => EF.Functions.Like(t.SearchAddress!, pattern, LikeEscape))
                : q.Where(t => EF.Functions.Like(t.SearchAddress ?? "", pattern, LikeEscape));
        }
        return q;
    }

    /// <summary>True when the term has 3 letters or digits in a row: a trigram (pg_trgm) the index can look up.</summary>
    internal static bool HasTrigram(string term)
    {
        var run = 0;
        foreach (var ch in term)
        {
            run = char.IsLetterOrDigit(ch) ? run + 1 : 0;
            if (run >= 3) return true;
        }
        return false;
    }

    /// <summary>The escape character of the search's LIKE patterns (given explicitly: SQLite has none by default).</summary>
    private const string LikeEscape = "\\";

    /// <summary><c>%term%</c> with the term's <c>\</c>, <c>%</c> and <c>_</c> escaped: 100% gives <c>%100\%%</c>, matching "100%" only.</summary>
    internal static string ContainsPattern(string term) =>
        "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private static string Address(string? town, string? street, string? supplement) =>
        string.Join(" ", new[] { town, street, supplement }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private Task<long?> TaxpayerIdAsync(string taxpayerNo, CancellationToken ct) =>
        db.Taxpayers.AsNoTracking().Where(t => t.TaxpayerNo == taxpayerNo).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct);

    /// <summary>A staff actor's session, still open, re-authenticated no more than <see cref="ReauthenticationWindow"/> ago.</summary>
    private async Task<bool> RecentlyReauthenticatedAsync(Actor actor, CancellationToken ct)
    {
        if (actor.IsSystem || actor.SessionId is not { } sessionId || actor.AccountId is not { } accountId) return false;
        var session = await db.StaffSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null || session.AccountId != accountId || session.EndedAtUtc is not null || session.ReauthenticatedAtUtc is not { } at)
            return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - DateTime.SpecifyKind(at, DateTimeKind.Utc);
        return since >= TimeSpan.Zero && since <= ReauthenticationWindow;
    }

    /// <summary>Records a refusal that is not a missing right (5000 with the reason) and throws <paramref name="refusal"/>.</summary>
    private async Task RefuseAsync(Actor actor, string detail, Exception refusal, CancellationToken ct)
    {
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.AccessDenied, AuditOutcome.Denied, Detail: detail), clock, ct);
        throw refusal;
    }

    private MyNumberVault RequireVault() =>
        vault ?? throw new InvalidOperationException("PersonalDataGate: no MyNumberVault was given; a reveal or a search by My Number needs the key ring.");
}
