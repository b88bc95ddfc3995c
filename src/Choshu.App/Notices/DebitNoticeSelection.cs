using System.Globalization;
using Choshu.App.Assessments;
using Choshu.App.Claims;
using Choshu.App.Settings;
using Choshu.App.Slips;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Notices;
using Choshu.Data.Payments;
using Choshu.Domain;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Text;
using Choshu.Formats.Zengin;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Notices;

/// <summary>What a direct-debit notice run is made from: the imported result file (口座振替結果), as of a day, with an optional deadline.</summary>
public sealed record DebitNoticeRequest(string Kind, long ImportFileId, DateOnly AsOf, DateOnly? Deadline = null, string? Layout = null);

/// <summary>
/// 口座振替の通知: runs over one imported result file. <see cref="NoticeRunKinds.DebitFailure"/> — a 口座振替不能通知書 with a slip for
/// every failed debit of the file whose installment still owes something (what it owes to the deadline: principal, any reminder
/// fee, the late fee); <see cref="NoticeRunKinds.DebitDone"/> — a 口座振替済通知書 for every debit of the file that was booked, with
/// what it paid (principal, reminder fee, late fee, from the journal), no slip. A file already covered by a live run of the same
/// kind gives nothing (a rerun issues nothing).
/// </summary>
public static class DebitNoticeSelection
{
    public static async Task<NoticePlan> PlanAsync(ChoshuDbContext db, DebitNoticeRequest request, CancellationToken ct = default)
    {
        if (request.Kind is not (NoticeRunKinds.DebitFailure or NoticeRunKinds.DebitDone))
            throw new ArgumentOutOfRangeException(nameof(request), request.Kind, null);
        var file = await db.ImportFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == request.ImportFileId, ct)
            ?? throw new DomainException("notice.import_not_found", $"取込ファイル {request.ImportFileId} はありません。");
        var (settings, calendar, rates, deadline, layout) = await NoticeSetup.LoadAsync(db, request.AsOf, request.Deadline, request.Layout, ct);
        var asOf = request.AsOf;
        var conditions = NoticeConditionsJson.Of(("asOf", D(asOf)), ("deadline", D(deadline)), ("importFileId", request.ImportFileId.ToString(CultureInfo.InvariantCulture)));
        var empty = new NoticePlan(request.Kind, asOf, deadline, conditions, null, layout, null, [], []);
        var covered = await db.NoticeRuns.AsNoTracking().AnyAsync(r => r.Kind == request.Kind && r.CancelledAtUtc == null && r.Conditions.Contains(
            "\"importFileId\":\"" + request.ImportFileId.ToString(CultureInfo.InvariantCulture) + "\""), ct);
        if (covered) return empty;

        var letters = new List<PlannedLetter>();
        var excluded = new List<NoticeExclusion>();
        if (request.Kind == NoticeRunKinds.DebitFailure)
        {
            var failures = await db.DebitFailures.AsNoTracking().Where(f => f.ImportFileId == file.Id && f.InstallmentId != null)
                .OrderBy(f => f.SourceLine).ToListAsync(ct);
            var ids = failures.Select(f => f.InstallmentId!.Value).Distinct().ToList();
            var refs = await InstallmentFinder.ByIdsAsync(db, ids, ct);
            var ledgers = await ClaimLedgers.LoadAsync(db, ids, ct);
            var addressees = await NoticeAddressees.LoadAsync(db, refs.Values.Select(r => r.TaxpayerId).ToList(), asOf, ct);
            foreach (var f in failures)
            {
                var inst = refs[f.InstallmentId!.Value];
                var ledger = ledgers[inst.InstallmentId];
                var party = addressees.Party(inst.TaxpayerId);
                var status = ClaimStatus.Of(ledger, asOf);
                if (status.Kind == ClaimStatusKind.Paid) continue;
                if (status.Extinguished) { excluded.Add(new NoticeExclusion(inst.TaxpayerId, party.TaxpayerNo, inst, NoticeExclusionCodes.Ended, "徴収権が消滅しています。")); continue; }
                var to = addressees.Resolve(inst.TaxpayerId, inst.TaxKindCode);
                if (to is null || !to.To.HasAddress)
                {
                    excluded.Add(new NoticeExclusion(inst.TaxpayerId, party.TaxpayerNo, inst, to is null ? NoticeExclusionCodes.DeceasedNoHeir : NoticeExclusionCodes.NoAddress,
                        to is null ? "納税義務者が死亡しており、相続人代表者の届出がありません。" : "送付先の住所がありません。"));
                    continue;
                }
                ReissuedSlip slip;
                try { slip = ReissuedSlip.Compute(inst, ledger, asOf, settings.SlipValidDays, settings.StoreBillerCode, calendar, rates, fixedDeadline: deadline); }
                catch (DomainException e) { excluded.Add(new NoticeExclusion(inst.TaxpayerId, party.TaxpayerNo, inst, NoticeExclusionCodes.SlipRefused, e.Message)); continue; }
                var reason = ZenginResultCodeNames.IsDefined(f.ResultCode) ? ZenginResultCodeNames.ToDisplayName((ZenginResultCode)f.ResultCode) : "その他";
                letters.Add(new PlannedLetter(to, [new PlannedItem(inst, slip.Principal, slip.ReminderFee, slip.LateFee, slip.Deadline, slip.MatchKey, slip.Barcode, status.ReminderOn, false)],
                    LetterTexts.DebitFailure, new Dictionary<string, string> { ["振替日"] = JapaneseDate.Wareki(f.DebitDate), ["振替不能理由"] = reason }));
            }
        }
        else
        {
            var payments = await db.Payments.AsNoTracking()
                .Where(p => p.ImportFileId == file.Id && p.Channel == PaymentChannel.DirectDebit && p.Status == PaymentStatus.Booked && p.InstallmentId != null)
                .OrderBy(p => p.SourceLine).ToListAsync(ct);
            var paymentIds = payments.Select(p => p.Id).ToList();
            var split = (await db.JournalEntries.AsNoTracking().Where(j => j.PaymentId != null && EF.Parameter(paymentIds).Contains(j.PaymentId.Value))
                    .Select(j => new { PaymentId = j.PaymentId!.Value, j.Component, j.Amount }).ToListAsync(ct))
                .ToLookup(x => x.PaymentId);
            var refs = await InstallmentFinder.ByIdsAsync(db, payments.Select(p => p.InstallmentId!.Value).ToList(), ct);
            var addressees = await NoticeAddressees.LoadAsync(db, refs.Values.Select(r => r.TaxpayerId).ToList(), asOf, ct);
            foreach (var p in payments)
            {
                var inst = refs[p.InstallmentId!.Value];
                var to = addressees.Resolve(inst.TaxpayerId, inst.TaxKindCode);
                if (to is null || !to.To.HasAddress) continue; // a receipt notice only: nothing to chase
                long Paid(LedgerComponent c) => -split[p.Id].Where(x => x.Component == c).Sum(x => x.Amount);
                letters.Add(new PlannedLetter(to, [new PlannedItem(inst, Paid(LedgerComponent.Principal), Paid(LedgerComponent.ReminderFee), Paid(LedgerComponent.LateFee),
                    p.PaidOn, new MatchKey(inst.InstallmentId), null, null, false)],
                    LetterTexts.DebitDone, new Dictionary<string, string> { ["振替日"] = JapaneseDate.Wareki(p.PaidOn) }));
            }
        }
        return empty with { Letters = letters, Excluded = excluded };
    }

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
