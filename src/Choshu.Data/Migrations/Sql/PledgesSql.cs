namespace Choshu.Data.Migrations.Sql;

/// <summary>
/// Migration h13cPledges: the pledge tables (pledges, pledge_instalments, pledge_claims, pledge_events) are append-only in
/// the store itself, as the audit log is: a trigger refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL). A pledge's end is a
/// new pledge_events row; its standing is derived, never written.
/// </summary>
public static class PledgesSql
{
    public static readonly IReadOnlyList<string> Tables = ["pledges", "pledge_instalments", "pledge_claims", "pledge_events"];

    public static IEnumerable<string> PostgresUp()
    {
        yield return """
            CREATE FUNCTION pledges_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
            END $$;
            """;
        foreach (var t in Tables)
        {
            yield return $"CREATE TRIGGER {t}_no_change BEFORE UPDATE OR DELETE ON {t} FOR EACH ROW EXECUTE FUNCTION pledges_append_only();";
            yield return $"CREATE TRIGGER {t}_no_truncate BEFORE TRUNCATE ON {t} FOR EACH STATEMENT EXECUTE FUNCTION pledges_append_only();";
        }
    }

    public static IEnumerable<string> PostgresDown()
    {
        foreach (var t in Tables)
        {
            yield return $"DROP TRIGGER IF EXISTS {t}_no_change ON {t};";
            yield return $"DROP TRIGGER IF EXISTS {t}_no_truncate ON {t};";
        }
        yield return "DROP FUNCTION IF EXISTS pledges_append_only();";
    }

    public static IEnumerable<string> SqliteUp()
    {
        foreach (var t in Tables)
        {
            yield return $"CREATE TRIGGER {t}_no_update BEFORE UPDATE ON {t} BEGIN SELECT RAISE(ABORT, '{t} is append-only: UPDATE refused'); END;";
            yield return $"CREATE TRIGGER {t}_no_delete BEFORE DELETE ON {t} BEGIN SELECT RAISE(ABORT, '{t} is append-only: DELETE refused'); END;";
        }
    }

    public static IEnumerable<string> SqliteDown()
    {
        foreach (var t in Tables)
        {
            yield return $"DROP TRIGGER IF EXISTS {t}_no_update;";
            yield return $"DROP TRIGGER IF EXISTS {t}_no_delete;";
        }
    }
}
