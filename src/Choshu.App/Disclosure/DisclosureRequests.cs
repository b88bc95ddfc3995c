using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Privacy;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Disclosure;

/// <summary>A request as the list shows it. <see cref="Overdue"/>: not answered and today is past the due date.</summary>
public sealed record DisclosureListItem(long Id, string TaxpayerNo, DisclosureKind Kind, DateOnly ReceivedOn, DateOnly DueOn,
    string RequesterRelation, DateTime? ReportProducedAtUtc, DateOnly? AnsweredOn, DisclosureDecision? Decision, bool Overdue);

/// <summary>What producing a report did: the file's SHA-256 and size, and the report itself (for its counts).</summary>
public sealed record DisclosureReportReceipt(long RequestId, string Sha256, long Bytes, DisclosureReport Report);

/// <summary>
/// 開示・訂正・利用停止請求 and inquiries about the file (seed V): received and recorded, reported on,
/// answered (個人情報保護法 第76条～: the answer is due 30 days after receipt, 第83条). Every step needs
/// <see cref="Permission.HandleDisclosure"/> (セキュリティ責任者) held by a named person today, and is audited
/// against the taxpayer: 9000 registered, 9001 report produced (with the file's SHA-256), 9002 answered.
/// </summary>
public sealed class DisclosureRequests(ChoshuDbContext db, TimeProvider clock)
{
    /// <summary>Days from receipt to the answer's due date.</summary>
    public const int AnswerDays = 30;

