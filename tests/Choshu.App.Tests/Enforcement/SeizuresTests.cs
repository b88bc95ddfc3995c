using Choshu.App.Cases;
using Choshu.App.Claims;
using Choshu.App.Reconciliation;
using Choshu.App.Tests.Cases;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Claims;
using Choshu.Domain.Enforcement;
using Choshu.Domain.Reconciliation;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Enforcement;

/// <summary>
/// 差押 (<see cref="Seizures"/>) on both stores. Today is 2026-11-26 (JST). Every claim falls due 2026-10-31 and its reminder is
/// dispatched 2026-11-05, so it is seizable from 2026-11-16 (10 days counted from the dispatch, then the next day) and its lapse
/// day without a seizure is 2031-11-16 (a new period from 2026-11-16). The late fee to today is under 1,000 yen, so 0: the amounts
/// are principal only. Deposit: balance 120,000, of which 50,000 is 児童手当 → at most 70,000 may be seized; the 80,000 asked is
/// reduced to 70,000. Recovery of 70,000 on 2026-11-25: period 1 (60,000) paid in full, period 2 10,000 of 40,000 (30,000 left);
/// the seized amount is exhausted, the seizure ends on 2026-11-25 and period 2's limitation starts again on 2026-11-26 (lapse day 2031-11-26).
/// </summary>
public sealed class SeizuresTests(CaseStaffStores stores) : IClassFixture<CaseStaffStores>
{
    public static TheoryData<StoreProvider> Providers => CaseStaffStores.Providers;

    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static int _next;

    /// <summary>A taxpayer with claims due 2026-10-31 (reminded 2026-11-05) and a case whose officer is 200001.</summary>
    private async Task<(long Id, string No, long[] Installments, string NoticeNo)> DebtorAsync(ChoshuDbContext db, params long[] principals)
    {
        var n = Interlocked.Increment(ref _next);
        var no = $"21500{n:D5}";
        var id = await LedgerSeed.TaxpayerAsync(db, no, "差押 太郎");
        var t = await db.Taxpayers.SingleAsync(x => x.Id == id);
        t.Facts = t.Facts with { PostalCode = "8920816", TownName = "鹿児島県鹿児島市山下町", StreetNumber = $"{n}番1号" };
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var notice = $"S{no}";
        var insts = await LedgerSeed.AssessmentAsync(db, id, "01", 2026, notice,
            principals.Select((p, i) => new LedgerSeed.Inst((short)(i + 1), D(2026, 10, 31), p)).ToArray());
        var cases = new CaseUpdates(db, Today);
        var c = await cases.OpenAsync(stores.Approver, no);
        await cases.AssignAsync(stores.Approver, c.Id, "200001");
        var events = new ClaimEvents(db, Today);
        foreach (var i in insts) await events.RecordAsync(stores.Officer, i, new ClaimEventRequest(ClaimEventKind.ReminderDispatched, D(2026, 11, 5)));
        return (id, no, insts, notice);
    }

    private static async Task<DateOnly?> LapseAsync(ChoshuDbContext db, long installmentId) =>
        (await ClaimLedgers.LoadAsync(db, [installmentId]))[installmentId].ClaimLapsesOn;

    private static SeizureRequest Deposit(string no, DateOnly on, long amount, long? balance = null, long protectedAmount = 0) =>
        new(no, SeizureKind.Deposit, on, amount, "普通預金 口座番号 1234567", "鹿児島銀行 本店", "鹿児島市金生町6番6号",
            Balance: balance, ProtectedAmount: protectedAmount, ProtectedNote: protectedAmount > 0 ? "児童手当（2026-10-10 入金）" : null);

