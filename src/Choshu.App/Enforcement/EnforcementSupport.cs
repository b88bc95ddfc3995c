using System.Globalization;
using Choshu.App.Cases;
using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Cases;
using Choshu.Domain.Security;
using Choshu.Forms;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Enforcement;

/// <summary>A taxpayer with a delinquency case, as the enforcement records name it.</summary>
public sealed record EnforcementParty(long TaxpayerId, string TaxpayerNo, string Name, long CaseId);

/// <summary>
/// The path every enforcement change takes (交付要求・滞納処分費・破産・公売・配当): a change to the taxpayer's case under the
/// officer-only policy (<see cref="CaseUpdateKind.Disposition"/> 滞納処分) through <see cref="CaseCommand"/>, the feature's rows
/// written in the same transaction, one case event 100–108 appended and audited 3400–3408 with it.
/// </summary>
internal static class EnforcementSupport
{
    public const int TextMaxLength = Data.Enforcement.ClaimForDistribution.TextMaxLength;

    internal static readonly Lazy<FormRenderer> Renderer = new(() => new FormRenderer(FormFonts.Load()));

    public static async Task<EnforcementParty> PartyAsync(ChoshuDbContext db, string taxpayerNo, CancellationToken ct)
    {
        var no = (taxpayerNo ?? "").Trim();
        var t = await db.Taxpayers.AsNoTracking().Where(x => x.TaxpayerNo == no).Select(x => new { x.Id, x.TaxpayerNo, x.Facts.NameKanji }).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("taxpayer.not_found", $"宛名番号 {no} の納税義務者は登録されていません。");
        var caseId = await db.CollectionCases.AsNoTracking().Where(c => c.TaxpayerId == t.Id).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("enforcement.case_required",
                $"滞納処分（交付要求・公売・配当など）の記録は滞納整理事案の更新です。宛名番号 {t.TaxpayerNo} の事案がありません（choshu case open で開始し、担当者を設定してください）。");
        return new EnforcementParty(t.Id, t.TaxpayerNo, t.NameKanji, caseId);
    }

    public static async Task<EnforcementParty> PartyOfCaseAsync(ChoshuDbContext db, long caseId, CancellationToken ct)
    {
        var c = await db.CollectionCases.AsNoTracking().Where(x => x.Id == caseId).Select(x => new { x.Id, x.TaxpayerId }).SingleOrDefaultAsync(ct)
            ?? throw CaseCommand.NotFound(caseId);
        var t = await db.Taxpayers.AsNoTracking().Where(x => x.Id == c.TaxpayerId).Select(x => new { x.TaxpayerNo, x.Facts.NameKanji }).SingleAsync(ct);
        return new EnforcementParty(c.TaxpayerId, t.TaxpayerNo, t.NameKanji, c.Id);
    }

    /// <summary>
    /// Runs <paramref name="work"/> as a 滞納処分 change of the case; the work writes and saves its rows and returns the detail; then the
    /// case event <paramref name="kind"/> is appended with that detail (audited under its kind). The context forgets everything after.
    /// </summary>
    public static async Task RunAsync(ChoshuDbContext db, TimeProvider clock, Actor actor, long caseId, CaseEventKind kind,
        Func<CaseChange, Task<string>> work, CancellationToken ct)
    {
        try
        {
            await new CaseCommand(db, clock).RunAsync(actor, caseId, CaseUpdateKind.Disposition, async change =>
            {
                var detail = await work(change);
                await db.SaveChangesAsync(ct);
                Forget(db);
                change.Case.RecordEnforcement(kind, detail, change.Stamp);
                return detail;
            }, ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Detaches the feature's rows (not the case and its events, which <see cref="CaseCommand"/> detaches itself).</summary>
    public static void Forget(ChoshuDbContext db)
    {
        foreach (var e in db.ChangeTracker.Entries().Where(e => e.Entity is not (CollectionCase or CaseEvent)).ToList())
            e.State = EntityState.Detached;
    }

    public static string Text(string? value, string field, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
            return required ? throw new DomainException("enforcement.text_required", $"{field}を入力してください。") : "";
        var v = value.Trim();
        return v.Length > TextMaxLength ? throw new DomainException("enforcement.text_too_long", $"{field}は{TextMaxLength}文字以内で入力してください。") : v;
    }

    public static string? Optional(string? value, string field) => string.IsNullOrWhiteSpace(value) ? null : Text(value, field);

    public static void NotFuture(DateOnly day, DateOnly today, string field)
    {
        if (day > today) throw new DomainException("enforcement.date_in_future", $"{field} {D(day)} は本日 {D(today)} より後です。");
    }

    public static void Positive(long amount, string field)
    {
        if (amount <= 0) throw new DomainException("enforcement.amount_invalid", $"{field}は1円以上で入力してください。");
    }

    public static async Task<FormSender> SenderAsync(ChoshuDbContext db, CancellationToken ct)
    {
        var city = (await AppSettings.LoadAsync(db, ct)).City;
        return new FormSender(city.Name, city.Office, city.Department, city.Address, city.Phone);
    }

    public static async Task<(string Name, string Address, string? PostalCode, IReadOnlyList<string> Lines)> AddressAsync(ChoshuDbContext db, long taxpayerId, DateOnly today, CancellationToken ct)
    {
        var p = (await NoticeAddressees.LoadAsync(db, [taxpayerId], today, ct)).Party(taxpayerId);
        var lines = new[] { p.TownName, p.StreetNumber, p.AddressSupplement }.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!).ToList();
        return (p.Name, string.Join(" ", lines), p.PostalCode, lines);
    }

    /// <summary>The address lines of a letter to the taxpayer; one line 「住所不明（公示送達によります）」 when none is registered (the form needs 1–3).</summary>
    public static IReadOnlyList<string> RecipientLines(IReadOnlyList<string> lines) => lines.Count > 0 ? lines : ["住所不明（公示送達によります）"];

    public static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "未定";

    public static string Yen(long v) => v.ToString("#,0", CultureInfo.InvariantCulture) + "円";
}
