using Choshu.App.Seeding;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Barcodes;

namespace Choshu.Bench.Reconcile;

/// <summary>The channel a planned payment arrives through, one payment file each (the store has two).</summary>
public enum BenchChannel
{
    Bank,
    Store,
    Eltax,
    Zengin,
    Counter,
}

/// <summary>One payment of the plan: what the taxpayer paid, against which key, through which channel.</summary>
public sealed class PlannedPayment
{
    /// <summary>1-based and unique: it makes every receipt number and so every idempotency key.</summary>
    public required int No { get; init; }
    public required BenchChannel Channel { get; init; }
    /// <summary>The 20-digit key the payer used; for an unmatched payment a key with a wrong check digit or of no installment.</summary>
    public required string Key { get; init; }
    /// <summary>The installment the key names; null when it names none (unmatched).</summary>
    public required long? InstallmentId { get; init; }
    public required long Amount { get; init; }
    public required DateOnly PaidOn { get; init; }
    public required DateOnly ReceivedOn { get; init; }
    /// <summary>Store: a 速報 came before the 確報.</summary>
    public bool Preliminary { get; init; }
}

/// <summary>
/// The benchmark's payments, decided before any file is written and the same for the same seed and
/// open installments: <see cref="ReconcileOptions.Payments"/> money records across channels (bank 40%,
/// store 30%, eLTAX 12%, direct debit 12%, counter 6%), 2% of them matching no installment, 1% the same
/// record a second time, 10% partial and 4% paying more than the principal owed, the rest paying it
/// exactly. Around them, records that move no money: store 速報 for half the store payments, 速報 later
/// cancelled (速報取消), and direct-debit failures (振替不能).
/// </summary>
public sealed class PaymentPlan
{
    public const double PartialShare = 0.10;
    public const double OverShare = 0.04;
    public const double PreliminaryShare = 0.5;
    public const double DebitFailureShare = 0.03;

    private static readonly (BenchChannel Channel, int Weight)[] s_channels =
        [(BenchChannel.Bank, 40), (BenchChannel.Store, 30), (BenchChannel.Eltax, 12), (BenchChannel.Zengin, 12), (BenchChannel.Counter, 6)];

    private PaymentPlan() { }

    /// <summary>Per channel, the money records in file order: a duplicate is the same payment appearing twice.</summary>
    public Dictionary<BenchChannel, List<PlannedPayment>> Files { get; } = s_channels.ToDictionary(c => c.Channel, _ => new List<PlannedPayment>());

    /// <summary>Store 速報 that are withdrawn (取消) in the same file: no money.</summary>
    public List<PlannedPayment> CancelledPreliminaries { get; } = [];

    /// <summary>Direct debits the bank could not make (result code 1, 資金不足): no money.</summary>
    public List<PlannedPayment> DebitFailures { get; } = [];

    public DateOnly DebitDate { get; private init; }

    public int Distinct { get; private init; }
    public int Duplicates { get; private init; }
    public int Unmatched { get; private init; }
    public int Matched => Distinct - Unmatched;
    public int Partial { get; private set; }
    public int Over { get; private set; }
    public int Preliminaries { get; private set; }
    /// <summary>Open installments paid twice because the city has fewer open installments than payments.</summary>
    public int SecondPayments { get; private set; }

    public int MoneyRecords => Files.Values.Sum(f => f.Count);

    public static PaymentPlan Create(IReadOnlyList<OpenInstallment> open, long maxInstallmentId, int payments, long seed, DateOnly today)
    {
        if (open.Count == 0) throw new InvalidOperationException("The city has no open installment to pay.");
        var rng = new SeedRandom(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 0xBE5C));
        var duplicates = payments / 100;
        var distinct = payments - duplicates;
        var unmatched = payments * 2 / 100;
        var plan = new PaymentPlan { Distinct = distinct, Duplicates = duplicates, Unmatched = unmatched, DebitDate = today.AddDays(-5) };

        var order = Shuffled(open.Count, rng);
        var unmatchedAt = Pick(distinct, unmatched, rng);
        var nextOpen = 0;
        OpenInstallment NextTarget()
        {
            if (nextOpen >= open.Count) plan.SecondPayments++;
            return open[order[nextOpen++ % open.Count]];
        }

