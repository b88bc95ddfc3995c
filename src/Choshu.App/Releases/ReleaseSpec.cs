using Choshu.Data.Privacy;

namespace Choshu.App.Releases;

/// <summary>
/// What is being released and to whom, as <c>data_releases</c> records it. <see cref="Content"/> names the
/// data and its scope (e.g. <c>arrears-list:2026-11-26</c>, <c>payment-status:01:2025</c>); <see cref="Recipient"/>
/// is the receiving department (移転) or the exporting person's own department (出力).
/// </summary>
/// <param name="AuditKind">The audit kind when not the kind's own (4000 export, 4002 transfer): e.g. 4021 軽JNKS, 4022 コンビニ交付.</param>
/// <param name="ShiftJis">Write the file in code page 932 (Shift_JIS as Windows writes it, no byte-order mark) instead of UTF-8 with BOM;
/// a character CP932 cannot hold stops the release with nothing written.</param>
public sealed record ReleaseSpec(DataReleaseKind Kind, string Content, string Recipient, string? Purpose,
    Domain.Security.AuditEventKind? AuditKind = null, bool ShiftJis = false);
