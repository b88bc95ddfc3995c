namespace Choshu.Data.Migrations.Sql;

/// <summary>
/// The hand-written SQL of the migration OverpaymentCauses (both providers, the same text): the <c>overpayments</c> view of
/// <see cref="OverpaymentAccountSql"/> made again with the reason 5 (減額更正, code <c>overpayment.reduction</c>) and the refund
/// interest cause of each overpayment from <c>overpayment_causes</c> (none → 4, 誤納) with its dates. Kept apart from the
/// generated migrations so they can be made again when branches merge; Down puts back <see cref="OverpaymentAccountSql.CreateView"/>.
/// </summary>
public static class OverpaymentCausesSql
{
    public const string CreateView = """
        CREATE VIEW overpayments AS
        SELECT j.id AS id,
               j.payment_id AS payment_id,
               a.taxpayer_id AS taxpayer_id,
               j.installment_id AS installment_id,
               -j.amount AS amount,
               CAST(CASE j.reason_code WHEN 'overpayment.double' THEN 1 WHEN 'overpayment.over' THEN 2
                                       WHEN 'overpayment.after-reduction' THEN 3 WHEN 'overpayment.after-lapse' THEN 4
                                       WHEN 'overpayment.reduction' THEN 5 END AS smallint) AS reason,
               CAST(COALESCE(c.cause, 4) AS smallint) AS cause,
               c.requested_on AS requested_on,
               c.corrected_on AS corrected_on,
               c.income_tax_notice_on AS income_tax_notice_on,
               j.value_date AS arose_on,
               j.recorded_at_utc AS recorded_at_utc,
               (SELECT MIN(r.recorded_at_utc) FROM journal_entries r WHERE r.reverses_entry_id = j.id) AS cancelled_at_utc
        FROM journal_entries j
        JOIN installments i ON i.id = j.installment_id
        JOIN assessments a ON a.id = i.assessment_id
        LEFT JOIN overpayment_causes c ON c.journal_entry_id = j.id
        WHERE j.component = 4 AND j.kind = 3 AND j.payment_id IS NOT NULL;
        """;
}
