using Choshu.Domain;
using Choshu.Formats.Barcodes;

namespace Choshu.Formats.Tests.Barcodes;

public sealed class ChoshuElQrPayloadTests
{
    [Fact]
    public void Build_Fields_VersionedLineThatParsesBack()
    {
        var fields = new ElQrFields("912345", "00000000000000043214", 13_334, new DateOnly(2026, 12, 21));
        var text = new ChoshuElQrPayload().Build(fields);
        Assert.Equal("CHOSHU-ELQR/1|912345|00000000000000043214|13334|20261221", text);
        Assert.Equal(fields, ChoshuElQrPayload.Parse(text));
    }

    [Fact]
    public void Parse_OtherLayout_Refused() =>
        Assert.Equal("elqr.invalid", Assert.Throws<DomainException>(() => ChoshuElQrPayload.Parse("EL|1|2")).Code);
}
