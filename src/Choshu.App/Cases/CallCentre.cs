using System.Globalization;
using Choshu.App.Imports;
using Choshu.App.Releases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Privacy;
using Choshu.Domain.Calendar;
using Choshu.Domain.Cases;
using Choshu.Domain.Security;
using Choshu.Formats.Csv;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>
/// 納税お知らせセンター (the outsourced call centre): the extract of whom to call (docs/formats.md "架電依頼データ"), released as
/// a recorded 移転 to the centre through <see cref="DataReleases"/> (ファイル出力担当 only; data_releases row and audit 4002, the
/// spreadsheet-safe CSV writer). Open cases whose taxpayer has a phone number and owes something today; never a My Number;
/// cases marked 注意対象者 or held from mass demand runs (一斉催告停止) are left out.
/// </summary>
public static class CallCentreExtract
{
    public const string Recipient = "納税お知らせセンター（委託）";

    public static readonly IReadOnlyList<string> Items =
        ["架電依頼番号", "宛名番号", "氏名", "氏名カナ", "電話番号", "未納期別数", "未納額合計", "最古納期限", "担当者職員番号", "基準日"];

    public static string Content(DateOnly asOf) => $"call-centre:{asOf:yyyy-MM-dd}";

    public static async Task<ReleaseReceipt> ExportAsync(ChoshuDbContext db, Actor actor, DateOnly asOf, string path, TimeProvider clock, CancellationToken ct = default)
    {
        var spec = new ReleaseSpec(DataReleaseKind.Transfer, Content(asOf), Recipient, "納税お知らせセンターへの架電依頼");
        return await new DataReleases(db, clock).ReleaseToFileAsync(actor, spec, c => ReadAsync(db, asOf, clock, c), path, ct);
    }

    public static async Task<ReleaseTable> ReadAsync(ChoshuDbContext db, DateOnly asOf, TimeProvider clock, CancellationToken ct = default)
    {
        var cases = await (from c in db.CollectionCases.AsNoTracking()
                           where c.ClosedOn == null && !c.DemandRunHold
                           join t in db.Taxpayers on c.TaxpayerId equals t.Id
                           where t.Facts.PhoneNumber != null && t.Facts.PhoneNumber != ""
                           join a in db.StaffAccounts on c.OfficerAccountId equals a.Id into officers
                           from o in officers.DefaultIfEmpty()
                           select new { c.Id, c.TaxpayerId, t.TaxpayerNo, t.Facts.NameKanji, t.Facts.NameKana, t.Facts.PhoneNumber, StaffNo = o == null ? null : o.StaffNo })
            .ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        var cautionEvents = await db.Set<CaseEvent>().AsNoTracking()
            .Where(e => EF.Parameter(ids).Contains(e.CaseId) && (e.Kind == CaseEventKind.CautionSet || e.Kind == CaseEventKind.CautionCleared))
            .ToListAsync(ct);
        var caution = cautionEvents.GroupBy(e => e.CaseId).Where(g => CaseFlags.Caution(g) is not null).Select(g => g.Key).ToHashSet();
        var owed = await new Worklists(db, clock).OwedAsync(cases.Select(c => c.TaxpayerId).ToList(), asOf, ct);
        var taxpayerIds = cases.Select(c => c.TaxpayerId).ToList();
        var oldestDue = (await (from i in db.Installments
                                join a in db.Assessments on i.AssessmentId equals a.Id
                                where EF.Parameter(taxpayerIds).Contains(a.TaxpayerId) && i.DueDate < asOf
                                select new { a.TaxpayerId, i.Id, i.DueDate }).ToListAsync(ct));
        var dueIds = oldestDue.Select(o => o.Id).ToList();
        var balances = (await db.JournalEntries.AsNoTracking()
                .Where(j => EF.Parameter(dueIds).Contains(j.InstallmentId) && j.Component == Domain.Ledger.LedgerComponent.Principal)
                .GroupBy(j => j.InstallmentId).Select(g => new { g.Key, Sum = g.Sum(x => x.Amount) }).ToListAsync(ct))
            .Where(b => b.Sum > 0).Select(b => b.Key).ToHashSet();
        var oldest = oldestDue.Where(o => balances.Contains(o.Id)).GroupBy(o => o.TaxpayerId).ToDictionary(g => g.Key, g => g.Min(o => o.DueDate));
        var cells = cases
            .Where(c => !caution.Contains(c.Id) && owed.TryGetValue(c.TaxpayerId, out var o) && o.Owed > 0)
            .OrderBy(c => c.TaxpayerNo, StringComparer.Ordinal)
            .Select(c => (IReadOnlyList<string>)
            [
                $"{asOf:yyyyMMdd}-{c.TaxpayerNo}", c.TaxpayerNo, c.NameKanji, c.NameKana, c.PhoneNumber!,
                owed[c.TaxpayerId].Claims.ToString(CultureInfo.InvariantCulture), owed[c.TaxpayerId].Owed.ToString(CultureInfo.InvariantCulture),
                oldest.TryGetValue(c.TaxpayerId, out var d) ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
                c.StaffNo ?? "", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ])
            .ToList();
        return new ReleaseTable(Items, cells);
    }
}

