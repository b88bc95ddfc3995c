namespace Choshu.Data.Migrations.Sql;

/// <summary>
/// <c>liabilities</c> is append-only (a 相続放棄, a recomputed share or a 限定承認 is a new row superseding the one before): triggers
/// refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL), as for the pledges (<see cref="PledgesSql"/>).
/// </summary>
public static class LiabilitiesSql
{
    public static IEnumerable<string> PostgresUp()
    {
        yield return """
            CREATE FUNCTION liabilities_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
            END $$;
            """;
        yield return "CREATE TRIGGER liabilities_no_change BEFORE UPDATE OR DELETE ON liabilities FOR EACH ROW EXECUTE FUNCTION liabilities_append_only();";
        yield return "CREATE TRIGGER liabilities_no_truncate BEFORE TRUNCATE ON liabilities FOR EACH STATEMENT EXECUTE FUNCTION liabilities_append_only();";
    }

    public static IEnumerable<string> PostgresDown()
    {
        yield return "DROP TRIGGER IF EXISTS liabilities_no_change ON liabilities;";
        yield return "DROP TRIGGER IF EXISTS liabilities_no_truncate ON liabilities;";
        yield return "DROP FUNCTION IF EXISTS liabilities_append_only();";
    }

    public static IEnumerable<string> SqliteUp()
    {
        yield return "CREATE TRIGGER liabilities_no_update BEFORE UPDATE ON liabilities BEGIN SELECT RAISE(ABORT, 'liabilities is append-only: UPDATE refused'); END;";
        yield return "CREATE TRIGGER liabilities_no_delete BEFORE DELETE ON liabilities BEGIN SELECT RAISE(ABORT, 'liabilities is append-only: DELETE refused'); END;";
    }

    public static IEnumerable<string> SqliteDown()
    {
        yield return "DROP TRIGGER IF EXISTS liabilities_no_update;";
        yield return "DROP TRIGGER IF EXISTS liabilities_no_delete;";
    }
}
