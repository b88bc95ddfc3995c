using Microsoft.EntityFrameworkCore.Migrations;

namespace Choshu.Data.Migrations.Sql;

/// <summary>
/// Migration H18RetentionErasure (both providers): <c>case_log_entries</c> stays append-only, with one exception — the
/// erasure of a deletion past retention (docs/security.md §11, <c>PersonalDataRetention</c>), an UPDATE that sets the
/// counterpart and the content to 「（保存期間経過により消去）」 and the next action and its date to NULL and changes
/// nothing else. Any other UPDATE, any DELETE (and TRUNCATE on PostgreSQL) is still refused by the store itself.
/// </summary>
public static class RetentionErasureSql
{
    /// <summary>The text an erased entry holds (the same as <c>PersonalDataRetention.Erased</c>).</summary>
    public const string Erased = "（保存期間経過により消去）";

    private const string Unchanged =
        "NEW.id IS {0} OLD.id AND NEW.case_id IS {0} OLD.case_id AND NEW.contacted_on IS {0} OLD.contacted_on " +
        "AND NEW.contacted_time IS {0} OLD.contacted_time AND NEW.method IS {0} OLD.method AND NEW.corrects_entry_id IS {0} OLD.corrects_entry_id " +
        "AND NEW.source IS {0} OLD.source AND NEW.external_key IS {0} OLD.external_key AND NEW.actor_name IS {0} OLD.actor_name " +
        "AND NEW.actor_account_id IS {0} OLD.actor_account_id AND NEW.recorded_at_utc IS {0} OLD.recorded_at_utc";

    private static string Erasure(bool postgres) =>
        $"NEW.counterpart = '{Erased}' AND NEW.content = '{Erased}' AND NEW.next_action IS NULL AND NEW.next_action_on IS NULL AND "
        + string.Format(System.Globalization.CultureInfo.InvariantCulture, Unchanged, postgres ? "NOT DISTINCT FROM" : "");

    public static void Up(MigrationBuilder migrationBuilder, bool postgres)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (postgres)
            migrationBuilder.Sql($"""
                CREATE FUNCTION case_log_entries_erasure_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP = 'UPDATE' AND {Erasure(true)} THEN
                    RETURN NEW;
                  END IF;
                  RAISE EXCEPTION 'case_log_entries is append-only: % refused', TG_OP;
                END $$;
                DROP TRIGGER case_log_entries_no_change ON case_log_entries;
                CREATE TRIGGER case_log_entries_no_change BEFORE UPDATE OR DELETE ON case_log_entries
                  FOR EACH ROW EXECUTE FUNCTION case_log_entries_erasure_only();
                """);
        else
        {
            migrationBuilder.Sql("DROP TRIGGER case_log_entries_no_update;");
            migrationBuilder.Sql($"CREATE TRIGGER case_log_entries_no_update BEFORE UPDATE ON case_log_entries WHEN NOT ({Erasure(false)}) BEGIN SELECT RAISE(ABORT, 'case_log_entries is append-only: UPDATE refused'); END;");
        }
    }

    public static void Down(MigrationBuilder migrationBuilder, bool postgres)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (postgres)
            migrationBuilder.Sql("""
                DROP TRIGGER case_log_entries_no_change ON case_log_entries;
                CREATE TRIGGER case_log_entries_no_change BEFORE UPDATE OR DELETE ON case_log_entries
                  FOR EACH ROW EXECUTE FUNCTION case_log_entries_append_only();
                DROP FUNCTION case_log_entries_erasure_only();
                """);
        else
        {
            migrationBuilder.Sql("DROP TRIGGER case_log_entries_no_update;");
            migrationBuilder.Sql("CREATE TRIGGER case_log_entries_no_update BEFORE UPDATE ON case_log_entries BEGIN SELECT RAISE(ABORT, 'case_log_entries is append-only: UPDATE refused'); END;");
        }
    }
}
