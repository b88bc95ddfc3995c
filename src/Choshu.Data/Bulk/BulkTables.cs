using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Claims;

namespace Choshu.Data.Bulk;

/// <summary>
/// The tables bulk work writes, mapped column by column from the EF entities (names as in the
/// migrations). <c>BulkTablesTests</c> checks that each lists exactly the columns of the EF model.
/// </summary>
public static class BulkTables
{
    public static readonly BulkTable<Taxpayer> Taxpayers = Facts(
        new BulkTable<Taxpayer>("taxpayers", hasIdentity: true)
            .Int64("id", x => x.Id)
            .Text("taxpayer_no", x => x.TaxpayerNo)
            .Text("integrated_no", x => x.IntegratedNo)
            .Text("corporate_number", x => x.CorporateNumber)
            .Int32("history_seq", x => x.HistorySeq)
            .Date("effective_date", x => x.EffectiveDate)
            .TimestampUtc("created_at_utc", x => x.CreatedAtUtc)
            .TimestampUtc("updated_at_utc", x => x.UpdatedAtUtc)
            // The search keys, set with the facts (Taxpayer.Facts): a seeded taxpayer is found like an imported one.
            .Text("search_kana", x => x.SearchKana)
            .Text("search_kanji", x => x.SearchKanji)
            .Text("search_address", x => x.SearchAddress)
            .Text("search_phone", x => x.SearchPhone),
        x => x.Facts);

    public static readonly BulkTable<TaxpayerVersion> TaxpayerVersions = Facts(
        new BulkTable<TaxpayerVersion>("taxpayer_versions", hasIdentity: true)
            .Int64("id", x => x.Id)
            .Int64("taxpayer_id", x => x.TaxpayerId)
            .Int32("history_seq", x => x.HistorySeq)
            .Date("effective_date", x => x.EffectiveDate)
            .Text("corporate_number", x => x.CorporateNumber)
            .Bool("my_number_changed", x => x.MyNumberChanged)
            .Int16("source", x => (short)x.Source)
            .Text("reason", x => x.Reason)
            .Int64("import_file_id", x => x.ImportFileId)
            .Int32("source_line", x => x.SourceLine)
            .Text("recorded_by", x => x.RecordedBy)
            .TimestampUtc("recorded_at_utc", x => x.RecordedAtUtc),
        x => x.Facts);

    public static readonly BulkTable<TaxpayerMyNumber> TaxpayerMyNumbers =
        new BulkTable<TaxpayerMyNumber>("taxpayer_my_numbers", hasIdentity: false)
            .Int64("taxpayer_id", x => x.TaxpayerId)
            .Text("value", x => x.Value)
            .Int32("key_version", x => x.KeyVersion)
            .Text("blind_index", x => x.BlindIndex)
            .TimestampUtc("updated_at_utc", x => x.UpdatedAtUtc);

    public static readonly BulkTable<TaxAgent> TaxAgents =
        new BulkTable<TaxAgent>("tax_agents", hasIdentity: true)
            .Int64("id", x => x.Id)
            .Int64("taxpayer_id", x => x.TaxpayerId)
            .Int64("agent_taxpayer_id", x => x.AgentTaxpayerId)
            .Text("tax_kind_code", x => x.TaxKindCode)
            .Int16("agent_kind", x => x.AgentKind)
            .Date("registered_on", x => x.RegisteredOn)
            .Date("cancelled_on", x => x.CancelledOn)
            .Text("reason", x => x.Reason)
            .Text("recorded_by", x => x.RecordedBy)
            .TimestampUtc("recorded_at_utc", x => x.RecordedAtUtc);

    public static readonly BulkTable<Assessment> Assessments =
        new BulkTable<Assessment>("assessments", hasIdentity: true)
            .Int64("id", x => x.Id)
            .Int64("taxpayer_id", x => x.TaxpayerId)
            .Text("tax_kind_code", x => x.TaxKindCode)
            .Int32("fiscal_year", x => x.FiscalYear)
            .Int32("liability_year", x => x.LiabilityYear)
            .Text("notice_no", x => x.NoticeNo)
            .Text("vehicle_no", x => x.VehicleNo)
            .TimestampUtc("created_at_utc", x => x.CreatedAtUtc);

    public static readonly BulkTable<Installment> Installments =
        new BulkTable<Installment>("installments", hasIdentity: true)
            .Int64("id", x => x.Id)
            .Int64("assessment_id", x => x.AssessmentId)
            .Int16("period", x => x.Period)
            .Date("nominal_due_date", x => x.NominalDueDate)
            .Date("due_date", x => x.DueDate)
            .Date("statutory_due_date", x => x.StatutoryDueDate)
            .Date("accelerated_due_date", x => x.AcceleratedDueDate);

    public static readonly BulkTable<JournalEntry> JournalEntries =
        new BulkTable<JournalEntry>("journal_entries", hasIdentity: true)
            .Int64("id", x => x.Id)
            .Int64("installment_id", x => x.InstallmentId)
            .Int16("kind", x => (short)x.Kind)
            .Int16("component", x => (short)x.Component)
            .Int64("amount", x => x.Amount)
            .Date("value_date", x => x.ValueDate)
            .TimestampUtc("recorded_at_utc", x => x.RecordedAtUtc)
            .Text("actor", x => x.Actor)
            .Text("reason_code", x => x.ReasonCode)
            .Text("comment", x => x.Comment)
            .Int64("reverses_entry_id", x => x.ReversesEntryId)
            .Int64("linked_entry_id", x => x.LinkedEntryId)
            .Int64("payment_id", x => x.PaymentId)
            .Int64("import_file_id", x => x.ImportFileId)
            .Int32("source_line", x => x.SourceLine)
            .Text("idempotency_key", x => x.IdempotencyKey);

