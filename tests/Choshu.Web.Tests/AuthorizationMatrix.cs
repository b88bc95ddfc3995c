using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.Data.Notices;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Choshu.Web.Pages.Admin;
using Choshu.Web.Pages.Imports;
using Choshu.Web.Pages.Notices;
using Choshu.Web.Pages.Payments;
using Choshu.Web.Pages.Taxpayers;
using Choshu.Web.Security;
using Choshu.Web.Tests.Payments;
using Choshu.Web.Tests.Taxpayers;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Choshu.Web.Tests;

/// <summary>
/// What a page or one of its actions needs, as the design says: open to anyone (signing in, the error
/// pages), any signed-in person, or a <see cref="Permission"/> for the page and possibly a second one the
/// action's use case demands (the My Number reveal, the CSV export). Written by hand in the matrix
/// table, never read back from the pages' attributes; the roles' rights come from <see cref="RolePermissions"/>.
/// </summary>
public sealed record Need(string Name, bool Anonymous, Permission? Page, Permission? Action)
{
    public static readonly Need Anyone = new("anyone (AllowAnonymous)", true, null, null);
    public static readonly Need SignedIn = new("any signed-in person", false, null, null);

    public static Need Of(Permission page, Permission? action = null) =>
        new(action is { } a ? $"{page} + {a}" : page.ToString(), false, page, action);

    /// <summary>The permissions this need names that a person holding only <paramref name="role"/> lacks.</summary>
    public IReadOnlyList<Permission> Missing(Role role) =>
        new[] { Page, Action }.OfType<Permission>().Where(p => !RolePermissions.Allows([role], p)).ToList();

    public bool Allows(Role role) => Anonymous || Missing(role).Count == 0;

    /// <summary>Whether the page's own permission (checked before any handler runs) lets the role in.</summary>
    public bool PageAllows(Role role) => Page is not { } p || RolePermissions.Allows([role], p);
}

/// <summary>
/// One row of the matrix: a page (its view-engine path, "/Payments/Match"), a verb and handler (the
/// action), what it needs, and how to call it: the path, where <c>{taxpayer}</c>, <c>{counter-payment}</c>, <c>{counter-receipt}</c>,
/// <c>{unmatched-payment}</c>, <c>{booked-payment}</c>, <c>{import-run}</c> and <c>{staff-account}</c> stand
/// for a handle of the session sending it; the form (values <c>{password}</c> and <c>{code}</c> are the
/// person's password and a fresh TOTP code); what an allowed call answers.
/// </summary>
public sealed record Probe(string Page, string Verb, string? Handler, Need Need, string Path)
{
    /// <summary>The status of an allowed call (200; a redirect or the error page's own status where the row says so).</summary>
    public int Ok { get; init; } = 200;
    /// <summary>The redirect target of an allowed call answering 302.</summary>
    public string? Location { get; init; }
    /// <summary>Text an allowed call's page must show (proves the record was really opened).</summary>
    public string? Shows { get; init; }
    /// <summary>The form of the matrix call: empty or invalid, so an allowed call changes nothing.</summary>
    public IReadOnlyDictionary<string, string> Form { get; init; } = new Dictionary<string, string>();
    /// <summary>The form sent with another session's handle: complete and valid, so a missing handle check would show.</summary>
    public IReadOnlyDictionary<string, string>? ForeignForm { get; init; }

    public bool TakesHandle => Path.Contains('{', StringComparison.Ordinal);
    public (string Page, string Verb, string? Handler) Key => (Page, Verb, Handler);
    public string Action => $"{Verb} {Path}{(Handler is null ? "" : "?handler=" + Handler)}";
}

