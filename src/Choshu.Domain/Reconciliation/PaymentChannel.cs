namespace Choshu.Domain.Reconciliation;

/// <summary>収入区分: how money reached the city. Numbers are stored: never renumber.</summary>
public enum PaymentChannel : short
{
    /// <summary>窓口 (counter payment taken by staff)</summary>
    Counter = 1,
    /// <summary>指定金融機関 (designated bank collection data)</summary>
    Bank = 2,
    /// <summary>コンビニ収納</summary>
    Store = 3,
    /// <summary>口座振替</summary>
    DirectDebit = 4,
    /// <summary>地方税共通納税 (eLTAX, eL-QR)</summary>
    Eltax = 5,
    /// <summary>特別徴収 納入: an employer's monthly payment of the tax it withheld (with a per-employee breakdown).</summary>
    EmployerRemittance = 8,
    /// <summary>年金特別徴収: tax withheld from pensions, paid in by the pension payer (年金保険者).</summary>
    PensionWithholding = 9,
    /// <summary>配当・交付要求による受入: money from a distribution (the city's own 配当計算書, or another body's on a 交付要求・参加差押).</summary>
    Distribution = 7,
    /// <summary>差押による取立 (money collected from a third-party debtor of a seizure, booked by staff).</summary>
    Seizure = 6,
}
