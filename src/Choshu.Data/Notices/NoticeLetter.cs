namespace Choshu.Data.Notices;

/// <summary>
/// One letter of a run, to one addressee about one taxpayer: who it concerns, whom it goes to (the taxpayer, a 納税管理人,
/// a registered 送付先 or the heirs' representative), the issued document it is, and its data record exactly as drawn
/// (<see cref="Data"/>, the canonical JSON whose SHA-256 the issued document holds), so the letter can be drawn again
/// identically. Its installments are <see cref="NoticeLetterItem"/>s.
/// </summary>
public sealed class NoticeLetter
{
    public long Id { get; set; }
    public long RunId { get; set; }
    /// <summary>Order in the run (1, 2, …): the page order of the PDF and the row order of the vendor file.</summary>
    public int Seq { get; set; }
    public long TaxpayerId { get; set; }
    /// <summary>The taxpayer record of the addressee when it is not the taxpayer (an agent, a 送付先, the heirs' representative).</summary>
    public long? AddresseeTaxpayerId { get; set; }
    /// <summary>0 the taxpayer; otherwise the <c>TaxAgent.AgentKind</c> (1 納税管理人, 2 送付先, 3 相続人代表者).</summary>
    public short AddresseeKind { get; set; }
    public long DocumentId { get; set; }
    /// <summary>The letter's data record (canonical JSON, <c>DocumentData</c>).</summary>
    public string Data { get; set; } = "";
    /// <summary>What the letter asks for (sum of its slips).</summary>
    public long Amount { get; set; }
    /// <summary>Set at dispatch when the letter was not sent because everything on it was paid by then (抜き取り).</summary>
    public bool Pulled { get; set; }
    /// <summary>Why it was pulled (Japanese), when it was.</summary>
    public string? PulledReason { get; set; }
}

/// <summary>An installment a letter is about, with the amounts printed for it (a snapshot on the run's day).</summary>
public sealed class NoticeLetterItem
{
    public long Id { get; set; }
    public long LetterId { get; set; }
    public long RunId { get; set; }
    public long InstallmentId { get; set; }
    public long Principal { get; set; }
    public long ReminderFee { get; set; }
    public long LateFee { get; set; }
    /// <summary>The claim event the dispatch recorded (督促 or 催告), once dispatched.</summary>
    public long? ClaimEventId { get; set; }
    /// <summary>The reminder fee charged at dispatch (journal entry), when one was.</summary>
    public long? FeeEntryId { get; set; }
}