    [Theory, MemberData(nameof(Providers))]
    public async Task Deposit_Seize_Notice_Arrive_Recover_BookedToTheYen_SeizureEnds_LimitationRenewed_ExactlyOnce(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var debtor = await DebtorAsync(db, 60_000, 40_000);
        var seizures = new Seizures(db, Today);

        // Before the seizable-from day: refused, naming the claim and the day.
        var early = await Assert.ThrowsAsync<DomainException>(() => seizures.SeizeAsync(stores.Officer, Deposit(debtor.No, D(2026, 11, 15), 10_000), null));
        Assert.Contains("2026-11-16", early.Message);
        Assert.Contains($"通知書番号 {debtor.NoticeNo} 第1期", early.Message);
        Assert.Equal("claim_event.seizure_too_early", early.Code);
        Assert.EndsWith("差押ができるのは督促状の発付から10日を経過した日の翌日 2026-11-16 以後です（地方税法331条1項ほか）。", early.Message);
        // Beyond what the claims need (48条): 100,001 > 60,000 + 40,000.
        var beyond = await Assert.ThrowsAsync<DomainException>(() => seizures.SeizeAsync(stores.Officer, Deposit(debtor.No, D(2026, 11, 20), 100_001), null));
        Assert.Equal("seizure.exceeds_claims", beyond.Code);
        Assert.Contains("100,000円", beyond.Message);
        Assert.Contains("48条", beyond.Message);
        // An inquiry answer that is not this taxpayer's is refused.
        var unknown = await Assert.ThrowsAsync<DomainException>(() => seizures.SeizeAsync(stores.Officer, Deposit(debtor.No, D(2026, 11, 20), 10_000) with { InquiryAnswerId = 999_999_999 }, null));
        Assert.Equal("seizure.answer_not_found", unknown.Code);
        Assert.Contains("照会の回答 999999999", unknown.Message);
        // A colleague who is not the officer in charge is refused.
        await Assert.ThrowsAsync<App.Security.AccessDeniedException>(() => seizures.SeizeAsync(stores.Colleague, Deposit(debtor.No, D(2026, 11, 20), 10_000), null));

        // 80,000 asked of a balance of 120,000 with 50,000 of 児童手当: 70,000 seized.
        var dir = Path.Combine(Path.GetTempPath(), $"choshu-seizure-{Guid.NewGuid():N}");
        var (s, recordPath) = await seizures.SeizeAsync(stores.Officer, Deposit(debtor.No, D(2026, 11, 20), 80_000, 120_000, 50_000), dir);
        Assert.Equal((SeizureState.Recorded, 70_000L, 50_000L, 100_000L, (long?)null), (s.State, s.Amount, s.ProtectedAmount, s.ClaimsTotal, s.InquiryAnswerId));
        Assert.Equal([60_000L, 40_000L], s.Claims.Select(c => c.Total));
        Assert.Contains("差押調書", Poppler.Text(await File.ReadAllBytesAsync(recordPath!)));
        // docs/forms/seizure-record.png is drawn from this PDF (set CHOSHU_FORM_SAMPLES to a directory to keep it).
        if (Environment.GetEnvironmentVariable("CHOSHU_FORM_SAMPLES") is { Length: > 0 } samples && provider == StoreProvider.Postgres)
            File.Copy(recordPath!, Path.Combine(samples, "seizure-record.pdf"), overwrite: true);

        var (sent, noticePath) = await seizures.SendNoticeAsync(stores.Officer, s.Id, D(2026, 11, 20), dir);
        var text = Poppler.Text(await File.ReadAllBytesAsync(noticePath!));
        Assert.Contains("債権差押通知書", text);
        Assert.Contains("鹿児島銀行 本店", text);
        Assert.Contains("児童手当", text);
        Assert.Contains("70,000", text);
        // Addressed to the bank (御中), the delinquent named with the 宛名番号 in the body only, not in the address block ("様 分").
        Assert.Contains("鹿児島銀行 本店 御中", text);
        Assert.DoesNotContain("様 分", text);
        Assert.Equal(1, text.Split($"宛名番号 {debtor.No}").Length - 1);
        Assert.Contains($"（宛名番号 {debtor.No}、", text);
        Assert.Equal(D(2026, 11, 20), sent.SentOn);

        Assert.Equal(D(2031, 11, 16), await LapseAsync(db, debtor.Installments[1]));
        var arrived = await seizures.ArriveAsync(stores.Officer, s.Id, D(2026, 11, 24));
        Assert.Equal(SeizureState.InForce, arrived.State);
        Assert.All(arrived.Claims, c => Assert.NotNull(c.EventId));
        // While the seizure is pending the limitation cannot complete.
        Assert.Null(await LapseAsync(db, debtor.Installments[1]));

        var store = stores[provider].Store;
        var r = await seizures.RecoverAsync(store, stores.Officer, s.Id, "R-0001", D(2026, 11, 25), 70_000);
        Assert.False(r.Duplicate);
        Assert.Equal([(debtor.Installments[0], 60_000L, 0L), (debtor.Installments[1], 10_000L, 0L)],
            r.Payments.Select(p => (p.Installment.InstallmentId, p.Amount, p.Overpaid)));
        Assert.True(r.Ended);
        db.ChangeTracker.Clear();
        var payments = await db.Payments.AsNoTracking().Where(p => debtor.Installments.Contains(p.InstallmentId!.Value)).ToListAsync();
        Assert.Equal([(PaymentChannel.Seizure, 60_000L), (PaymentChannel.Seizure, 10_000L)], payments.OrderBy(p => p.Id).Select(p => (p.Channel, p.Amount)));
        var ledgers = await ClaimLedgers.LoadAsync(db, debtor.Installments);
        Assert.Equal((0L, 30_000L), (ledgers[debtor.Installments[0]].PrincipalBalance, ledgers[debtor.Installments[1]].PrincipalBalance));
        // Ended on 2026-11-25: a new period from 2026-11-26.
        Assert.Equal(D(2031, 11, 26), await LapseAsync(db, debtor.Installments[1]));

        // The same key again books nothing.
        var again = await seizures.RecoverAsync(store, stores.Officer, s.Id, "R-0001", D(2026, 11, 25), 70_000);
        Assert.True(again.Duplicate);
        Assert.Empty(again.Payments);
        Assert.Equal(2, await db.Payments.AsNoTracking().CountAsync(p => debtor.Installments.Contains(p.InstallmentId!.Value)));

        var ended = await seizures.GetAsync(s.Id);
        Assert.Equal((SeizureState.Ended, 70_000L, (DateOnly?)D(2026, 11, 25)), (ended.State, ended.Collected, ended.EndedOn));
        Assert.All(ended.Claims, c => Assert.NotNull(c.EndEventId));
        var kinds = await db.AuditEvents.AsNoTracking().Where(a => a.TaxpayerId == debtor.Id).Select(a => (int)a.Kind).ToListAsync();
        Assert.Superset(new HashSet<int> { 3360, 3361, 3363, 3364, 4001 }, kinds.ToHashSet());
        Directory.Delete(dir, true);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task HardshipStay_MarksTheSeizureToRelease_NewSeizureRefused_ReleaseEndsThePeriod(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var debtor = await DebtorAsync(db, 50_000);
        var seizures = new Seizures(db, Today);
        var (s, _) = await seizures.SeizeAsync(stores.Officer, Deposit(debtor.No, D(2026, 11, 17), 20_000), null);
        await seizures.ArriveAsync(stores.Officer, s.Id, D(2026, 11, 18));

        var stay = await new CollectionMeasures(db, Today).StayAsync(stores.Approver, debtor.No,
            new StayRequest(StayGround.Hardship, D(2026, 11, 20), false, "病気療養により生活が窮迫"), null);
        Assert.Contains(stay.Warnings, w => w.Contains($"差押 {s.Id}", StringComparison.Ordinal));
        Assert.Equal(D(2026, 11, 20), (await seizures.GetAsync(s.Id)).ReleaseRequiredOn);

        var refused = await Assert.ThrowsAsync<DomainException>(() => seizures.SeizeAsync(stores.Officer, Deposit(debtor.No, D(2026, 11, 21), 10_000), null));
        Assert.Equal("seizure.case_stayed", refused.Code);
        Assert.Contains("執行停止中", refused.Message);

        var (released, path) = await seizures.ReleaseAsync(stores.Officer, s.Id, D(2026, 11, 21), "生活の窮迫による執行停止（地方税法15条の7第3項）", null);
        Assert.Equal((SeizureState.Released, (DateOnly?)D(2026, 11, 21)), (released.State, released.ReleasedOn));
        Assert.NotNull(released.ReleaseDocumentId);
        Assert.NotNull(released.Claims[0].EndEventId);
        Assert.Null(path);
        var letter = await seizures.DrawAsync(s.Id, "release");
        Assert.Equal("差押解除通知書", letter.Title);
        // docs/forms/seizure-release.png is drawn from this letter (set CHOSHU_FORM_SAMPLES to a directory to write it).
        if (Environment.GetEnvironmentVariable("CHOSHU_FORM_SAMPLES") is { Length: > 0 } samples && provider == StoreProvider.Postgres)
            Seizures.Render(samples, "seizure-release.pdf", letter);
        Assert.Contains(letter.Body, b => b.Contains("生活の窮迫", StringComparison.Ordinal));
        // To the bank (御中, no 宛名番号 in the address block), naming whose seizure it releases.
        Assert.Equal(("御中", ""), (letter.Recipient.Honorific, letter.Recipient.TaxpayerNo));
        Assert.StartsWith($"滞納者 差押 太郎（宛名番号 {debtor.No}、", letter.Body[0]);
    }

    /// <summary>
    /// Under 徴収猶予 (2026-11-18 to 2027-01-31, illness; 50,000, no security needed) a seizure dated 2026-11-20 is refused in Japanese,
    /// naming the claim, and nothing is recorded.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task Seizure_DuringCollectionDeferment_IsRefusedInJapanese(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var debtor = await DebtorAsync(db, 50_000);
        await new CollectionMeasures(db, Today).DeferAsync(stores.Approver, debtor.No,
            new DefermentRequest(DefermentKind.Collection, DefermentReason.Illness, D(2026, 11, 18), D(2027, 1, 31), "入院のため"));
        var before = await db.Seizures.CountAsync();
        var refused = await Assert.ThrowsAsync<DomainException>(() => new Seizures(db, Today).SeizeAsync(stores.Officer, Deposit(debtor.No, D(2026, 11, 20), 10_000), null));
        Assert.Equal("claim_event.seizure_during_deferment", refused.Code);
        Assert.StartsWith($"通知書番号 {debtor.NoticeNo} 第1期", refused.Message);
        Assert.Contains("2026-11-20 は徴収猶予中", refused.Message);
        Assert.Contains("のため差押できません。", refused.Message);
        Assert.Equal(before, await db.Seizures.CountAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RealEstate_ValueAboveTheClaimsNeedsAReason_WageNoticeShowsTheProtectedAmount(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var debtor = await DebtorAsync(db, 300_000);
        var seizures = new Seizures(db, Today);
        var land = new SeizureRequest(debtor.No, SeizureKind.RealEstate, D(2026, 11, 20), 0, "鹿児島市山下町11番1 宅地 150.00㎡", EstimatedValue: 5_000_000);
        var refused = await Assert.ThrowsAsync<DomainException>(() => seizures.SeizeAsync(stores.Officer, land, null));
        Assert.Contains("48条1項", refused.Message);
        var (s, _) = await seizures.SeizeAsync(stores.Officer, land with { ExcessReason = "不可分の土地で他に差し押さえる財産がない" }, null);
        Assert.Equal((300_000L, (long?)5_000_000), (s.Amount, s.EstimatedValue));
        await seizures.ReleaseAsync(stores.Officer, s.Id, D(2026, 11, 21), "給与の差押に切り替え", null);

        var wage = new SeizureRequest(debtor.No, SeizureKind.Wages, D(2026, 11, 21), 300_000, "給料・賞与", "株式会社 鹿児島製作所", "鹿児島市中央町1番",
            Wage: new WageSeizureInput(350_000, 8_000, 15_000, 52_000, 1));
        var (w, _) = await seizures.SeizeAsync(stores.Officer, wage, null);
        Assert.Equal((246_000L, 104_000L), (w.Wage!.Protected, w.Wage.Seizable));
        await seizures.SendNoticeAsync(stores.Officer, w.Id, D(2026, 11, 21), null);
        var notice = await seizures.DrawAsync(w.Id, "notice");
        Assert.Equal("債権差押通知書", notice.Title);
        Assert.Contains("　差押禁止額 246,000円", notice.Body);
        Assert.Contains("　差押可能額 104,000円", notice.Body);
        // docs/forms/seizure-notice.png is drawn from this letter (set CHOSHU_FORM_SAMPLES to a directory to write it).
        if (Environment.GetEnvironmentVariable("CHOSHU_FORM_SAMPLES") is { Length: > 0 } samples && provider == StoreProvider.Sqlite)
            Seizures.Render(samples, "seizure-notice.pdf", notice);
        var pdf = new MemoryStream();
        Seizures.Render(pdf, notice);
        var text = Poppler.Text(pdf.ToArray());
        Assert.Contains("差押禁止額 246,000円", text);
        Assert.Contains("株式会社 鹿児島製作所", text);
    }
}