/// <summary>The app's own list of pages and actions, from its routing table and each page's compiled handlers.</summary>
public static class AppActions
{
    public static async Task<List<(string Page, string Verb, string? Handler)>> ListAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var found = new List<(string Page, string Verb, string? Handler)>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints)
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page) continue;
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            foreach (var h in compiled.HandlerMethods)
                found.Add((page.ViewEnginePath, h.HttpMethod.ToUpperInvariant(), string.IsNullOrEmpty(h.Name) ? null : h.Name));
        }
        return found.Distinct().OrderBy(a => a.Page, StringComparer.Ordinal).ThenBy(a => a.Verb, StringComparer.Ordinal)
            .ThenBy(a => a.Handler ?? "", StringComparer.Ordinal).ToList();
    }
}

/// <summary>
/// The store of the matrix: <see cref="TaxpayerCity"/> (鹿児島 花子 with a My Number, 桜島 次郎's reversed payment
/// back in the unmatched queue, booked bank payments), a counter payment of 1,000 yen on 2026-11-20 imported from
/// a counter file (its run is the import run opened), one account per role holding only that role, and a
/// reminder run as of 2026-11-26 for the installments due in June 2026 (鹿児島 花子's letter goes to her 納税管理人), dispatched
/// that day, with her letter recorded as returned (宛所不明) and unresolved, and a
/// colleague holding every role a person may hold together (all but 委託業者), whose session makes the
/// "someone else's" handles and whose user ID is the one the administration page opens.
/// </summary>
public sealed class AuthorizationMatrixFixture : IAsyncLifetime
{
    public const string ColleagueNo = "81909";
    public const string ColleagueName = "松元 三郎";

    /// <summary>One person per role (staff number, name).</summary>
    public static readonly IReadOnlyDictionary<Role, (string StaffNo, string Name)> People = new Dictionary<Role, (string, string)>
    {
        [Role.CollectionClerk] = ("81101", "有村 一郎"),
        [Role.DelinquencyOfficer] = ("81202", "上村 二郎"),
        [Role.MyNumberClerk] = ("81303", "川畑 三子"),
        [Role.Approver] = ("81404", "東郷 四郎"),
        [Role.SystemAdministrator] = ("81505", "西郷 五郎"),
        [Role.SecurityOfficer] = ("81606", "大久保 六子"),
        [Role.Contractor] = ("81707", "前田 七郎"),
        [Role.Exporter] = ("81808", "小松 八子"),
    };

    public WebFixture Web { get; } = new();
    public Dictionary<Role, StaffUser> Users { get; } = [];
    public StaffUser Colleague { get; private set; } = null!;
    public long CounterPaymentId { get; private set; }
    public long UnmatchedPaymentId { get; private set; }
    public long BookedPaymentId { get; private set; }
    public long ImportRunId { get; private set; }
    public long NoticeRunId { get; private set; }
    public long HanakoLetterDocumentId { get; private set; }
    public long ReturnId { get; private set; }
    /// <summary>鹿児島 花子's 滞納整理事案 (no officer), seeded with her promise below.</summary>
    public long CaseId { get; private set; }
    /// <summary>A promise (約束) of 鹿児島 花子 on her case, seeded directly: the pledge page's record.</summary>
    public long PledgeId { get; private set; }
    public const string ReceiptNo = "M-0001";

