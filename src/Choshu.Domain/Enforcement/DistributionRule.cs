namespace Choshu.Domain.Enforcement;

/// <summary>How a tax stands in a distribution: the tax that seized the property, or one that asked for a share.</summary>
public enum DistributionTaxStanding : short
{
    /// <summary>差押: the seizing tax (差押先着手, 国税徴収法12条 / 地方税法14条の6).</summary>
    Seizing = 1,
    /// <summary>交付要求 (参加差押 included): ranked among themselves in the order received (13条 / 14条の7).</summary>
    ClaimForDistribution = 2,
}

/// <summary>One tax claim in a distribution.</summary>
/// <param name="Creditor">The collecting body (e.g. "○○税務署", "本市"); its claims share one standing and one received day.</param>
/// <param name="Label">What the claim is (e.g. "令和6年度 固定資産税 第1期").</param>
/// <param name="Amount">Yen claimed (> 0).</param>
/// <param name="LegalDueOn">法定納期限等: decides the claim's priority against each security (国税徴収法15–16条).</param>
/// <param name="Standing">Seizing or 交付要求.</param>
/// <param name="ReceivedOn">The day the 交付要求 (参加差押) was received by the executing body; null for the seizing tax.</param>
/// <param name="ClaimId">The claim in our ledger when the tax is ours; null for another body's tax.</param>
public sealed record DistributionTax(string Creditor, string Label, long Amount, DateOnly LegalDueOn, DistributionTaxStanding Standing, DateOnly? ReceivedOn, long? ClaimId = null);

/// <summary>A claim secured on the property (抵当権・質権), ranking by its registration day.</summary>
public sealed record DistributionSecurity(string Creditor, string Label, long Amount, DateOnly RegisteredOn);

/// <summary>Everything a distribution (配当) is computed from. <paramref name="UnsecuredClaims"/> only appear on the
/// statement with nothing (国税徴収法129条1項: unsecured creditors receive nothing in a 滞納処分 distribution).</summary>
public sealed record DistributionInput(
    long Proceeds,
    long Costs,
    IReadOnlyList<DistributionTax> Taxes,
    IReadOnlyList<DistributionSecurity> Securities,
    IReadOnlyList<(string Creditor, long Amount)>? UnsecuredClaims = null);

/// <summary>What one party gets.</summary>
/// <param name="FirstStep">The tentative amount of the first step (priority by date against the securities).</param>
/// <param name="Allocated">The final amount (for a security the same as <paramref name="FirstStep"/>).</param>
public sealed record DistributionShare(string Creditor, string Label, long Claimed, long FirstStep, long Allocated, DateOnly RankingDay, long? ClaimId = null)
{
    public long Unpaid => Claimed - Allocated;
}

/// <summary>The result of the distribution rule. Costs, taxes, securities and the surplus always add up to the proceeds.</summary>
/// <param name="CostsPaid">滞納処分費 paid (first; at most the proceeds).</param>
/// <param name="TaxPool">The taxes' total after the first step, shared out in the second step.</param>
/// <param name="Surplus">残余金: what is left for the taxpayer.</param>
public sealed record DistributionResult(
    long Proceeds,
    long CostsPaid,
    IReadOnlyList<DistributionShare> Taxes,
    IReadOnlyList<DistributionShare> Securities,
    IReadOnlyList<DistributionShare> Unsecured,
    long TaxPool,
    long Surplus)
{
    /// <summary>The share the named creditor's taxes receive in total.</summary>
    public long TaxesOf(string creditor) => Taxes.Where(t => t.Creditor == creditor).Sum(t => t.Allocated);
}

