using Choshu.Domain;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Payments;

namespace Choshu.Formats.Tests.Payments;

public class PaymentFormatsTests
{
    [Theory]
    [InlineData("bank", typeof(BankPaymentReader), PaymentChannel.Bank)]
    [InlineData("store", typeof(StorePaymentReader), PaymentChannel.Store)]
    [InlineData("eltax", typeof(EltaxPaymentReader), PaymentChannel.Eltax)]
    [InlineData("zengin", typeof(ZenginPaymentReader), PaymentChannel.DirectDebit)]
    [InlineData("counter", typeof(CounterPaymentReader), PaymentChannel.Counter)]
    public void Create_KnownName_ReaderOfThatFormat(string name, Type type, PaymentChannel channel)
    {
        var reader = PaymentFormats.Create(name, new PaymentReaderOptions { DebitYear = 2026 });

        Assert.IsType(type, reader);
        Assert.Equal(name, reader.Format);
        Assert.Equal(channel, reader.Channel);
        Assert.True(PaymentFormats.IsKnown(name));
    }

    [Fact]
    public void Create_UnknownName_DomainException()
    {
        var ex = Assert.Throws<DomainException>(() => PaymentFormats.Create("paypay"));

        Assert.Equal("import.format_unknown", ex.Code);
        Assert.Equal("収納データの形式「paypay」には対応していません（bank・store・eltax・zengin・counter のいずれか）。", ex.Message);
        Assert.False(PaymentFormats.IsKnown("paypay"));
    }
}
