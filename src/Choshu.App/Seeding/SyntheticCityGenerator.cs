using Choshu.Domain.Reconciliation;
using System.Globalization;
using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Assessments;
using Choshu.Domain.Calendar;
using Choshu.Domain.Identifiers;
using Choshu.Domain.Ledger;
using Choshu.Domain.Taxpayers;

namespace Choshu.App.Seeding;

/// <summary>
/// The synthetic city (<c>choshu seed</c>): taxpayers, their assessments for the current and four past
/// fiscal years, and the journal of charges and payments. Pure and deterministic: the same options,
/// today, calendar, timestamp and id base give the same rows, whatever the chunk size. No I/O, no clock.
/// Its My Number rows are not yet sealed (KeyVersion 0, the digits): <see cref="SyntheticCitySeeder"/>
/// seals them before writing, so never write a chunk to a store any other way.
/// The shares and amounts are described for auditors in docs/seeding.md; keep the two in step.
/// </summary>
public sealed class SyntheticCityGenerator
{
    public static readonly string Actor = Domain.Security.SystemActor.Seed.Name;
    public const string ReasonCode = "seed";
    public const string VersionReason = "合成データ（choshu seed）";
    public const string AgentReason = "市外転出のため（固定資産の管理）";
    /// <summary>Past fiscal years assessed besides the current one.</summary>
    public const int YearsBack = 4;

    // Units the city is built from: a corporation, a non-resident owner (住登外), or a household of 1–3 taxpayers.
    // Households average 1.55 taxpayers, so these unit shares give ~5% corporations and ~4% 住登外 among taxpayers.
    private const double CorporationUnitShare = 0.073;
    private const double NonResidentUnitShare = 0.058;
    private const double MovedOutShare = 0.045;
    private const double HabitPersistence = 0.6;
    private const double TaxAgentShare = 0.3;
    /// <summary>A taxpayer paying by direct debit registers every tax kind they owe (else some of them).</summary>
    private const double DebitAllKindsShare = 0.75;
    /// <summary>Registrants who moved their debit to another account during the five years (口座変更).</summary>
    private const double AccountChangeShare = 0.04;

    [Flags]
    private enum Kinds
    {
        None = 0,
        Inhabitant = 1,
        FixedAsset = 2,
        LightVehicle = 4,
        Corporate = 8,
    }

    // Tax kinds of an individual resident. Many residents pay 市民税 through their employer (特別徴収), which is not
    // in this ledger, so some hold only 固定資産税 or 軽自動車税. Gives ~55% 市民税, ~40% 固定資産税, ~30% 軽自動車税 overall.
    private static readonly WeightedChoice<Kinds> ResidentKinds = new(
    [
        (Kinds.Inhabitant, 78), (Kinds.Inhabitant | Kinds.LightVehicle, 18), (Kinds.Inhabitant | Kinds.FixedAsset, 16),
        (Kinds.Inhabitant | Kinds.FixedAsset | Kinds.LightVehicle, 8), (Kinds.FixedAsset, 42),
        (Kinds.FixedAsset | Kinds.LightVehicle, 9), (Kinds.LightVehicle, 29),
    ]);

    private static readonly WeightedChoice<int> HouseholdSizes = new([(1, 55), (2, 35), (3, 10)]);

    private static readonly WeightedChoice<(int From, int To)> AdultAges = new(
        [((25, 39), 22), ((40, 59), 34), ((60, 79), 34), ((80, 95), 10)]);

    private static readonly WeightedChoice<PaymentHabit> ResidentHabits = Habits(85, 8, 4, 3);
    private static readonly WeightedChoice<PaymentHabit> AwayHabits = Habits(72, 12, 7, 9);
    private static readonly WeightedChoice<PaymentHabit> CorporateHabits = Habits(88, 7, 3, 2);
    /// <summary>
    /// Tax kinds paid by direct debit: the debit succeeds on the due date unless the account lacks the money
    /// (資金不足) or was closed: late = some debits failed and were paid later by slip; partial = the debits
    /// failed from one installment on, part of it paid by slip; delinquent = every debit of the year failed.
    /// </summary>
    private static readonly WeightedChoice<PaymentHabit> DebitHabits = Habits(94, 3, 1, 2);

    /// <summary>
    /// Chance, by age of the fiscal year (0 = current), that a partial or delinquent year has since been
    /// collected: old arrears are mostly collected, only a few stay open.
    /// </summary>
    private static readonly double[] CollectedByAge = [0, 0.45, 0.65, 0.75, 0.85];