        var all = new List<PlannedPayment>(distinct);
        for (var no = 1; no <= distinct; no++)
        {
            var channel = PickChannel(rng);
            // A second direct debit of one installment on one day would be the same record (same customer number).
            if (channel == BenchChannel.Zengin && nextOpen >= open.Count) channel = BenchChannel.Bank;
            var paidOn = today.AddDays(-rng.Between(3, 14));
            var receivedOn = paidOn.AddDays(rng.Between(0, 2));
            if (channel == BenchChannel.Zengin) paidOn = receivedOn = plan.DebitDate;
            if (channel == BenchChannel.Counter) receivedOn = paidOn;

            string key;
            long? installmentId;
            long amount;
            if (unmatchedAt[no - 1])
            {
                // Half mistyped (check digit wrong), half a well-formed key of no installment.
                key = rng.Chance(0.5)
                    ? BadCheckDigit(new MatchKey(open[rng.Next(open.Count)].Id).Value)
                    : new MatchKey(maxInstallmentId + no).Value;
                installmentId = null;
                amount = 100L * rng.Between(10, 500);
            }
            else
            {
                var target = NextTarget();
                key = new MatchKey(target.Id).Value;
                installmentId = target.Id;
                amount = target.PrincipalOwed;
                var r = rng.NextDouble();
                if (r < PartialShare && amount >= 200)
                {
                    amount = Math.Max(100, amount * rng.Between(20, 80) / 100 / 100 * 100);
                    plan.Partial++;
                }
                else if (r < PartialShare + OverShare)
                {
                    amount += 1_000;
                    plan.Over++;
                }
            }
            if (channel == BenchChannel.Store && amount > StoreBarcode.MaxBarcodeAmount) channel = BenchChannel.Bank; // no barcode above 300,000 yen
            var preliminary = channel == BenchChannel.Store && rng.Chance(PreliminaryShare);
            if (preliminary) plan.Preliminaries++;
            all.Add(new PlannedPayment
            {
                No = no, Channel = channel, Key = key, InstallmentId = installmentId, Amount = amount,
                PaidOn = paidOn, ReceivedOn = receivedOn, Preliminary = preliminary,
            });
        }

        // File order: each channel's payments in plan order, a duplicate somewhere after its original.
        var positioned = s_channels.ToDictionary(c => c.Channel, _ => new List<(double Pos, PlannedPayment P)>());
        var indexInFile = new int[distinct + 1];
        foreach (var p in all)
        {
            indexInFile[p.No] = positioned[p.Channel].Count;
            positioned[p.Channel].Add((indexInFile[p.No], p));
        }
        var firsts = s_channels.ToDictionary(c => c.Channel, c => positioned[c.Channel].Count);
        for (var i = 0; i < duplicates; i++)
        {
            var original = all[rng.Next(all.Count)];
            var at = indexInFile[original.No];
            positioned[original.Channel].Add((at + 0.5 + rng.NextDouble() * (firsts[original.Channel] - at), original));
        }
        foreach (var (channel, list) in positioned)
            plan.Files[channel].AddRange(list.OrderBy(x => x.Pos).Select(x => x.P));

        var extraNo = distinct; // records that move no money are numbered after the payments
        for (var i = 0; i < payments / 1000; i++)
        {
            var target = open[order[rng.Next(open.Count)]];
            var paidOn = today.AddDays(-rng.Between(3, 14));
            plan.CancelledPreliminaries.Add(new PlannedPayment
            {
                No = ++extraNo, Channel = BenchChannel.Store, Key = new MatchKey(target.Id).Value, InstallmentId = target.Id,
                Amount = Math.Min(target.PrincipalOwed, StoreBarcode.MaxBarcodeAmount), PaidOn = paidOn, ReceivedOn = paidOn, Preliminary = true,
            });
        }
        var debits = plan.Files[BenchChannel.Zengin].Count;
        for (var i = 0; i < debits * DebitFailureShare; i++)
        {
            // Installments no direct debit of this file pays (customer numbers stay unique in the file).
            var target = open[order[(open.Count - 1 - i) % open.Count]];
            plan.DebitFailures.Add(new PlannedPayment
            {
                No = ++extraNo, Channel = BenchChannel.Zengin, Key = new MatchKey(target.Id).Value, InstallmentId = target.Id,
                Amount = target.PrincipalOwed, PaidOn = plan.DebitDate, ReceivedOn = plan.DebitDate,
            });
        }
        return plan;
    }

    private static BenchChannel PickChannel(SeedRandom rng)
    {
        var r = rng.Next(100);
        foreach (var (channel, weight) in s_channels)
        {
            if (r < weight) return channel;
            r -= weight;
        }
        return BenchChannel.Bank;
    }

    /// <summary>The same key with its check digit changed: a payer's typing mistake.</summary>
    private static string BadCheckDigit(string key) => key[..^1] + (char)('0' + (key[^1] - '0' + 1) % 10);

    private static int[] Shuffled(int count, SeedRandom rng)
    {
        var a = new int[count];
        for (var i = 0; i < count; i++) a[i] = i;
        for (var i = count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (a[i], a[j]) = (a[j], a[i]);
        }
        return a;
    }

    private static bool[] Pick(int count, int picked, SeedRandom rng)
    {
        var flags = new bool[count];
        for (var n = 0; n < picked;)
        {
            var i = rng.Next(count);
            if (flags[i]) continue;
            flags[i] = true;
            n++;
        }
        return flags;
    }
}
