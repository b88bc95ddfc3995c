using Choshu.Data;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Taxpayers;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Notices;

/// <summary>A person's name and address as a letter prints them.</summary>
public sealed record PostalParty(long TaxpayerId, string TaxpayerNo, string Name, string? PostalCode, string? TownName, string? StreetNumber,
    string? AddressSupplement, ResidencyStatus Residency, bool MailReturned, string? DistrictCode)
{
    /// <summary>Whether a letter can be addressed to it (a town name at least).</summary>
    public bool HasAddress => !string.IsNullOrWhiteSpace(TownName);
}

/// <summary>Where a taxpayer's letter about one tax kind goes: the addressee, and in what capacity (0 the taxpayer).</summary>
public sealed record Addressee(PostalParty Taxpayer, PostalParty To, short Kind)
{
    /// <summary>The label printed above the addressee's name when it is not the taxpayer.</summary>
    public string? Attention => Kind switch { 1 => "納税管理人", 2 => "送付先", 3 => "相続人代表者", _ => null };
}

/// <summary>
/// 送付先の決定: letters go to the registered 送付先 or the 納税管理人 where one exists (a registration for the letter's tax
/// kind before one for every kind; a 納税管理人 before a mail-only 送付先), and for a deceased taxpayer to the heirs'
/// representative (相続人代表者, 地方税法9条の2); a deceased taxpayer without one gets no letter: the officer is told
/// (<see cref="NoticeExclusionCodes.DeceasedNoHeir"/>). Registrations count on the run's day (registered on or before
/// it, not cancelled by it). A taxpayer whose succession (承継) is recorded with a day of death on or before the run's day counts as
/// deceased even before the resident register says so (<see cref="Cases.Liabilities"/>). Three queries for any number of taxpayers.
/// </summary>
public sealed class NoticeAddressees
{
    private readonly Dictionary<long, PostalParty> _parties;
    private readonly ILookup<long, TaxAgent> _agents;
    private readonly HashSet<long> _succeeded;

    private NoticeAddressees(Dictionary<long, PostalParty> parties, ILookup<long, TaxAgent> agents, HashSet<long> succeeded) =>
        (_parties, _agents, _succeeded) = (parties, agents, succeeded);

    public static async Task<NoticeAddressees> LoadAsync(ChoshuDbContext db, IReadOnlyCollection<long> taxpayerIds, DateOnly asOf, CancellationToken ct = default)
    {
        var ids = taxpayerIds.Distinct().ToList();
        var agents = new List<TaxAgent>();
        foreach (var chunk in ids.Chunk(5000))
        {
            var c = chunk.ToList();
            agents.AddRange(await db.TaxAgents.AsNoTracking()
                .Where(a => EF.Parameter(c).Contains(a.TaxpayerId) && a.RegisteredOn <= asOf && (a.CancelledOn == null || a.CancelledOn > asOf))
                .ToListAsync(ct));
        }
        var all = ids.Concat(agents.Select(a => a.AgentTaxpayerId)).Distinct().ToList();
        var parties = new Dictionary<long, PostalParty>(all.Count);
        foreach (var chunk in all.Chunk(5000))
        {
            var c = chunk.ToList();
            var rows = await db.Taxpayers.AsNoTracking().Where(t => EF.Parameter(c).Contains(t.Id))
                .Select(t => new PostalParty(t.Id, t.TaxpayerNo, t.Facts.NameKanji, t.Facts.PostalCode, t.Facts.TownName, t.Facts.StreetNumber,
                    t.Facts.AddressSupplement, t.Facts.ResidencyStatus, t.Facts.MailReturned, t.Facts.DistrictCode))
                .ToListAsync(ct);
            foreach (var r in rows) parties[r.TaxpayerId] = r;
        }
        var succeeded = await Cases.Liabilities.DeceasedAsync(db, ids, asOf, ct);
        return new NoticeAddressees(parties, agents.OrderBy(a => a.Id).ToLookup(a => a.TaxpayerId), succeeded);
    }

    public PostalParty Party(long taxpayerId) => _parties[taxpayerId];

    /// <summary>The addressee of a letter to <paramref name="taxpayerId"/> about <paramref name="taxKindCode"/> (null: any
    /// kind), or null for a deceased taxpayer without an heirs' representative.</summary>
    public Addressee? Resolve(long taxpayerId, string? taxKindCode)
    {
        var taxpayer = _parties[taxpayerId];
        TaxAgent? Pick(short kind) =>
            _agents[taxpayerId].LastOrDefault(a => a.AgentKind == kind && taxKindCode is not null && a.TaxKindCode == taxKindCode)
            ?? _agents[taxpayerId].LastOrDefault(a => a.AgentKind == kind && a.TaxKindCode is null);
        if (taxpayer.Residency == ResidencyStatus.Deceased || _succeeded.Contains(taxpayerId))
            return Pick(3) is { } heir ? new Addressee(taxpayer, _parties[heir.AgentTaxpayerId], 3) : null;
        var agent = Pick(1) ?? Pick(2);
        return agent is null ? new Addressee(taxpayer, taxpayer, 0) : new Addressee(taxpayer, _parties[agent.AgentTaxpayerId], agent.AgentKind);
    }
}
