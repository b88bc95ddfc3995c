using Choshu.Data;
using Choshu.Data.Bulk;
using Choshu.Data.Documents;
using Choshu.Domain.Claims;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.LedgerSeed;

namespace Choshu.App.Tests.Stores;

/// <summary>
/// claim_events and issued_documents on both stores: the domain's <see cref="ClaimEvent"/> (private setters) written
/// by EF and by the bulk writers and read back as it was, a reversal and a document linked, the idempotency key unique.
/// </summary>
public sealed class ClaimEventStoreTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    private static readonly DateTime At = new(2026, 11, 26, 1, 0, 0, DateTimeKind.Utc);

    [Theory, MemberData(nameof(Providers))]
    public async Task ClaimEvents_WrittenByEfAndInBulk_ReadBackAsWritten(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        long installmentId;
        long documentId;
        await using (var db = store.Open())
        {
            var taxpayerId = await TaxpayerAsync(db, "100001");
            installmentId = (await AssessmentAsync(db, taxpayerId, "01", 2025, "0000123", new Inst(1, new DateOnly(2025, 6, 30), 12_300)))[0];
            var document = new IssuedDocument
            {
                Kind = IssuedDocumentKinds.Demand, Template = "demand-letter", TemplateVersion = 1, TaxpayerId = taxpayerId,
                InstallmentId = installmentId, DataSha256 = new string('a', 64), ActorName = "S0001", IssuedAtUtc = At, RunId = 7,
            };
            db.IssuedDocuments.Add(document);
            await db.SaveChangesAsync();
            documentId = document.Id;

            var demand = ClaimEvent.Create(installmentId, ClaimEventKind.Demand, new DateOnly(2025, 9, 1), "S0001", At,
                arrivedOn: new DateOnly(2025, 9, 3), delivery: DeliveryMethod.RecordedMail, documentId: documentId, idempotencyKey: "demand:1");
            db.ClaimEvents.Add(demand);
            await db.SaveChangesAsync();
            db.ClaimEvents.Add(ClaimEvent.Create(installmentId, ClaimEventKind.Withdrawal, new DateOnly(2025, 9, 10), "S0002", At,
                reversesEventId: demand.Id, reason: "宛先誤り"));
            await db.SaveChangesAsync();
        }

        await using (var writer = await BulkWriter.OpenAsync(store.Store))
        {
            await writer.BeginAsync();
            var ids = await writer.ReserveIdsAsync(BulkTables.ClaimEvents, 2);
            ClaimEvent Stay(long id) => ClaimEvent.Create(installmentId, ClaimEventKind.Stay, new DateOnly(2026, 3, 10), "system:reminder-run", At,
                ground: (short)StayGround.NoProperty, idempotencyKey: $"bulk:{id}");
            var rows = new[] { Stay(ids[0]), Stay(ids[1]) };
            for (var i = 0; i < rows.Length; i++) rows[i].AssignId(ids[i]);
            Assert.Throws<InvalidOperationException>(() => rows[0].AssignId(ids[1]));
            await writer.WriteAsync(BulkTables.ClaimEvents, rows);
            await writer.CommitAsync();
        }

        await using (var db = store.Open())
        {
            var events = await db.ClaimEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
            Assert.Equal(
            [
                (ClaimEventKind.Demand, new DateOnly(2025, 9, 1), (DateOnly?)new DateOnly(2025, 9, 3), (DeliveryMethod?)DeliveryMethod.RecordedMail, (long?)documentId, (string?)null),
                (ClaimEventKind.Withdrawal, new DateOnly(2025, 9, 10), null, null, null, "宛先誤り"),
                (ClaimEventKind.Stay, new DateOnly(2026, 3, 10), null, null, null, null),
                (ClaimEventKind.Stay, new DateOnly(2026, 3, 10), null, null, null, null),
            ], events.Select(e => (e.Kind, e.On, e.ArrivedOn, e.Delivery, e.DocumentId, e.Reason)));
            Assert.Equal(events[0].Id, events[1].ReversesEventId);
            Assert.Equal(StayGround.NoProperty, events[2].StayGround);
            Assert.All(events, e => Assert.Equal(installmentId, e.InstallmentId));
            Assert.Equal(new[] { events[2], events[3] }.Select(e => e.Id), ClaimEvent.InForce(events).Select(e => e.Id));
            var document = await db.IssuedDocuments.SingleAsync();
            Assert.Equal(("demand", 7L, (string?)null), (document.Kind, document.RunId!.Value, document.FileSha256));

            db.ClaimEvents.Add(ClaimEvent.Create(installmentId, ClaimEventKind.Acknowledgement, new DateOnly(2025, 10, 1), "S0001", At, idempotencyKey: "demand:1"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }
}