    public async Task InitializeAsync()
    {
        await Web.InitializeAsync();
        await TaxpayerCity.SeedAsync(Web.Store, Web.Clock);
        long fixedAssetFirst;
        await using (var db = Web.Store.Open())
            fixedAssetFirst = await db.Installments.Where(i => i.Period == 1 && i.Assessment!.NoticeNo == "2026020001").Select(i => i.Id).SingleAsync();
        var counter = await PaymentPages.ImportAsync(Web, "counter",
            PaymentFiles.Counter([new PaymentFiles.CounterLine("C-9001", PaymentFiles.Key(fixedAssetFirst), 1_000, new DateOnly(2026, 11, 20))]), "counter-9001.csv");
        Assert.Equal(1, counter.Booked);
        ImportRunId = counter.ImportRunId;
        await using (var db = Web.Store.Open())
        {
            CounterPaymentId = await db.Payments.Where(p => p.Channel == PaymentChannel.Counter).Select(p => p.Id).SingleAsync();
            UnmatchedPaymentId = await db.Payments.Where(p => p.Status == PaymentStatus.Unmatched).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            BookedPaymentId = await db.Payments.Where(p => p.Channel == PaymentChannel.Bank && p.Status == PaymentStatus.Booked)
                .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        }
        await using (var db = Web.Store.Open())
        {
            var system = Actor.System();
            var request = new ReminderRequest(new DateOnly(2026, 11, 26), new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30));
            var run = await new NoticeRuns(db, Web.Clock).GenerateAsync(system, NoticeRunKinds.Reminder, (d, ct) => ReminderSelection.PlanAsync(d, request, ct));
            NoticeRunId = run!.Id;
            await new NoticeRuns(db, Web.Clock).DispatchAsync(system, run.Id, new DateOnly(2026, 11, 26));
            HanakoLetterDocumentId = await (from l in db.NoticeLetters
                                            join t in db.Taxpayers on l.TaxpayerId equals t.Id
                                            where l.RunId == run.Id && t.TaxpayerNo == TaxpayerCity.HanakoNo
                                            select l.DocumentId).SingleAsync();
            ReturnId = (await new ReturnedMails(db, Web.Clock).RecordAsync(system, HanakoLetterDocumentId, new DateOnly(2026, 11, 26),
                ReturnedMailReason.AddressUnknown, null)).Id;
        }
        await using (var db = Web.Store.Open())
        {
            var hanako = await db.Taxpayers.Where(t => t.TaxpayerNo == TaxpayerCity.HanakoNo).Select(t => t.Id).SingleAsync();
            var caseId = await db.CollectionCases.Where(c => c.TaxpayerId == hanako).Select(c => (long?)c.Id).SingleOrDefaultAsync();
            if (caseId is null)
            {
                var c = Choshu.Domain.Cases.CollectionCase.Open(hanako, new Choshu.Domain.Cases.CaseStamp("test:seed", null, new DateOnly(2026, 11, 26), LedgerSeed.NowUtc));
                db.CollectionCases.Add(c);
                await db.SaveChangesAsync();
                caseId = c.Id;
            }
            var promise = new Choshu.Data.Cases.Pledge
            {
                TaxpayerId = hanako, CaseId = caseId.Value, Kind = Choshu.Domain.Cases.PledgeKind.Promise, MadeOn = new DateOnly(2026, 11, 26),
                RecordedBy = "test:seed", RecordedAtUtc = LedgerSeed.NowUtc,
            };
            db.Pledges.Add(promise);
            await db.SaveChangesAsync();
            db.PledgeInstalments.Add(new Choshu.Data.Cases.PledgeInstalmentRow { PledgeId = promise.Id, No = 1, DueOn = new DateOnly(2026, 12, 10), Amount = 1_000 });
            await db.SaveChangesAsync();
            PledgeId = promise.Id;
            CaseId = caseId.Value;
        }
        // A receipt of the counter (まとめて収納): 500 yen on the same installment, taken on 2026-11-20.
        await App.Reconciliation.CounterReceipts.TakeAsync(Web.Store.Store,
            new App.Reconciliation.CounterSale(ReceiptNo, new DateOnly(2026, 11, 20), 500, [new(fixedAssetFirst, 500)], true), Actor.System(), Web.Clock);
        foreach (var (role, (staffNo, name)) in People)
            Users[role] = (await Web.CreateUserAsync(staffNo, name, [role])).User;
        Colleague = (await Web.CreateUserAsync(ColleagueNo, ColleagueName, Enum.GetValues<Role>().Where(r => r != Role.Contractor).ToArray())).User;
    }

    public Task DisposeAsync() => Web.DisposeAsync();

    /// <summary>Signs the person in through the login page and finds the session the sign-in opened.</summary>
    public async Task<MatrixSession> SignInAsync(StaffUser user, string label)
    {
        var client = await Web.SignedInClientAsync(user);
        await using var db = Web.Store.Open();
        var sessionId = await (from s in db.StaffSessions
                               join a in db.StaffAccounts on s.AccountId equals a.Id
                               where a.StaffNo == user.StaffNo && s.EndedAtUtc == null
                               orderby s.Id descending
                               select s.Id).FirstAsync();
        return new MatrixSession(Web, label, user, client, Handles(sessionId));
    }

    /// <summary>The handles of the matrix's records, sealed to one session as the pages seal them.</summary>
    public IReadOnlyDictionary<string, string> Handles(long sessionId)
    {
        var ids = Web.Factory.Services.GetRequiredService<OpaqueIds>();
        return new Dictionary<string, string>
        {
            ["{taxpayer}"] = ids.Protect(TaxpayerText.HandleKind, TaxpayerCity.HanakoNo, sessionId),
            ["{counter-payment}"] = ids.Protect(PaymentForms.PaymentHandle, CounterPaymentId, sessionId),
            ["{counter-receipt}"] = ids.Protect(DeskModel.ReceiptNoHandle, ReceiptNo, sessionId),
            ["{unmatched-payment}"] = ids.Protect(PaymentForms.PaymentHandle, UnmatchedPaymentId, sessionId),
            ["{booked-payment}"] = ids.Protect(PaymentForms.PaymentHandle, BookedPaymentId, sessionId),
            ["{import-run}"] = ids.Protect(ImportNames.RunHandle, ImportRunId, sessionId),
            ["{staff-account}"] = ids.Protect(AccountModel.HandleKind, ColleagueNo, sessionId),
            ["{notice-run}"] = ids.Protect(NoticeForms.RunHandle, NoticeRunId, sessionId),
            ["{notice-letter}"] = ids.Protect(NoticeForms.LetterHandle, HanakoLetterDocumentId, sessionId),
            ["{returned-mail}"] = ids.Protect(NoticeForms.ReturnHandle, ReturnId, sessionId),
            ["{case}"] = ids.Protect(Choshu.Web.Pages.Cases.CaseForms.CaseHandle, CaseId, sessionId),
            ["{pledge}"] = ids.Protect(Choshu.Web.Pages.Cases.Pledges.PledgePages.Handle, PledgeId, sessionId),
        };
    }
}