    public static readonly BulkTable<ClaimEvent> ClaimEvents =
        new BulkTable<ClaimEvent>("claim_events", hasIdentity: true)
            .Int64("id", x => x.Id)
            .Int64("installment_id", x => x.InstallmentId)
            .Int16("kind", x => (short)x.Kind)
            .Date("on", x => x.On)
            .Date("ends_on", x => x.EndsOn)
            .Date("arrived_on", x => x.ArrivedOn)
            .Int16("delivery", x => (short?)x.Delivery)
            .Int16("ground", x => x.Ground)
            .Int64("reverses_event_id", x => x.ReversesEventId)
            .Int64("document_id", x => x.DocumentId)
            .Text("reason", x => x.Reason)
            .Int16("reason_code", x => x.ReasonCode)
            .Text("actor", x => x.Actor)
            .TimestampUtc("recorded_at_utc", x => x.RecordedAtUtc)
            .Text("idempotency_key", x => x.IdempotencyKey);

    public static readonly BulkTable<Payment> Payments =
        new BulkTable<Payment>("payments", hasIdentity: true)
            .Int64("id", x => x.Id)
            .Int16("channel", x => (short)x.Channel)
            .Int16("status", x => (short)x.Status)
            .Text("raw_key", x => x.RawKey)
            .Int64("installment_id", x => x.InstallmentId)
            .Int64("amount", x => x.Amount)
            .Date("paid_on", x => x.PaidOn)
            .Date("received_on", x => x.ReceivedOn)
            .Text("source_code", x => x.SourceCode)
            .Int64("import_file_id", x => x.ImportFileId)
            .Int32("source_line", x => x.SourceLine)
            .Text("idempotency_key", x => x.IdempotencyKey)
            .Text("raw_record", x => x.RawRecord)
            .Text("actor", x => x.Actor)
            .TimestampUtc("recorded_at_utc", x => x.RecordedAtUtc)
            .TimestampUtc("status_changed_at_utc", x => x.StatusChangedAtUtc)
            .Text("status_changed_by", x => x.StatusChangedBy)
            .Text("status_reason", x => x.StatusReason);

    public static readonly BulkTable<DirectDebitAccount> DirectDebitAccounts =
        new BulkTable<DirectDebitAccount>("direct_debit_accounts", hasIdentity: true)
            .Int64("id", x => x.Id)
            .Int64("taxpayer_id", x => x.TaxpayerId)
            .Text("tax_kind_code", x => x.TaxKindCode)
            .Text("bank_code", x => x.BankCode)
            .Text("branch_code", x => x.BranchCode)
            .Int16("account_type", x => x.AccountType)
            .Text("account_no", x => x.AccountNo)
            .Text("holder_kana", x => x.HolderKana)
            .Date("starts_on", x => x.StartsOn)
            .Date("ends_on", x => x.EndsOn)
            .TimestampUtc("recorded_at_utc", x => x.RecordedAtUtc)
            .Int32("start_fiscal_year", x => x.StartFiscalYear)
            .Int16("start_period", x => x.StartPeriod)
            .Int64("registration_id", x => x.RegistrationId);

    /// <summary>Every table the synthetic city writes, parents before children (the order rows must be written in).</summary>
    public static IReadOnlyList<BulkTable> All { get; } =
        [Taxpayers, TaxpayerVersions, TaxpayerMyNumbers, TaxAgents, DirectDebitAccounts, Assessments, Installments, Payments, JournalEntries];

    /// <summary>The tables payment booking writes besides the journal (overpayments are journal entries).</summary>
    public static IReadOnlyList<BulkTable> PaymentTables { get; } = [Payments];

    /// <summary>The tables a batch of claim events writes (a reminder run records one event per claim).</summary>
    public static IReadOnlyList<BulkTable> ClaimTables { get; } = [ClaimEvents];

    /// <summary>The columns of <see cref="TaxpayerFacts"/>, shared by taxpayers and taxpayer_versions.</summary>
    private static BulkTable<T> Facts<T>(BulkTable<T> table, Func<T, TaxpayerFacts> facts) => table
        .Int16("person_kind", x => (short)facts(x).PersonKind)
        .Text("name_kanji", x => facts(x).NameKanji)
        .Text("name_kana", x => facts(x).NameKana)
        .Text("alias_kanji", x => facts(x).AliasKanji)
        .Text("alias_kana", x => facts(x).AliasKana)
        .Date("birth_date", x => facts(x).BirthDate)
        .Int16("sex", x => (short?)facts(x).Sex)
        .Text("household_no", x => facts(x).HouseholdNo)
        .Int16("residency_status", x => (short)facts(x).ResidencyStatus)
        .Text("postal_code", x => facts(x).PostalCode)
        .Text("municipality_code", x => facts(x).MunicipalityCode)
        .Text("town_name", x => facts(x).TownName)
        .Text("street_number", x => facts(x).StreetNumber)
        .Text("address_supplement", x => facts(x).AddressSupplement)
        .Text("representative_title", x => facts(x).RepresentativeTitle)
        .Text("representative_name", x => facts(x).RepresentativeName)
        .Text("branch_code", x => facts(x).BranchCode)
        .Text("district_code", x => facts(x).DistrictCode)
        .Bool("mail_returned", x => facts(x).MailReturned)
        .Text("phone_number", x => facts(x).PhoneNumber);
}