/// <summary>
/// 配当計算: the one rule that splits the proceeds of a sale (換価代金) — pure, no store. domain.md §10 and 国税徴収法
/// 128–135条, 26条 with 徴基通26条関係:
/// <list type="number">
/// <item>滞納処分費 first (国税徴収法136条 / 10条).</item>
/// <item>Step one: every tax ranks against every security by its 法定納期限等 against the registration day; a security
/// registered on or before the tax's 法定納期限等 ranks first (15–16条). Taxes and securities are paid in that order,
/// each up to its amount; the taxes' tentative amounts add up to the taxes' total (租税の総額).</item>
/// <item>Step two: the taxes' total is shared among the taxes alone: the seizing tax first (差押先着手, 12条), then the
/// 交付要求 and 参加差押 in the order received (13条); a creditor's claims in the order of their 法定納期限等 (the claims
/// whose date earned the priority are paid first).</item>
/// <item>Unsecured creditors receive nothing (129条1項); what is left is the taxpayer's surplus (残余金, 129条3項).</item>
/// </list>
/// </summary>
public static class DistributionRule
{
    public static DistributionResult Compute(DistributionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Validate(input);
        var left = input.Proceeds;
        var costs = Math.Min(input.Costs, left);
        left -= costs;

        // Step one: taxes and securities in one line by their ranking day; a security wins a tie (registered on or
        // before the 法定納期限等). Stable: equal days keep the input order.
        var line = input.Securities.Select((s, i) => (Day: s.RegisteredOn, Security: true, Index: i, Amount: s.Amount))
            .Concat(input.Taxes.Select((t, i) => (Day: t.LegalDueOn, Security: false, Index: i, Amount: t.Amount)))
            .OrderBy(e => e.Day).ThenBy(e => e.Security ? 0 : 1).ThenBy(e => e.Index)
            .ToList();
        var securityFirst = new long[input.Securities.Count];
        var taxFirst = new long[input.Taxes.Count];
        foreach (var entry in line)
        {
            var share = Math.Min(entry.Amount, left);
            left -= share;
            if (entry.Security) securityFirst[entry.Index] = share; else taxFirst[entry.Index] = share;
        }
        var pool = taxFirst.Sum();

        // Step two: the pool among the taxes: the seizing creditor, then the 交付要求 by received day (ties in input order).
        var creditorRank = input.Taxes.Select((t, i) => (t, i))
            .GroupBy(x => x.t.Creditor)
            .Select(g => (Creditor: g.Key, Seizing: g.First().t.Standing == DistributionTaxStanding.Seizing,
                ReceivedOn: g.First().t.ReceivedOn ?? DateOnly.MinValue, First: g.Min(x => x.i)))
            .OrderBy(c => c.Seizing ? 0 : 1).ThenBy(c => c.ReceivedOn).ThenBy(c => c.First)
            .Select((c, rank) => (c.Creditor, rank))
            .ToDictionary(c => c.Creditor, c => c.rank);
        var order = input.Taxes.Select((t, i) => (t, i))
            .OrderBy(x => creditorRank[x.t.Creditor]).ThenBy(x => x.t.LegalDueOn).ThenBy(x => x.i)
            .Select(x => x.i);
        var taxFinal = new long[input.Taxes.Count];
        var poolLeft = pool;
        foreach (var i in order)
        {
            taxFinal[i] = Math.Min(input.Taxes[i].Amount, poolLeft);
            poolLeft -= taxFinal[i];
        }

        var taxes = input.Taxes.Select((t, i) => new DistributionShare(t.Creditor, t.Label, t.Amount, taxFirst[i], taxFinal[i], t.LegalDueOn, t.ClaimId)).ToList();
        var securities = input.Securities.Select((s, i) => new DistributionShare(s.Creditor, s.Label, s.Amount, securityFirst[i], securityFirst[i], s.RegisteredOn)).ToList();
        var unsecured = (input.UnsecuredClaims ?? []).Select(u => new DistributionShare(u.Creditor, "一般債権", u.Amount, 0, 0, DateOnly.MinValue)).ToList();
        return new DistributionResult(input.Proceeds, costs, taxes, securities, unsecured, pool, left);
    }

    /// <summary>
    /// Checks a statement typed in by hand (配当計算書の手入力): each part 0 yen or more, and the parts (costs, every
    /// share, the surplus) adding up to the proceeds to the yen. Throws in Japanese otherwise.
    /// </summary>
    public static void CheckStatement(long proceeds, IReadOnlyList<(string Label, long Amount)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (proceeds < 0)
            throw new DomainException("distribution.proceeds_invalid", "換価代金は0円以上で入力してください。");
        foreach (var (label, amount) in parts)
            if (amount < 0)
                throw new DomainException("distribution.part_negative", $"配当計算書の「{label}」の金額は0円以上で入力してください。");
        var sum = parts.Sum(p => p.Amount);
        if (sum != proceeds)
            throw new DomainException("distribution.parts_mismatch",
                $"配当計算書の内訳の合計 {sum:N0}円 が換価代金 {proceeds:N0}円 と一致しません（差額 {proceeds - sum:N0}円）。");
    }

    /// <summary>Checks a computed result adds up (the rule's own invariant) and returns it as statement parts.</summary>
    public static IReadOnlyList<(string Label, long Amount)> Parts(DistributionResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var parts = new List<(string, long)> { ("滞納処分費", r.CostsPaid) };
        parts.AddRange(r.Taxes.Select(t => ($"{t.Creditor} {t.Label}", t.Allocated)));
        parts.AddRange(r.Securities.Select(s => ($"{s.Creditor} {s.Label}", s.Allocated)));
        parts.AddRange(r.Unsecured.Select(s => ($"{s.Creditor} {s.Label}", s.Allocated)));
        parts.Add(("残余金", r.Surplus));
        CheckStatement(r.Proceeds, parts);
        return parts;
    }

    private static void Validate(DistributionInput input)
    {
        if (input.Proceeds < 0)
            throw new DomainException("distribution.proceeds_invalid", "換価代金は0円以上で入力してください。");
        if (input.Costs < 0)
            throw new DomainException("distribution.costs_invalid", "滞納処分費は0円以上で入力してください。");
        foreach (var t in input.Taxes)
        {
            if (string.IsNullOrWhiteSpace(t.Creditor))
                throw new DomainException("distribution.creditor_missing", "租税の債権者（執行機関名）を入力してください。");
            if (t.Amount <= 0)
                throw new DomainException("distribution.amount_invalid", $"{t.Creditor}の「{t.Label}」の金額は1円以上で入力してください。");
            if (t.Standing == DistributionTaxStanding.ClaimForDistribution && t.ReceivedOn is null)
                throw new DomainException("distribution.received_missing", $"{t.Creditor}の交付要求の受付日を入力してください。");
        }
        foreach (var g in input.Taxes.GroupBy(t => t.Creditor))
            if (g.Select(t => (t.Standing, t.ReceivedOn)).Distinct().Count() > 1)
                throw new DomainException("distribution.creditor_inconsistent", $"{g.Key}の租税の区分（差押・交付要求）と受付日がそろっていません。");
        if (input.Taxes.Where(t => t.Standing == DistributionTaxStanding.Seizing).Select(t => t.Creditor).Distinct().Count() > 1)
            throw new DomainException("distribution.seizing_twice", "差押えをした租税（差押先着手）は一つの執行機関だけです。他は交付要求（参加差押）として入力してください。");
        foreach (var s in input.Securities)
            if (s.Amount <= 0)
                throw new DomainException("distribution.amount_invalid", $"{s.Creditor}の「{s.Label}」の金額は1円以上で入力してください。");
    }
}
