using System.Globalization;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Payments;
using Choshu.Domain;
using Choshu.Domain.DirectDebit;
using Choshu.Domain.Security;
using Choshu.Formats.Kana;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.DirectDebit;

/// <summary>
/// One registration event as given (typed from a 口座振替依頼書, or one line of a sign-up file). <see cref="TaxKindCode"/> null
/// means every tax kind. The account is given in the Zengin form (<see cref="BankCode"/>, <see cref="BranchCode"/>,
/// <see cref="AccountType"/>, <see cref="AccountNo"/>) or, for ゆうちょ銀行, as 記号・番号 (<see cref="JapanPostSymbol"/>,
/// <see cref="JapanPostNumber"/>). <see cref="EffectiveOn"/> defaults to <see cref="ReceivedOn"/>.
/// </summary>
public sealed record DebitRegistrationInput(
    string TaxpayerNo,
    string? TaxKindCode,
    DebitRegistrationKind Kind,
    DebitRegistrationSource Source,
    DateOnly ReceivedOn,
    DateOnly? EffectiveOn = null,
    int? StartFiscalYear = null,
    short? StartPeriod = null,
    string? BankCode = null,
    string? BranchCode = null,
    short? AccountType = null,
    string? AccountNo = null,
    string? JapanPostSymbol = null,
    string? JapanPostNumber = null,
    string? HolderKana = null,
    string? ReferenceNo = null);

/// <summary>A fault of a registration, naming the field (its Japanese name as on the form and in the file layout).</summary>
public sealed record DebitRegistrationIssue(string Field, string Message);

/// <summary>A registration refused: every fault found, each naming its field.</summary>
public sealed class DebitRegistrationRefusedException(IReadOnlyList<DebitRegistrationIssue> issues)
    : DomainException("debit.registration_invalid", string.Join(" / ", issues.Select(i => $"{i.Field}: {i.Message}")))
{
    public IReadOnlyList<DebitRegistrationIssue> Issues { get; } = issues;
}

/// <summary>What one registration event did: the event's number and the tax kinds whose registration it changed.</summary>
public sealed record DebitRegistrationResult(long RegistrationId, IReadOnlyList<string> TaxKindCodes);

/// <summary>One registration event as shown in the history.</summary>
public sealed record DebitRegistrationEntry(
    long Id, string? TaxKindCode, string TaxKindName, DebitRegistrationKind Kind, DebitRegistrationSource Source,
    DateOnly ReceivedOn, DateOnly EffectiveOn, int? StartFiscalYear, short? StartPeriod,
    string? BankCode, string? BranchCode, short? AccountType, string? AccountNo, string? JapanPostSymbol, string? JapanPostNumber,
    string? HolderKana, string? ReferenceNo, string RecordedBy, DateTime RecordedAtUtc, long? ImportFileId, int? SourceLine);

/// <summary>One registration period (the fold of the events) per tax kind, with the dates it is in force.</summary>
public sealed record DebitAccountPeriod(
    string TaxKindCode, string TaxKindName, string BankCode, string BranchCode, short AccountType, string AccountNo, string HolderKana,
    DateOnly StartsOn, DateOnly? EndsOn, int? StartFiscalYear, short? StartPeriod, long? RegistrationId);

/// <summary>A taxpayer's registration history: the events in the order recorded and the registration periods they make.</summary>
public sealed record DebitRegistrationHistory(string TaxpayerNo, string Name, IReadOnlyList<DebitRegistrationEntry> Events, IReadOnlyList<DebitAccountPeriod> Accounts);

