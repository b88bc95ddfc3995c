using Choshu.App.Audit;
using Choshu.Domain.Security;

namespace Choshu.Web.Pages.Admin;

/// <summary>
/// Audit records as one table (<c>_AuditLines.cshtml</c>): the viewer's page and each section of the
/// monthly review. <see cref="Reasons"/>, when given, says per line why it is listed (土曜日, 時間外 …).
/// </summary>
public sealed record AuditLinesTable(string Caption, IReadOnlyList<AuditLine> Lines, IReadOnlyList<string>? Reasons = null)
{
    /// <summary>"2026-11-14 10:00:30" from the record's Japan-time stamp ("2026-11-14T10:00:30.000000+09:00").</summary>
    public static string When(AuditLine l) => l.OccurredAtJst.Length >= 19 ? l.OccurredAtJst[..19].Replace('T', ' ') : l.OccurredAtJst;
}
