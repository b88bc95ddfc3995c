namespace Choshu.Web;

/// <summary>
/// Names this assembly for <c>WebApplicationFactory&lt;WebEntryPoint&gt;</c>, which starts its entry
/// point (<c>Program.cs</c>). <c>Program</c> itself cannot be named from a test that also references
/// the CLI: both assemblies have a top-level <c>Program</c>.
/// </summary>
public sealed class WebEntryPoint
{
    private WebEntryPoint() { }
}
