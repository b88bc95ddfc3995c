using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Cases;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Cases;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>One taxpayer asked of a bank in a deposit inquiry batch.</summary>
public sealed record DepositInquiryRequestLine(long InquiryId, string BranchCode, string TaxpayerNo, string NameKana, string NameKanji, DateOnly? BirthDate, string Address);

/// <summary>Every deposit inquiry of one run to one bank (all its branches).</summary>
public sealed record DepositInquiryBatch(string RunKey, string BankCode, string BankName, DateOnly SentOn, DateOnly DueOn, IReadOnlyList<DepositInquiryRequestLine> Lines);

/// <summary>Where the batch went (a file path, or an electronic service's receipt number) and the SHA-256 of what was sent.</summary>
public sealed record DepositInquiryDispatch(string Reference, string Sha256, int Lines);

/// <summary>One answer line: an account (or 該当なし when <see cref="AccountNo"/> is null) for an inquiry.</summary>
public sealed record DepositAnswerLine(int LineNo, long InquiryId, string BankCode, string BranchCode, short? AccountType, string? AccountNo, string? Holder,
    long? Balance, DateOnly? AsOf, DateOnly AnsweredOn);

/// <summary>A line refused: the file, the line number, the field and why, in Japanese (never the field's value: it may be an account number).</summary>
public sealed record DepositAnswerError(string Source, int LineNo, string Field, string Message);

/// <summary>What a bank answered: the good lines and the lines refused.</summary>
public sealed record DepositAnswerBatch(string Source, string Sha256, IReadOnlyList<DepositAnswerLine> Lines, IReadOnlyList<DepositAnswerError> Errors);

/// <summary>
/// The ONE way deposit inquiries leave and answers come back. Today a file in our documented layout (<see cref="CsvDepositInquiryChannel"/>,
/// docs/formats.md); an electronic service (pipitLINQ and the like, whose layout is not public) would be another implementation.
/// </summary>
public interface IDepositInquiryChannel
{
    /// <summary>Stored as the inquiries' <c>SentBy</c> (20 characters at most).</summary>
    string Name { get; }

    Task<DepositInquiryDispatch> SendAsync(DepositInquiryBatch batch, CancellationToken ct = default);

    Task<DepositAnswerBatch> ReceiveAsync(string source, CancellationToken ct = default);
}

/// <summary>
/// 預貯金照会ファイル / 回答ファイル in Choshu's layout <c>csv-v1</c> (docs/formats.md): UTF-8 without BOM, CRLF, a header line, comma separated,
/// no quoting (no field may contain a comma or a quote). Request: <c>deposit-inquiry-BANK-RUNKEY.csv</c> in the directory given.
/// </summary>
public sealed class CsvDepositInquiryChannel(string directory) : IDepositInquiryChannel
{
    public const string RequestHeader = "照会番号,金融機関コード,支店コード,宛名番号,氏名カナ,氏名,生年月日,住所,照会日,回答期限";
    public const string AnswerHeader = "照会番号,金融機関コード,支店コード,預金種目,口座番号,名義人,残高,残高基準日,回答日";
    private static readonly UTF8Encoding Utf8 = new(false, true);

    public string Name => "csv-v1";

    public static string FileName(string bankCode, string runKey) =>
        $"deposit-inquiry-{bankCode}-{string.Concat(runKey.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'))}.csv";