/// <summary>One call result as the centre reports it (docs/formats.md "架電結果データ").</summary>
public sealed record CallResult(string ResultNo, string TaxpayerNo, DateOnly CalledOn, TimeOnly CalledAt, string Outcome, string Counterpart,
    string Content, string? NextAction, DateOnly? NextActionOn);

/// <summary>
/// The import of the centre's call results into the case log (<c>choshu case callcentre import</c>), on the shared CSV pipeline
/// (<see cref="CsvImport{TRecord}"/>: file hash, run, batches, quarantine with Japanese reasons naming line and field). Each
/// good line becomes one 経過記録 (method 電話, source 納税お知らせセンター) keyed by its 結果番号, so importing a file again adds
/// nothing (変更なし). Only the officer in charge of the case or an approver may import it (<see cref="CaseUpdatePolicy"/>,
/// checked per line; a line refused is quarantined with the reason). The run is audited once (3225).
/// </summary>
public sealed class CallResultImport(Store store, TimeProvider clock, Actor actor) : CsvImport<CallResult>(store, clock)
{
    public const string FileKind = "call-results";
    public static readonly IReadOnlyList<string> Outcomes = ["通話", "不在", "留守電", "番号誤り", "拒否", "その他"];

    private static class Col
    {
        public const string ResultNo = "結果番号";
        public const string TaxpayerNo = "宛名番号";
        public const string CalledOn = "架電日";
        public const string CalledAt = "架電時刻";
        public const string Outcome = "結果";
        public const string Counterpart = "相手方";
        public const string Content = "内容";
        public const string NextAction = "次回予定";
        public const string NextActionOn = "次回予定日";
    }

    private IReadOnlyList<Role> roles = [];

    protected override string Kind => FileKind;
    protected override AuditEventKind AuditKind => AuditEventKind.CallCentreResultsImported;

    protected override IReadOnlyList<CsvColumn> Layout { get; } =
    [
        new(Col.ResultNo, true), new(Col.TaxpayerNo, true), new(Col.CalledOn, true), new(Col.CalledAt, true), new(Col.Outcome, true),
        new(Col.Counterpart, false), new(Col.Content, false), new(Col.NextAction, false), new(Col.NextActionOn, false),
    ];

    protected override async Task PrepareAsync(ChoshuDbContext db, CancellationToken ct) =>
        roles = actor.AccountId is { } id ? await AccessControl.ActiveRolesAsync(db, id, JapanTime.Today(Clock), ct) : [];

