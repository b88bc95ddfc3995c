namespace Choshu.Domain.LateFees;

/// <summary>
/// The late fee of one installment.
/// </summary>
/// <param name="Principal">The installment's principal (本税).</param>
/// <param name="EffectiveDueDate">The due date after moving off closed days.</param>
/// <param name="ComputedTo">Last day counted: the final principal payment day when
/// <paramref name="IsFinal"/>, otherwise the as-of date.</param>
/// <param name="IsFinal">True when the principal was fully paid by the as-of date (確定).</param>
/// <param name="SegmentTotal">Sum of the segment amounts, before the 100-yen truncation.</param>
/// <param name="LateFee">The late fee: <paramref name="SegmentTotal"/> truncated to the 100 yen,
/// 0 when under 1,000 yen.</param>
/// <param name="PrincipalPaid">Payments applied to principal.</param>
/// <param name="PrincipalUnpaid">Principal still unpaid.</param>
/// <param name="LateFeePaid">Payments beyond principal applied to the late fee (at most <paramref name="LateFee"/>).</param>
/// <param name="Overpaid">Payments beyond principal and late fee.</param>
/// <param name="Segments">The periods summed into <paramref name="SegmentTotal"/>; periods with base 0 are omitted.</param>
public sealed record LateFeeResult(
    long Principal,
    DateOnly EffectiveDueDate,
    DateOnly ComputedTo,
    bool IsFinal,
    long SegmentTotal,
    long LateFee,
    long PrincipalPaid,
    long PrincipalUnpaid,
    long LateFeePaid,
    long Overpaid,
    IReadOnlyList<LateFeeSegment> Segments);
