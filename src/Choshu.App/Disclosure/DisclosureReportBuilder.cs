using System.Globalization;
using Choshu.App.Reconciliation;
using Choshu.App.Releases;
using Choshu.Data;
using Choshu.Data.Privacy;
using Choshu.Domain.Calendar;
using Choshu.Domain.Identifiers;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Domain.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Choshu.Domain.Labels;

namespace Choshu.App.Disclosure;

/// <summary>
/// Reads everything held on one taxpayer, table by table, into a <see cref="DisclosureReport"/>: the current
/// record and its history, tax agents, whether a My Number is held (masked), assessments and installments with
/// their amounts from the journal, every journal entry, payment, overpayment, direct-debit registration and
/// failure, delinquency cases, disclosure requests, the exports and transfers whose files held the person's
/// data, My Number deletions, and every audit record naming the person (who, when, from where, what, why).
/// </summary>
public static class DisclosureReportBuilder
{
    public static async Task<DisclosureReport> BuildAsync(ChoshuDbContext db, DisclosureRequest request, string producedBy, TimeProvider clock, CancellationToken ct = default)
    {
        var id = request.TaxpayerId;
        var t = await db.Taxpayers.AsNoTracking().SingleAsync(x => x.Id == id, ct);
        var sections = new List<ReportSection>();
        static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        static string N(long v) => v.ToString(CultureInfo.InvariantCulture);
        static string Jst(DateTime? utc) => utc is { } u
            ? new DateTimeOffset(DateTime.SpecifyKind(u, DateTimeKind.Utc)).ToOffset(JapanTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : "";

        sections.Add(new ReportSection("request", "請求の内容", ["請求番号", "種別", "受付日", "回答期限", "請求者", "本人との関係", "請求の内容"],
            [[N(request.Id), DisclosureNames.Kind(request.Kind), D(request.ReceivedOn), D(request.DueOn), request.RequesterName, request.RequesterRelation, request.Details]]));

        var f = t.Facts;
        sections.Add(new ReportSection("taxpayer", "宛名情報（現在）", ["項目", "内容"],
        [
            ["宛名番号", t.TaxpayerNo], ["団体内統合宛名番号", t.IntegratedNo ?? ""], ["法人番号", t.CorporateNumber ?? ""],
            ["人格区分", JapaneseLabels.Of(f.PersonKind)], ["氏名", f.NameKanji], ["氏名かな", f.NameKana],
            ["通称名", f.AliasKanji ?? ""], ["通称名かな", f.AliasKana ?? ""], ["生年月日", D(f.BirthDate)],
            ["性別", f.Sex switch { Sex.Male => "男", Sex.Female => "女", _ => "" }], ["世帯番号", f.HouseholdNo ?? ""],
            ["現存区分", JapaneseLabels.Of(f.ResidencyStatus)], ["郵便番号", f.PostalCode ?? ""], ["市区町村コード", f.MunicipalityCode ?? ""],
            ["住所", ArrearsList.Address(f.TownName, f.StreetNumber, f.AddressSupplement)],
            ["代表者", string.Join(" ", new[] { f.RepresentativeTitle, f.RepresentativeName }.Where(s => !string.IsNullOrEmpty(s)))],
            ["支所コード", f.BranchCode ?? ""], ["地区コード", f.DistrictCode ?? ""], ["郵便返却", f.MailReturned ? "あり" : "なし"],
            ["履歴連番", t.HistorySeq.ToString(CultureInfo.InvariantCulture)], ["適用日", D(t.EffectiveDate)],
        ]));

        var versions = (await db.TaxpayerVersions.AsNoTracking().Where(v => v.TaxpayerId == id).ToListAsync(ct)).OrderBy(v => v.HistorySeq).ToList();
        sections.Add(new ReportSection("history", "宛名情報の履歴", ["履歴連番", "適用日", "氏名", "氏名かな", "住所", "現存区分", "個人番号の変更", "変更元", "事由", "記録者", "記録日時"],
            versions.Select(v => (IReadOnlyList<string>)[
                v.HistorySeq.ToString(CultureInfo.InvariantCulture), D(v.EffectiveDate), v.Facts.NameKanji, v.Facts.NameKana,
                ArrearsList.Address(v.Facts.TownName, v.Facts.StreetNumber, v.Facts.AddressSupplement), JapaneseLabels.Of(v.Facts.ResidencyStatus),
                v.MyNumberChanged ? "あり" : "", JapaneseLabels.Of(v.Source), v.Reason ?? "", v.RecordedBy, Jst(v.RecordedAtUtc)]).ToList()));

        var myNumber = await db.TaxpayerMyNumbers.AsNoTracking().Where(m => m.TaxpayerId == id).Select(m => new { m.UpdatedAtUtc }).SingleOrDefaultAsync(ct);
        sections.Add(new ReportSection("my-number", "個人番号", ["保有", "表示", "登録・更新日時"],
            [myNumber is null ? ["なし", "", ""] : ["あり", MyNumber.MaskedForm, Jst(myNumber.UpdatedAtUtc)]]));

        var agents = await (from a in db.TaxAgents.AsNoTracking()
                            join p in db.Taxpayers on a.AgentTaxpayerId equals p.Id
                            join o in db.Taxpayers on a.TaxpayerId equals o.Id
                            where a.TaxpayerId == id || a.AgentTaxpayerId == id
                            select new { a.Id, a.TaxpayerId, Owner = o.TaxpayerNo, Agent = p.TaxpayerNo, AgentName = p.Facts.NameKanji, a.TaxKindCode, a.AgentKind, a.RegisteredOn, a.CancelledOn, a.Reason })
            .ToListAsync(ct);
        sections.Add(new ReportSection("agents", "納税管理人等", ["区分", "義務者宛名番号", "管理人宛名番号", "管理人氏名", "税目", "管理人種別", "登録日", "取消日", "事由"],
            agents.OrderBy(a => a.RegisteredOn).ThenBy(a => a.Id).Select(a => (IReadOnlyList<string>)[
                a.TaxpayerId == id ? "この方の管理人" : "この方が管理人（第三者の情報を含む）", a.Owner, a.Agent, a.AgentName, a.TaxKindCode ?? "全税目",
                a.AgentKind switch { 1 => "納税管理人", 2 => "送付先", 3 => "相続人代表者", _ => a.AgentKind.ToString(CultureInfo.InvariantCulture) },
                D(a.RegisteredOn), D(a.CancelledOn), a.Reason ?? ""]).ToList()));

        var kinds = await db.TaxKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, k => k.Name, ct);
        var assessments = (await db.Assessments.AsNoTracking().Where(a => a.TaxpayerId == id).Include(a => a.Installments).ToListAsync(ct))
            .OrderBy(a => a.FiscalYear).ThenBy(a => a.TaxKindCode, StringComparer.Ordinal).ThenBy(a => a.NoticeNo, StringComparer.Ordinal).ToList();
        var installments = assessments.SelectMany(a => a.Installments.Select(i => (Assessment: a, Installment: i)))
            .OrderBy(x => x.Assessment.FiscalYear).ThenBy(x => x.Assessment.TaxKindCode, StringComparer.Ordinal)
            .ThenBy(x => x.Assessment.NoticeNo, StringComparer.Ordinal).ThenBy(x => x.Installment.Period).ToList();
        var installmentIds = installments.Select(x => x.Installment.Id).ToList();
        var byInstallment = installments.ToDictionary(x => x.Installment.Id);
        string Label(long installmentId) => byInstallment.TryGetValue(installmentId, out var x)
            ? $"{kinds.GetValueOrDefault(x.Assessment.TaxKindCode, x.Assessment.TaxKindCode)} {x.Assessment.FiscalYear}年度 {x.Assessment.NoticeNo} 第{x.Installment.Period}期"
            : "";
        var journal = (await db.JournalEntries.AsNoTracking().Where(j => installmentIds.Contains(j.InstallmentId)).ToListAsync(ct)).OrderBy(j => j.Id).ToList();
        var journalOf = journal.ToLookup(j => j.InstallmentId);

        sections.Add(new ReportSection("assessments", "調定", ["税目", "調定年度", "相当年度", "通知書番号", "期別数", "本税額", "登録日時"],
            assessments.Select(a => (IReadOnlyList<string>)[
                kinds.GetValueOrDefault(a.TaxKindCode, a.TaxKindCode), a.FiscalYear.ToString(CultureInfo.InvariantCulture), a.LiabilityYear.ToString(CultureInfo.InvariantCulture),
                a.NoticeNo, a.Installments.Count.ToString(CultureInfo.InvariantCulture),
                N(a.Installments.Sum(i => Fold(i.DueDate, journalOf[i.Id]).Principal)), Jst(a.CreatedAtUtc)]).ToList()));

        sections.Add(new ReportSection("installments", "期別と金額", ["期別", "納期限", "本税額", "収納済額", "本税未納額", "督促手数料", "督促手数料未納額", "延滞金（確定）", "延滞金未納額"],
            installments.Select(x =>
            {
                var l = Fold(x.Installment.DueDate, journalOf[x.Installment.Id]);
                return (IReadOnlyList<string>)[Label(x.Installment.Id), D(x.Installment.DueDate), N(l.Principal), N(l.PrincipalPaid), N(l.PrincipalBalance),
                    N(l.ReminderFeeCharged), N(l.ReminderFeeBalance), N(l.LateFeeCharged), N(l.LateFeeBalance)];
            }).ToList()));

        sections.Add(new ReportSection("journal", "仕訳（収納・調定の記録）", ["番号", "期別", "種別", "内訳", "金額", "効力日", "記録日時", "記録者", "事由", "備考", "取消対象"],
            journal.Select(j => (IReadOnlyList<string>)[
                N(j.Id), Label(j.InstallmentId), JapaneseLabels.Of(j.Kind), JapaneseLabels.Of(j.Component), N(j.Amount), D(j.ValueDate),
                Jst(j.RecordedAtUtc), j.Actor, j.ReasonCode ?? "", j.Comment ?? "", j.ReversesEntryId is { } r ? N(r) : ""]).ToList()));

        // 期別の事績 (claim events: reminders, demand letters, pledges, seizures, stays, write-offs, withdrawals), every one held.
        var claimEvents = (await Claims.ClaimLedgers.EventsAsync(db, installmentIds, ct)).SelectMany(g => g).OrderBy(e => e.Id).ToList();
        sections.Add(new ReportSection("claim-events", "期別の事績（督促・催告・承認・差押・執行停止など）",
            ["番号", "期別", "種類", "日付", "終了日", "到達日", "送達方法", "事由・根拠", "取消・置換の対象", "理由", "記録者", "記録日時"],
            claimEvents.Select(e => (IReadOnlyList<string>)[
                N(e.Id), Label(e.InstallmentId), JapaneseLabels.Of(e.Kind), D(e.On), D(e.EndsOn), D(e.ArrivedOn),
                e.Delivery is { } dm ? JapaneseLabels.Of(dm) : "", GroundLabel(e), e.ReversesEventId is { } rv ? N(rv) : "", e.Reason ?? "",
                e.Actor, Jst(e.RecordedAtUtc)]).ToList()));

        var payments = (await db.Payments.AsNoTracking().Where(p => p.InstallmentId != null && installmentIds.Contains(p.InstallmentId.Value)).ToListAsync(ct))
            .OrderBy(p => p.PaidOn).ThenBy(p => p.Id).ToList();
        sections.Add(new ReportSection("payments", "収納", ["番号", "期別", "経路", "状態", "金額", "納付日", "収入日", "取扱店", "記録日時", "状態の変更", "理由"],
            payments.Select(p => (IReadOnlyList<string>)[
                N(p.Id), Label(p.InstallmentId!.Value), JapaneseLabels.Of(p.Channel), JapaneseLabels.Of(p.Status), N(p.Amount),
                D(p.PaidOn), D(p.ReceivedOn), p.SourceCode ?? "", Jst(p.RecordedAtUtc),
                p.StatusChangedAtUtc is null ? "" : $"{Jst(p.StatusChangedAtUtc)} {p.StatusChangedBy}", p.StatusReason ?? ""]).ToList()));

        var overpayments = (await db.Overpayments.AsNoTracking().Where(o => o.TaxpayerId == id).ToListAsync(ct)).OrderBy(o => o.Id).ToList();
        sections.Add(new ReportSection("overpayments", "過誤納", ["番号", "収納番号", "期別", "金額", "事由", "発生日", "取消日時"],
            overpayments.Select(o => (IReadOnlyList<string>)[
                N(o.Id), N(o.PaymentId), o.InstallmentId is { } i ? Label(i) : "", N(o.Amount), JapaneseLabels.Of(o.Reason), D(o.AroseOn), Jst(o.CancelledAtUtc)]).ToList()));

        var debits = (await db.DirectDebitAccounts.AsNoTracking().Where(d => d.TaxpayerId == id).ToListAsync(ct)).OrderBy(d => d.StartsOn).ThenBy(d => d.Id).ToList();
        sections.Add(new ReportSection("debit-accounts", "口座振替の登録", ["税目", "金融機関", "支店", "預金種目", "口座番号", "名義人カナ", "振替開始日", "変更・解約日"],
            debits.Select(d => (IReadOnlyList<string>)[
                kinds.GetValueOrDefault(d.TaxKindCode, d.TaxKindCode), d.BankCode, d.BranchCode,
                d.AccountType switch { 1 => "普通", 2 => "当座", _ => "その他" }, d.AccountNo, d.HolderKana, D(d.StartsOn), D(d.EndsOn)]).ToList()));

        var registrations = (await db.DirectDebitRegistrations.AsNoTracking().Where(r => r.TaxpayerId == id).ToListAsync(ct))
            .OrderBy(r => r.ReceivedOn).ThenBy(r => r.Id).ToList();
        sections.Add(new ReportSection("debit-registrations", "口座振替の申込・変更・廃止の受付",
            ["受付日", "区分", "受付の方法", "税目", "適用日", "開始期", "金融機関", "支店", "口座番号", "名義人カナ", "受付番号", "記録者"],
            registrations.Select(r => (IReadOnlyList<string>)[
                D(r.ReceivedOn), Choshu.Domain.DirectDebit.DebitRegistrationLabels.Of(r.Kind), Choshu.Domain.DirectDebit.DebitRegistrationLabels.Of(r.Source),
                r.TaxKindCode is { } k ? kinds.GetValueOrDefault(k, k) : "全税目", D(r.EffectiveOn),
                r.StartFiscalYear is { } y ? $"{y.ToString(CultureInfo.InvariantCulture)}年度 第{r.StartPeriod?.ToString(CultureInfo.InvariantCulture)}期" : "",
                r.BankCode ?? "", r.BranchCode ?? "", r.AccountNo ?? "", r.HolderKana ?? "", r.ReferenceNo ?? "", r.RecordedBy]).ToList()));

        var failures = (await db.DebitFailures.AsNoTracking().Where(x => x.InstallmentId != null && installmentIds.Contains(x.InstallmentId.Value)).ToListAsync(ct))
            .OrderBy(x => x.DebitDate).ThenBy(x => x.Id).ToList();
        sections.Add(new ReportSection("debit-failures", "口座振替の不能", ["期別", "振替日", "金額", "結果コード", "取扱店"],
            failures.Select(x => (IReadOnlyList<string>)[
                Label(x.InstallmentId!.Value), D(x.DebitDate), N(x.Amount), DisclosureNames.DebitResult(x.ResultCode), x.SourceCode ?? ""]).ToList()));

        var cases = await (from c in db.CollectionCases.AsNoTracking()
                           join a in db.StaffAccounts on c.OfficerAccountId equals a.Id into officers
                           from o in officers.DefaultIfEmpty()
                           where c.TaxpayerId == id
                           select new { c.Id, c.OpenedOn, c.ClosedOn, Officer = o == null ? null : o.StaffNo + " " + o.FullName, c.DemandRunHold, c.DemandRunHoldReason, c.UpdatedAtUtc, c.UpdatedBy })
            .ToListAsync(ct);
        sections.Add(new ReportSection("cases", "滞納整理事案", ["番号", "開始日", "終了日", "担当者", "一斉催告停止", "停止・解除の理由", "更新日時", "更新者"],
            cases.OrderBy(c => c.Id).Select(c => (IReadOnlyList<string>)[
                N(c.Id), D(c.OpenedOn), D(c.ClosedOn), c.Officer ?? "", c.DemandRunHold ? "停止中" : "", c.DemandRunHoldReason ?? "", Jst(c.UpdatedAtUtc), c.UpdatedBy]).ToList()));

        var requests = (await db.DisclosureRequests.AsNoTracking().Where(r => r.TaxpayerId == id).ToListAsync(ct)).OrderBy(r => r.Id).ToList();
        sections.Add(new ReportSection("disclosures", "開示等請求", ["番号", "種別", "受付日", "回答期限", "本人との関係", "回答日", "決定", "報告書作成日時"],
            requests.Select(r => (IReadOnlyList<string>)[
                N(r.Id), DisclosureNames.Kind(r.Kind), D(r.ReceivedOn), D(r.DueOn), r.RequesterRelation, D(r.AnsweredOn),
                r.Decision is { } d ? DisclosureNames.Decision(d) : "", Jst(r.ReportProducedAtUtc)]).ToList()));

        // Exports and transfers whose file held this person: a transfer of a tax kind and year holds everyone with
        // an assessment of it created before the transfer; an arrears list as of D everyone with principal unpaid
        // on an installment due before D, by the journal as it stood when the list was written.
        var releases = (await db.DataReleases.AsNoTracking().Where(r => r.Kind == DataReleaseKind.Transfer || r.Kind == DataReleaseKind.Export).ToListAsync(ct))
            .OrderBy(r => r.AtUtc).ThenBy(r => r.Id).ToList();
        var held = releases.Where(r => HeldPerson(r, assessments, installments.Select(x => x.Installment).ToList(), journalOf)).ToList();
        sections.Add(new ReportSection("releases", "出力・移転（この方の情報を含んだファイル）", ["番号", "区分", "日時", "受領者", "内容", "項目", "件数", "SHA-256", "操作者", "目的"],
            held.Select(r => (IReadOnlyList<string>)[
                N(r.Id), DataReleases.KindName(r.Kind), Jst(r.AtUtc), r.Recipient, r.Content, r.Items, r.RowCount.ToString(CultureInfo.InvariantCulture), r.Sha256, r.ActorName, r.Purpose ?? ""]).ToList()));

        var deletions = await (from x in db.DeletionTargets.AsNoTracking()
                               join r in db.DeletionRequests on x.DeletionRequestId equals r.Id
                               where x.TaxpayerId == id
                               select new { r.Id, r.Scope, r.Cutoff, r.Status, x.DeletedAtUtc })
            .ToListAsync(ct);
        sections.Add(new ReportSection("deletions", "削除の記録", ["申請番号", "範囲", "基準日", "申請の状態", "削除日時"],
            deletions.OrderBy(x => x.Id).Select(x => (IReadOnlyList<string>)[
                N(x.Id), x.Scope, D(x.Cutoff), Deletion.DeletionRequests.StatusName(x.Status), Jst(x.DeletedAtUtc)]).ToList()));

        var access = await (from e in db.AuditEvents.AsNoTracking()
                            join a in db.StaffAccounts on e.AccountId equals a.Id into accounts
                            from s in accounts.DefaultIfEmpty()
                            where e.TaxpayerId == id
                            orderby e.Id
                            select new { e.Id, e.OccurredAtJst, e.ActorName, FullName = s == null ? null : s.FullName, e.Terminal, e.Kind, e.Outcome, e.Purpose, e.Detail })
            .ToListAsync(ct);
        sections.Add(new ReportSection("access", "操作ログ（この方の情報へのアクセス）", ["番号", "日時（日本時間）", "操作者", "氏名", "端末", "操作", "結果", "利用目的", "内容"],
            access.Select(e => (IReadOnlyList<string>)[
                N(e.Id), e.OccurredAtJst, e.ActorName, e.FullName ?? "", e.Terminal, $"{(int)e.Kind} {JapaneseLabels.Of(e.Kind)}",
                e.Outcome switch { AuditOutcome.Succeeded => "成功", AuditOutcome.Denied => "拒否", _ => "失敗" }, e.Purpose ?? "", e.Detail ?? ""]).ToList()));

        return new DisclosureReport(request.Id, t.TaxpayerNo, JapanTime.Now(clock), producedBy, sections);
    }

