using System.Text.Json;
using System.Text.Json.Nodes;
using Choshu.App.Documents;

namespace Choshu.App.Notices;

/// <summary>
/// The plain data record a notice letter is drawn from (帳票の元データ): everything printed on it, in the letter's own
/// words, so the same record always draws the same letter. Stored with the letter (<c>notice_letters.data</c>, the canonical
/// JSON of <see cref="ToDocumentData"/>) and hashed into its issued document; a reprint reads it back
/// (<see cref="FromJson"/>) and draws it again. The document number (発行番号) is not in it: it is the issued document's id,
/// given when the record is stored. Never a My Number.
/// </summary>
public sealed record NoticeLetterData(
    string Kind,
    string Title,
    long RunId,
    int Seq,
    DateOnly IssuedOn,
    string Layout,
    NoticeRecipientData Recipient,
    NoticeSenderData Sender,
    string Body,
    IReadOnlyList<NoticeClaimData> Claims,
    IReadOnlyList<NoticeSlipData> Slips,
    string AppealNotice,
    string? Footnote)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    /// <summary>The record as a <see cref="DocumentData"/> (canonical JSON, RFC 8785 for this subset).</summary>
    public DocumentData ToDocumentData() => Convert(JsonSerializer.SerializeToNode(this, Json)!.AsObject());

    /// <summary>Reads a record back from its stored canonical JSON.</summary>
    public static NoticeLetterData FromJson(string json) =>
        JsonSerializer.Deserialize<NoticeLetterData>(json, Json) ?? throw new InvalidOperationException("Empty notice letter data.");

    /// <summary>What the letter asks for: the sum of its slips.</summary>
    public long Amount => Slips.Sum(s => s.Amount);

    private static DocumentData Convert(JsonObject o)
    {
        var d = new DocumentData();
        foreach (var (name, node) in o)
        {
            switch (node)
            {
                case null: d.Add(name, (string?)null); break;
                case JsonObject child: d.Add(name, Convert(child)); break;
                case JsonArray list: d.Add(name, list.Select(x => Convert(x!.AsObject()))); break;
                case JsonValue v when v.TryGetValue<long>(out var n): d.Add(name, n); break;
                case JsonValue v when v.TryGetValue<bool>(out var b): d.Add(name, b); break;
                case JsonValue v when v.TryGetValue<string>(out var s): d.Add(name, s); break;
                default: throw new InvalidOperationException($"Unsupported value in field {name}.");
            }
        }
        return d;
    }
}

/// <summary>Whom the letter goes to: the taxpayer, or the agent (納税管理人, 送付先, 相続人代表者) on the taxpayer's behalf.</summary>
public sealed record NoticeRecipientData(
    string? PostalCode,
    string Address1,
    string? Address2,
    string? Address3,
    string Name,
    string? Attention,
    string? OnBehalfOf,
    string TaxpayerNo);

/// <summary>The sender block (settings city.*).</summary>
public sealed record NoticeSenderData(string CityName, string Office, string Department, string Address, string Phone);

/// <summary>A line of the letter's table: one installment and what is owed on it to the slip deadline.</summary>
public sealed record NoticeClaimData(
    long InstallmentId,
    string TaxKindName,
    int FiscalYear,
    string NoticeNo,
    short Period,
    DateOnly DueDate,
    long Principal,
    long ReminderFee,
    long LateFee,
    string? Note);

/// <summary>A tear-off slip (納付書) for one installment: the amounts to <paramref name="Deadline"/> and its keys.</summary>
public sealed record NoticeSlipData(
    long InstallmentId,
    string PayerName,
    string TaxKindName,
    int FiscalYear,
    string NoticeNo,
    short Period,
    long Principal,
    long ReminderFee,
    long LateFee,
    long Amount,
    DateOnly Deadline,
    string MatchKey,
    string ElNumber,
    string? StoreBarcode,
    string? QrPayload);