    protected override CsvParse<CallResult> Parse(CsvRow row, DateOnly today)
    {
        var errors = new List<FieldError>();
        var no = row[Col.ResultNo] ?? "";
        if (no.Length is 0 or > 40) errors.Add(new(Col.ResultNo, "結果番号がないか、40文字を超えています。"));
        var taxpayer = row[Col.TaxpayerNo] ?? "";
        if (taxpayer.Length == 0) errors.Add(new(Col.TaxpayerNo, "宛名番号がありません。"));
        DateOnly on = default;
        if (!DateOnly.TryParseExact(row[Col.CalledOn], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out on))
            errors.Add(new(Col.CalledOn, $"架電日「{row[Col.CalledOn]}」は YYYY-MM-DD の日付ではありません。"));
        else if (on > today) errors.Add(new(Col.CalledOn, $"架電日 {on:yyyy-MM-dd} は未来の日付です。"));
        if (!TimeOnly.TryParseExact(row[Col.CalledAt], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            errors.Add(new(Col.CalledAt, $"架電時刻「{row[Col.CalledAt]}」は HH:MM の時刻ではありません。"));
        var outcome = row[Col.Outcome] ?? "";
        if (!Outcomes.Contains(outcome)) errors.Add(new(Col.Outcome, $"結果「{outcome}」は {string.Join("・", Outcomes)} のいずれかではありません。"));
        var content = row[Col.Content] ?? "";
        if (content.Length > CaseLogEntry.ContentMaxLength - 10) errors.Add(new(Col.Content, $"内容が{CaseLogEntry.ContentMaxLength - 10}文字を超えています。"));
        var counterpart = row[Col.Counterpart] ?? "";
        if (counterpart.Length > CaseLogEntry.CounterpartMaxLength) errors.Add(new(Col.Counterpart, $"相手方が{CaseLogEntry.CounterpartMaxLength}文字を超えています。"));
        var next = row[Col.NextAction] is { Length: > 0 } n ? n : null;
        if (next is { Length: > CaseLogEntry.NextActionMaxLength }) errors.Add(new(Col.NextAction, $"次回予定が{CaseLogEntry.NextActionMaxLength}文字を超えています。"));
        DateOnly? nextOn = null;
        if (row[Col.NextActionOn] is { Length: > 0 } nd)
        {
            if (DateOnly.TryParseExact(nd, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) nextOn = d;
            else errors.Add(new(Col.NextActionOn, $"次回予定日「{nd}」は YYYY-MM-DD の日付ではありません。"));
            if (next is null) errors.Add(new(Col.NextAction, "次回予定日があるのに次回予定がありません。"));
        }
        return errors.Count > 0 ? CsvParse<CallResult>.Failed(errors)
            : CsvParse<CallResult>.Ok(new CallResult(no, taxpayer, on, at, outcome, counterpart, content, next, nextOn));
    }

    protected override string StoredRawText(CsvRecord record, CsvHeader header) => record.RawText;

    protected override string DuplicateKey(CallResult record) => record.ResultNo;

    protected override FieldError DuplicateError(int firstLine) =>
        new(Col.ResultNo, $"同じ結果番号が{firstLine}行目にもあります（1つのファイルに1行まで）。");

    protected override async Task ApplyAsync(ImportBatch batch, IReadOnlyList<ImportLine<CallResult>> lines, CancellationToken ct)
    {
        var db = batch.Db;
        var nos = lines.Select(l => l.Record!.TaxpayerNo).Distinct().ToList();
        var cases = await (from c in db.CollectionCases.AsNoTracking()
                           join t in db.Taxpayers on c.TaxpayerId equals t.Id
                           where EF.Parameter(nos).Contains(t.TaxpayerNo)
                           select new { c.Id, t.TaxpayerNo, c.OfficerAccountId, c.ClosedOn }).ToDictionaryAsync(c => c.TaxpayerNo, ct);
        var keys = lines.Select(l => l.Record!.ResultNo).ToList();
        var known = (await db.CaseLogEntries.AsNoTracking()
                .Where(e => e.Source == CaseLogSource.CallCentre && EF.Parameter(keys).Contains(e.ExternalKey!))
                .Select(e => e.ExternalKey!).ToListAsync(ct)).ToHashSet();
        var stamp = new CaseStamp(actor.Name, actor.AccountId, batch.Today, batch.NowUtc);
        foreach (var line in lines)
        {
            var r = line.Record!;
            if (known.Contains(r.ResultNo)) { line.Outcome = LineOutcome.Unchanged; continue; }
            if (!cases.TryGetValue(r.TaxpayerNo, out var c))
            {
                line.Quarantine(Col.TaxpayerNo, $"宛名番号 {r.TaxpayerNo} の滞納整理事案がありません。");
                continue;
            }
            var decision = CaseUpdatePolicy.Decide(CaseUpdateKind.CaseLog, actor.AccountId, roles, c.OfficerAccountId);
            if (!decision.Allowed)
            {
                line.Quarantine(Col.TaxpayerNo, $"宛名番号 {r.TaxpayerNo} の事案の経過記録を登録できるのは、その事案の担当者または承認者のみです（取込者 {actor.Name}）。");
                continue;
            }
            var content = $"[{r.Outcome}] {r.Content}".Trim();
            db.CaseLogEntries.Add(CaseLogEntry.Create(c.Id, r.CalledOn, r.CalledAt, CaseLogMethod.Phone, r.Counterpart, content, r.NextAction, r.NextActionOn,
                null, CaseLogSource.CallCentre, r.ResultNo, stamp));
            known.Add(r.ResultNo);
            line.Outcome = LineOutcome.Created;
        }
    }
}
