namespace Choshu.Domain.Taxpayers;

/// <summary>人格区分: whether a taxpayer record is a natural person or a corporation.</summary>
public enum PersonKind : short
{
    /// <summary>個人</summary>
    Individual = 1,
    /// <summary>法人</summary>
    Corporation = 2,
}
