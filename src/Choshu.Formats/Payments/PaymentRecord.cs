using Choshu.Domain.Reconciliation;

namespace Choshu.Formats.Payments;

/// <summary>What a payment record asks the reconciliation to do.</summary>
public enum PaymentRecordKind
{
    /// <summary>Money received: book it (every channel but the stores' preliminary and cancel records).</summary>
    Payment = 1,
    /// <summary>コンビニ速報: show the installment as paid-pending; book nothing yet.</summary>
    StorePreliminary = 2,
    /// <summary>コンビニ確報: book it with its receipt date (a 速報 with the same key becomes booked).</summary>
    StoreFinal = 3,
    /// <summary>コンビニ速報取消: the preliminary record with the same key is cancelled.</summary>
    StoreCancel = 4,
}

/// <summary>
/// One payment as read from any channel's file, in a form the reconciliation books without knowing
/// the file's layout. Every reader of a payment file produces these (or field errors for a line).
/// </summary>
/// <param name="LineNo">Line (CSV) or record number (fixed-width) in the file, for messages and quarantine.</param>
/// <param name="RawKey">The installment key exactly as the record carries it (barcode, eL番号, customer number).</param>
/// <param name="Key">The match key read from <paramref name="RawKey"/>, or null when it does not read as one
/// (the payment then goes to the unmatched queue, with its raw data).</param>
/// <param name="PaidOn">納付日: the day the taxpayer paid.</param>
/// <param name="ReceivedOn">収入日: the day the money reached the city (null for a store's preliminary record).</param>
/// <param name="SourceCode">Bank and branch, or store, as the record names it.</param>
/// <param name="IdempotencyKey">The record's natural identity in its channel, the same every time the same
/// payment is reported (a store's 速報, 確報 and 取消 of one payment share it); unique in the store.</param>
/// <param name="RawText">The record as read (decoded text), kept with the payment.</param>
public sealed record PaymentRecord(
    int LineNo,
    PaymentRecordKind Kind,
    PaymentChannel Channel,
    string RawKey,
    MatchKey? Key,
    long Amount,
    DateOnly PaidOn,
    DateOnly? ReceivedOn,
    string? SourceCode,
    string IdempotencyKey,
    string RawText);