    private static string GroundLabel(Domain.Claims.ClaimEvent e) =>
        e.DefermentKind is { } d ? JapaneseLabels.Of(d)
        : e.StayGround is { } st ? JapaneseLabels.Of(st)
        : e.WriteOffGround is { } w ? JapaneseLabels.Of(w)
        : e.AcknowledgementForm is { } f ? JapaneseLabels.Of(f)
        : "";

    private static InstallmentLedger Fold(DateOnly due, IEnumerable<Data.Ledger.JournalEntry> entries) =>
        InstallmentLedger.From(due, entries.Select(e => new LedgerLine(e.Id, e.Kind, e.Component, e.Amount, e.ValueDate, e.ReversesEntryId)));

    private static bool HeldPerson(DataRelease r, IReadOnlyList<Data.Assessments.Assessment> assessments, IReadOnlyList<Data.Assessments.Installment> installments,
        ILookup<long, Data.Ledger.JournalEntry> journalOf)
    {
        if (PaymentStatusTransfer.TryParseContent(r.Content, out var kind, out var year))
            return assessments.Any(a => a.TaxKindCode == kind && a.FiscalYear == year && a.CreatedAtUtc <= r.AtUtc);
        if (r.Content.StartsWith("arrears-list:", StringComparison.Ordinal)
            && DateOnly.TryParseExact(r.Content["arrears-list:".Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
            return installments.Any(i => i.DueDate < asOf
                && journalOf[i.Id].Where(j => j.Component == LedgerComponent.Principal && j.ValueDate <= asOf && j.RecordedAtUtc <= r.AtUtc).Sum(j => j.Amount) > 0);
        return false;
    }
}
