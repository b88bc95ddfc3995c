namespace Choshu.Formats.Zengin;

/// <summary>データ区分: the first byte of every record. The numbers are the digits written in the file.</summary>
public enum ZenginRecordKind
{
    /// <summary>The first byte is none of 1, 2, 8, 9 (or the record is empty).</summary>
    Unknown = 0,

    /// <summary>1 ヘッダー・レコード.</summary>
    Header = 1,

    /// <summary>2 データ・レコード.</summary>
    Data = 2,

    /// <summary>8 トレーラ・レコード.</summary>
    Trailer = 8,

    /// <summary>9 エンド・レコード.</summary>
    End = 9,
}

/// <summary>Japanese names of <see cref="ZenginRecordKind"/>, as error messages use them.</summary>
public static class ZenginRecordKindNames
{
    public static string ToDisplayName(this ZenginRecordKind kind) => kind switch
    {
        ZenginRecordKind.Header => "ヘッダー・レコード",
        ZenginRecordKind.Data => "データ・レコード",
        ZenginRecordKind.Trailer => "トレーラ・レコード",
        ZenginRecordKind.End => "エンド・レコード",
        _ => "データ区分不明のレコード",
    };
}
