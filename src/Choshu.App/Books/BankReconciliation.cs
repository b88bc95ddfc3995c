using System.Globalization;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Labels;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Formats.Csv;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Books;

/// <summary>One day and channel: what the designated bank reported, what Choshu received, and the difference (bank − Choshu).</summary>
public sealed record BankDayLine(DateOnly Day, PaymentChannel Channel, int BankCount, long BankAmount, int ChoshuCount, long ChoshuAmount)
{
    public long Difference => BankAmount - ChoshuAmount;
    public bool Agrees => BankCount == ChoshuCount && BankAmount == ChoshuAmount;
}

/// <summary>A line of the bank's file set aside, with where and why (Japanese).</summary>
public sealed record BankQuarantinedLine(int Line, string Field, string Message);

/// <summary>The month's reconciliation: every day and channel on either side, the differing ones, and the lines set aside.</summary>
public sealed record BankReconciliationResult(string FileName, int Year, int Month, IReadOnlyList<BankDayLine> Lines, IReadOnlyList<BankQuarantinedLine> Quarantined)
{
    public IReadOnlyList<BankDayLine> Differences => Lines.Where(l => !l.Agrees).ToList();
}

/// <summary>
/// 指定金融機関の収納済通知との月次照合 (issue 17, docs/formats.md "指定金融機関 収納済通知"): the designated bank's file of per-day,
/// per-channel totals for a month is read (UTF-8 or Shift_JIS, told apart as every import), each good line compared with the payments
/// Choshu received (収入日, status booked or unmatched: the money is in the city's account whether matched or not; 速報 and
/// cancelled payments are not) for that day and channel; days and channels on either side only are listed too. A bad line is set
/// aside with its line number, field and a Japanese message, and the rest is still compared. Read-only: nothing is booked.
/// A 収納担当 (<see cref="Permission.RecordPayments"/>) runs it; audited 3482 with the file, counts and total difference.
/// </summary>
public static class BankReconciliation
{
    public static readonly IReadOnlyList<string> Header = ["収納日", "収入区分", "件数", "金額"];

    public static async Task<BankReconciliationResult> RunAsync(ChoshuDbContext db, Actor actor, string path, int year, int month, TimeProvider clock,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (month is < 1 or > 12 || year is < 2000 or > 2100)
            throw new DomainException("bank.month_invalid", "照合する月を 2026-11 のように 年-月 で指定してください。");
        await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, what: $"収納済通知の照合 {year:0000}-{month:00}", ct: ct);
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) throw new DomainException("bank.file_missing", $"ファイル {name} が見つかりません。");
        var bytes = await File.ReadAllBytesAsync(path, ct);
        var (reported, quarantined) = Parse(name, bytes, year, month);

        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var received = await db.Payments.AsNoTracking()
            .Where(p => (p.Status == PaymentStatus.Booked || p.Status == PaymentStatus.Unmatched) && p.ReceivedOn >= first && p.ReceivedOn <= last)
            .GroupBy(p => new { p.ReceivedOn, p.Channel })
            .Select(g => new { g.Key.ReceivedOn, g.Key.Channel, Count = g.Count(), Amount = g.Sum(p => p.Amount) })
            .ToListAsync(ct);
        var ours = received.ToDictionary(r => (r.ReceivedOn!.Value, r.Channel), r => (r.Count, r.Amount));
        var lines = reported.Keys.Union(ours.Keys)
            .OrderBy(k => k.Item1).ThenBy(k => k.Item2)
            .Select(k =>
            {
                var b = reported.GetValueOrDefault(k);
                var o = ours.GetValueOrDefault(k);
                return new BankDayLine(k.Item1, k.Item2, b.Count, b.Amount, o.Count, o.Amount);
            })
            .ToList();
        var result = new BankReconciliationResult(name, year, month, lines, quarantined);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.BankReconciliationRun,
            Detail: string.Create(CultureInfo.InvariantCulture,
                $"収納済通知の照合 {year:0000}-{month:00} ファイル {name}: {lines.Count} 日・区分、差異 {result.Differences.Count} 件（差額計 {result.Differences.Sum(d => d.Difference)}円）、保留 {quarantined.Count} 行")), clock, ct);
        return result;
    }

    /// <summary>Reads the file: the good lines summed per day and channel, the bad ones set aside.</summary>
    public static (Dictionary<(DateOnly, PaymentChannel), (int Count, long Amount)> Lines, List<BankQuarantinedLine> Quarantined) Parse(
        string fileName, byte[] bytes, int year, int month)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var encoding = CsvTextEncoding.Detect(bytes, isWholeFile: true);
        var text = encoding.Encoding.GetString(bytes).TrimStart('\uFEFF');
        var rows = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var lines = new Dictionary<(DateOnly, PaymentChannel), (int Count, long Amount)>();
        var bad = new List<BankQuarantinedLine>();
        void Bad(int line, string field, string why) => bad.Add(new BankQuarantinedLine(line, field, $"{fileName} {line} 行目 {field}: {why}"));
        for (var i = 0; i < rows.Count; i++)
        {
            var no = i + 1;
            var row = rows[i];
            if (row.Length == 0) continue;
            var f = row.Split(',').Select(x => x.Trim().Trim('"')).ToArray();
            if (i == 0 && f.Length > 0 && f[0] == Header[0]) continue;
            if (f.Length != 4) { Bad(no, "行", $"項目の数が {f.Length} です。収納日・収入区分・件数・金額の 4 項目にしてください。"); continue; }
            if (!TryDate(f[0], out var day)) { Bad(no, "収納日", $"「{f[0]}」を日付として読み取れません（2026-11-10 または 20261110）。"); continue; }
            if (day.Year != year || day.Month != month) { Bad(no, "収納日", $"{day:yyyy-MM-dd} は照合する月（{year:0000}-{month:00}）の日ではありません。"); continue; }
            if (Channel(f[1]) is not { } channel)
            {
                Bad(no, "収入区分", $"「{f[1]}」は収入区分ではありません（{string.Join("・", Enum.GetValues<PaymentChannel>().Select(JapaneseLabels.Of))} またはその番号）。");
                continue;
            }
            if (!int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count)) { Bad(no, "件数", $"「{f[2]}」は 0 以上の整数ではありません。"); continue; }
            if (!long.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > 999_999_999_999L)
            { Bad(no, "金額", $"「{f[3]}」は 0 以上の円単位の整数ではありません。"); continue; }
            var key = (day, channel);
            var before = lines.GetValueOrDefault(key);
            lines[key] = (before.Count + count, before.Amount + amount);
        }
        return (lines, bad);
    }

    private static bool TryDate(string s, out DateOnly day) =>
        DateOnly.TryParseExact(s, ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static PaymentChannel? Channel(string s)
    {
        foreach (var c in Enum.GetValues<PaymentChannel>())
            if (JapaneseLabels.Of(c) == s || ((short)c).ToString(CultureInfo.InvariantCulture) == s) return c;
        return null;
    }
}
