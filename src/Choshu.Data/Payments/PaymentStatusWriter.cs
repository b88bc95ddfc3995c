using Choshu.Data.Bulk;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Choshu.Data.Payments;

/// <summary>
/// Applies status changes of received payments in the bulk writer's transaction: one UPDATE over
/// arrays on PostgreSQL (no round trip per payment), a prepared statement reused per row on SQLite
/// (in-process, no network). The received date and the installment are kept when a change gives none.
/// </summary>
public static class PaymentStatusWriter
{
    public static async Task ApplyAsync(IBulkWriter writer, IReadOnlyList<PaymentStatusChange> changes, string actor, DateTime nowUtc, CancellationToken ct)
    {
        if (changes.Count == 0) return;
        if (writer.Connection is NpgsqlConnection pg)
        {
            await using var cmd = new NpgsqlCommand(
                """
                UPDATE payments AS p
                SET status = u.status,
                    received_on = COALESCE(u.received_on, p.received_on),
                    installment_id = CASE WHEN u.status = 3 THEN NULL ELSE COALESCE(u.installment_id, p.installment_id) END,
                    status_changed_at_utc = @now, status_changed_by = @actor, status_reason = u.reason
                FROM unnest(@ids, @statuses, @received, @installments, @reasons) AS u(id, status, received_on, installment_id, reason)
                WHERE p.id = u.id
                """, pg, (NpgsqlTransaction?)writer.Transaction);
            cmd.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = changes.Select(c => c.PaymentId).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter("statuses", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = changes.Select(c => (short)c.Status).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter("received", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = changes.Select(c => c.ReceivedOn).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter("installments", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = changes.Select(c => c.InstallmentId).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter("reasons", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = changes.Select(c => c.Reason).ToArray() });
            cmd.Parameters.AddWithValue("now", nowUtc);
            cmd.Parameters.AddWithValue("actor", actor);
            await cmd.ExecuteNonQueryAsync(ct);
            return;
        }

        var sqlite = (SqliteConnection)writer.Connection;
        await using var update = sqlite.CreateCommand();
        update.Transaction = (SqliteTransaction?)writer.Transaction;
        update.CommandText =
            """
            UPDATE payments
            SET status = $status,
                received_on = COALESCE($received, received_on),
                installment_id = CASE WHEN $status = 3 THEN NULL ELSE COALESCE($installment, installment_id) END,
                status_changed_at_utc = $now, status_changed_by = $actor, status_reason = $reason
            WHERE id = $id
            """;
        var id = update.Parameters.Add("$id", SqliteType.Integer);
        var status = update.Parameters.Add("$status", SqliteType.Integer);
        var received = update.Parameters.Add("$received", SqliteType.Text);
        var installment = update.Parameters.Add("$installment", SqliteType.Integer);
        var reason = update.Parameters.Add("$reason", SqliteType.Text);
        update.Parameters.AddWithValue("$now", nowUtc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture));
        update.Parameters.AddWithValue("$actor", actor);
        update.Prepare();
        foreach (var c in changes)
        {
            id.Value = c.PaymentId;
            status.Value = (short)c.Status;
            received.Value = c.ReceivedOn is { } d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : DBNull.Value;
            installment.Value = c.InstallmentId is { } i ? i : DBNull.Value;
            reason.Value = c.Reason;
            await update.ExecuteNonQueryAsync(ct);
        }
    }
}
