namespace Choshu.Domain.Security;

/// <summary>
/// A right granted to one person for a period (seed III-3 リスク2: 課コード・係コード・ID).
/// Numbers are stored: never renumber.
/// </summary>
public enum Role : short
{
    /// <summary>収納担当: payments, counter entry, unmatched queue, imports, reports.</summary>
    CollectionClerk = 1,
    /// <summary>滞納整理担当: delinquency cases; may be the officer in charge of a taxpayer.</summary>
    DelinquencyOfficer = 2,
    /// <summary>個人番号利用事務担当: the only role that may see or search by a My Number.</summary>
    MyNumberClerk = 3,
    /// <summary>承認者（課長・係長）: approves deletions and may update any case.</summary>
    Approver = 4,
    /// <summary>システム管理者: accounts, rights, settings, keys. No taxpayer data by this role alone.</summary>
    SystemAdministrator = 5,
    /// <summary>セキュリティ責任者: audit log, monthly review, yearly ID review, disclosure requests.</summary>
    SecurityOfficer = 6,
    /// <summary>委託業者: a maintenance contractor. Never a My Number; cannot hold 個人番号利用事務担当.</summary>
    Contractor = 7,
    /// <summary>ファイル出力担当: may copy data out of the system (exports, transfers; seed III-3 リスク4).</summary>
    Exporter = 8,
}

public static class RoleNames
{
    /// <summary>The role's Japanese name (<see cref="Labels.JapaneseLabels"/>).</summary>
    public static string Japanese(Role role) => Labels.JapaneseLabels.Of(role);

    /// <summary>Parses a role given by its Japanese name or its English enum name (case-insensitive).</summary>
    public static bool TryParse(string text, out Role role)
    {
        foreach (var r in Enum.GetValues<Role>())
        {
            if (string.Equals(Japanese(r), text.Trim(), StringComparison.Ordinal)
                || string.Equals(r.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = r;
                return true;
            }
        }
        role = default;
        return false;
    }
}
