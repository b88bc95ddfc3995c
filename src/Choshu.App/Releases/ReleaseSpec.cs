using Choshu.Data.Privacy;

namespace Choshu.App.Releases;

/// <summary>
/// What is being released and to whom, as <c>data_releases</c> records it. <see cref="Content"/> names the
/// data and its scope (e.g. <c>arrears-list:2026-11-26</c>, <c>payment-status:01:2025</c>); <see cref="Recipient"/>
/// is the receiving department (移転) or the exporting person's own department (出力).
/// </summary>
public sealed record ReleaseSpec(DataReleaseKind Kind, string Content, string Recipient, string? Purpose);
