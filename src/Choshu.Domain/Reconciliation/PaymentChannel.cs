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
    /// <summary>差押による取立 (money collected from a third-party debtor of a seizure, booked by staff).</summary>
    Seizure = 6,
}
