using Choshu.Domain;
using DataLayout = Choshu.Formats.Zengin.ZenginTransferLayout.Data;
using EndLayout = Choshu.Formats.Zengin.ZenginTransferLayout.End;
using HeaderLayout = Choshu.Formats.Zengin.ZenginTransferLayout.Header;
using TrailerLayout = Choshu.Formats.Zengin.ZenginTransferLayout.Trailer;

namespace Choshu.Formats.Zengin;

/// <summary>
/// Writes a 総合振込 file (種別コード 21, コード区分 0 = JIS, code page 932), domain.md §12: header, one data record per
/// transfer, the trailer it computes (count, amount) and the end record, each 120 bytes followed by CR LF. Fields as
/// <see cref="ZenginWriter"/> writes them: numbers right-aligned zero-filled, Zengin kana left-aligned space-filled and
/// cut at the width, filler spaces; 新規コード 0, 手形交換所番号 0000, 識別表示 a space (no EDI). A value that cannot be
/// written throws <see cref="DomainException"/> naming the record and field; a zero or negative amount is refused.
/// </summary>
public static class ZenginTransferWriter
{
    private static readonly byte[] s_crLf = [0x0D, 0x0A];

    public static ZenginTransferTrailer Write(Stream output, ZenginTransferHeader header, IEnumerable<ZenginTransferRecord> records)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(records);
        var kana = Kana.HalfWidthKanaOptions.Default;
        var buffer = new byte[ZenginLayout.RecordLength];
        var recordNo = 1;

        var h = new ZenginWriter.RecordBuilder(buffer, recordNo, ZenginRecordKind.Header, kana);
        h.PutDigits(HeaderLayout.DataKind, "1");
        h.PutDigits(HeaderLayout.TypeCode, ZenginTransferLayout.TypeCode);
        h.PutDigits(HeaderLayout.CodeKind, ZenginLayout.JisCodeKind);
        h.PutDigits(HeaderLayout.RequesterCode, header.RequesterCode);
        h.PutText(HeaderLayout.RequesterName, header.RequesterName);
        if (header.TransferMonth is < 1 or > 12 || header.TransferDay < 1 || header.TransferDay > DateTime.DaysInMonth(2000, header.TransferMonth))
            throw h.Invalid(HeaderLayout.TransferDate, "実在する月日でなければなりません");
        h.PutNumber(HeaderLayout.TransferDate, header.TransferMonth * 100 + header.TransferDay);
        h.PutDigits(HeaderLayout.BankCode, header.BankCode);
        h.PutText(HeaderLayout.BankName, header.BankName);
        h.PutDigits(HeaderLayout.BranchCode, header.BranchCode);
        h.PutText(HeaderLayout.BranchName, header.BranchName);
        h.PutNumber(HeaderLayout.AccountType, header.AccountType);
        h.PutDigits(HeaderLayout.AccountNo, header.AccountNo);
        h.PutFiller(HeaderLayout.Filler);
        Emit(output, buffer);

        long count = 0, amount = 0;
        foreach (var r in records)
        {
            ArgumentNullException.ThrowIfNull(r, nameof(records));
            recordNo++;
            var d = new ZenginWriter.RecordBuilder(buffer, recordNo, ZenginRecordKind.Data, kana);
            if (r.Amount <= 0) throw d.Invalid(DataLayout.Amount, "1円以上でなければなりません");
            d.PutDigits(DataLayout.DataKind, "2");
            d.PutDigits(DataLayout.BankCode, r.BankCode);
            d.PutText(DataLayout.BankName, r.BankName);
            d.PutDigits(DataLayout.BranchCode, r.BranchCode);
            d.PutText(DataLayout.BranchName, r.BranchName);
            d.PutNumber(DataLayout.ClearingHouse, 0);
            d.PutNumber(DataLayout.AccountType, r.AccountType);
            d.PutDigits(DataLayout.AccountNo, r.AccountNo);
            d.PutText(DataLayout.PayeeName, r.PayeeName);
            d.PutNumber(DataLayout.Amount, r.Amount);
            d.PutNumber(DataLayout.NewCode, 0);
            d.PutDigits(DataLayout.CustomerCode1, r.CustomerCode1);
            d.PutDigits(DataLayout.CustomerCode2, r.CustomerCode2);
            d.PutNumber(DataLayout.TransferKind, r.TransferKind);
            d.PutFiller(DataLayout.EdiFlag);
            d.PutFiller(DataLayout.Filler);
            Emit(output, buffer);
            count++;
            amount = checked(amount + r.Amount);
        }

        recordNo++;
        var t = new ZenginWriter.RecordBuilder(buffer, recordNo, ZenginRecordKind.Trailer, kana);
        t.PutDigits(TrailerLayout.DataKind, "8");
        t.PutTotal(TrailerLayout.TotalCount, count);
        t.PutTotal(TrailerLayout.TotalAmount, amount);
        t.PutFiller(TrailerLayout.Filler);
        Emit(output, buffer);

        var e = new ZenginWriter.RecordBuilder(buffer, recordNo + 1, ZenginRecordKind.End, kana);
        e.PutDigits(EndLayout.DataKind, "9");
        e.PutFiller(EndLayout.Filler);
        Emit(output, buffer);
        output.Flush();
        return new ZenginTransferTrailer((int)count, amount);
    }

    private static void Emit(Stream output, byte[] record)
    {
        output.Write(record, 0, record.Length);
        output.Write(s_crLf, 0, s_crLf.Length);
    }
}