    public async Task<DepositInquiryDispatch> SendAsync(DepositInquiryBatch batch, CancellationToken ct = default)
    {
        var sb = new StringBuilder(RequestHeader).Append("\r\n");
        foreach (var l in batch.Lines)
            sb.Append(string.Join(",", l.InquiryId.ToString(CultureInfo.InvariantCulture), batch.BankCode, l.BranchCode, l.TaxpayerNo, Clean(l.NameKana), Clean(l.NameKanji),
                l.BirthDate?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "", Clean(l.Address), D(batch.SentOn), D(batch.DueOn))).Append("\r\n");
        var bytes = Utf8.GetBytes(sb.ToString());
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName(batch.BankCode, batch.RunKey));
        await File.WriteAllBytesAsync(path + ".part", bytes, ct);
        File.Move(path + ".part", path, overwrite: true);
        return new DepositInquiryDispatch(path, Convert.ToHexStringLower(SHA256.HashData(bytes)), batch.Lines.Count);
    }

    public async Task<DepositAnswerBatch> ReceiveAsync(string source, CancellationToken ct = default)
    {
        var bytes = await File.ReadAllBytesAsync(source, ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var name = Path.GetFileName(source);
        string text;
        try { text = Utf8.GetString(bytes); }
        catch (DecoderFallbackException)
        {
            return new DepositAnswerBatch(name, sha, [], [new DepositAnswerError(name, 0, "ファイル", "文字コードが UTF-8 ではありません（回答ファイルは UTF-8 で作成してください）。")]);
        }
        if (text.StartsWith('\uFEFF')) text = text[1..];
        var rows = text.Split('\n').Select(r => r.TrimEnd('\r')).ToList();
        if (rows.Count > 0 && rows[^1].Length == 0) rows.RemoveAt(rows.Count - 1);
        if (rows.Count == 0 || rows[0] != AnswerHeader)
            return new DepositAnswerBatch(name, sha, [], [new DepositAnswerError(name, 1, "見出し行", $"1行目は見出し行「{AnswerHeader}」にしてください。")]);
        var lines = new List<DepositAnswerLine>();
        var errors = new List<DepositAnswerError>();
        for (var n = 2; n <= rows.Count; n++)
        {
            var f = rows[n - 1].Split(',');
            DepositAnswerError Err(string field, string message) => new(name, n, field, message);
            if (f.Length != 9) { errors.Add(Err("行", $"項目数が {f.Length} です（9項目）。")); continue; }
            var error = Parse(f, Err, out var line, n);
            if (error is not null) errors.Add(error);
            else lines.Add(line!);
        }
        return new DepositAnswerBatch(name, sha, lines, errors);
    }

    private static DepositAnswerError? Parse(string[] f, Func<string, string, DepositAnswerError> err, out DepositAnswerLine? line, int n)
    {
        line = null;
        if (!long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var inquiryId) || inquiryId <= 0) return err("照会番号", "照会番号は数字で入力してください。");
        if (!Digits(f[1], 4)) return err("金融機関コード", "金融機関コードは4桁の数字で入力してください。");
        if (!Digits(f[2], 3)) return err("支店コード", "支店コードは3桁の数字で入力してください。");
        if (!Date(f[8], out var answeredOn)) return err("回答日", "回答日は YYYYMMDD の日付で入力してください。");
        if (f[4].Length == 0)
        {
            if (f[3].Length + f[5].Length + f[6].Length + f[7].Length > 0) return err("口座番号", "口座番号が空欄（該当なし）の行は、預金種目・名義人・残高・残高基準日も空欄にしてください。");
            line = new DepositAnswerLine(n, inquiryId, f[1], f[2], null, null, null, null, null, answeredOn);
            return null;
        }
        if (f[3] is not ("1" or "2" or "4" or "9")) return err("預金種目", "預金種目は 1（普通）、2（当座）、4（貯蓄）、9（その他）のいずれかです。");
        if (!Digits(f[4], 7)) return err("口座番号", "口座番号は7桁の数字で入力してください。");
        if (f[5].Trim().Length == 0 || f[5].Length > InquiryAnswer.TextMaxLength) return err("名義人", $"名義人を{InquiryAnswer.TextMaxLength}文字以内で入力してください。");
        if (!long.TryParse(f[6], NumberStyles.None, CultureInfo.InvariantCulture, out var balance)) return err("残高", "残高は0以上の円単位の数字で入力してください（カンマ・符号なし）。");
        if (!Date(f[7], out var asOf)) return err("残高基準日", "残高基準日は YYYYMMDD の日付で入力してください。");
        line = new DepositAnswerLine(n, inquiryId, f[1], f[2], short.Parse(f[3], CultureInfo.InvariantCulture), f[4], f[5].Trim(), balance, asOf, answeredOn);
        return null;
    }

    private static bool Digits(string s, int length) => s.Length == length && s.All(char.IsAsciiDigit);

    private static bool Date(string s, out DateOnly d) =>
        DateOnly.TryParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d);

    private static string D(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Clean(string? s) => (s ?? "").Replace(",", "，", StringComparison.Ordinal).Replace("\"", "”", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}

/// <summary>What a send run did: one dispatch per bank, the inquiries sent, whether the run key had been used (then re-sent, nothing recorded).</summary>
public sealed record DepositInquirySendResult(string RunKey, bool Repeated, IReadOnlyList<DepositInquiryDispatch> Files, int Inquiries);

/// <summary>What an answer import did: answers recorded, lines already recorded by an earlier run, lines refused, where the refusals were written.</summary>
public sealed record DepositAnswerImportResult(string Source, int Recorded, int AlreadyRecorded, IReadOnlyList<DepositAnswerError> Errors, string? QuarantinePath);

/// <summary>
/// 預貯金照会ファイル (issue 15 item 1): every 未発送 deposit inquiry to a bank goes out in one batch per bank through the channel
/// (<see cref="IDepositInquiryChannel"/>), each file audited 4030 (bank, count, SHA-256), the inquiries marked sent with the run key (the same
/// key again re-sends the same inquiries and records nothing). The answer file is read through the same channel: good lines are recorded
/// as answers (<see cref="InquiryAnswer.ImportKey"/> = file SHA-256 and line: a re-run records nothing twice), bad lines are quarantined
/// (a file next to it with file, line, field and the Japanese reason), the import audited 3344 with counts only.
/// Needs <see cref="Permission.UpdateCases"/>.
/// </summary>
public sealed class DepositInquiryFiles(ChoshuDbContext db, TimeProvider clock, IDepositInquiryChannel channel)
{
    public async Task<DepositInquirySendResult> SendAsync(Actor actor, string runKey, CancellationToken ct = default)
    {
        var key = InquiryLetters.RunKey(runKey);
        await AccessControl.DemandAsync(db, actor, Permission.UpdateCases, clock, null, "預貯金照会ファイルの作成", ct);
        var today = JapanTime.Today(clock);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var earlier = await db.Inquiries.Where(i => i.RunKey == key).ToListAsync(ct);
        var repeated = earlier.Count > 0;
        if (repeated && earlier.Any(i => i.SentBy != channel.Name))
            throw new DomainException("inquiry.run_key_letter", $"実行キー {key} は照会書の作成に使われています。別の実行キーを指定してください。");
        var inquiries = repeated ? earlier
            : await (from i in db.Inquiries
                     join g in db.InquiryTargets on i.TargetId equals g.Id
                     where i.Status == InquiryStatus.Pending && i.Kind == InquiryKind.Deposit && g.Kind == InquiryTargetKind.Bank
                     orderby i.Id
                     select i).ToListAsync(ct);
        if (inquiries.Count == 0) throw new DomainException("inquiry.nothing_to_send", "発送する預貯金の照会（未発送）がありません。");
        var sentOn = repeated ? earlier[0].SentOn!.Value : today;
        var dueOn = repeated ? earlier[0].DueOn!.Value : await Inquiries.DueDateAsync(db, today, ct);
        var targetIds = inquiries.Select(i => i.TargetId).Distinct().ToList();
        var targets = await db.InquiryTargets.AsNoTracking().Where(t => targetIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var taxpayerIds = inquiries.Select(i => i.TaxpayerId).Distinct().ToList();
        var people = await db.Taxpayers.AsNoTracking().Where(t => taxpayerIds.Contains(t.Id))
            .Select(t => new { t.Id, t.TaxpayerNo, t.Facts.NameKanji, t.Facts.NameKana, t.Facts.BirthDate, t.Facts.TownName, t.Facts.StreetNumber, t.Facts.AddressSupplement })
            .ToDictionaryAsync(t => t.Id, ct);
        var files = new List<DepositInquiryDispatch>();
        foreach (var bank in inquiries.GroupBy(i => targets[i.TargetId].BankCode!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var lines = bank.OrderBy(i => i.Id).Select(i =>
            {
                var p = people[i.TaxpayerId];
                return new DepositInquiryRequestLine(i.Id, targets[i.TargetId].BranchCode!, p.TaxpayerNo, p.NameKana, p.NameKanji, p.BirthDate,
                    string.Join(" ", new[] { p.TownName, p.StreetNumber, p.AddressSupplement }.Where(x => !string.IsNullOrWhiteSpace(x))));
            }).ToList();
            var dispatch = await channel.SendAsync(new DepositInquiryBatch(key, bank.Key, targets[bank.First().TargetId].Name, sentOn, dueOn, lines), ct);
            files.Add(dispatch);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.DepositInquiryFileWritten,
                Detail: $"預貯金照会 {channel.Name} 実行キー {key}{(repeated ? " 再作成" : "")}: 金融機関 {bank.Key} {lines.Count}件 {Path.GetFileName(dispatch.Reference)} SHA-256 {dispatch.Sha256}"), clock, ct);
        }
        if (!repeated)
            foreach (var i in inquiries)
            {
                i.Status = InquiryStatus.Sent;
                i.SentOn = sentOn;
                i.DueOn = dueOn;
                i.SentBy = channel.Name;
                i.RunKey = key;
            }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new DepositInquirySendResult(key, repeated, files, inquiries.Count);
    }

    public async Task<DepositAnswerImportResult> ImportAnswersAsync(Actor actor, string source, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.UpdateCases, clock, null, "預貯金照会の回答ファイルの取込", ct);
        var batch = await channel.ReceiveAsync(source, ct);
        var errors = batch.Errors.ToList();
        var today = JapanTime.Today(clock);
        var recorded = 0;
        var already = 0;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var ids = batch.Lines.Select(l => l.InquiryId).Distinct().ToList();
            var inquiries = await db.Inquiries.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
            var targetIds = inquiries.Values.Select(i => i.TargetId).Distinct().ToList();
            var targets = await db.InquiryTargets.AsNoTracking().Where(t => targetIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
            var keys = batch.Lines.Select(l => Key(batch.Sha256, l.LineNo)).ToList();
            var done = (await db.InquiryAnswers.AsNoTracking().Where(a => keys.Contains(a.ImportKey!)).Select(a => a.ImportKey!).ToListAsync(ct)).ToHashSet();
            foreach (var l in batch.Lines)
            {
                DepositAnswerError Err(string field, string message) => new(batch.Source, l.LineNo, field, message);
                if (!inquiries.TryGetValue(l.InquiryId, out var inquiry) || inquiry.Kind != InquiryKind.Deposit)
                { errors.Add(Err("照会番号", $"照会番号 {l.InquiryId} の預貯金の照会はありません。")); continue; }
                if (targets[inquiry.TargetId].BankCode != l.BankCode)
                { errors.Add(Err("金融機関コード", $"照会番号 {l.InquiryId} の照会先の金融機関コードと一致しません。")); continue; }
                if (inquiry.Status == InquiryStatus.Pending)
                { errors.Add(Err("照会番号", $"照会番号 {l.InquiryId} はまだ発送されていません。")); continue; }
                if (done.Contains(Key(batch.Sha256, l.LineNo))) { already++; continue; }
                var entry = l.AccountNo is null
                    ? new InquiryAnswerEntry(InquiryAssetKind.None, l.AnsweredOn, Source(batch.Source, l.LineNo))
                    : new InquiryAnswerEntry(InquiryAssetKind.Deposit, l.AnsweredOn, Source(batch.Source, l.LineNo))
                    {
                        BankCode = l.BankCode, BranchCode = l.BranchCode, AccountType = l.AccountType, AccountNo = l.AccountNo, Holder = l.Holder, Balance = l.Balance, AsOf = l.AsOf,
                    };
                InquiryAnswer row;
                try { row = Inquiries.AnswerRow(inquiry, entry, today); }
                catch (DomainException e) { errors.Add(Err("回答日", e.Message)); continue; }
                row.ImportKey = Key(batch.Sha256, l.LineNo);
                row.RecordedBy = actor.Name;
                row.RecordedAtUtc = clock.GetUtcNow().UtcDateTime;
                db.InquiryAnswers.Add(row);
                Inquiries.MarkAnswered(inquiry, l.AnsweredOn);
                recorded++;
            }
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.InquiryAnswersImported,
                Detail: $"預貯金照会の回答 {channel.Name} {batch.Source} SHA-256 {batch.Sha256}: 記録 {recorded}件 取込済 {already}件 エラー {errors.Count}件"), clock, ct);
            await tx.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        string? quarantine = null;
        if (errors.Count > 0 && File.Exists(source))
        {
            quarantine = source + ".errors.csv";
            var sb = new StringBuilder("ファイル,行,項目,内容\r\n");
            foreach (var e in errors.OrderBy(e => e.LineNo))
                sb.Append(string.Join(",", e.Source, e.LineNo.ToString(CultureInfo.InvariantCulture), e.Field, e.Message.Replace(",", "，", StringComparison.Ordinal))).Append("\r\n");
            await File.WriteAllTextAsync(quarantine, sb.ToString(), new UTF8Encoding(false), ct);
        }
        return new DepositAnswerImportResult(batch.Source, recorded, already, errors.OrderBy(e => e.LineNo).ToList(), quarantine);
    }

    private static string Key(string sha, int line) => $"{sha}:{line.ToString(CultureInfo.InvariantCulture)}";

    private static string Source(string file, int line)
    {
        var s = $"回答ファイル {file} {line}行目";
        return s.Length <= InquiryAnswer.TextMaxLength ? s : s[^InquiryAnswer.TextMaxLength..];
    }
}
