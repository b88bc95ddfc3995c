using System.Globalization;
using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.App.Stores;
using Choshu.Domain.Enforcement;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Cases;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Payments;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Web.Pages.Cases;

/// <summary>
/// 滞納者カルテ <c>/Cases/File/{handle}</c> (<see cref="Permission.ViewTaxpayer"/>; the handle a worklist gave in this session,
/// any other is 404): the case file of <see cref="CaseFiles.LoadAsync"/> (the read audited 2001), and the forms that change it —
/// 経過記録, 付箋, 注意対象者, 分納誓約 (over the claims ticked, each named by a handle of this session; then the pledge's page) — each demanding <see cref="Permission.UpdateCases"/> and then the officer-only policy (a refusal is
/// a 403 with its Japanese reason, audited).
/// </summary>
[RequirePermission(Permission.ViewTaxpayer)]
public sealed class FileModel(ChoshuDbContext db, Store store, TimeProvider clock, OpaqueIds ids) : PageModel
{
    public CaseFile Dossier { get; private set; } = null!;
    /// <summary>交付要求・滞納処分費・破産・公売・配当 of the case (the section <c>_Enforcement.cshtml</c>; read with the case file, under its audit record).</summary>
    public App.Enforcement.EnforcementSection? Enforcement { get; private set; }
    public string Handle { get; private set; } = "";
    public List<string> Errors { get; } = [];
    public string? Done { get; private set; }