    /// <summary>軽自動車税（種別割） per vehicle: passenger 10,800 / 7,200 / 12,900, goods 5,000 / 4,000 / 6,000, three-wheel 3,900, motorcycles and mopeds.</summary>
    private static readonly WeightedChoice<long> VehicleTax = new(
    [
        (10_800, 33), (7_200, 14), (12_900, 4), (5_000, 12), (4_000, 4), (6_000, 4), (3_900, 1),
        (3_600, 5), (2_000, 12), (2_400, 6), (3_700, 1),
    ]);

    /// <summary>法人市民税 均等割 (standard rates by capital and employees).</summary>
    private static readonly WeightedChoice<long> CorporateFlatRate = new(
    [
        (50_000, 62), (120_000, 10), (130_000, 12), (150_000, 6), (160_000, 5), (400_000, 2), (410_000, 2), (1_750_000, 1),
    ]);

    private readonly SeedOptions _options;
    private readonly DateOnly _today;
    private readonly DateTime _recordedAtUtc;
    private readonly SeedIdBase _ids;
    private readonly TaxSchedule[,] _schedules;
    private readonly HolidayCalendar _calendar;

    public SyntheticCityGenerator(SeedOptions options, DateOnly today, HolidayCalendar calendar, DateTime recordedAtUtc, SeedIdBase ids)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(ids);
        options.Validate();
        if (recordedAtUtc.Kind != DateTimeKind.Utc)
            throw new ArgumentException("The recorded-at timestamp must be UTC.", nameof(recordedAtUtc));
        _options = options;
        _today = today;
        _recordedAtUtc = recordedAtUtc;
        _ids = ids;
        _calendar = calendar;
        CurrentFiscalYear = TaxSchedule.FiscalYearOf(today);
        FiscalYears = Enumerable.Range(CurrentFiscalYear - YearsBack, YearsBack + 1).ToArray();
        // Built up front so that a calendar not covering the years fails before anything is written.
        _schedules = new TaxSchedule[TaxSchedule.Kinds.Count, FiscalYears.Count];
        for (var k = 0; k < TaxSchedule.Kinds.Count; k++)
            for (var y = 0; y < FiscalYears.Count; y++)
                _schedules[k, y] = TaxSchedule.For(TaxSchedule.Kinds[k], FiscalYears[y], calendar);
    }

    public int CurrentFiscalYear { get; }

    /// <summary>
    /// The first <paramref name="count"/> My Numbers of the sequence the city of <paramref name="seed"/>
    /// gives its individuals, in order (the n-th individual gets the n-th): a city of N taxpayers uses a
    /// prefix of the first N. Depends on the seed alone, so a scan of logs and dumps
    /// (<c>choshu privacy scan</c>) can rebuild them without the date or calendar of the run.
    /// </summary>
    public static IEnumerable<MyNumber> SeededMyNumbers(long seed, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var sequence = MyNumberSequence(new SeedRandom((ulong)seed));
        for (var i = 0; i < count; i++)
            yield return MyNumberFrom(sequence.Next());
    }

    private static IdentifierSequence MyNumberSequence(SeedRandom fresh) => new(fresh, 10_000_000_000UL, 90_000_000_000UL);

    private static MyNumber MyNumberFrom(ulong body11)
    {
        var body = body11.ToString("D11", System.Globalization.CultureInfo.InvariantCulture);
        return MyNumber.Parse(body + MyNumber.ComputeCheckDigit(body).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The fiscal years assessed, oldest first.</summary>
    public IReadOnlyList<int> FiscalYears { get; }

    /// <summary>The city in chunks of about <see cref="SeedOptions.ChunkSize"/> taxpayers. Each enumeration starts afresh.</summary>
    public IEnumerable<SeedChunk> Chunks()
    {
        var run = new Run(this);
        var produced = 0;
        while (produced < _options.Taxpayers)
        {
            var chunk = new SeedChunk();
            while (chunk.Taxpayers.Count < _options.ChunkSize && produced + chunk.Taxpayers.Count < _options.Taxpayers)
                run.AddUnit(chunk, _options.Taxpayers - produced - chunk.Taxpayers.Count);
            produced += chunk.Taxpayers.Count;
            yield return chunk;
        }
    }

    private static WeightedChoice<PaymentHabit> Habits(int onTime, int late, int partial, int delinquent) => new(
        [(PaymentHabit.OnTime, onTime), (PaymentHabit.Late, late), (PaymentHabit.Partial, partial), (PaymentHabit.Delinquent, delinquent)]);

    /// <param name="Debited">The tax kinds registered for direct debit (none for a taxpayer paying by slip).</param>
    private sealed record Payer(Kinds Debited, bool LumpSum, WeightedChoice<PaymentHabit> Habits);

    /// <summary>One bank account a taxpayer's debits are drawn from.</summary>
    private readonly record struct BankAccount(string BankCode, string BranchCode, short AccountType, string AccountNo);

    /// <summary>The state of one enumeration: the random stream, id counters and number sequences.</summary>
    private sealed class Run
    {
        private readonly SyntheticCityGenerator _g;
        private readonly SeedRandom _rng;
        private readonly IdentifierSequence _myNumbers;
        private readonly IdentifierSequence _corporateNumbers;
        private readonly int[,] _noticeSerials;
        private readonly List<PlannedPayment> _payments = [];
        private long _taxpayerId, _versionId, _agentId, _assessmentId, _installmentId, _journalId, _accountId, _paymentId;
        private long _taxpayerNo = 100_000;
        private long _householdNo = 2_000_000;
        private long? _lastResidentAdultId;

        public Run(SyntheticCityGenerator g)
        {
            _g = g;
            _rng = new SeedRandom((ulong)g._options.Seed);
            // 11-digit bodies not starting with 0; 12-digit corporate bodies likewise. The My Number
            // sequence takes the stream's first two draws, so SeededMyNumbers can rebuild it from the seed alone.
            _myNumbers = MyNumberSequence(_rng);
            _corporateNumbers = new IdentifierSequence(_rng, 100_000_000_000UL, 900_000_000_000UL);
            _noticeSerials = new int[TaxSchedule.Kinds.Count, g.FiscalYears.Count];
            (_taxpayerId, _versionId, _agentId, _assessmentId, _installmentId, _journalId, _accountId) =
                (g._ids.Taxpayers, g._ids.TaxpayerVersions, g._ids.TaxAgents, g._ids.Assessments, g._ids.Installments, g._ids.JournalEntries,
                 g._ids.DirectDebitAccounts);
            _paymentId = g._ids.Payments;
        }

        private DateOnly Today => _g._today;
        private int FirstFiscalYear => _g.FiscalYears[0];

        public void AddUnit(SeedChunk chunk, int room)
        {
            var x = _rng.NextDouble();
            if (x < CorporationUnitShare) AddCorporation(chunk);
            else if (x < CorporationUnitShare + NonResidentUnitShare) AddNonResident(chunk);
            else AddHousehold(chunk, room);
        }

        private void AddHousehold(SeedChunk chunk, int room)
        {
            var size = Math.Min(HouseholdSizes.Pick(_rng), room);
            var headAge = AdultAge();
            if (size == 3 && headAge < 45) size = 2;
            var address = CityAddresses.Residence(_rng);
            var householdNo = (_householdNo += _rng.Between(1, 4)).ToString("D10");
            var surname = JapaneseNames.Surnames.Pick(_rng);
            var headSex = _rng.Chance(0.65) ? Sex.Male : Sex.Female;
            AddIndividual(chunk, surname, headSex, headAge, address, householdNo);
            if (size >= 2)
                AddIndividual(chunk, surname, headSex == Sex.Male ? Sex.Female : Sex.Male, Math.Clamp(headAge + _rng.Between(-6, 6), 20, 98), address, householdNo);
            if (size >= 3)
                AddIndividual(chunk, surname, _rng.Chance(0.5) ? Sex.Male : Sex.Female, Math.Max(18, headAge - _rng.Between(24, 36)), address, householdNo);
        }

        private void AddNonResident(SeedChunk chunk)
        {
            var surname = JapaneseNames.Surnames.Pick(_rng);
            var sex = _rng.Chance(0.6) ? Sex.Male : Sex.Female;
            AddIndividual(chunk, surname, sex, _rng.Between(30, 90), CityAddresses.Outside(_rng), householdNo: null, nonResident: true);
        }

        private void AddIndividual(SeedChunk chunk, PersonName surname, Sex sex, int age, SeedAddress home, string? householdNo, bool nonResident = false)
        {
            var birth = Today.AddYears(-age).AddDays(-_rng.Next(365));
            var name = JapaneseNames.Full(surname, JapaneseNames.GivenName(sex, birth.Year, _rng));
            var status = ResidencyStatus.NonResident;
            if (!nonResident)
            {
                var deathShare = age >= 80 ? 0.09 : age >= 65 ? 0.025 : 0.004;
                var x = _rng.NextDouble();
                status = x < MovedOutShare ? ResidencyStatus.MovedOut
                    : x < MovedOutShare + deathShare ? ResidencyStatus.Deceased
                    : ResidencyStatus.Current;
            }
            DateOnly? eventDate = status is ResidencyStatus.MovedOut or ResidencyStatus.Deceased ? EventDate() : null;
            var address = status == ResidencyStatus.MovedOut ? CityAddresses.Outside(_rng) : home;
            var away = status is ResidencyStatus.MovedOut or ResidencyStatus.NonResident;
            var facts = new TaxpayerFacts
            {
                PersonKind = PersonKind.Individual,
                NameKanji = name.Kanji,
                NameKana = name.Kana,
                BirthDate = birth,
                Sex = sex,
                HouseholdNo = status is ResidencyStatus.Current or ResidencyStatus.Deceased ? householdNo : null,
                ResidencyStatus = status,
                MailReturned = away && _rng.Chance(0.05),
            }.WithAddress(address);
            var effective = eventDate ?? _rng.DateBetween(Max(birth.AddYears(18), new DateOnly(1990, 4, 1)), new DateOnly(FirstFiscalYear, 3, 31));
            var id = AddTaxpayer(chunk, facts, corporateNumber: null, effective);

            var kinds = nonResident ? Kinds.FixedAsset : ResidentKinds.Pick(_rng);
            var keepsProperty = status == ResidencyStatus.MovedOut && _rng.Chance(0.5);
            var debited = _rng.Chance(away ? 0.10 : 0.35) ? DebitedKinds(kinds) : Kinds.None;
            var payer = new Payer(debited, _rng.Chance(0.12), away ? AwayHabits : ResidentHabits);
            var firstYear = AddAssessments(chunk, id, kinds, status, eventDate, keepsProperty, payer);
            if (debited != Kinds.None)
                AddDebitAccounts(chunk, id, facts.NameKana, debited, firstYear, corporation: false, status == ResidencyStatus.Deceased ? eventDate : null);

            if (status == ResidencyStatus.MovedOut && keepsProperty && (kinds & Kinds.FixedAsset) != 0
                && _lastResidentAdultId is { } agent && _rng.Chance(TaxAgentShare))
            {
                chunk.TaxAgents.Add(new TaxAgent
                {
                    Id = ++_agentId,
                    TaxpayerId = id,
                    AgentTaxpayerId = agent,
                    TaxKindCode = _rng.Chance(0.5) ? TaxKindCodes.FixedAssetTax : null,
                    AgentKind = 1,
                    RegisteredOn = Min(eventDate!.Value.AddDays(_rng.Between(7, 60)), Today),
                    Reason = AgentReason,
                    RecordedBy = Actor,
                    RecordedAtUtc = _g._recordedAtUtc,
                });
            }
            if (status == ResidencyStatus.Current) _lastResidentAdultId = id;
        }

        private void AddCorporation(SeedChunk chunk)
        {
            var name = CorporateNames.Next(_rng);
            var repSex = _rng.Chance(0.85) ? Sex.Male : Sex.Female;
            var repBirthYear = _rng.Between(1940, 1995);
            var representative = JapaneseNames.Full(JapaneseNames.Surnames.Pick(_rng), JapaneseNames.GivenName(repSex, repBirthYear, _rng));
            var founded = _rng.DateBetween(new DateOnly(1950, 4, 1), new DateOnly(2020, 3, 31));
            var x = _rng.NextDouble();
            var status = x < 0.02 ? ResidencyStatus.Deceased : x < 0.04 ? ResidencyStatus.MovedOut : ResidencyStatus.Current;
            DateOnly? eventDate = status == ResidencyStatus.Current ? null : EventDate();
            var address = status == ResidencyStatus.MovedOut ? CityAddresses.Outside(_rng) : CityAddresses.Office(_rng, name.Core);
            var facts = new TaxpayerFacts
            {
                PersonKind = PersonKind.Corporation,
                NameKanji = name.Kanji,
                NameKana = name.Kana,
                BirthDate = founded,
                ResidencyStatus = status,
                RepresentativeTitle = name.RepresentativeTitle,
                RepresentativeName = representative.Kanji,
            }.WithAddress(address);
            var body = _corporateNumbers.Next().ToString("D12");
            var corporateNumber = CorporateNumber.ComputeCheckDigit(body) + body;
            var id = AddTaxpayer(chunk, facts, corporateNumber, eventDate ?? Max(founded, new DateOnly(1990, 4, 1)));

            var kinds = Kinds.Corporate
                | (_rng.Chance(0.4) ? Kinds.FixedAsset : Kinds.None)
                | (_rng.Chance(0.2) ? Kinds.LightVehicle : Kinds.None);
            var debited = _rng.Chance(0.25) ? DebitedKinds(kinds) : Kinds.None;
            var payer = new Payer(debited, _rng.Chance(0.10), CorporateHabits);
            var firstYear = AddAssessments(chunk, id, kinds, status, eventDate, keepsProperty: false, payer);
            if (debited != Kinds.None)
                AddDebitAccounts(chunk, id, facts.NameKana, debited, firstYear, corporation: true, status == ResidencyStatus.Deceased ? eventDate : null);
        }

        private long AddTaxpayer(SeedChunk chunk, TaxpayerFacts facts, string? corporateNumber, DateOnly effective)
        {
            var at = _g._recordedAtUtc;
            var id = ++_taxpayerId;
            _taxpayerNo += _rng.Between(1, 3);
            var individual = facts.PersonKind == PersonKind.Individual;
            // 電話番号 from the id, without drawing on the random sequence (the rest of the city stays as it was):
            // every corporation and seven individuals in ten have one, a landline of the city (099-2xx-xxxx).
            if (!individual || id % 10 < 7)
                facts = facts with { PhoneNumber = string.Create(CultureInfo.InvariantCulture, $"099-2{id % 90 + 10:D2}-{id * 7919 % 10000:D4}") };
            chunk.Taxpayers.Add(new Taxpayer
            {
                Id = id,
                TaxpayerNo = _taxpayerNo.ToString("D10"),
                CorporateNumber = corporateNumber,
                Facts = facts,
                HistorySeq = 1,
                EffectiveDate = effective,
                CreatedAtUtc = at,
                UpdatedAtUtc = at,
            });
            chunk.TaxpayerVersions.Add(new TaxpayerVersion
            {
                Id = ++_versionId,
                TaxpayerId = id,
                HistorySeq = 1,
                EffectiveDate = effective,
                Facts = facts,
                CorporateNumber = corporateNumber,
                MyNumberChanged = individual,
                Source = ChangeSource.Synthetic,
                Reason = VersionReason,
                RecordedBy = Actor,
                RecordedAtUtc = at,
            });
            if (individual)
            {
                // Unsealed here (KeyVersion 0, the digits): the generator is pure and deterministic, and
                // SyntheticCitySeeder seals every row with the store's key before it is written.
                chunk.TaxpayerMyNumbers.Add(new TaxpayerMyNumber
                {
                    TaxpayerId = id,
                    Value = MyNumberFrom(_myNumbers.Next()).Reveal(),
                    KeyVersion = 0,
                    UpdatedAtUtc = at,
                });
            }
            return id;
        }

        /// <summary>Every assessment of one taxpayer; returns the first fiscal year assessed.</summary>
        private int AddAssessments(SeedChunk chunk, long taxpayerId, Kinds kinds, ResidencyStatus status, DateOnly? eventDate, bool keepsProperty, Payer payer)
        {
            // Per-taxpayer bases; each year varies around them. u² and u³ skew towards the small amounts most people pay.
            var u = _rng.NextDouble();
            var inhabitantBase = 30_000 + 370_000 * u * u;
            u = _rng.NextDouble();
            var fixedAssetBase = 20_000 + 580_000 * u * u * u;
            var vehicles = _rng.Chance(0.8) ? 1 : _rng.Chance(0.85) ? 2 : 3;
            long vehicleTax = 0;
            for (var v = 0; v < vehicles; v++) vehicleTax += VehicleTax.Pick(_rng);
            var flatRate = CorporateFlatRate.Pick(_rng);
            var firstYear = _rng.Chance(0.88) ? FirstFiscalYear : FirstFiscalYear + _rng.Between(1, YearsBack);
            var habitual = payer.Habits.Pick(_rng);
            var debits = payer.Debited != Kinds.None;
            var habitualDebit = debits ? DebitHabits.Pick(_rng) : PaymentHabit.OnTime;

            for (var y = 0; y < _g.FiscalYears.Count; y++)
            {
                var fiscalYear = _g.FiscalYears[y];
                var habit = _rng.Chance(HabitPersistence) ? habitual : payer.Habits.Pick(_rng);
                var age = _g.CurrentFiscalYear - fiscalYear;
                if (habit is PaymentHabit.Partial or PaymentHabit.Delinquent && _rng.Chance(CollectedByAge[age]))
                    habit = PaymentHabit.CollectedLate;
                var debitHabit = PaymentHabit.OnTime;
                if (debits)
                {
                    debitHabit = _rng.Chance(HabitPersistence) ? habitualDebit : DebitHabits.Pick(_rng);
                    if (debitHabit is PaymentHabit.Partial or PaymentHabit.Delinquent && _rng.Chance(CollectedByAge[age]))
                        debitHabit = PaymentHabit.CollectedLate;
                }
                if (fiscalYear < firstYear) continue;

                for (var k = 0; k < TaxSchedule.Kinds.Count; k++)
                {
                    var kind = (Kinds)(1 << k);
                    if ((kinds & kind) == 0 || fiscalYear > LastYear(kind, status, eventDate, keepsProperty)) continue;
                    var schedule = _g._schedules[k, y];
                    if (schedule.NoticeDate > Today) continue;
                    var annual = kind switch
                    {
                        Kinds.Inhabitant => Math.Clamp(Hundreds(inhabitantBase * (0.85 + 0.3 * _rng.NextDouble())), 30_000, 400_000),
                        Kinds.FixedAsset => Math.Clamp(Hundreds(fixedAssetBase * (0.98 + 0.04 * _rng.NextDouble())), 20_000, 600_000),
                        Kinds.LightVehicle => vehicleTax,
                        _ => Math.Min(2_000_000, flatRate + (_rng.Chance(0.6) ? Hundreds(1_750_000 * Cube(_rng.NextDouble())) : 0)),
                    };
                    var debited = (payer.Debited & kind) != 0;
                    AddAssessment(chunk, taxpayerId, k, y, schedule, annual, debited ? debitHabit : habit, debited, payer.LumpSum);
                }
            }
            return firstYear;
        }

        /// <summary>The synthetic 標識番号 of a taxpayer's light vehicle (one per taxpayer, the same every year), made from the id
        /// without drawing from the random sequence, so every other seeded value stays as it was.</summary>
        internal static string VehicleNo(long taxpayerId) => $"鹿児島480{"あいうえかきくけこを"[(int)(taxpayerId / 10_000 % 10)]}{taxpayerId % 10_000:D4}";

        private void AddAssessment(SeedChunk chunk, long taxpayerId, int kindIndex, int yearIndex, TaxSchedule schedule, long annual, PaymentHabit habit, bool directDebit, bool lumpSum)
        {
            var at = _g._recordedAtUtc;
            var assessment = new Assessment
            {
                Id = ++_assessmentId,
                TaxpayerId = taxpayerId,
                TaxKindCode = schedule.TaxKindCode,
                FiscalYear = schedule.FiscalYear,
                LiabilityYear = schedule.FiscalYear,
                NoticeNo = $"{schedule.FiscalYear}{schedule.TaxKindCode}{++_noticeSerials[kindIndex, yearIndex]:D7}",
                VehicleNo = schedule.TaxKindCode == TaxKindCodes.LightVehicleTax ? VehicleNo(taxpayerId) : null,
                CreatedAtUtc = at,
            };
            chunk.Assessments.Add(assessment);

            var amounts = InstallmentAmounts.Split(annual, schedule.Periods);
            _payments.Clear();
            PaymentPlanner.Plan(schedule, amounts, habit, directDebit, lumpSum, Today, _rng, _payments);
            _payments.Sort((a, b) => (a.PeriodIndex, a.PaidOn, a.Amount).CompareTo((b.PeriodIndex, b.PaidOn, b.Amount)));

            var next = 0;
            for (var p = 0; p < amounts.Length; p++)
            {
                var installment = new Installment
                {
                    Id = ++_installmentId,
                    AssessmentId = assessment.Id,
                    Period = (short)(p + 1),
                    NominalDueDate = schedule.NominalDueDates[p],
                    DueDate = schedule.DueDates[p],
                    StatutoryDueDate = schedule.DueDates[p], // ordinary installments: 法定納期限 = 納期限
                };
                chunk.Installments.Add(installment);
                chunk.JournalEntries.Add(Entry(installment.Id, JournalEntryKind.Charge, amounts[p], schedule.NoticeDate));
                chunk.Charges++;
                for (; next < _payments.Count && _payments[next].PeriodIndex == p; next++)
                {
                    var planned = _payments[next];
                    var payment = PaymentRow(assessment.NoticeNo, installment, planned, directDebit && planned.PaidOn == installment.DueDate);
                    chunk.PaymentRows.Add(payment);
                    var entry = Entry(installment.Id, JournalEntryKind.Payment, -planned.Amount, planned.PaidOn);
                    entry.PaymentId = payment.Id;
                    chunk.JournalEntries.Add(entry);
                }
            }
        }

        /// <summary>The tax kinds a taxpayer paying by direct debit registers: all of them, or some (at least one).</summary>
        private Kinds DebitedKinds(Kinds kinds)
        {
            if (_rng.Chance(DebitAllKindsShare)) return kinds;
            var chosen = Kinds.None;
            for (var k = 0; k < TaxSchedule.Kinds.Count; k++)
            {
                var kind = (Kinds)(1 << k);
                if ((kinds & kind) != 0 && _rng.Chance(0.5)) chosen |= kind;
            }
            return chosen != Kinds.None ? chosen : (Kinds)((int)kinds & -(int)kinds);
        }

        /// <summary>
        /// 口座振替の登録: one account for all the registered kinds (a row per kind), registered some years
        /// before the first year assessed. A few moved to another account since (the old rows end the day the
        /// new ones start); a deceased taxpayer's or dissolved company's registrations end 2–13 weeks after.
        /// </summary>
        private void AddDebitAccounts(SeedChunk chunk, long taxpayerId, string nameKana, Kinds debited, int firstYear, bool corporation, DateOnly? closedAfter)
        {
            var holder = AccountHolderKana.For(nameKana);
            var first = NewBankAccount(corporation);
            var startsOn = _rng.DateBetween(new DateOnly(firstYear - 10, 4, 1), new DateOnly(firstYear, 3, 1));
            DateOnly? endsOn = closedAfter?.AddDays(_rng.Between(14, 90));
            if (endsOn > Today) endsOn = null;
            DateOnly? changedOn = null;
            BankAccount second = default;
            if (_rng.Chance(AccountChangeShare))
            {
                var changed = _rng.DateBetween(new DateOnly(firstYear, 4, 1), Today.AddDays(-30));
                second = NewBankAccount(corporation);
                if (changed < Today && (endsOn is null || changed < endsOn)) changedOn = changed;
            }

            for (var k = 0; k < TaxSchedule.Kinds.Count; k++)
            {
                if (((int)debited & (1 << k)) == 0) continue;
                var kindCode = TaxSchedule.Kinds[k];
                if (changedOn is { } on)
                {
                    chunk.DirectDebitAccounts.Add(Account(taxpayerId, kindCode, first, holder, startsOn, on));
                    chunk.DirectDebitAccounts.Add(Account(taxpayerId, kindCode, second, holder, on, endsOn));
                }
                else
                {
                    chunk.DirectDebitAccounts.Add(Account(taxpayerId, kindCode, first, holder, startsOn, endsOn));
                }
            }
        }

        /// <summary>An account at one of <see cref="SeedBanks"/>: 普通 (companies also 当座; a few 納税準備預金), 7 digits.</summary>
        private BankAccount NewBankAccount(bool corporation)
        {
            var bank = SeedBanks.Codes.Pick(_rng);
            var branch = _rng.Between(1, 320).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
            short type = corporation ? (short)(_rng.Chance(0.35) ? 2 : 1) : (short)(_rng.Chance(0.01) ? 3 : 1);
            var number = _rng.Between(1, 9_999_999).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            return new BankAccount(bank, branch, type, number);
        }

        private DirectDebitAccount Account(long taxpayerId, string taxKindCode, BankAccount account, string holder, DateOnly startsOn, DateOnly? endsOn) => new()
        {
            Id = ++_accountId,
            TaxpayerId = taxpayerId,
            TaxKindCode = taxKindCode,
            BankCode = account.BankCode,
            BranchCode = account.BranchCode,
            AccountType = account.AccountType,
            AccountNo = account.AccountNo,
            HolderKana = holder,
            StartsOn = startsOn,
            EndsOn = endsOn,
            RecordedAtUtc = _g._recordedAtUtc,
        };

        /// <summary>
        /// The payment row (収納) of a planned payment, booked as reconciliation writes it: a debit on its due date came by
        /// 口座振替 (収入日 = 納付日); other money by bank (収入日 two days later), convenience store (five days), eLTAX (one day)
        /// or at the counter (same day, with a 領収番号; only on a day the office is open), moved to the next open day. The channel is drawn from the payment's id, not from the random
        /// stream, so the rest of the city stays as it was. No 収入日 after today.
        /// </summary>
        private Payment PaymentRow(string noticeNo, Installment installment, PlannedPayment planned, bool debited)
        {
            var id = ++_paymentId;
            var bucket = (int)((ulong)id * 2_654_435_761UL % 100UL);
            var openDay = planned.PaidOn <= Today && !_g._calendar.IsClosedDay(planned.PaidOn);
            var (channel, days) = debited ? (PaymentChannel.DirectDebit, 0)
                : bucket < 45 ? (PaymentChannel.Bank, 2)
                : bucket < 75 ? (PaymentChannel.Store, 5)
                : bucket < 88 ? (PaymentChannel.Eltax, 1)
                : openDay ? (PaymentChannel.Counter, 0) : (PaymentChannel.Bank, 2);
            var receivedOn = planned.PaidOn.AddDays(days);
            if (receivedOn < Today) receivedOn = _g._calendar.EffectiveDueDate(receivedOn); // money reaches the city on an open day
            if (receivedOn > Today) receivedOn = Today;
            var key = channel == PaymentChannel.Counter
                ? string.Create(CultureInfo.InvariantCulture, $"counter:S{planned.PaidOn:yyMMdd}-{id:D8}")
                : string.Create(CultureInfo.InvariantCulture, $"seed:{id}");
            return new Payment
            {
                Id = id,
                Channel = channel,
                Status = PaymentStatus.Booked,
                RawKey = string.Create(CultureInfo.InvariantCulture, $"{noticeNo}-{installment.Period}"),
                InstallmentId = installment.Id,
                Amount = planned.Amount,
                PaidOn = planned.PaidOn,
                ReceivedOn = receivedOn,
                IdempotencyKey = key,
                RawRecord = "合成データ",
                Actor = Actor,
                RecordedAtUtc = _g._recordedAtUtc,
            };
        }

        private JournalEntry Entry(long installmentId, JournalEntryKind kind, long amount, DateOnly valueDate) => new()
        {
            Id = ++_journalId,
            InstallmentId = installmentId,
            Kind = kind,
            Component = LedgerComponent.Principal,
            Amount = amount,
            ValueDate = valueDate,
            RecordedAtUtc = _g._recordedAtUtc,
            Actor = Actor,
            ReasonCode = ReasonCode,
        };

        /// <summary>
        /// The last fiscal year a kind is assessed for a taxpayer who moved out, died or was dissolved on
        /// <paramref name="eventDate"/>: 市民税 and 固定資産税 go by presence on 1 January (賦課期日), 軽自動車税 and
        /// 法人市民税 by the fiscal year of the event. Someone who moved out but kept property keeps paying 固定資産税.
        /// </summary>
        private static int LastYear(Kinds kind, ResidencyStatus status, DateOnly? eventDate, bool keepsProperty)
        {
            if (eventDate is not { } d || status is ResidencyStatus.Current or ResidencyStatus.NonResident) return int.MaxValue;
            return kind switch
            {
                Kinds.Inhabitant => d.Year,
                Kinds.FixedAsset => keepsProperty ? int.MaxValue : d.Year,
                _ => TaxSchedule.FiscalYearOf(d),
            };
        }

        private int AdultAge()
        {
            var (from, to) = AdultAges.Pick(_rng);
            return _rng.Between(from, to);
        }

        /// <summary>A move-out, death or dissolution: after the oldest fiscal year began, at least a month ago.</summary>
        private DateOnly EventDate() => _rng.DateBetween(new DateOnly(FirstFiscalYear, 6, 1), Today.AddDays(-30));

        private static long Hundreds(double yen) => (long)yen / 100 * 100;
        private static double Cube(double x) => x * x * x;
        private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
        private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    }
}