/// <summary>
/// 口座振替の登録の受付: the one write path of direct-debit registrations. Each event (新規・口座変更・廃止・停止) is kept as it
/// arrived, with its source and dates (<see cref="DirectDebitRegistration"/>), and the registrations in force
/// (<see cref="DirectDebitAccount"/>, read by <see cref="DueDebitsQuery"/>) are folded from it in the same transaction:
/// <list type="bullet">
/// <item>新規: any registration of the tax kind still in force on the effective date ends that day; the new one is in force
/// from it, for installments from its 開始期 (年度・期別) on.</item>
/// <item>口座変更: the registration in force ends on the effective date and the new account is in force from it, keeping the
/// 開始期 (unless the change gives one). Refused when none is in force.</item>
/// <item>廃止・停止: the registration in force ends on the effective date: no request from that day. Refused when none is in force.</item>
/// </list>
/// For every tax kind (税目 empty) the event applies to each tax kind (a change or cancellation: to each that has one in force).
/// The holder name must already be half-width katakana as the bank holds it (全銀協の文字). A ゆうちょ銀行 記号・番号 is converted
/// to the Zengin form (<see cref="JapanPostAccount"/>) and kept beside it. Needs <see cref="Permission.RecordPayments"/> (as the
/// debit request does); audited 3540 (never the account number), the history 3542.
/// </summary>
public sealed class DebitRegistrations(Store store, TimeProvider clock)
{
    /// <summary>
    /// Checks the fields of <paramref name="input"/> that need no store and gives the account in the Zengin form
    /// (null for a cancellation or suspension). Every fault is listed, each naming its field.
    /// </summary>
    public static (JapanPostAccount.ZenginForm? Account, string? BankCode, string? Holder, IReadOnlyList<DebitRegistrationIssue> Issues) Check(DebitRegistrationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var issues = new List<DebitRegistrationIssue>();
        if (string.IsNullOrWhiteSpace(input.TaxpayerNo)) issues.Add(new("宛名番号", "指定してください。"));
        if (input.EffectiveOn is { } eff && eff < input.ReceivedOn.AddYears(-1))
            issues.Add(new("適用日", $"{eff:yyyy-MM-dd} は受付日 {input.ReceivedOn:yyyy-MM-dd} より1年以上前です。"));
        if (input.Kind == DebitRegistrationKind.New)
        {
            if (input.StartFiscalYear is null) issues.Add(new("開始年度", "新規の登録には開始期（年度と期別）を指定してください。"));
            if (input.StartPeriod is null) issues.Add(new("開始期", "新規の登録には開始期（年度と期別）を指定してください。"));
        }
        if (input.StartFiscalYear is { } y && y is < 2000 or > 2100) issues.Add(new("開始年度", $"「{y}」は年度（西暦4桁）ではありません。"));
        if (input.StartPeriod is { } p && p is < 1 or > 12) issues.Add(new("開始期", $"「{p}」: 期別は1〜12です。"));
        if ((input.StartFiscalYear is null) != (input.StartPeriod is null) && input.Kind != DebitRegistrationKind.New)
            issues.Add(new("開始期", "開始年度と開始期は両方指定してください。"));
        if (input.Kind is DebitRegistrationKind.Cancel or DebitRegistrationKind.Suspend)
            return (null, null, null, issues);

        JapanPostAccount.ZenginForm? account = null;
        string? bank = null;
        var jp = !string.IsNullOrWhiteSpace(input.JapanPostSymbol) || !string.IsNullOrWhiteSpace(input.JapanPostNumber);
        if (jp)
        {
            if (!string.IsNullOrWhiteSpace(input.BranchCode) || !string.IsNullOrWhiteSpace(input.AccountNo))
                issues.Add(new("ゆうちょ記号", "ゆうちょ記号・番号と支店コード・口座番号の両方は指定できません（どちらか一方）。"));
            else if (!string.IsNullOrWhiteSpace(input.BankCode) && input.BankCode.Trim() != JapanPostAccount.BankCode)
                issues.Add(new("金融機関コード", $"ゆうちょ記号・番号は金融機関コード {JapanPostAccount.BankCode}（ゆうちょ銀行）の口座です（「{input.BankCode}」）。"));
            else if (string.IsNullOrWhiteSpace(input.JapanPostSymbol)) issues.Add(new("ゆうちょ記号", "ゆうちょ番号とともに指定してください。"));
            else if (string.IsNullOrWhiteSpace(input.JapanPostNumber)) issues.Add(new("ゆうちょ番号", "ゆうちょ記号とともに指定してください。"));
            else
            {
                try
                {
                    account = JapanPostAccount.ToZengin(input.JapanPostSymbol, input.JapanPostNumber);
                    bank = JapanPostAccount.BankCode;
                }
                catch (DomainException ex)
                {
                    issues.Add(new(ex.Code == "debit.jp_symbol" ? "ゆうちょ記号" : "ゆうちょ番号", ex.Message));
                }
            }
        }
        else
        {
            var b = input.BankCode?.Trim() ?? "";
            var br = input.BranchCode?.Trim() ?? "";
            var no = input.AccountNo?.Trim() ?? "";
            var ok = true;
            if (b.Length != 4 || !b.All(char.IsAsciiDigit)) { issues.Add(new("金融機関コード", $"半角数字4桁で指定してください（「{b}」）。")); ok = false; }
            if (br.Length != 3 || !br.All(char.IsAsciiDigit)) { issues.Add(new("支店コード", $"半角数字3桁で指定してください（「{br}」）。")); ok = false; }
            if (input.AccountType is not (1 or 2 or 9)) { issues.Add(new("預金種目", $"1（普通）、2（当座）、9（その他）のいずれかです（「{input.AccountType}」）。")); ok = false; }
            if (no.Length is 0 or > 7 || !no.All(char.IsAsciiDigit)) { issues.Add(new("口座番号", $"半角数字7桁以内で指定してください（「{no}」）。")); ok = false; }
            if (ok && b == JapanPostAccount.BankCode && !JapanPostAccount.IsValidZenginForm(br, input.AccountType!.Value))
            {
                issues.Add(new("支店コード", $"ゆうちょ銀行の店番は、普通なら末尾8、当座なら末尾9です（「{br}」）。記号・番号で指定すれば変換します。"));
                ok = false;
            }
            if (ok)
            {
                account = new JapanPostAccount.ZenginForm(br, input.AccountType!.Value, no.PadLeft(7, '0'));
                bank = b;
            }
        }

        var holder = input.HolderKana?.Trim() ?? "";
        if (holder.Length == 0) issues.Add(new("口座名義カナ", "指定してください（半角カナ、例: ｶｺﾞｼﾏ ﾀﾛｳ）。"));
        else if (holder.Length > 30) issues.Add(new("口座名義カナ", $"30文字以内です（{holder.Length}文字）。"));
        else if (!HalfWidthKana.IsZenginText(holder))
        {
            string? suggestion = null;
            try { suggestion = HalfWidthKana.ToZengin(holder); }
            catch (DomainException) { }
            issues.Add(new("口座名義カナ", $"「{holder}」は半角カナ（全銀協の文字: 半角カナ・英大文字・数字・一部の記号、小さいカナなし）ではありません"
                + (suggestion is null ? "。" : $"（半角カナでは「{suggestion}」）。")));
        }
        return (account, bank, holder, issues);
    }