/// <summary>A signed-in person's client, the handles of their session and their antiforgery token (taken once from the home page).</summary>
public sealed class MatrixSession(WebFixture web, string label, StaffUser user, HttpClient client, IReadOnlyDictionary<string, string> handles)
{
    private string? token;

    public string Label => label;
    public StaffUser User => user;
    public HttpClient Client => client;
    public IReadOnlyDictionary<string, string> Handles => handles;

    /// <summary>The probe's URL with the handles given (this session's own by default).</summary>
    public string Url(Probe p, IReadOnlyDictionary<string, string>? with = null)
    {
        var path = p.Path;
        foreach (var (name, handle) in with ?? handles) path = path.Replace(name, handle, StringComparison.Ordinal);
        return path + (p.Handler is null ? "" : "?handler=" + p.Handler);
    }

    /// <summary>Sends the probe: a GET, or a POST of the form with this person's antiforgery token.</summary>
    public async Task<HttpResponseMessage> SendAsync(Probe p, IReadOnlyDictionary<string, string> form, IReadOnlyDictionary<string, string>? with = null)
    {
        var url = Url(p, with);
        if (p.Verb == "GET") return await client.GetAsync(url);
        token ??= Forms.Token(await (await client.GetAsync("/")).Content.ReadAsStringAsync());
        var fields = form.ToDictionary(f => f.Key, f => f.Value switch
        {
            "{password}" => user.Password,
            "{code}" => web.NextCode(user.TotpKey),
            var v => v,
        });
        fields[Forms.TokenField] = token;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }
}
