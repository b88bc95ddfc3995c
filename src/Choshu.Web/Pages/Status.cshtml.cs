using Choshu.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages;

/// <summary>
/// What a 4xx status says, in Japanese (UseStatusCodePagesWithReExecute sends every empty error
/// response here with its status kept). A 403 repeats the reason the access check gave.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Heading { get; private set; } = "";
    public IReadOnlyList<string> Lines { get; private set; } = [];

    public void OnGet([FromRoute] int code) => Describe(code);

    // From the route only: a posted form field named "Code" (the TOTP code) must not pick the message.
    public void OnPost([FromRoute] int code) => Describe(code);

    private void Describe(int code)
    {
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null)
            Response.StatusCode = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        (Heading, Lines) = code switch
        {
            400 => ("要求を処理できませんでした", (IReadOnlyList<string>)
                ["画面を開いてから時間がたったか、別の画面で操作したため、この画面の送信を受け付けられませんでした。",
                 "お手数ですが、画面を開き直してからもう一度操作してください。"]),
            403 => ("この操作を行う権限がありません",
                [HttpContext.Items[PermissionHandler.DeniedMessageKey] as string ?? "この操作を行う権限がありません。",
                 "権限が必要なときは、所属の承認者またはシステム管理者に申請してください。この操作は操作ログに記録されました。"]),
            404 => ("ページが見つかりません", ["アドレスが正しいか確認してください。検索結果から開いた画面は、ログアウトすると開けなくなります。"]),
            405 => ("この操作は受け付けられません", ["画面のボタンから操作してください。"]),
            _ => ("エラーが発生しました", ["もう一度操作してください。"]),
        };
    }
}
