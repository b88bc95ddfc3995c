namespace Choshu.Domain.Taxpayers;

/// <summary>性別 as the common platform codes it (1 男, 2 女). Corporations have none.</summary>
public enum Sex : short
{
    Male = 1,
    Female = 2,
}