    public async Task<DisclosureRequest> RegisterAsync(Actor actor, string taxpayerNo, DisclosureKind kind, DateOnly receivedOn,
        string requesterName, string relation, string details, CancellationToken ct = default)
    {
        var rel = DisclosureNames.ParseRelation(relation);
        if (string.IsNullOrWhiteSpace(requesterName)) throw new DomainException("disclosure.requester_required", "請求者の氏名を入力してください。");
        if (string.IsNullOrWhiteSpace(details)) throw new DomainException("disclosure.details_required", "請求の内容を入力してください。");
        if (receivedOn > JapanTime.Today(clock)) throw new DomainException("disclosure.received_future", $"受付日 {receivedOn:yyyy-MM-dd} が未来の日付です。");
        var taxpayerId = await TaxpayerIdAsync(taxpayerNo, ct);
        await AccessControl.DemandAsync(db, actor, Permission.HandleDisclosure, clock, taxpayerId, "開示等請求の受付", ct);

        var r = new DisclosureRequest
        {
            TaxpayerId = taxpayerId, Kind = kind, ReceivedOn = receivedOn, DueOn = receivedOn.AddDays(AnswerDays),
            RequesterName = requesterName.Trim(), RequesterRelation = rel, Details = details.Trim(),
            RegisteredByAccountId = actor.AccountId, RegisteredBy = actor.Name, RegisteredAtUtc = Now(),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.DisclosureRequests.Add(r);
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.DisclosureRequestRegistered, TaxpayerId: taxpayerId, Purpose: DisclosureNames.Kind(kind),
            Detail: $"開示等請求 {r.Id}: {DisclosureNames.Kind(kind)} 受付日 {receivedOn:yyyy-MM-dd} 回答期限 {r.DueOn:yyyy-MM-dd} 請求者 {rel}"), clock, ct);
        await tx.CommitAsync(ct);
        db.Entry(r).State = EntityState.Detached;
        return r;
    }

    /// <summary>
    /// Writes the report of everything held on the person and every access to it to <paramref name="path"/>
    /// (temporary file first, renamed once recorded), and records when and its SHA-256 on the request.
    /// </summary>
    public async Task<DisclosureReportReceipt> ProduceReportAsync(Actor actor, long id, string path, CancellationToken ct = default)
    {
        var request = await FindAsync(id, ct);
        await AccessControl.DemandAsync(db, actor, Permission.HandleDisclosure, clock, request.TaxpayerId, $"開示等請求 {id} の報告書", ct);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) throw new DomainException("disclosure.directory_missing", $"出力先のフォルダ {dir} がありません。");

        var report = await DisclosureReportBuilder.BuildAsync(db, request, actor.Name, clock, ct);
        var bytes = report.Render();
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var temp = Path.Combine(dir, "." + Path.GetFileName(full) + ".part-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await File.WriteAllBytesAsync(temp, bytes, ct);
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                var r = await db.DisclosureRequests.SingleAsync(x => x.Id == id, ct);
                r.ReportProducedAtUtc = Now();
                r.ReportSha256 = sha;
                await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.DisclosureReportProduced, TaxpayerId: request.TaxpayerId, Purpose: DisclosureNames.Kind(request.Kind),
                    Detail: $"開示等請求 {id}: 報告書 {Path.GetFileName(full)} SHA-256={sha} 操作ログ {report.Section("access").Rows.Count} 件"), clock, ct);
                await tx.CommitAsync(ct);
                db.Entry(r).State = EntityState.Detached;
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return new DisclosureReportReceipt(id, sha, bytes.LongLength, report);
    }

    public async Task<DisclosureRequest> AnswerAsync(Actor actor, long id, DisclosureDecision decision, string answer, DateOnly answeredOn, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(answer)) throw new DomainException("disclosure.answer_required", "回答の内容を入力してください。");
        var request = await FindAsync(id, ct);
        await AccessControl.DemandAsync(db, actor, Permission.HandleDisclosure, clock, request.TaxpayerId, $"開示等請求 {id} への回答", ct);
        if (request.AnsweredOn is not null)
            throw new DomainException("disclosure.answered", $"開示等請求 {id} は {request.AnsweredOn:yyyy-MM-dd} に回答済みです。");
        if ((request.Kind == DisclosureKind.Inquiry) != (decision == DisclosureDecision.Answered))
            throw new DomainException("disclosure.decision_mismatch", request.Kind == DisclosureKind.Inquiry
                ? "問合せへの決定は「回答」です。"
                : $"{DisclosureNames.Kind(request.Kind)}への決定は「全部」「一部」「しない」のいずれかです。");
        if (request.Kind == DisclosureKind.Disclosure && decision != DisclosureDecision.Refused && request.ReportProducedAtUtc is null)
            throw new DomainException("disclosure.report_missing", $"開示等請求 {id} の報告書がまだ作成されていません。先に disclosure report で作成してください。");
        if (answeredOn < request.ReceivedOn || answeredOn > JapanTime.Today(clock))
            throw new DomainException("disclosure.answer_date", $"回答日 {answeredOn:yyyy-MM-dd} は受付日 {request.ReceivedOn:yyyy-MM-dd} から今日までの日付にしてください。");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var r = await db.DisclosureRequests.SingleAsync(x => x.Id == id, ct);
        r.Decision = decision;
        r.Answer = answer.Trim();
        r.AnsweredOn = answeredOn;
        r.AnsweredBy = actor.Name;
        var late = answeredOn > r.DueOn ? $"（期限 {r.DueOn:yyyy-MM-dd} を {answeredOn.DayNumber - r.DueOn.DayNumber} 日超過）" : "";
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.DisclosureRequestAnswered, TaxpayerId: r.TaxpayerId, Purpose: DisclosureNames.Kind(r.Kind),
            Detail: $"開示等請求 {id}: 決定 {DisclosureNames.Decision(decision)} 回答日 {answeredOn:yyyy-MM-dd}{late}"), clock, ct);
        await tx.CommitAsync(ct);
        db.Entry(r).State = EntityState.Detached;
        return r;
    }

    /// <summary>Requests, oldest first; with <paramref name="openOnly"/> only those not yet answered.</summary>
    public async Task<IReadOnlyList<DisclosureListItem>> ListAsync(bool openOnly, CancellationToken ct = default)
    {
        var today = JapanTime.Today(clock);
        var rows = await (from r in db.DisclosureRequests.AsNoTracking()
                          join t in db.Taxpayers on r.TaxpayerId equals t.Id
                          where !openOnly || r.AnsweredOn == null
                          select new { r, t.TaxpayerNo })
            .ToListAsync(ct);
        return rows.OrderBy(x => x.r.DueOn).ThenBy(x => x.r.Id)
            .Select(x => new DisclosureListItem(x.r.Id, x.TaxpayerNo, x.r.Kind, x.r.ReceivedOn, x.r.DueOn, x.r.RequesterRelation,
                x.r.ReportProducedAtUtc, x.r.AnsweredOn, x.r.Decision, x.r.AnsweredOn is null && today > x.r.DueOn))
            .ToList();
    }

    /// <summary>One request in full (requester's name and details included) for a person with the right; audited as a view of the taxpayer.</summary>
    public async Task<(DisclosureRequest Request, string TaxpayerNo)> ShowAsync(Actor actor, long id, CancellationToken ct = default)
    {
        var request = await FindAsync(id, ct);
        await AccessControl.DemandAsync(db, actor, Permission.HandleDisclosure, clock, request.TaxpayerId, $"開示等請求 {id} の参照", ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var no = await db.Taxpayers.AsNoTracking().Where(t => t.Id == request.TaxpayerId).Select(t => t.TaxpayerNo).SingleAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: request.TaxpayerId, Detail: $"開示等請求 {id} の参照"), clock, ct);
        await tx.CommitAsync(ct);
        return (request, no);
    }

    private async Task<DisclosureRequest> FindAsync(long id, CancellationToken ct) =>
        await db.DisclosureRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct)
        ?? throw new DomainException("disclosure.not_found", $"開示等請求 {id} はありません。");

    private async Task<long> TaxpayerIdAsync(string taxpayerNo, CancellationToken ct) =>
        await db.Taxpayers.AsNoTracking().Where(t => t.TaxpayerNo == taxpayerNo.Trim()).Select(t => (long?)t.Id).SingleOrDefaultAsync(ct)
        ?? throw new DomainException("taxpayer.not_found", $"宛名番号 {taxpayerNo} の納税義務者は登録されていません。");

    private DateTime Now() => AuditChain.Normalize(clock.GetUtcNow().UtcDateTime);
}
