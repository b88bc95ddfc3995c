namespace Choshu.Data.Migrations.Sql;

/// <summary>
/// The hand-written SQL of the migration OverpaymentAccount (both providers, the same text): the rows of the old
/// <c>overpayments</c> table move into the journal's overpayment account (component 4) and the table becomes a view
/// projected from the journal. Kept apart from the generated migrations so they can be made again when branches merge.
/// The reason codes are those of <c>OverpaymentReasonCodes</c> (Choshu.Domain); <c>OverpaymentAccount.CheckAsync</c>
/// compares the view with the journal. A later SQLite migration that rebuilds journal_entries, installments or
/// assessments must drop the view first (<see cref="DropView"/>) and create it again after (<see cref="CreateView"/>):
/// EF runs a SQLite table rebuild after every other operation of the migration, so the view must come back in a
/// migration of its own after the rebuilding one (or the change be made without a rebuild, as here).
/// </summary>
public static class OverpaymentAccountSql
{
    private const string Actor = "system:migration";

    /// <summary>
    /// One journal entry per overpayment row (Payment, Overpayment, −amount, the reason as its code, on the payment's
    /// installment when the row had none), in id order; the old id is kept in the comment to pair the reversals.
    /// </summary>
    public const string MoveRows = $"""
        INSERT INTO journal_entries (installment_id, kind, component, amount, value_date, recorded_at_utc, actor, reason_code, comment, payment_id)
        SELECT COALESCE(o.installment_id, p.installment_id), 3, 4, -o.amount, o.arose_on, o.recorded_at_utc, '{Actor}',
               CASE o.reason WHEN 1 THEN 'overpayment.double' WHEN 2 THEN 'overpayment.over'
                             WHEN 3 THEN 'overpayment.after-reduction' WHEN 4 THEN 'overpayment.after-lapse' END,
               '過誤納 ' || o.id || ' から移行', o.payment_id
        FROM overpayments o
        JOIN payments p ON p.id = o.payment_id
        ORDER BY o.id;
        """;

    /// <summary>A cancelled overpayment row also gets the reversal of its entry, recorded when it was cancelled.</summary>
    public const string MoveCancellations = $"""
        INSERT INTO journal_entries (installment_id, kind, component, amount, value_date, recorded_at_utc, actor, reason_code, comment, reverses_entry_id, payment_id)
        SELECT j.installment_id, 4, 4, -j.amount, j.value_date, o.cancelled_at_utc, '{Actor}', 'overpayment.cancel',
               '過誤納 ' || o.id || ' の取消から移行', j.id, j.payment_id
        FROM overpayments o
        JOIN journal_entries j ON j.component = 4 AND j.actor = '{Actor}' AND j.comment = '過誤納 ' || o.id || ' から移行'
        WHERE o.cancelled_at_utc IS NOT NULL
        ORDER BY o.id;
        """;

    /// <summary>
    /// The projection: one row per overpayment-account entry of kind Payment (the money that arose), its taxpayer through
    /// the installment's assessment, the amount positive, the reason mapped back from the code, cancelled when a
    /// reversal entry reverses it (then at that reversal's recording time).
    /// </summary>
    public const string CreateView = """
        CREATE VIEW overpayments AS
        SELECT j.id AS id,
               j.payment_id AS payment_id,
               a.taxpayer_id AS taxpayer_id,
               j.installment_id AS installment_id,
               -j.amount AS amount,
               CAST(CASE j.reason_code WHEN 'overpayment.double' THEN 1 WHEN 'overpayment.over' THEN 2
                                       WHEN 'overpayment.after-reduction' THEN 3 WHEN 'overpayment.after-lapse' THEN 4 END AS smallint) AS reason,
               j.value_date AS arose_on,
               j.recorded_at_utc AS recorded_at_utc,
               (SELECT MIN(r.recorded_at_utc) FROM journal_entries r WHERE r.reverses_entry_id = j.id) AS cancelled_at_utc
        FROM journal_entries j
        JOIN installments i ON i.id = j.installment_id
        JOIN assessments a ON a.id = i.assessment_id
        WHERE j.component = 4 AND j.kind = 3 AND j.payment_id IS NOT NULL;
        """;

    public const string DropView = "DROP VIEW IF EXISTS overpayments;";

    /// <summary>
    /// SQLite only: the link column with its foreign key, added in place (what EF's AddColumn and AddForeignKey would do by
    /// rebuilding the table at the end of the migration, where the view would make the rebuild fail).
    /// </summary>
    public const string SqliteAddLinkedEntryId =
        "ALTER TABLE journal_entries ADD COLUMN linked_entry_id INTEGER NULL CONSTRAINT fk_journal_entries_journal_entries_linked_entry_id REFERENCES journal_entries (id) ON DELETE RESTRICT;";

    /// <summary>Down: the view's rows back into the table made again (ids are the entries' ids).</summary>
    public const string RestoreRows = """
        INSERT INTO overpayments (id, payment_id, taxpayer_id, installment_id, amount, reason, arose_on, recorded_at_utc, cancelled_at_utc)
        SELECT j.id, j.payment_id, a.taxpayer_id, j.installment_id, -j.amount,
               CASE j.reason_code WHEN 'overpayment.double' THEN 1 WHEN 'overpayment.over' THEN 2
                                  WHEN 'overpayment.after-reduction' THEN 3 WHEN 'overpayment.after-lapse' THEN 4 END,
               j.value_date, j.recorded_at_utc,
               (SELECT MIN(r.recorded_at_utc) FROM journal_entries r WHERE r.reverses_entry_id = j.id)
        FROM journal_entries j
        JOIN installments i ON i.id = j.installment_id
        JOIN assessments a ON a.id = i.assessment_id
        WHERE j.component = 4 AND j.kind = 3 AND j.payment_id IS NOT NULL;
        """;

    /// <summary>
    /// Down: the overpayment-account entries leave the journal (reversals first). Appropriations recorded since cannot
    /// be expressed without the account and are removed with it, with their target-side entries.
    /// </summary>
    public static readonly string[] RemoveEntries =
    [
        "DELETE FROM journal_entries WHERE reverses_entry_id IN (SELECT id FROM journal_entries WHERE component = 4 OR linked_entry_id IS NOT NULL);",
        "DELETE FROM journal_entries WHERE component = 4 OR linked_entry_id IS NOT NULL;",
    ];
}