    /// <summary>Records one registration event typed in (or given on the command line) and folds it into the registrations in force.</summary>
    public async Task<DebitRegistrationResult> RecordAsync(Actor actor, DebitRegistrationInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        await using var db = store.CreateContext();
        await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock,
            what: $"口座振替の登録（{DebitRegistrationLabels.Of(input.Kind)}） 宛名番号 {input.TaxpayerNo}", ct: ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await ApplyAsync(db, actor, input, idempotencyKey: null, importFileId: null, sourceLine: null, ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Applies one event within the caller's transaction: checks (every fault before anything changes), keeps the event, folds it
    /// into the registrations in force, audits it (3540).
    /// </summary>
    internal async Task<DebitRegistrationResult> ApplyAsync(ChoshuDbContext db, Actor actor, DebitRegistrationInput input, string? idempotencyKey,
        long? importFileId, int? sourceLine, CancellationToken ct)
    {
        var (account, bank, holder, found) = Check(input);
        var issues = found.ToList();
        var taxpayer = await db.Taxpayers.AsNoTracking().Where(t => t.TaxpayerNo == input.TaxpayerNo.Trim()).Select(t => new { t.Id }).SingleOrDefaultAsync(ct);
        if (taxpayer is null && !string.IsNullOrWhiteSpace(input.TaxpayerNo))
            issues.Add(new("宛名番号", $"宛名番号 {input.TaxpayerNo} は登録されていません。"));
        var kindCode = string.IsNullOrWhiteSpace(input.TaxKindCode) ? null : input.TaxKindCode.Trim();
        var allKinds = await db.TaxKinds.AsNoTracking().OrderBy(k => k.SortOrder).ThenBy(k => k.Code).Select(k => new { k.Code, k.Name }).ToListAsync(ct);
        if (kindCode is not null && allKinds.All(k => k.Code != kindCode))
            issues.Add(new("税目", $"税目コード「{kindCode}」はありません（{string.Join("、", allKinds.Select(k => k.Code + " " + k.Name))}。全税目なら空欄）。"));
        if (issues.Count > 0) throw new DebitRegistrationRefusedException(issues);

        var effective = input.EffectiveOn ?? input.ReceivedOn;
        var kinds = kindCode is null ? allKinds.Select(k => k.Code).ToList() : [kindCode];
        var inForce = await db.DirectDebitAccounts
            .Where(a => a.TaxpayerId == taxpayer!.Id && kinds.Contains(a.TaxKindCode) && (a.EndsOn == null || a.EndsOn > effective))
            .ToListAsync(ct);
        if (input.Kind != DebitRegistrationKind.New)
        {
            if (inForce.Count == 0)
                throw new DebitRegistrationRefusedException([new("区分", $"宛名番号 {input.TaxpayerNo} の{(kindCode is null ? "" : "税目 " + kindCode + " の")}口座振替の登録で {effective:yyyy-MM-dd} に有効なものがありません（新規の登録として受け付けてください）。")]);
            kinds = kinds.Where(k => inForce.Any(a => a.TaxKindCode == k)).ToList();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var row = new DirectDebitRegistration
        {
            TaxpayerId = taxpayer!.Id, TaxKindCode = kindCode, Kind = input.Kind, Source = input.Source, ReceivedOn = input.ReceivedOn, EffectiveOn = effective,
            StartFiscalYear = input.StartFiscalYear, StartPeriod = input.StartPeriod,
            BankCode = bank, BranchCode = account?.BranchCode, AccountType = account?.AccountType, AccountNo = account?.AccountNo,
            JapanPostSymbol = string.IsNullOrWhiteSpace(input.JapanPostSymbol) || account is null ? null : input.JapanPostSymbol.Trim(),
            JapanPostNumber = string.IsNullOrWhiteSpace(input.JapanPostNumber) || account is null ? null : input.JapanPostNumber.Trim(),
            HolderKana = account is null ? null : holder, ReferenceNo = string.IsNullOrWhiteSpace(input.ReferenceNo) ? null : input.ReferenceNo.Trim(),
            IdempotencyKey = idempotencyKey, ImportFileId = importFileId, SourceLine = sourceLine, RecordedBy = actor.Name, RecordedAtUtc = now,
        };
        db.DirectDebitRegistrations.Add(row);
        await db.SaveChangesAsync(ct);

        foreach (var kind in kinds)
        {
            var current = inForce.Where(a => a.TaxKindCode == kind).OrderByDescending(a => a.StartsOn).ThenByDescending(a => a.Id).ToList();
            var carried = current.FirstOrDefault();
            // The registration in force ends on the effective date (one that was to start later never starts).
            foreach (var a in current) a.EndsOn = a.StartsOn > effective ? a.StartsOn : effective;
            if (account is null) continue;
            var (startYear, startPeriod) = input.StartFiscalYear is not null
                ? (input.StartFiscalYear, input.StartPeriod)
                : (carried?.StartFiscalYear, carried?.StartPeriod);
            db.DirectDebitAccounts.Add(new DirectDebitAccount
            {
                TaxpayerId = taxpayer.Id, TaxKindCode = kind, BankCode = bank!, BranchCode = account.BranchCode, AccountType = account.AccountType,
                AccountNo = account.AccountNo, HolderKana = holder!, StartsOn = effective, EndsOn = null, RecordedAtUtc = now,
                StartFiscalYear = startYear, StartPeriod = startPeriod, RegistrationId = row.Id,
            });
        }
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.DebitRegistrationRecorded, TaxpayerId: taxpayer.Id,
            Detail: string.Create(CultureInfo.InvariantCulture,
                $"{DebitRegistrationLabels.Of(input.Kind)} {DebitRegistrationLabels.Of(input.Source)} 登録番号 {row.Id} 受付 {input.ReceivedOn:yyyy-MM-dd} 適用 {effective:yyyy-MM-dd} 税目 {(kindCode ?? "全税目")} ({string.Join(",", kinds)})")
                + (row.StartFiscalYear is null ? "" : $" 開始 {row.StartFiscalYear}年度第{row.StartPeriod}期")
                + (bank is null ? "" : $" 金融機関 {bank}-{account!.BranchCode}")
                + (row.ReferenceNo is null ? "" : $" 受付番号 {row.ReferenceNo}")
                + (sourceLine is null ? "" : $" 取込 {importFileId} {sourceLine}行目")), clock, ct);
        return new DebitRegistrationResult(row.Id, kinds);
    }

    /// <summary>A taxpayer's registration history (events and the periods they make), audited 3542 as a read of account data.</summary>
    public async Task<DebitRegistrationHistory> HistoryAsync(Actor actor, string taxpayerNo, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = store.CreateContext();
        await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, what: $"口座振替の登録履歴 宛名番号 {taxpayerNo}", ct: ct);
        var no = taxpayerNo.Trim();
        var taxpayer = await db.Taxpayers.AsNoTracking().Where(t => t.TaxpayerNo == no).Select(t => new { t.Id, t.TaxpayerNo, t.Facts.NameKanji }).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("debit.taxpayer_not_found", $"宛名番号 {no} は登録されていません。");
        var names = await db.TaxKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, k => k.Name, ct);
        string Name(string? code) => code is null ? "全税目" : names.GetValueOrDefault(code, code);
        var events = (await db.DirectDebitRegistrations.AsNoTracking().Where(r => r.TaxpayerId == taxpayer.Id).ToListAsync(ct))
            .OrderBy(r => r.Id)
            .Select(r => new DebitRegistrationEntry(r.Id, r.TaxKindCode, Name(r.TaxKindCode), r.Kind, r.Source, r.ReceivedOn, r.EffectiveOn, r.StartFiscalYear, r.StartPeriod,
                r.BankCode, r.BranchCode, r.AccountType, r.AccountNo, r.JapanPostSymbol, r.JapanPostNumber, r.HolderKana, r.ReferenceNo, r.RecordedBy, r.RecordedAtUtc,
                r.ImportFileId, r.SourceLine))
            .ToList();
        var accounts = (await db.DirectDebitAccounts.AsNoTracking().Where(a => a.TaxpayerId == taxpayer.Id).ToListAsync(ct))
            .OrderBy(a => a.TaxKindCode, StringComparer.Ordinal).ThenBy(a => a.StartsOn).ThenBy(a => a.Id)
            .Select(a => new DebitAccountPeriod(a.TaxKindCode, Name(a.TaxKindCode), a.BankCode, a.BranchCode, a.AccountType, a.AccountNo, a.HolderKana,
                a.StartsOn, a.EndsOn, a.StartFiscalYear, a.StartPeriod, a.RegistrationId))
            .ToList();
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.DebitRegistrationsViewed, TaxpayerId: taxpayer.Id,
            Detail: $"宛名番号 {taxpayer.TaxpayerNo}: 異動 {events.Count} 件 登録 {accounts.Count} 件"), clock, ct);
        return new DebitRegistrationHistory(taxpayer.TaxpayerNo, taxpayer.NameKanji, events, accounts);
    }
}
