using System.Globalization;
using System.Text;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Security;
using Choshu.Formats.Csv;
using Choshu.Formats.Payments;
using Choshu.Web.Formatting;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Imports;

/// <summary>
/// 収納データ取込: a payment file uploaded (multipart POST with the antiforgery token) is written to a private
/// temporary directory (mode 0700, the file 0600), imported by <see cref="PaymentImport"/> exactly as
/// <c>choshu import payments</c> imports it (whole-file check, then booking; the same file again books nothing:
/// every record is a duplicate), and deleted whatever happens. The response is the result: counts, amounts and
/// each quarantined line as <c>file:line 項目: 理由</c>. Audited by the import (3003, naming this person).
/// The upload is limited to <see cref="MaxUploadSetting"/> bytes (default <see cref="DefaultMaxUploadBytes"/>).
/// </summary>
[RequirePermission(Permission.RecordPayments)]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class PaymentsModel(Store store, TimeProvider clock, IConfiguration configuration, OpaqueIds ids, ILogger<PaymentsModel> log) : PageModel
{
    /// <summary>Configuration key of the largest file accepted, in bytes (e.g. <c>--Choshu:Imports:MaxUploadBytes=52428800</c>).</summary>
    public const string MaxUploadSetting = "Choshu:Imports:MaxUploadBytes";
    /// <summary>100 MiB: about a million lines of a bank file.</summary>
    public const long DefaultMaxUploadBytes = 100L * 1024 * 1024;
    /// <summary>The request itself may be a little larger than the file (the form's other fields and the multipart framing).</summary>
    public const long MaxRequestBytes = DefaultMaxUploadBytes + 1024 * 1024;
    /// <summary>Temporary directories of uploads start with this (under the system temp directory).</summary>
    public const string TempPrefix = "choshu-upload-";

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Format { get; set; }
    [BindProperty] public string? Encoding { get; set; }

    public List<string> Errors { get; } = [];
    /// <summary>Why the whole file was refused (nothing booked).</summary>
    public IReadOnlyList<string> Refused { get; private set; } = [];
    public string? RefusedFile { get; private set; }
    public PaymentImportSummary? Result { get; private set; }
    public string? RunHandle { get; private set; }

    public long MaxUploadBytes => Math.Min(MaxRequestBytes,
        long.TryParse(configuration[MaxUploadSetting], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultMaxUploadBytes);

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!PaymentFormats.IsKnown(Format)) Errors.Add("ファイルの形式を選んでください。");
        var encoding = string.IsNullOrEmpty(Encoding) ? null : Encoding;
        if (encoding is not null && !CsvTextEncoding.Names.Contains(encoding)) Errors.Add("文字コードは「自動判定」「UTF-8」「Shift_JIS」から選んでください。");
        if (Upload is null || Upload.Length == 0) Errors.Add("取り込むファイルを選んでください（空のファイルは取り込めません）。");
        else if (Upload.Length > MaxUploadBytes)
            Errors.Add($"ファイルが大きすぎます（{Display.Amount(Upload.Length)} バイト）。{Display.Amount(MaxUploadBytes)} バイトまでのファイルにしてください。大きなファイルは分けるか、サーバーで choshu import payments を使ってください。");
        if (Errors.Count > 0) return Page();

        var actor = HttpContext.Actor();
        var dir = Path.Combine(Path.GetTempPath(), TempPrefix + Guid.NewGuid().ToString("N"));
        var fileName = SafeFileName(Upload!.FileName);
        try
        {
            CreatePrivateDirectory(dir);
            var path = Path.Combine(dir, fileName);
            await using (var file = new FileStream(path, PrivateFile()))
                await Upload.CopyToAsync(file, HttpContext.RequestAborted);
            // Once started, the import runs to its end even if the browser goes away: its batches commit
            // whole, and a run cut short would only leave the rest for the next upload of the same file.
            Result = await new PaymentImport(store, clock).RunAsync(
                new PaymentImportRequest(path, Format!, actor.Name, encoding, null, actor), CancellationToken.None);
            if (Result.ImportRunId > 0)
                RunHandle = ids.Protect(ImportNames.RunHandle, Result.ImportRunId, User.SessionIdOf());
        }
        catch (AccessDeniedException ex)
        {
            HttpContext.Items[PermissionHandler.DeniedMessageKey] = ex.Message;
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        catch (PaymentFileRefusedException ex)
        {
            RefusedFile = fileName;
            Refused = ex.Messages;
        }
        catch (DomainException ex) // an unreadable encoding, a Zengin debit date that cannot be placed, …
        {
            RefusedFile = fileName;
            Refused = [ex.Message];
        }
        finally
        {
            try
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            }
            catch (IOException ex)
            {
                log.LogError(ex, "Could not delete the upload directory {Directory}", dir);
            }
        }
        return Page();
    }

    /// <summary>
    /// The uploaded file's own name without any directory part, control or path characters replaced by "_",
    /// at most 100 characters: it names the file in the history and in line errors ("bank.csv:3 …").
    /// </summary>
    public static string SafeFileName(string? name)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/')[^1].Trim();
        var invalid = Path.GetInvalidFileNameChars();
        var sb = new StringBuilder(last.Length);
        foreach (var c in last) sb.Append(char.IsControl(c) || Array.IndexOf(invalid, c) >= 0 ? '_' : c);
        var safe = sb.ToString().Trim('.', ' ');
        if (safe.Length > 100) safe = safe[..100];
        return safe.Length == 0 ? "upload.dat" : safe;
    }

    private static void CreatePrivateDirectory(string dir)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
        else Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static FileStreamOptions PrivateFile()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }
}
