using System.Text;
using Choshu.App.Imports;
using Choshu.Data;
using Choshu.Domain.Taxpayers;
using Choshu.Formats.Csv;
using Microsoft.EntityFrameworkCore;
using static Choshu.App.Tests.Imports.ImportFixture;

namespace Choshu.App.Tests.Imports;

/// <summary>
/// <c>choshu import taxpayers</c> against real PostgreSQL and SQLite. My Numbers are never theory
/// data, so none appears in a test name.
/// </summary>
public class TaxpayerImportTests
{
    public static TheoryData<StoreProvider> Providers => ImportFixture.Providers;

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_ShiftJisFile_DetectedDecodedAndVersion1Recorded(StoreProvider provider)
    {
        await using var fx = await CreateAsync(provider);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var cp932 = Encoding.GetEncoding(932);
        var path = fx.Write("宛名_sjis.csv",
        [
            TaxpayerHeader,
            $"100001,髙橋　一郎,タカハシ　イチロウ,1975-10-10,1,892-0816,鹿児島県鹿児島市山下町,11-1,㈱ビル 201号,{MyNumber1},",
            $"100002,桜島商事株式会社,サクラジマショウジ,,,8920816,鹿児島県鹿児島市山下町,1-2,,,{CorporateNumber1}",
        ], cp932);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal([0x88, 0xB6, 0x96, 0xBC], bytes[..4]); // 宛名 in CP932: the file really is Shift_JIS

        var r = await fx.ImportTaxpayersAsync(path);

        Assert.Equal(("shift_jis", 2, 2, 0, 0, 0), (r.Encoding, r.Read, r.Created, r.Changed, r.Unchanged, r.Quarantined));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), r.Sha256);
        await using var db = fx.Store.Open();
        var file = await db.ImportFiles.SingleAsync();
        Assert.Equal(("taxpayers", "宛名_sjis.csv", "shift_jis", (long)bytes.Length), (file.Kind, file.FileName, file.Encoding, file.SizeBytes));

        var person = await db.Taxpayers.SingleAsync(t => t.TaxpayerNo == "100001");
        Assert.Equal("髙橋　一郎", person.Facts.NameKanji);
        Assert.Equal("タカハシ　イチロウ", person.Facts.NameKana);
        Assert.Equal("㈱ビル 201号", person.Facts.AddressSupplement);
        Assert.Equal(new DateOnly(1975, 10, 10), person.Facts.BirthDate);
        Assert.Equal(Sex.Male, person.Facts.Sex);
        Assert.Equal("8920816", person.Facts.PostalCode);
        Assert.Equal((1, Today), (person.HistorySeq, person.EffectiveDate));
        Assert.Equal(MyNumber1, fx.Reveal(await db.TaxpayerMyNumbers.SingleAsync(m => m.TaxpayerId == person.Id)));

        var v1 = await db.TaxpayerVersions.SingleAsync(v => v.TaxpayerId == person.Id);
        Assert.Equal((1, ChangeSource.PlatformImport, file.Id, 2, Actor, true),
            (v1.HistorySeq, v1.Source, v1.ImportFileId, v1.SourceLine, v1.RecordedBy, v1.MyNumberChanged));
        Assert.Equal(person.Facts, v1.Facts);

        var corporation = await db.Taxpayers.SingleAsync(t => t.TaxpayerNo == "100002");
        Assert.Equal(PersonKind.Corporation, corporation.Facts.PersonKind);
        Assert.Equal(CorporateNumber1, corporation.CorporateNumber);
        Assert.False(await db.TaxpayerMyNumbers.AnyAsync(m => m.TaxpayerId == corporation.Id));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_FileWithBadLines_GoodLinesLandBadLinesQuarantinedWithLineAndField(StoreProvider provider)
    {
        await using var fx = await CreateAsync(provider);
        var badMyNumber = MyNumber1[..11] + "8"; // wrong check digit
        var path = fx.Write("bad.csv",
        [
            TaxpayerHeader,                                                                    // line 1
            "100001,山田　太郎,ヤマダ　タロウ,1980-04-01,男,8920816,町,1,,,",                     // line 2: good
            $"100002,山田　花子,ヤマダ　ハナコ,1980-13-01,女,8920816,町,1,,{badMyNumber},",       // line 3: date, My Number
            "100003,\"佐藤\n次郎\",サトウ　ジロウ,1970-01-01,男,8920816,町,1,,,",                  // lines 4–5: line break in the name
            "100004,鈴木　三郎,スズキ　サブロウ,1990-01-01,男,8920816,町,1,,,",                     // line 6: good
            "100005,only,three",                                                               // line 7: too few fields
            "100004,鈴木　三郎,スズキ　サブロウ,1990-01-01,男,8920816,町,2,,,",                     // line 8: 宛名番号 again
        ]);

        var r = await fx.ImportTaxpayersAsync(path, batchSize: 2);

        Assert.Equal((6, 2, 0, 0, 4), (r.Read, r.Created, r.Changed, r.Unchanged, r.Quarantined));
        Assert.Equal(
        [
            new ImportError(3, "生年月日", "日付として読めません（YYYY-MM-DD または YYYYMMDD）。"),
            new ImportError(3, "個人番号", "チェックデジットが正しくありません。"),
            new ImportError(4, "氏名漢字", "改行などの制御文字は使えません。"),
            new ImportError(7, "", "項目数が3個あります（ヘッダー行は11個）。列がずれている可能性があります。"),
            new ImportError(8, "宛名番号", "同じ宛名番号が6行目にもあります（1つのファイルに1行まで）。どちらを正とするか確認してください。"),
        ], r.Errors);

        await using var db = fx.Store.Open();
        Assert.Equal(["100001", "100004"], await db.Taxpayers.OrderBy(t => t.TaxpayerNo).Select(t => t.TaxpayerNo).ToListAsync());
        Assert.Equal("町", (await db.Taxpayers.SingleAsync(t => t.TaxpayerNo == "100004")).Facts.TownName);
        var quarantined = (await db.QuarantinedRecords.ToListAsync()).OrderBy(q => q.LineNo).ThenBy(q => q.Field, StringComparer.Ordinal).ToList();
        Assert.Equal([(3, "個人番号"), (3, "生年月日"), (4, "氏名漢字"), (7, ""), (8, "宛名番号")],
            quarantined.Select(q => (q.LineNo, q.Field)));
        Assert.Equal("100002,山田　花子,ヤマダ　ハナコ,1980-13-01,女,8920816,町,1,,************,", quarantined[0].RawLine);
        Assert.Equal("100003,\"佐藤\n次郎\",サトウ　ジロウ,1970-01-01,男,8920816,町,1,,,", quarantined[2].RawLine);
        Assert.All(quarantined, q => Assert.DoesNotContain(badMyNumber, q.RawLine + q.Reason));

        var run = await db.ImportRuns.SingleAsync();
        Assert.Equal((6, 2, 0, 0, 4, Actor), (run.LinesRead, run.Created, run.Changed, run.Unchanged, run.Quarantined, run.Actor));
        Assert.NotNull(run.FinishedAtUtc);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_SameFileTwice_SecondRunChangesNothing(StoreProvider provider)
    {
        await using var fx = await CreateAsync(provider);
        var path = fx.Write("tp.csv",
        [
            TaxpayerHeader,
            $"100001,山田　太郎,ヤマダ　タロウ,1980-04-01,男,8920816,町,1,,{MyNumber1},",
            $"100002,桜島商事株式会社,サクラジマショウジ,,,8920816,町,2,,,{CorporateNumber1}",
            "100003,悪い　日付,ワルイ　ヒヅケ,1980-02-30,男,8920816,町,3,,,",
        ]);
        var first = await fx.ImportTaxpayersAsync(path);
        var before = await fx.CountAsync();

        var second = await fx.ImportTaxpayersAsync(path);

        Assert.Equal((3, 2, 0, 0, 1), (first.Read, first.Created, first.Changed, first.Unchanged, first.Quarantined));
        Assert.Equal((3, 0, 0, 2, 1), (second.Read, second.Created, second.Changed, second.Unchanged, second.Quarantined));
        Assert.Equal(first.ImportFileId, second.ImportFileId);
        Assert.Equal(new RowCounts(2, 2, 1, 0, 0, 0, 1, 1, 1), before);
        Assert.Equal(before with { ImportRuns = 2 }, await fx.CountAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_ChangedTaxpayer_AppendsVersion2AndKeepsVersion1(StoreProvider provider)
    {
        await using var fx = await CreateAsync(provider);
        const string header = TaxpayerHeader + ",適用日,登録事由";
        await fx.ImportTaxpayersAsync(fx.Write("v1.csv",
        [
            header,
            $"100001,山田　太郎,ヤマダ　タロウ,1980-04-01,男,8920816,鹿児島県鹿児島市山下町,11-1,,{MyNumber1},,2026-03-01,新規",
        ]));
        fx.Clock.Advance(TimeSpan.FromDays(9));

        var r = await fx.ImportTaxpayersAsync(fx.Write("v2.csv",
        [
            header,
            $"100001,山田　太郎,ヤマダ　タロウ,1980-04-01,男,8910141,鹿児島県鹿児島市谷山中央,2-3,,{MyNumber2},,2026-04-10,住所変更",
        ]));

        Assert.Equal((1, 0, 1, 0, 0), (r.Read, r.Created, r.Changed, r.Unchanged, r.Quarantined));
        await using var db = fx.Store.Open();
        var taxpayer = await db.Taxpayers.SingleAsync();
        var versions = await db.TaxpayerVersions.OrderBy(v => v.HistorySeq).ToListAsync();
        Assert.Equal([1, 2], versions.Select(v => v.HistorySeq));
        Assert.Equal(("8920816", "鹿児島県鹿児島市山下町", "11-1"), (versions[0].Facts.PostalCode, versions[0].Facts.TownName, versions[0].Facts.StreetNumber));
        Assert.Equal((new DateOnly(2026, 3, 1), "新規", 2, true), (versions[0].EffectiveDate, versions[0].Reason, versions[0].SourceLine, versions[0].MyNumberChanged));
        Assert.Equal(("8910141", "鹿児島県鹿児島市谷山中央", "2-3"), (versions[1].Facts.PostalCode, versions[1].Facts.TownName, versions[1].Facts.StreetNumber));
        Assert.Equal((new DateOnly(2026, 4, 10), "住所変更", r.ImportFileId, true), (versions[1].EffectiveDate, versions[1].Reason, versions[1].ImportFileId, versions[1].MyNumberChanged));
        Assert.NotEqual(versions[0].ImportFileId, versions[1].ImportFileId);
        Assert.Equal((2, new DateOnly(2026, 4, 10)), (taxpayer.HistorySeq, taxpayer.EffectiveDate));
        Assert.Equal(versions[1].Facts, taxpayer.Facts);
        Assert.Equal(MyNumber2, fx.Reveal(await db.TaxpayerMyNumbers.SingleAsync()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_EmptyMyNumberAndAbsentOptionalColumn_StoredValuesKept(StoreProvider provider)
    {
        await using var fx = await CreateAsync(provider);
        await fx.ImportTaxpayersAsync(fx.Write("v1.csv",
        [
            TaxpayerHeader + ",世帯番号,郵便返却区分",
            $"100001,山田　太郎,ヤマダ　タロウ,1980-04-01,男,8920816,町,1,,{MyNumber1},,5001,1",
        ]));

        var r = await fx.ImportTaxpayersAsync(fx.Write("v2.csv",
        [
            TaxpayerHeader,
            "100001,山田　太郎,ヤマダ　タロウ,1980-04-01,男,8920816,町,1,,,",
        ]));

        Assert.Equal((0, 0, 1), (r.Created, r.Changed, r.Unchanged));
        await using var db = fx.Store.Open();
        var taxpayer = await db.Taxpayers.SingleAsync();
        Assert.Equal(("5001", true, 1), (taxpayer.Facts.HouseholdNo, taxpayer.Facts.MailReturned, taxpayer.HistorySeq));
        Assert.Equal(MyNumber1, fx.Reveal(await db.TaxpayerMyNumbers.SingleAsync()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_MissingRequiredColumn_FileRefusedAndNothingWritten(StoreProvider provider)
    {
        await using var fx = await CreateAsync(provider);
        var path = fx.Write("no-mynumber-column.csv",
        [
            "宛名番号,氏名漢字,氏名かな,生年月日,性別,郵便番号,町名,番地,方書,法人番号",
            "100001,山田　太郎,ヤマダ　タロウ,1980-04-01,男,8920816,町,1,,",
        ]);

        var ex = await Assert.ThrowsAsync<CsvFileRefusedException>(() => fx.ImportTaxpayersAsync(path));

        Assert.Equal("no-mynumber-column.csv: 必須の列「個人番号」がヘッダー行にありません。ファイル全体を取り込みません。", ex.Message);
        Assert.Equal(new RowCounts(0, 0, 0, 0, 0, 0, 0, 0, 0), await fx.CountAsync());
    }
}