    [BindProperty] public string? Method { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Counterpart { get; set; }
    [BindProperty] public string? NextAction { get; set; }
    [BindProperty] public string? NextActionOn { get; set; }
    [BindProperty] public string? Corrects { get; set; }
    [BindProperty] public string? Colour { get; set; }
    [BindProperty] public string? FlagText { get; set; }
    [BindProperty] public string? FlagUntil { get; set; }
    [BindProperty] public string? FlagId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public bool Clear { get; set; }
    [BindProperty] public string? PledgeMadeOn { get; set; }
    [BindProperty] public string? PledgeSchedule { get; set; }
    [BindProperty] public List<string> PledgeClaims { get; set; } = [];
    [BindProperty] public string? PledgeNote { get; set; }
    [BindProperty] public string? DiedOn { get; set; }
    [BindProperty] public string? Heirs { get; set; }
    [BindProperty] public string? Representative { get; set; }
    [BindProperty] public string? Person { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? NoticeNo { get; set; }
    [BindProperty] public string? Limit { get; set; }
    [BindProperty] public string? LiabilityReference { get; set; }

    [BindProperty] public string? SeizureKind { get; set; }
    [BindProperty] public string? SeizedOn { get; set; }
    [BindProperty] public string? SeizureAmount { get; set; }
    [BindProperty] public string? SeizureProperty { get; set; }
    [BindProperty] public string? ThirdParty { get; set; }
    [BindProperty] public string? ThirdPartyAddress { get; set; }
    [BindProperty] public string? Balance { get; set; }
    [BindProperty] public string? ProtectedAmount { get; set; }
    [BindProperty] public string? ProtectedNote { get; set; }
    [BindProperty] public string? EstimatedValue { get; set; }
    [BindProperty] public string? SeizureId { get; set; }
    [BindProperty] public string? SeizureDate { get; set; }
    [BindProperty] public string? RecoveryKey { get; set; }
    [BindProperty] public string? RecoveryAmount { get; set; }
    /// <summary>The inquiry answer a seizure starts from (「この預金を差し押さえる」): a hidden field of the seize form, stored as the seizure's <c>inquiry_answer_id</c>.</summary>
    [BindProperty] public string? InquiryAnswerId { get; set; }
    /// <summary>Set by <see cref="OnPostSeizeFromAnswerAsync"/>: the seize form's amount is then the balance, at most what the claims owe today.</summary>
    private long? prefillBalance;
    /// <summary>The case's seizures (差押), newest first.</summary>
    public IReadOnlyList<SeizureView> SeizureList { get; private set; } = [];
    [BindProperty] public string? InquiryTargetNo { get; set; }
    [BindProperty] public string? InquiryAbout { get; set; }
    [BindProperty] public string? InquiryNote { get; set; }
    [BindProperty] public string? InquiryId { get; set; }
    [BindProperty] public string? Asset { get; set; }
    [BindProperty] public string? AnsweredOn { get; set; }
    [BindProperty] public string? AnswerSource { get; set; }
    [BindProperty] public string? AsOf { get; set; }
    [BindProperty] public string? BankCode { get; set; }
    [BindProperty] public string? BranchCode { get; set; }
    [BindProperty] public string? AccountType { get; set; }
    [BindProperty] public string? AccountNo { get; set; }
    [BindProperty] public string? Holder { get; set; }
    [BindProperty] public string? Payer { get; set; }
    [BindProperty] public string? Gross { get; set; }
    [BindProperty] public string? Deductions { get; set; }
    [BindProperty] public string? PayDay { get; set; }
    [BindProperty] public string? PolicyNo { get; set; }
    [BindProperty] public string? SurrenderValue { get; set; }
    [BindProperty] public string? Location { get; set; }
    [BindProperty] public string? PropertyKind { get; set; }
    [BindProperty] public string? Area { get; set; }
    [BindProperty] public string? OwnerShare { get; set; }
    [BindProperty] public string? AnswerNote { get; set; }

    /// <summary>The directory of inquiry targets, for the 財産調査 form (loaded for a person who may update cases).</summary>
    public IReadOnlyList<InquiryTargetLine> Targets { get; private set; } = [];

    public bool MayUpdate => User.Has(Permission.UpdateCases);

    /// <summary>財産調査: records an inquiry from this case to a target (<see cref="Inquiries.RecordAsync"/>: officer-only, audited 3341).</summary>
    public Task<IActionResult> OnPostInquiryAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var target = long.TryParse(InquiryTargetNo, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t
            : throw new DomainException("inquiry.target_required", "照会先を選んでください。");
        var kind = Enum.TryParse<InquiryKind>(InquiryAbout, out var k) && Enum.IsDefined(k) ? k
            : throw new DomainException("inquiry.kind", "照会事項を選んでください。");
        var line = await new Inquiries(db, clock).RecordAsync(HttpContext.Actor(), id, target, k, InquiryNote, HttpContext.RequestAborted);
        InquiryTargetNo = InquiryAbout = InquiryNote = null;
        return $"照会 {line.Id}（{line.TargetName} {line.KindName}）を記録しました（未発送）。";
    });

    /// <summary>照会書 for one inquiry of this case (run key <c>inquiry-ID</c>: a second click re-prints, never sends twice).</summary>
    public Task<IActionResult> OnPostInquiryLetterAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var inquiry = await InquiryOfCaseAsync(id);
        var r = await new InquiryLetters(db, clock).IssueAsync(HttpContext.Actor(), new InquiryLetterRequest($"inquiry-{inquiry}", id, [inquiry]), null, HttpContext.RequestAborted);
        return r.Reprinted ? $"照会 {inquiry} の照会書は作成済みです（発行番号 {r.DocumentIds[0]}）。"
            : $"照会 {inquiry} の照会書（発行番号 {r.DocumentIds[0]}）を作成しました。発送日 {r.SentOn:yyyy-MM-dd}、回答期限 {r.DueOn:yyyy-MM-dd}。";
    });

    /// <summary>The PDF of the 照会書 of an inquiry sent by letter (a re-print of its run, audited 3342; nothing issued anew).</summary>
    public async Task<IActionResult> OnPostInquiryPdfAsync(string? handle)
    {
        if (!ids.TryUnprotect(CaseForms.CaseHandle, handle, User.SessionIdOf(), out long id)) return NotFound();
        var path = Path.Combine(Path.GetTempPath(), $"choshu-inquiry-{Guid.NewGuid():N}.pdf");
        try
        {
            await AccessControl.DemandAsync(db, HttpContext.Actor(), Permission.UpdateCases, clock, what: $"滞納整理事案 {id} の照会書", ct: HttpContext.RequestAborted);
            var inquiry = await new Inquiries(db, clock).FindAsync(await InquiryOfCaseAsync(id), HttpContext.RequestAborted);
            if (inquiry.RunKey is null || inquiry.SentBy != InquiryLetters.SentByLetter)
                throw new DomainException("inquiry.no_letter", $"照会 {inquiry.Id} の照会書はありません（未発送か、照会ファイルで発送しています）。");
            await new InquiryLetters(db, clock).IssueAsync(HttpContext.Actor(), new InquiryLetterRequest(inquiry.RunKey), path, HttpContext.RequestAborted);
            return File(await System.IO.File.ReadAllBytesAsync(path, HttpContext.RequestAborted), "application/pdf", $"inquiry-{inquiry.Id}.pdf");
        }
        catch (AccessDeniedException ex)
        {
            return CaseForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        finally
        {
            if (System.IO.File.Exists(path)) System.IO.File.Delete(path);
        }
        return await ShowAsync(handle);
    }

    /// <summary>One answer to an inquiry of this case (<see cref="Inquiries.AnswerAsync"/>: officer-only, audited 3343).</summary>
    public Task<IActionResult> OnPostInquiryAnswerAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var inquiry = await InquiryOfCaseAsync(id);
        var asset = Enum.TryParse<InquiryAssetKind>(Asset, out var a) && Enum.IsDefined(a) ? a
            : throw new DomainException("inquiry.asset_kind", "回答の種類を選んでください。");
        var entry = new InquiryAnswerEntry(asset, ParseDate(AnsweredOn, "回答日") ?? throw new DomainException("inquiry.answered_on", "回答日を入力してください。"), AnswerSource ?? "")
        {
            AsOf = ParseDate(AsOf, "基準日"), BankCode = BankCode, BranchCode = BranchCode,
            AccountType = string.IsNullOrWhiteSpace(AccountType) ? null : short.TryParse(AccountType, NumberStyles.None, CultureInfo.InvariantCulture, out var at) ? at
                : throw new DomainException("inquiry.account_type", "預金種目は 1（普通）、2（当座）、4（貯蓄）、9（その他）のいずれかを入力してください。"),
            AccountNo = AccountNo, Holder = Holder, Balance = Yen(Balance, "残高"), Payer = Payer, Gross = Yen(Gross, "支給額"), Deductions = Yen(Deductions, "控除額"),
            PayDay = string.IsNullOrWhiteSpace(PayDay) ? null : short.TryParse(PayDay, NumberStyles.None, CultureInfo.InvariantCulture, out var pd) ? pd
                : throw new DomainException("inquiry.pay_day", "支給日は1〜31の日で入力してください。"),
            PolicyNo = PolicyNo, SurrenderValue = Yen(SurrenderValue, "解約返戻金"), Location = Location, PropertyKind = PropertyKind, Area = Area, OwnerShare = OwnerShare,
            Note = AnswerNote,
        };
        var answer = await new Inquiries(db, clock).AnswerAsync(HttpContext.Actor(), inquiry, entry, HttpContext.RequestAborted);
        AccountNo = Balance = Holder = null;
        return $"照会 {inquiry} の回答 {answer} を記録しました。";
    });

    /// <summary>The inquiry named by the form, refused unless it is one of this case's.</summary>
    private async Task<long> InquiryOfCaseAsync(long caseId)
    {
        var inquiry = long.TryParse(InquiryId, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0;
        return await db.Inquiries.AsNoTracking().AnyAsync(x => x.Id == inquiry && x.CaseId == caseId, HttpContext.RequestAborted) ? inquiry
            : throw new DomainException("inquiry.not_found", "この事案の照会を選んでください。");
    }

    public Task<IActionResult> OnGetAsync(string? handle) => ShowAsync(handle);

    public Task<IActionResult> OnPostLogAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var method = Enum.TryParse<CaseLogMethod>(Method, out var m) && Enum.IsDefined(m) ? m
            : throw new DomainException("caselog.method", "方法を選んでください（来庁・電話・臨戸・文書・メール・その他）。");
        long? corrects = string.IsNullOrWhiteSpace(Corrects) ? null
            : long.TryParse(Corrects, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c
            : throw new DomainException("caselog.corrects", "訂正する経過記録の番号は数字で入力してください。");
        var next = ParseDate(NextActionOn, "次回予定日");
        var entry = await new CaseLogs(db, clock).RecordAsync(HttpContext.Actor(), id,
            new CaseLogInput(method, Text ?? "", Counterpart, NextAction, next, CorrectsEntryId: corrects), HttpContext.RequestAborted);
        Method = Text = Counterpart = NextAction = NextActionOn = Corrects = null;
        return $"経過記録 {entry.Id} を登録しました。";
    });

    public Task<IActionResult> OnPostFlagAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var colour = Enum.TryParse<FlagColour>(Colour, out var c) && Enum.IsDefined(c) ? c
            : throw new DomainException("case.flag_colour", "付箋の色を選んでください。");
        await new CaseUpdates(db, clock).AddFlagAsync(HttpContext.Actor(), id, colour, FlagText ?? "", ParseDate(FlagUntil, "付箋の期限"), HttpContext.RequestAborted);
        FlagText = FlagUntil = null;
        return "付箋を貼りました。";
    });

    public Task<IActionResult> OnPostUnflagAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var flag = long.TryParse(FlagId, NumberStyles.None, CultureInfo.InvariantCulture, out var f) ? f
            : throw new DomainException("case.flag_not_found", "外す付箋を選んでください。");
        await new CaseUpdates(db, clock).RemoveFlagAsync(HttpContext.Actor(), id, flag, Reason ?? "", HttpContext.RequestAborted);
        Reason = null;
        return "付箋を外しました。";
    });

    public Task<IActionResult> OnPostCautionAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        if (string.IsNullOrWhiteSpace(Reason)) throw new DomainException("case.reason_required", "注意対象者の設定・解除には理由を入力してください。");
        await new CaseUpdates(db, clock).SetCautionAsync(HttpContext.Actor(), id, !Clear, Reason ?? "", HttpContext.RequestAborted);
        Reason = null;
        return Clear ? "注意対象者を解除しました。" : "注意対象者に設定しました。";
    });

    /// <summary>
    /// 分納誓約 from the case file: the signing day, the schedule (<c>YYYY-MM-DD:金額</c> a line) and the claims ticked, as
    /// <c>choshu pledge add --claims</c> (<see cref="Choshu.App.Cases.Pledges.AddAsync"/>: the officer-only policy, audited 3240).
    /// Then the pledge's page, to print the 納付誓約書.
    /// </summary>
    public async Task<IActionResult> OnPostPledgeAsync(string? handle)
    {
        if (!ids.TryUnprotect(CaseForms.CaseHandle, handle, User.SessionIdOf(), out long id)) return NotFound();
        var session = User.SessionIdOf();
        try
        {
            await AccessControl.DemandAsync(db, HttpContext.Actor(), Permission.UpdateCases, clock, what: $"滞納整理事案 {id} の更新", ct: HttpContext.RequestAborted);
            var claims = new List<long>();
            foreach (var h in PledgeClaims)
                claims.Add(ids.TryUnprotect(CaseForms.ClaimHandle, h, session, out long claim) ? claim
                    : throw new DomainException("pledge.claim_handle", "対象の期別を選び直してください（画面を開き直してください）。"));
            if (claims.Count == 0) throw new DomainException("pledge.claims_required", "分納誓約の対象の期別を選んでください。");
            var made = ParseDate(PledgeMadeOn, "誓約日（署名日）") ?? throw new DomainException("pledge.made_on_required", "誓約日（署名日）を入力してください。");
            var schedule = PledgeRules.Parse([Notices.NoticeForms.Normalize(PledgeSchedule)]);
            var taxpayerNo = await (from c in db.CollectionCases.AsNoTracking()
                                    where c.Id == id
                                    join t in db.Taxpayers on c.TaxpayerId equals t.Id
                                    select t.TaxpayerNo).SingleAsync(HttpContext.RequestAborted);
            var v = await new Choshu.App.Cases.Pledges(db, clock).AddAsync(HttpContext.Actor(),
                new PledgeRequest(taxpayerNo, PledgeKind.InstallmentPledge, made, schedule, claims, PledgeNote), HttpContext.RequestAborted);
            return RedirectToPage("/Cases/Pledges/Pledge", new { handle = ids.Protect(Pledges.PledgePages.Handle, v.Id, session), recorded = 1 });
        }
        catch (AccessDeniedException ex)
        {
            return CaseForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        return await ShowAsync(handle);
    }

    /// <summary>A handle for a claim of the case file, in this session (the pledge form's checkboxes).</summary>
    public string ClaimHandleFor(long installmentId) => ids.Protect(CaseForms.ClaimHandle, installmentId, User.SessionIdOf());

    /// <summary>A handle for a pledge, in this session (links to its page).</summary>
    public string PledgeHandleFor(long pledgeId) => ids.Protect(Pledges.PledgePages.Handle, pledgeId, User.SessionIdOf());

    public Task<IActionResult> OnPostSuccessionAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var died = ParseDate(DiedOn, "死亡日") ?? throw new DomainException("liability.died_required", "死亡日を入力してください。");
        var no = await TaxpayerNoAsync(id);
        await new Liabilities(db, clock).RecordSuccessionAsync(HttpContext.Actor(),
            new SuccessionRequest(no, died, ParseHeirs(Heirs), Representative ?? "", LiabilityReference), HttpContext.RequestAborted);
        DiedOn = Heirs = Representative = null;
        return "承継を記録しました。";
    });

    public Task<IActionResult> OnPostRenounceAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var no = await TaxpayerNoAsync(id);
        await new Liabilities(db, clock).RenounceAsync(HttpContext.Actor(), no, Person ?? "", ParseHeirs(Heirs),
            string.IsNullOrWhiteSpace(Representative) ? null : Representative, LiabilityReference, HttpContext.RequestAborted);
        Person = Heirs = Representative = null;
        return "相続放棄を記録しました。";
    });

    public Task<IActionResult> OnPostLimitedAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        await new Liabilities(db, clock).RecordLimitedAcceptanceAsync(HttpContext.Actor(), await TaxpayerNoAsync(id), LiabilityReference, HttpContext.RequestAborted);
        return "限定承認を記録しました。";
    });

    public Task<IActionResult> OnPostLiabilityAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var no = await TaxpayerNoAsync(id);
        if (Kind == "second")
        {
            var limit = long.TryParse(Limit, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var l) ? l
                : throw new DomainException("liability.limit_required", "第二次納税義務には限度額（1円以上）を入力してください。");
            var r = await new SecondaryLiabilityNotices(db, clock).NotifyAsync(HttpContext.Actor(),
                new SecondaryLiabilityRequest(no, NoticeNo ?? "", null, null, Person ?? "", limit, LiabilityReference), null, HttpContext.RequestAborted);
            Person = NoticeNo = Limit = null;
            return $"第二次納税義務の納付通知書（発行番号 {r.DocumentId}）を発行しました。";
        }
        await new Liabilities(db, clock).AddJointAsync(HttpContext.Actor(), no, NoticeNo ?? "", null, null, Person ?? "", LiabilityReference, HttpContext.RequestAborted);
        Person = NoticeNo = null;
        return "連帯納税義務者を記録しました。";
    });

    // ---- 差押 (the enforcement section): each a case update through Seizures (the officer-only policy, audited 3360–3364) ----

    public Task<IActionResult> OnPostSeizeAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var kind = SeizureKinds.Parse(SeizureKind);
        var on = ParseDate(SeizedOn, "差押日") ?? throw new DomainException("seizure.date_required", "差押日を入力してください。");
        long? answerId = string.IsNullOrWhiteSpace(InquiryAnswerId) ? null : (await AnswerOfCaseAsync(id)).AnswerId;
        var request = new SeizureRequest(await TaxpayerNoAsync(id), kind, on, Yen(SeizureAmount, "差押金額") ?? 0, SeizureProperty ?? "", ThirdParty, ThirdPartyAddress,
            InquiryAnswerId: answerId,
            EstimatedValue: Yen(EstimatedValue, "見積価額"), Balance: Yen(Balance, "預金残高"), ProtectedAmount: Yen(ProtectedAmount, "差押禁止財産の額") ?? 0, ProtectedNote: ProtectedNote);
        var (s, _) = await new Seizures(db, clock).SeizeAsync(HttpContext.Actor(), request, null, HttpContext.RequestAborted);
        SeizureKind = SeizedOn = SeizureAmount = SeizureProperty = ThirdParty = ThirdPartyAddress = Balance = ProtectedAmount = ProtectedNote = EstimatedValue = InquiryAnswerId = null;
        return $"差押 {s.Id} を記録しました（{s.KindName} {s.Amount:#,0}円、差押調書 発行番号 {s.RecordDocumentId}"
            + (answerId is { } a ? $"、照会の回答 {a} の預金" : "") + "）。";
    });

    /// <summary>
    /// 「この預金を差し押さえる」 on a deposit answer of the case file: nothing is recorded; the seize form comes back filled from the answer
    /// (預貯金, today, the account as the property, the bank and branch with its address as the third-party debtor, the balance, and as the
    /// amount the balance but at most what the claims owe today), naming the answer, for the officer to check and submit.
    /// </summary>
    public async Task<IActionResult> OnPostSeizeFromAnswerAsync(string? handle)
    {
        if (!ids.TryUnprotect(CaseForms.CaseHandle, handle, User.SessionIdOf(), out long id)) return NotFound();
        try
        {
            await AccessControl.DemandAsync(db, HttpContext.Actor(), Permission.UpdateCases, clock, what: $"滞納整理事案 {id} の更新", ct: HttpContext.RequestAborted);
            var answer = await AnswerOfCaseAsync(id);
            if (answer.AssetKind != InquiryAssetKind.Deposit || answer.Balance is not > 0)
                throw new DomainException("seizure.answer_not_deposit", $"照会の回答 {answer.AnswerId} は残高のある預貯金の回答ではありません。");
            var target = await db.InquiryTargets.AsNoTracking().SingleAsync(t => t.Id == answer.TargetId, HttpContext.RequestAborted);
            SeizureKind = "deposit";
            SeizedOn = Choshu.Domain.Calendar.JapanTime.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            SeizureProperty = $"{Inquiries.AccountTypeName(answer.AccountType)}預金 口座番号 {answer.AccountNo}（口座名義 {answer.Holder}）";
            ThirdParty = string.IsNullOrWhiteSpace(target.BranchName) ? target.Name : $"{target.Name} {target.BranchName}";
            ThirdPartyAddress = target.Address;
            Balance = answer.Balance.Value.ToString("#,0", CultureInfo.InvariantCulture);
            InquiryAnswerId = answer.AnswerId.ToString(CultureInfo.InvariantCulture);
            prefillBalance = answer.Balance;
            Done = $"照会の回答 {answer.AnswerId}（{answer.TargetName} 残高 {answer.Balance:#,0}円）を差押の記録欄に入れました。差押金額を確かめて記録してください。";
        }
        catch (AccessDeniedException ex)
        {
            return CaseForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        return await ShowAsync(handle);
    }

    /// <summary>The inquiry answer named by the form, refused unless it answers one of this case's inquiries.</summary>
    private async Task<AnsweredAsset> AnswerOfCaseAsync(long caseId)
    {
        var answerId = long.TryParse(InquiryAnswerId, NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : 0;
        return await new InquiryAnswers(db).FindAsync(answerId, HttpContext.RequestAborted) is { } answer && answer.CaseId == caseId ? answer
            : throw new DomainException("seizure.answer_not_found", "この事案の照会の回答を選んでください。");
    }

    public Task<IActionResult> OnPostSeizureNoticeAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var s = await new Seizures(db, clock).SendNoticeAsync(HttpContext.Actor(), await SeizureOfAsync(id), RequiredDate(SeizureDate, "発送日"), null, HttpContext.RequestAborted);
        return $"差押 {s.Seizure.Id}: {Seizures.NoticeTitle(s.Seizure.Kind)}（発行番号 {s.Seizure.NoticeDocumentId}）を発行しました。";
    });

    public Task<IActionResult> OnPostSeizureArriveAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var s = await new Seizures(db, clock).ArriveAsync(HttpContext.Actor(), await SeizureOfAsync(id), RequiredDate(SeizureDate, "到達日"), HttpContext.RequestAborted);
        return $"差押 {s.Id}: 到達日 {s.ArrivedOn:yyyy-MM-dd} を記録しました（執行中）。";
    });

    public Task<IActionResult> OnPostSeizureReleaseAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var s = await new Seizures(db, clock).ReleaseAsync(HttpContext.Actor(), await SeizureOfAsync(id), RequiredDate(SeizureDate, "解除日"), Reason ?? "", null, HttpContext.RequestAborted);
        Reason = null;
        return $"差押 {s.Seizure.Id} を解除しました（差押解除通知書 発行番号 {s.Seizure.ReleaseDocumentId}）。";
    });

    public Task<IActionResult> OnPostSeizureRecoverAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var amount = Yen(RecoveryAmount, "取立額") ?? throw new DomainException("seizure.recovery_amount", "取立額を入力してください。");
        var r = await new Seizures(db, clock).RecoverAsync(store, HttpContext.Actor(), await SeizureOfAsync(id), RecoveryKey ?? "", RequiredDate(SeizureDate, "取立日"), amount,
            HttpContext.RequestAborted);
        RecoveryKey = RecoveryAmount = null;
        if (r.Duplicate) return $"取立の番号 {r.Key} は既に計上済みです。二重に計上していません。";
        return $"取立 {r.Amount:#,0}円を収納しました（{string.Join("、", r.Payments.Select(p => $"{p.Installment.Name} {p.Amount:#,0}円"))}）。"
            + (r.Ended ? $"差押 {r.SeizureId} は終了しました。" : "");
    });

    [BindProperty] public string? Which { get; set; }

    // 公売・不服申立て・破産・配当計算書 (issue 15 item 5): each a 滞納処分 change of the case (officer-only, audited 3404/3407/3408).
    [BindProperty] public string? SaleId { get; set; }
    [BindProperty] public string? SaleProperty { get; set; }
    [BindProperty] public string? SaleEstimate { get; set; }
    [BindProperty] public string? SaleNoticeOn { get; set; }
    [BindProperty] public string? SaleOn { get; set; }
    [BindProperty] public string? SaleDeposit { get; set; }
    [BindProperty] public string? SaleDate { get; set; }
    [BindProperty] public string? SaleBuyer { get; set; }
    [BindProperty] public string? SalePrice { get; set; }
    [BindProperty] public string? SaleDeadline { get; set; }
    [BindProperty] public string? AppealId { get; set; }
    [BindProperty] public string? AppealSubject { get; set; }
    [BindProperty] public string? AppealDate { get; set; }
    [BindProperty] public string? AppealOutcome { get; set; }
    [BindProperty] public string? InsolvencyId { get; set; }
    [BindProperty] public string? InsolvencyProcedure { get; set; }
    [BindProperty] public string? InsolvencyDate { get; set; }
    [BindProperty] public string? InsolvencyCourt { get; set; }
    [BindProperty] public string? StatementSent { get; set; }
    /// <summary>The other parties of a 配当計算書, one a line: 「租税:債権者:内容:金額:法定納期限等:交付要求の受付日」, 「担保権:債権者:内容:金額:設定登記日」, 「一般:債権者:金額」.</summary>
    [BindProperty] public string? StatementParties { get; set; }

    public Task<IActionResult> OnPostSaleRecordAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var estimate = Yen(SaleEstimate, "見積価額") ?? throw new DomainException("form.yen", "見積価額を入力してください。");
        var v = await new App.Enforcement.PublicSales(db, clock).RecordAsync(HttpContext.Actor(), await TaxpayerNoAsync(id), SaleProperty ?? "", estimate,
            long.TryParse(SeizureId, NumberStyles.None, CultureInfo.InvariantCulture, out var sz) ? sz : null, HttpContext.RequestAborted);
        SaleProperty = SaleEstimate = null;
        return $"公売 {v.Id}: {v.Property} 見積価額 {v.EstimatedPrice:#,0}円を記録しました。";
    });

    public Task<IActionResult> OnPostSaleNoticeAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var v = await new App.Enforcement.PublicSales(db, clock).NoticeAsync(HttpContext.Actor(), await SaleOfAsync(id), RequiredDate(SaleNoticeOn, "公告の日"),
            RequiredDate(SaleOn, "公売の日"), Yen(SaleDeposit, "公売保証金") ?? 0, HttpContext.RequestAborted);
        return $"公売 {v.Id}: 公告 {v.NoticeOn:yyyy-MM-dd}、公売の日 {v.SaleOn:yyyy-MM-dd} を記録しました。";
    });

    public Task<IActionResult> OnPostSaleDecideAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var price = Yen(SalePrice, "売却価額") ?? throw new DomainException("form.yen", "売却価額を入力してください。");
        var v = await new App.Enforcement.PublicSales(db, clock).DecideAsync(HttpContext.Actor(), await SaleOfAsync(id), RequiredDate(SaleDate, "売却決定の日"),
            SaleBuyer ?? "", price, RequiredDate(SaleDeadline, "代金納付期限"), HttpContext.RequestAborted);
        return $"公売 {v.Id}: 売却決定（買受人 {v.Buyer}、{v.Price:#,0}円、納付期限 {v.PaymentDeadline:yyyy-MM-dd}）を記録しました。";
    });

    public Task<IActionResult> OnPostSalePaidAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var v = await new App.Enforcement.PublicSales(db, clock).PaidAsync(HttpContext.Actor(), await SaleOfAsync(id), RequiredDate(SaleDate, "代金納付日"), HttpContext.RequestAborted);
        return $"公売 {v.Id}: 代金納付 {v.PaidOn:yyyy-MM-dd} を記録しました。";
    });

    public Task<IActionResult> OnPostSaleRegistrationAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var v = await new App.Enforcement.PublicSales(db, clock).RegistrationAsync(HttpContext.Actor(), await SaleOfAsync(id), RequiredDate(SaleDate, "嘱託日"),
            HttpContext.RequestAborted);
        return $"公売 {v.Id}: 権利移転登記の嘱託 {v.RegistrationRequestedOn:yyyy-MM-dd} を記録しました。";
    });

    public Task<IActionResult> OnPostAppealFileAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        long? sale = string.IsNullOrWhiteSpace(SaleId) ? null : await SaleOfAsync(id);
        var a = await new App.Enforcement.PublicSales(db, clock).AppealAsync(HttpContext.Actor(), await TaxpayerNoAsync(id), sale, AppealSubject ?? "",
            RequiredDate(AppealDate, "申立ての日"), HttpContext.RequestAborted);
        AppealSubject = null;
        return $"不服申立て {a.Id}（{a.Subject}）を記録しました。審理中は売却決定できません。";
    });

    public Task<IActionResult> OnPostAppealDecideAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var appeal = long.TryParse(AppealId, NumberStyles.None, CultureInfo.InvariantCulture, out var aid)
            && await db.EnforcementAppeals.AsNoTracking().AnyAsync(x => x.Id == aid && x.CaseId == id, HttpContext.RequestAborted)
            ? aid : throw new DomainException("enforcement.appeal_not_found", "この事案の不服申立てを選んでください。");
        var a = await new App.Enforcement.PublicSales(db, clock).AppealDecidedAsync(HttpContext.Actor(), appeal, RequiredDate(AppealDate, "裁決・決定の日"),
            AppealOutcome ?? "", HttpContext.RequestAborted);
        AppealOutcome = null;
        return $"不服申立て {a.Id}: {a.DecidedOn:yyyy-MM-dd} {a.Outcome} を記録しました。";
    });

    public Task<IActionResult> OnPostInsolvencyAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var kind = InsolvencyProcedure switch
        {
            "bankruptcy" => Domain.Enforcement.InsolvencyKind.Bankruptcy,
            "rehabilitation" => Domain.Enforcement.InsolvencyKind.Rehabilitation,
            "reorganization" => Domain.Enforcement.InsolvencyKind.Reorganization,
            _ => throw new DomainException("enforcement.insolvency_kind", "手続の種類（破産・民事再生・会社更生）を選んでください。"),
        };
        var i = await new App.Enforcement.EnforcementRecords(db, clock).RecordInsolvencyAsync(HttpContext.Actor(), await TaxpayerNoAsync(id), kind,
            RequiredDate(InsolvencyDate, "開始決定の日"), InsolvencyCourt, null, null, HttpContext.RequestAborted);
        return $"{i.KindName} {i.Id}: 開始決定 {i.DecisionOn:yyyy-MM-dd} を記録しました（期別 {i.Claims.Count} 件を区分）。";
    });

    public Task<IActionResult> OnPostInsolvencyDischargeAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var i = await new App.Enforcement.EnforcementRecords(db, clock).DischargeAsync(HttpContext.Actor(), await InsolvencyOfAsync(id),
            RequiredDate(InsolvencyDate, "免責の日"), HttpContext.RequestAborted);
        return $"{i.KindName} {i.Id}: 免責 {i.DischargedOn:yyyy-MM-dd} を記録しました（租税は免責されません）。";
    });

    public Task<IActionResult> OnPostInsolvencyDissolveAsync(string? handle) => ChangeAsync(handle, async id =>
    {
        var i = await new App.Enforcement.EnforcementRecords(db, clock).DissolveAsync(HttpContext.Actor(), await InsolvencyOfAsync(id),
            RequiredDate(InsolvencyDate, "解散の日"), HttpContext.RequestAborted);
        return $"{i.KindName} {i.Id}: 法人の解散 {i.DissolvedOn:yyyy-MM-dd} を記録しました（期別は即時消滅）。";
    });

    /// <summary>配当計算書: computed, recorded and issued (audited 3408, 4001), and returned as its PDF; bad input shows the page with the message.</summary>
    public async Task<IActionResult> OnPostStatementAsync(string? handle)
    {
        if (!ids.TryUnprotect(CaseForms.CaseHandle, handle, User.SessionIdOf(), out long id)) return NotFound();
        var dir = Path.Combine(Path.GetTempPath(), $"choshu-statement-{Guid.NewGuid():N}");
        try
        {
            await AccessControl.DemandAsync(db, HttpContext.Actor(), Permission.UpdateCases, clock, what: $"滞納整理事案 {id} の配当計算書", ct: HttpContext.RequestAborted);
            var (taxes, securities, unsecured) = StatementPartiesOf(StatementParties);
            var (v, path) = await new App.Enforcement.PublicSales(db, clock).StatementAsync(HttpContext.Actor(),
                new App.Enforcement.DistributionStatementRequest(await SaleOfAsync(id), RequiredDate(StatementSent, "発送日"), taxes, securities, unsecured), dir,
                HttpContext.RequestAborted);
            return File(await System.IO.File.ReadAllBytesAsync(path!, HttpContext.RequestAborted), "application/pdf", $"distribution-statement-{v.DocumentId}.pdf");
        }
        catch (AccessDeniedException ex)
        {
            return CaseForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        return await ShowAsync(handle);
    }

    private static (List<DistributionTax>, List<DistributionSecurity>, List<(string, long)>) StatementPartiesOf(string? text)
    {
        var taxes = new List<DistributionTax>();
        var securities = new List<DistributionSecurity>();
        var unsecured = new List<(string, long)>();
        var n = 0;
        foreach (var raw in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            n++;
            var f = Notices.NoticeForms.Normalize(raw).Split(':', StringSplitOptions.TrimEntries);
            string Bad(string example) => $"他の債権者 {n} 行目「{raw}」は {example} の形式で入力してください。";
            switch (f[0])
            {
                case "租税" when f.Length == 6:
                    taxes.Add(new DistributionTax(f[1], f[2], Yen(f[3], $"{n} 行目の金額") ?? 0, RequiredDate(f[4], $"{n} 行目の法定納期限等"),
                        DistributionTaxStanding.ClaimForDistribution, RequiredDate(f[5], $"{n} 行目の交付要求の受付日")));
                    break;
                case "担保権" when f.Length == 5:
                    securities.Add(new DistributionSecurity(f[1], f[2], Yen(f[3], $"{n} 行目の金額") ?? 0, RequiredDate(f[4], $"{n} 行目の設定登記日")));
                    break;
                case "一般" when f.Length == 3:
                    unsecured.Add((f[1], Yen(f[2], $"{n} 行目の金額") ?? 0));
                    break;
                default:
                    throw new DomainException("distribution.party_format",
                        Bad("「租税:債権者:内容:金額:法定納期限等:受付日」「担保権:債権者:内容:金額:設定登記日」「一般:債権者:金額」のいずれか"));
            }
        }
        return (taxes, securities, unsecured);
    }

    private async Task<long> SaleOfAsync(long caseId)
    {
        if (!long.TryParse(SaleId, NumberStyles.None, CultureInfo.InvariantCulture, out var sid)
            || !await db.PublicSales.AsNoTracking().AnyAsync(s => s.Id == sid && s.CaseId == caseId, HttpContext.RequestAborted))
            throw new DomainException("enforcement.sale_not_found", "この事案の公売を選んでください。");
        return sid;
    }

    private async Task<long> InsolvencyOfAsync(long caseId)
    {
        if (!long.TryParse(InsolvencyId, NumberStyles.None, CultureInfo.InvariantCulture, out var iid)
            || !await db.Insolvencies.AsNoTracking().AnyAsync(s => s.Id == iid && s.CaseId == caseId, HttpContext.RequestAborted))
            throw new DomainException("enforcement.insolvency_not_found", "この事案の破産・再生の記録を選んでください。");
        return iid;
    }

    /// <summary>The PDF of a seizure's 差押調書 / 債権差押通知書 / 差押解除通知書 as issued (drawn again from its stored data; audited 4001). 閲覧 suffices.</summary>
    public async Task<IActionResult> OnPostSeizurePdfAsync(string? handle)
    {
        if (!ids.TryUnprotect(CaseForms.CaseHandle, handle, User.SessionIdOf(), out long id)) return NotFound();
        try
        {
            var seizures = new Seizures(db, clock);
            var v = await seizures.GetAsync(await SeizureOfAsync(id), HttpContext.RequestAborted);
            var w = Which is "record" or "notice" or "release" ? Which : "notice";
            var docId = (w == "record" ? v.RecordDocumentId : w == "notice" ? v.NoticeDocumentId : v.ReleaseDocumentId)
                ?? throw new DomainException("seizure.no_document", $"差押 {v.Id} のこの帳票はまだ発行されていません。");
            var letter = await seizures.DrawAsync(v.Id, w, HttpContext.RequestAborted);
            await AuditLog.AppendAsync(db, HttpContext.Actor(), new AuditRecord(AuditEventKind.FormPrinted, TaxpayerId: v.TaxpayerId,
                Detail: $"{letter.Title} 発行番号 {docId} の表示（差押 {v.Id}）"), clock, HttpContext.RequestAborted);
            using var ms = new MemoryStream();
            Seizures.Render(ms, letter);
            return File(ms.ToArray(), "application/pdf", $"seizure-{w}-{docId}.pdf");
        }
        catch (AccessDeniedException ex)
        {
            return CaseForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        return await ShowAsync(handle);
    }

    private async Task<long> SeizureOfAsync(long caseId)
    {
        if (!long.TryParse(SeizureId, NumberStyles.None, CultureInfo.InvariantCulture, out var sid)
            || !await db.Seizures.AsNoTracking().AnyAsync(s => s.Id == sid && s.CaseId == caseId, HttpContext.RequestAborted))
            throw new DomainException("seizure.not_found", "この事案の差押を選んでください。");
        return sid;
    }

    private static DateOnly RequiredDate(string? text, string field) =>
        ParseDate(text, field) ?? throw new DomainException("form.date", $"{field}を入力してください。");

    private static long? Yen(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return long.TryParse(Notices.NoticeForms.Normalize(text).Replace(",", "", StringComparison.Ordinal).Replace("円", "", StringComparison.Ordinal).Trim(),
            NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new DomainException("form.yen", $"{field}は円単位の整数で入力してください。");
    }

    private async Task<string> TaxpayerNoAsync(long caseId) =>
        await (from c in db.CollectionCases join t in db.Taxpayers on c.TaxpayerId equals t.Id where c.Id == caseId select t.TaxpayerNo)
            .SingleAsync(HttpContext.RequestAborted);

    private static List<HeirEntry> ParseHeirs(string? text)
    {
        var list = new List<HeirEntry>();
        foreach (var raw in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var i = raw.LastIndexOf(':');
            if (i <= 0) throw new DomainException("liability.heir_format", $"「{raw}」は 宛名番号:相続分（例 100002:1/2）の形式で入力してください。");
            list.Add(new HeirEntry(raw[..i].Trim(), Share.Parse(raw[(i + 1)..])));
        }
        return list.Count > 0 ? list : throw new DomainException("liability.no_heir", "相続分のある相続人を1人以上入力してください。");
    }

    /// <summary>A handle for a case, in this session (for links from the lists).</summary>
    public static string HandleFor(OpaqueIds ids, long caseId, long sessionId) => ids.Protect(CaseForms.CaseHandle, caseId, sessionId);

    private async Task<IActionResult> ChangeAsync(string? handle, Func<long, Task<string>> change)
    {
        if (!ids.TryUnprotect(CaseForms.CaseHandle, handle, User.SessionIdOf(), out long id)) return NotFound();
        try
        {
            // The right to change a case at all first (収納担当 is refused here, audited), then the form, then the officer-only rule.
            await AccessControl.DemandAsync(db, HttpContext.Actor(), Permission.UpdateCases, clock, what: $"滞納整理事案 {id} の更新", ct: HttpContext.RequestAborted);
            Done = await change(id);
        }
        catch (AccessDeniedException ex)
        {
            return CaseForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        return await ShowAsync(handle);
    }

    private async Task<IActionResult> ShowAsync(string? handle)
    {
        if (!ids.TryUnprotect(CaseForms.CaseHandle, handle, User.SessionIdOf(), out long id)) return NotFound();
        Handle = handle!;
        try
        {
            Dossier = await new CaseFiles(db, clock).LoadAsync(HttpContext.Actor(), id, HttpContext.RequestAborted);
            Enforcement = await new App.Enforcement.EnforcementRecords(db, clock).SectionAsync(id, HttpContext.RequestAborted);
            SeizureList = await new Seizures(db, clock).ForCaseAsync(id, HttpContext.RequestAborted);
            if (MayUpdate) Targets = await new Inquiries(db, clock).TargetsAsync(null, HttpContext.RequestAborted);
            if (prefillBalance is { } balance)
                SeizureAmount = Math.Min(balance, Math.Max(0, Dossier.Total.Total)).ToString("#,0", CultureInfo.InvariantCulture);
        }
        catch (AccessDeniedException ex)
        {
            return CaseForms.Forbidden(this, ex);
        }
        return Page();
    }

    private static DateOnly? ParseDate(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var d = PaymentForms.ParseDate(text, field, out var error);
        return error is null ? d : throw new DomainException("form.date", error);
    }
}
