using Choshu.App.Accounts;
using Choshu.Data;

namespace Choshu.Web.Formatting;

/// <summary>
/// The 課・係 names (<see cref="OrgUnits"/>) for one request: read once, when a page first shows a unit
/// (the banner of every signed-in page, the account pages), so that screens say 納税課・収納係, not codes.
/// </summary>
public sealed class UnitNames(ChoshuDbContext db)
{
    private OrgUnitDirectory? _directory;

    public async Task<OrgUnitDirectory> GetAsync(CancellationToken ct = default) =>
        _directory ??= await OrgUnits.CachedDirectoryAsync(db, ct);
}
