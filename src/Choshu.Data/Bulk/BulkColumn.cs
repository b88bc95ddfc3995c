using NpgsqlTypes;
using Npgsql;

namespace Choshu.Data.Bulk;

/// <summary>
/// One column of a <see cref="BulkTable{T}"/>: its store name and how to read its value from a row.
/// Typed so that PostgreSQL's binary COPY writes values without boxing; SQLite binds the boxed value.
/// </summary>
public abstract class BulkColumn<T>
{
    private protected BulkColumn(string name) => Name = name;

    /// <summary>The column name in the store (snake_case, as the migrations create it).</summary>
    public string Name { get; }

    /// <summary>Writes this column of <paramref name="row"/> to a binary COPY in progress.</summary>
    internal abstract void WriteTo(NpgsqlBinaryImporter importer, T row);

    /// <summary>The value SQLite binds: the CLR value, or <see cref="DBNull"/> for null.</summary>
    internal abstract object SqliteValue(T row);
}

internal sealed class StructColumn<T, TValue>(string name, Func<T, TValue> get, NpgsqlDbType type) : BulkColumn<T>(name)
    where TValue : struct
{
    internal override void WriteTo(NpgsqlBinaryImporter importer, T row) => importer.Write(get(row), type);

    internal override object SqliteValue(T row) => get(row);
}

internal sealed class NullableStructColumn<T, TValue>(string name, Func<T, TValue?> get, NpgsqlDbType type) : BulkColumn<T>(name)
    where TValue : struct
{
    internal override void WriteTo(NpgsqlBinaryImporter importer, T row)
    {
        var value = get(row);
        if (value.HasValue) importer.Write(value.GetValueOrDefault(), type);
        else importer.WriteNull();
    }

    internal override object SqliteValue(T row) => get(row) is { } value ? value : DBNull.Value;
}

internal sealed class TextColumn<T>(string name, Func<T, string?> get) : BulkColumn<T>(name)
{
    // text and character varying share one binary format; the server applies the length limit.
    internal override void WriteTo(NpgsqlBinaryImporter importer, T row)
    {
        var value = get(row);
        if (value is null) importer.WriteNull();
        else importer.Write(value, NpgsqlDbType.Text);
    }

    internal override object SqliteValue(T row) => get(row) ?? (object)DBNull.Value;
}
