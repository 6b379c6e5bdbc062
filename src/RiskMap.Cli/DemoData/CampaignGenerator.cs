using RiskMap.Api.Domain;

namespace RiskMap.Cli.DemoData;

/// <summary>The campaign records of the demo district, numbered and in file order.</summary>
internal sealed record CampaignRecords(
    IReadOnlyList<DemoInspection> Inspections,
    IReadOnlyList<DemoHazard> Hazards,
    IReadOnlyList<DemoAction> Actions);

/// <summary>
/// Makes up the three-year campaign (2020-01-01 .. 2022-12-31): inspection trips, the hazards they find and how
/// those are rectified, and enforcement. The published period (2020-01-01 .. 2020-09-30) is built to reproduce the
/// district's published figures exactly (<see cref="CampaignFigures.Published"/>); the later period continues at a
/// similar intensity and leaves, on the snapshot day 2022-12-31, open and overdue hazards that differ by township.
/// </summary>
internal sealed class CampaignGenerator
{
    /// <summary>First day of the campaign.</summary>
    public static readonly DateOnly CampaignStart = new(2020, 1, 1);
    /// <summary>Last day of the published period.</summary>
    public static readonly DateOnly PublishedPeriodEnd = new(2020, 9, 30);
    /// <summary>Last day of the records: hazard statuses are as of this day and no date is later.</summary>
    public static readonly DateOnly SnapshotDay = new(2022, 12, 31);

    private const int PublishedPeriodTrips = 380;
    private const int LaterTripsPerMonth = 40;
    private const int MaxHazardsPerInspection = 4; // no sector has fewer general templates

    /// <summary>Open major hazards planted on the snapshot day: township code and how many (12 in 6 townships).</summary>
    private static readonly (string Township, int Count)[] OpenMajorPlan =
    [
        ("431103101", 3), ("431103105", 4), ("431103108", 2), ("431103002", 1), ("431103104", 1), ("431103110", 1),
    ];

    /// <summary>Sectors where a major hazard is most likely; the published period's five come from these.</summary>
    private static readonly string[] HighRiskSectors = ["gas", "fireworks", "hazardous_chemicals", "non_coal_mines", "construction"];

    /// <summary>Relative chance of being inspected, per sector.</summary>
    private static readonly Dictionary<string, double> InspectionPriority = new(StringComparer.Ordinal)
    {
        ["gas"] = 6, ["fireworks"] = 6, ["hazardous_chemicals"] = 6, ["non_coal_mines"] = 8, ["road_traffic"] = 3,
        ["construction"] = 4, ["fire_safety"] = 2, ["industry_trade"] = 2, ["special_equipment"] = 2,
    };

    /// <summary>Mean general hazards found per inspection, per sector, at the campaign's start.</summary>
    private static readonly Dictionary<string, double> HazardRate = new(StringComparer.Ordinal)
    {
        ["gas"] = 0.9, ["fireworks"] = 0.9, ["hazardous_chemicals"] = 1.0, ["non_coal_mines"] = 1.2, ["road_traffic"] = 0.6,
        ["construction"] = 1.1, ["fire_safety"] = 0.7, ["industry_trade"] = 0.7, ["special_equipment"] = 0.5,
    };

    // Trips per month in the published period: little around the Spring Festival and the 2020 epidemic,
    // most in June (安全生产月).
    private static readonly double[] PublishedMonthWeights = [5, 2, 9, 12, 13, 16, 14, 14, 15];
    private static readonly double[] LaterMonthFactors = [0.6, 0.4, 1.0, 1.0, 1.0, 1.25, 1.0, 0.9, 1.1, 0.8, 1.0, 1.1];

    // Public holidays when no inspection is made (New Year's Day, Spring Festival, May Day and National Day weeks).
    private static readonly (DateOnly From, DateOnly To)[] Holidays =
    [
        (new(2020, 1, 1), new(2020, 1, 1)), (new(2021, 1, 1), new(2021, 1, 3)), (new(2022, 1, 1), new(2022, 1, 3)),
        (new(2020, 1, 24), new(2020, 2, 2)), (new(2020, 5, 1), new(2020, 5, 5)), (new(2020, 10, 1), new(2020, 10, 8)),
        (new(2021, 2, 11), new(2021, 2, 17)), (new(2021, 5, 1), new(2021, 5, 5)), (new(2021, 10, 1), new(2021, 10, 7)),
        (new(2022, 1, 31), new(2022, 2, 6)), (new(2022, 4, 30), new(2022, 5, 4)), (new(2022, 10, 1), new(2022, 10, 7)),
    ];

    private static readonly (int Value, double Weight)[] InspectorsPerTrip = [(2, 3), (3, 4), (4, 4), (5, 2), (6, 1)];
    private static readonly (int Value, double Weight)[] GeneralDeadlineDays = [(3, 1), (7, 4), (15, 4), (30, 2)];
    private static readonly (int Value, double Weight)[] MajorDeadlineDays = [(30, 1), (60, 2), (90, 1)];
    private static readonly (decimal Value, double Weight)[] FineAmounts =
        [(1000m, 2), (2000m, 3), (3000m, 3), (5000m, 4), (8000m, 2), (10000m, 3), (20000m, 1)];

    private readonly Random rng;
    private readonly IReadOnlyList<DemoEnterprise> enterprises;
    private readonly IReadOnlyDictionary<string, List<DemoEnterprise>> byTownship;
    private readonly List<InspectionTrip> trips = [];
    private readonly List<DemoHazard> hazards = [];
    private readonly List<DemoAction> actions = [];
    private readonly Dictionary<DemoEnterprise, DateOnly> lastInspected = [];

    private CampaignGenerator(Random rng, IReadOnlyList<DemoEnterprise> enterprises)
    {
        this.rng = rng;
        this.enterprises = enterprises;
        byTownship = enterprises.GroupBy(e => e.TownshipCode).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    /// <summary>Generates and numbers all campaign records for <paramref name="enterprises"/>.</summary>
    public static CampaignRecords Generate(Random rng, IReadOnlyList<DemoEnterprise> enterprises)
    {
        var generator = new CampaignGenerator(rng, enterprises);
        generator.PublishedPeriod(CampaignFigures.Published);
        generator.LaterPeriod();
        generator.PlantOpenMajorHazards();
        return generator.Number();
    }

    // ---------------------------------------------------------------- published period

    private void PublishedPeriod(CampaignFigures target)
    {
        // Who is inspected: every above-scale enterprise, then the riskiest sectors first.
        var inspected = enterprises.Where(e => e.AboveScale).ToList();
        inspected.AddRange(rng.WeightedSample(enterprises.Where(e => !e.AboveScale),
            target.EnterprisesInspected - inspected.Count, e => InspectionPriority[e.Sector]));

        // Trips: per township in proportion to its inspected enterprises; each enterprise once.
        var perTownship = inspected.GroupBy(e => e.TownshipCode).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => rng.ShuffleInPlace(g.ToList())).ToList();
        var tripCounts = RandomExtensions.Apportion(PublishedPeriodTrips, perTownship.Select(g => (double)g.Count).ToList(), minimum: 1);
        var dates = rng.ShuffleInPlace(PublishedPeriodDates());
        var periodTrips = new List<InspectionTrip>();
        var next = 0;
        for (var t = 0; t < perTownship.Count; t++)
        {
            var chunks = Split(perTownship[t], tripCounts[t]);
            foreach (var chunk in chunks)
            {
                var trip = NewTrip(dates[next++], perTownship[t][0].TownshipCode);
                foreach (var e in chunk) AddInspection(trip, e);
                periodTrips.Add(trip);
            }
        }
        AssignGroups(periodTrips, target.InspectionGroups);
        AssignInspectors(periodTrips, target.InspectorVisits);

        // Hazards, on the enterprises' first inspections.
        var first = periodTrips.SelectMany(t => t.Inspections).ToList();
        var generalWeights = first.Select(i => HazardRate[i.Enterprise.Sector] * (i.Enterprise.AboveScale ? 1.3 : 1)).ToList();
        var general = new List<DemoHazard>();
        while (general.Count < target.GeneralHazards)
        {
            var inspection = first[rng.WeightedIndex(generalWeights)];
            if (inspection.Hazards.Count >= MaxHazardsPerInspection) continue;
            general.Add(NewHazard(inspection, HazardLevel.General));
        }
        var majorCandidates = first.Where(i => HighRiskSectors.Contains(i.Enterprise.Sector) && i.Date.Month <= 8).ToList();
        var major = new List<DemoHazard>();
        foreach (var inspection in rng.ShuffleInPlace(majorCandidates))
        {
            if (major.Count == target.MajorHazards) break;
            if (major.Any(h => h.Inspection.Trip.TownshipCode == inspection.Trip.TownshipCode || h.Inspection.Enterprise.Sector == inspection.Enterprise.Sector)) continue;
            major.Add(NewHazard(inspection, HazardLevel.Major));
        }

        // Rectification: a given number by the period's end; the rest, mostly found late, in the autumn.
        RectifyPublished(general, target.GeneralHazards - target.GeneralRectified);
        RectifyPublished(major, target.MajorHazards - target.MajorRectified);
        AddFollowUps(general.Concat(major), periodTrips, PublishedPeriodEnd);
        PublishedEnforcement(target, periodTrips.SelectMany(t => t.Inspections).ToList(), general.Concat(major).ToList());
    }

    private List<DateOnly> PublishedPeriodDates()
    {
        var counts = RandomExtensions.Apportion(PublishedPeriodTrips, PublishedMonthWeights, minimum: 1);
        var dates = new List<DateOnly>();
        for (var m = 0; m < counts.Length; m++)
        {
            var days = WorkingDays(2020, m + 1);
            for (var k = 0; k < counts[m]; k++) dates.Add(days[rng.Next(days.Count)]);
        }
        return dates;
    }

    /// <summary>Splits <paramref name="items"/> into <paramref name="parts"/> non-empty runs at random cut points.</summary>
    private List<List<T>> Split<T>(List<T> items, int parts)
    {
        var cuts = rng.WeightedSample(Enumerable.Range(1, items.Count - 1), parts - 1, _ => 1).Order().ToList();
        var result = new List<List<T>>();
        var start = 0;
        foreach (var cut in cuts.Append(items.Count))
        {
            result.Add(items.GetRange(start, cut - start));
            start = cut;
        }
        return result;
    }

    /// <summary>
    /// Gives the trips of each month to that month's groups (<c>yyyy-MM-Gnn</c>) so that exactly
    /// <paramref name="groupCount"/> groups exist: every group makes at least one trip, some make two or more.
    /// </summary>
    private void AssignGroups(List<InspectionTrip> periodTrips, int groupCount)
    {
        var months = periodTrips.GroupBy(t => (t.Date.Year, t.Date.Month)).OrderBy(g => g.Key).Select(g => g.OrderBy(t => t.Date).ThenBy(t => t.Sequence).ToList()).ToList();
        var groups = RandomExtensions.Apportion(groupCount, months.Select(m => (double)m.Count).ToList(), minimum: 1);
        for (var m = 0; m < months.Count; m++)
        {
            if (groups[m] > months[m].Count) throw new InvalidOperationException("More groups than trips in a month.");
            AssignMonthGroups(months[m], groups[m]);
        }
    }

    private void AssignMonthGroups(List<InspectionTrip> monthTrips, int groupCount)
    {
        var order = rng.ShuffleInPlace(monthTrips.ToList());
        for (var i = 0; i < order.Count; i++)
        {
            var g = i < groupCount ? i : rng.Next(groupCount);
            order[i].Group = $"{order[i].Date:yyyy-MM}-G{g + 1:00}";
        }
    }

    /// <summary>Draws 2–6 inspectors per trip, then nudges single trips until the visits add up to <paramref name="total"/>.</summary>
    private void AssignInspectors(List<InspectionTrip> periodTrips, int total)
    {
        foreach (var trip in periodTrips) trip.Inspectors = rng.Pick(InspectorsPerTrip);
        var sum = periodTrips.Sum(t => t.Inspectors);
        if (total < 2 * periodTrips.Count || total > 6 * periodTrips.Count) throw new InvalidOperationException("Visits out of reach.");
        while (sum != total)
        {
            var trip = periodTrips[rng.Next(periodTrips.Count)];
            if (sum < total && trip.Inspectors < 6) { trip.Inspectors++; sum++; }
            else if (sum > total && trip.Inspectors > 2) { trip.Inspectors--; sum--; }
        }
    }

    private void RectifyPublished(List<DemoHazard> found, int notByPeriodEnd)
    {
        // Hazards found late in the period are the likeliest to be still open at its end.
        var late = rng.WeightedSample(found, notByPeriodEnd,
            h => Math.Exp(-(PublishedPeriodEnd.DayNumber - h.FoundOn.DayNumber) / 20.0)).ToHashSet();
        foreach (var h in found)
        {
            if (late.Contains(h))
            {
                var earliest = PublishedPeriodEnd.AddDays(1);
                h.RectifiedOn = rng.DayBetween(Max(earliest, h.FoundOn.AddDays(h.Level == HazardLevel.Major ? 30 : 7)), earliest.AddDays(75));
            }
            else
            {
                var days = RectificationDays(h);
                var onTime = h.FoundOn.AddDays(days);
                h.RectifiedOn = onTime <= PublishedPeriodEnd ? onTime : rng.DayBetween(h.FoundOn, PublishedPeriodEnd);
            }
            Close(h);
        }
    }

    /// <summary>Days from finding to rectifying: often on the spot (立查立改), mostly within the deadline, some late.</summary>
    private int RectificationDays(DemoHazard h)
    {
        var allowed = h.Deadline.DayNumber - h.FoundOn.DayNumber;
        if (h.Level == HazardLevel.General && rng.NextDouble() < 0.3) return 0;
        var days = rng.Next(h.Level == HazardLevel.Major ? Math.Min(10, allowed) : 0, allowed + 1);
        return rng.NextDouble() < 0.1 ? days + rng.Next(1, 15) : days;
    }

    /// <summary>Acceptance (验收销号) follows rectification by 1–20 days when that is by the snapshot day; a few stay Rectified.</summary>
    private void Close(DemoHazard h)
    {
        if (h.RectifiedOn is not { } rectified) return;
        var closed = rectified.AddDays(rng.Next(1, 21));
        if (closed <= SnapshotDay && rng.NextDouble() >= 0.02) h.ClosedOn = closed;
    }

    /// <summary>Adds re-inspections (复查) of enterprises with hazards not fixed on the spot to later trips in their township.</summary>
    private void AddFollowUps(IEnumerable<DemoHazard> found, List<InspectionTrip> candidates, DateOnly until)
    {
        var byTownshipTrips = candidates.GroupBy(t => t.TownshipCode).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Date).ThenBy(t => t.Sequence).ToList());
        foreach (var h in found.Where(h => h.RectifiedOn is { } r && r > h.FoundOn).OrderBy(h => h.Sequence))
        {
            if (rng.NextDouble() >= 0.4) continue;
            var from = h.FoundOn.AddDays(3);
            var to = Min(until, h.RectifiedOn!.Value.AddDays(10));
            var options = byTownshipTrips[h.Inspection.Trip.TownshipCode]
                .Where(t => t.Date >= from && t.Date <= to && t.Inspections.All(i => i.Enterprise != h.Inspection.Enterprise)).ToList();
            if (options.Count > 0) AddInspection(options[rng.Next(options.Count)], h.Inspection.Enterprise);
        }
    }

    private void PublishedEnforcement(CampaignFigures target, List<DemoInspection> inspections, List<DemoHazard> found)
    {
        // Documents (现场检查记录, 责令限期整改指令书, 复查意见书 …): issued on inspections, more where hazards were found.
        var weights = inspections.Select(i => i.Hazards.Count == 0 ? 0.6 : 1 + 1.2 * i.Hazards.Count + (i.Hazards.Any(h => h.Level == HazardLevel.Major) ? 2 : 0)).ToList();
        var issued = new Dictionary<DemoInspection, int>();
        while (issued.Values.Sum() < target.EnforcementDocuments)
        {
            var inspection = inspections[rng.WeightedIndex(weights)];
            var n = issued.GetValueOrDefault(inspection);
            if (n >= 4) continue;
            issued[inspection] = n + 1;
            AddAction(inspection.Enterprise, inspection.Date, EnforcementKind.Document);
        }

        // Interviews and cases go to the enterprises with the most (and the worst) hazards.
        var offenders = found.GroupBy(h => h.Inspection.Enterprise)
            .Select(g => (Enterprise: g.Key, FirstFound: g.Min(h => h.FoundOn),
                Weight: g.Count() + 5.0 * g.Count(h => h.Level == HazardLevel.Major) + 3.0 * g.Count(h => h.RectifiedOn > PublishedPeriodEnd)))
            .OrderBy(o => o.Enterprise.CreditCode, StringComparer.Ordinal).ToList();
        foreach (var o in rng.WeightedSample(offenders, target.ReminderInterviews, o => o.Weight))
            AddAction(o.Enterprise, rng.DayBetween(Min(o.FirstFound.AddDays(3), PublishedPeriodEnd), Min(o.FirstFound.AddDays(30), PublishedPeriodEnd)), EnforcementKind.Interview);

        var cases = rng.WeightedSample(offenders, target.EnterprisesWithCases, o => o.Weight * o.Weight);
        var caseDays = new List<(DemoEnterprise Enterprise, DateOnly Day)>();
        foreach (var (o, k) in cases.Select((o, k) => (o, k)))
        {
            var day = rng.DayBetween(Min(o.FirstFound.AddDays(5), PublishedPeriodEnd), Min(o.FirstFound.AddDays(45), PublishedPeriodEnd));
            AddAction(o.Enterprise, day, EnforcementKind.Case);
            caseDays.Add((o.Enterprise, day));
            if (k < 4) AddAction(o.Enterprise, rng.DayBetween(day, PublishedPeriodEnd), EnforcementKind.Case); // a second case
        }

        // Fines follow cases; typical amounts, the last one making up the published total.
        var remaining = target.FinesYuan;
        var fined = 0;
        while (remaining > 0)
        {
            var amount = remaining <= 20000m ? remaining : rng.Pick(FineAmounts);
            if (remaining - amount is > 0m and < 1000m) continue;
            if (fined >= caseDays.Count) throw new InvalidOperationException("More fines than enterprises with cases.");
            var (enterprise, caseDay) = caseDays[fined++];
            AddAction(enterprise, rng.DayBetween(caseDay, Min(caseDay.AddDays(30), PublishedPeriodEnd)), EnforcementKind.Fine, amount);
            remaining -= amount;
        }
    }

    // ---------------------------------------------------------------- later period

    private void LaterPeriod()
    {
        var laterTrips = new List<InspectionTrip>();
        var laterHazards = new List<DemoHazard>();
        var townships = byTownship.Keys.Order(StringComparer.Ordinal).ToList();
        var townshipWeights = townships.Select(t => Math.Pow(byTownship[t].Count, 0.8)).ToList();
        for (var month = new DateOnly(2020, 10, 1); month <= SnapshotDay; month = month.AddMonths(1))
        {
            var days = WorkingDays(month.Year, month.Month);
            var tripCount = (int)Math.Round(LaterTripsPerMonth * LaterMonthFactors[month.Month - 1] * (0.9 + 0.2 * rng.NextDouble()));
            var monthTrips = new List<InspectionTrip>();
            foreach (var date in Enumerable.Range(0, tripCount).Select(_ => days[rng.Next(days.Count)]).Order())
            {
                var township = townships[rng.WeightedIndex(townshipWeights)];
                var trip = NewTrip(date, township);
                trip.Inspectors = rng.Pick(InspectorsPerTrip);
                var size = rng.Pick<int>([(2, 2), (3, 3), (4, 3), (5, 3), (6, 2), (7, 1), (8, 1)]);
                var pool = byTownship[township];
                foreach (var e in rng.WeightedSample(pool, Math.Min(size, pool.Count), e => InspectionPriority[e.Sector] * Staleness(e, date)))
                {
                    var inspection = AddInspection(trip, e);
                    laterHazards.AddRange(LaterHazards(inspection));
                    LaterEnforcement(inspection);
                }
                monthTrips.Add(trip);
            }
            AssignMonthGroups(monthTrips, Math.Max(1, (int)Math.Round(monthTrips.Count * (0.8 + 0.15 * rng.NextDouble()))));
            laterTrips.AddRange(monthTrips);
        }
        AddFollowUps(laterHazards, laterTrips, SnapshotDay);
    }

    /// <summary>How overdue an enterprise is for a visit: grows with the days since its last inspection.</summary>
    private double Staleness(DemoEnterprise e, DateOnly date)
        => lastInspected.TryGetValue(e, out var last) ? Math.Min(4, 0.2 + (date.DayNumber - last.DayNumber) / 90.0) : 4;

    private IEnumerable<DemoHazard> LaterHazards(DemoInspection inspection)
    {
        var e = inspection.Enterprise;
        // The campaign works: the rate falls by a quarter over the later period.
        var progress = (inspection.Date.DayNumber - new DateOnly(2020, 10, 1).DayNumber) / 820.0;
        var count = Math.Min(MaxHazardsPerInspection, rng.Poisson(HazardRate[e.Sector] * (1 - 0.25 * progress)));
        var result = new List<DemoHazard>();
        for (var k = 0; k < count; k++) result.Add(ResolveLater(NewHazard(inspection, HazardLevel.General)));
        // Random major hazards of the later period are all dealt with; the open ones are planted separately.
        if (HighRiskSectors.Contains(e.Sector) && inspection.Date <= new DateOnly(2022, 8, 31) && rng.NextDouble() < 0.006)
        {
            var major = NewHazard(inspection, HazardLevel.Major);
            major.RectifiedOn = major.FoundOn.AddDays(RectificationDays(major));
            Close(major);
            result.Add(major);
        }
        return result;
    }

    /// <summary>
    /// Decides whether a later general hazard is still open on the snapshot day: likely when found in the last
    /// weeks, rare when older (those become the long-overdue ones).
    /// </summary>
    private DemoHazard ResolveLater(DemoHazard h)
    {
        var age = SnapshotDay.DayNumber - h.FoundOn.DayNumber;
        var pOpen = age <= 30 ? 0.55 : age <= 75 ? 0.18 : age <= 180 ? 0.03 : 0.003;
        if (rng.NextDouble() < pOpen)
        {
            h.Rectifying = age > 5 && rng.NextDouble() < 0.6;
            return h;
        }
        var rectified = h.FoundOn.AddDays(RectificationDays(h));
        h.RectifiedOn = rectified <= SnapshotDay ? rectified : rng.DayBetween(h.FoundOn, SnapshotDay);
        Close(h);
        return h;
    }

    /// <summary>
    /// Enforcement after a later inspection: documents on most inspections, and interviews, cases and fines the more
    /// likely the more (and the worse) hazards it found, at about the published period's yearly rate.
    /// </summary>
    private void LaterEnforcement(DemoInspection inspection)
    {
        var found = inspection.Hazards;
        var documents = found.Count > 0 ? 1 + (rng.NextDouble() < 0.35 ? 1 : 0) : rng.NextDouble() < 0.45 ? 1 : 0;
        for (var k = 0; k < documents; k++) AddAction(inspection.Enterprise, inspection.Date, EnforcementKind.Document);
        if (found.Count == 0) return;
        var major = found.Any(h => h.Level == HazardLevel.Major);
        var severity = major ? 3 : Math.Min(found.Count, 3);
        if (rng.NextDouble() < InterviewChance[severity])
            AddAction(inspection.Enterprise, rng.DayBetween(Min(inspection.Date.AddDays(3), SnapshotDay), Min(inspection.Date.AddDays(20), SnapshotDay)), EnforcementKind.Interview);
        if (rng.NextDouble() < CaseChance[severity])
        {
            var caseDay = rng.DayBetween(Min(inspection.Date.AddDays(5), SnapshotDay), Min(inspection.Date.AddDays(40), SnapshotDay));
            AddAction(inspection.Enterprise, caseDay, EnforcementKind.Case);
            if (rng.NextDouble() < 0.7)
                AddAction(inspection.Enterprise, rng.DayBetween(caseDay, Min(caseDay.AddDays(30), SnapshotDay)), EnforcementKind.Fine, rng.Pick(FineAmounts));
        }
    }

    // Chance of an interview or a case after an inspection, by hazards found (index 1, 2, 3+; a major counts as 3+).
    private static readonly double[] InterviewChance = [0, 0.015, 0.06, 0.3];
    private static readonly double[] CaseChance = [0, 0.02, 0.08, 0.25];

    /// <summary>
    /// Plants the major hazards still open on the snapshot day (<see cref="OpenMajorPlan"/>): on inspections made in
    /// 2022 in each planned township, spread over as many sectors as the township's inspections allow.
    /// </summary>
    private void PlantOpenMajorHazards()
    {
        var usedSectors = new List<string>();
        foreach (var (township, count) in OpenMajorPlan)
        {
            var candidates = trips.Where(t => t.TownshipCode == township && t.Date >= new DateOnly(2022, 7, 1) && t.Date <= new DateOnly(2022, 12, 20))
                .SelectMany(t => t.Inspections)
                .Where(i => i.Hazards.All(h => h.Level == HazardLevel.General))
                .GroupBy(i => i.Enterprise).Select(g => g.First())
                .ToList();
            for (var k = 0; k < count; k++)
            {
                if (candidates.Count == 0) throw new InvalidOperationException($"No 2022 inspection left in {township} for an open major hazard.");
                // Prefer a sector not used yet, then a high-risk one.
                var pick = candidates
                    .Select(i => (Inspection: i, Score: (usedSectors.Contains(i.Enterprise.Sector) ? 0 : 4) + (HighRiskSectors.Contains(i.Enterprise.Sector) ? 2 : 0) + rng.NextDouble()))
                    .MaxBy(p => p.Score).Inspection;
                candidates.Remove(pick);
                usedSectors.Add(pick.Enterprise.Sector);
                var hazard = NewHazard(pick, HazardLevel.Major);
                hazard.Rectifying = rng.NextDouble() < 0.7;
                hazard.Supervised = true;
                AddAction(pick.Enterprise, pick.Date, EnforcementKind.Document);
            }
        }
    }

    // ---------------------------------------------------------------- building blocks

    private InspectionTrip NewTrip(DateOnly date, string township)
    {
        var trip = new InspectionTrip(trips.Count, date, township);
        trips.Add(trip);
        return trip;
    }

    private DemoInspection AddInspection(InspectionTrip trip, DemoEnterprise enterprise)
    {
        var inspection = new DemoInspection(trip, enterprise);
        trip.Inspections.Add(inspection);
        if (!lastInspected.TryGetValue(enterprise, out var last) || last < trip.Date) lastInspected[enterprise] = trip.Date;
        return inspection;
    }

    private DemoHazard NewHazard(DemoInspection inspection, HazardLevel level)
    {
        var days = rng.Pick(level == HazardLevel.Major ? MajorDeadlineDays : GeneralDeadlineDays);
        // A deadline past the records' end becomes the year's end (限期于年底前整改到位).
        var deadline = Min(inspection.Date.AddDays(days), SnapshotDay);
        var hazard = new DemoHazard(hazards.Count, inspection, level, HazardTemplates.Pick(rng, inspection.Enterprise.Sector, level, inspection.Hazards.Select(h => h.Description)), deadline)
        {
            Supervised = level == HazardLevel.Major && rng.NextDouble() < 0.85,
        };
        inspection.Hazards.Add(hazard);
        hazards.Add(hazard);
        return hazard;
    }

    private void AddAction(DemoEnterprise enterprise, DateOnly date, EnforcementKind kind, decimal? amount = null)
        => actions.Add(new DemoAction(actions.Count, enterprise, date, kind, amount));

    private static List<DateOnly> WorkingDays(int year, int month)
    {
        var days = new List<DateOnly>();
        for (var d = new DateOnly(year, month, 1); d.Month == month; d = d.AddDays(1))
        {
            if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            if (Holidays.Any(h => d >= h.From && d <= h.To)) continue;
            days.Add(d);
        }
        return days;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a <= b ? a : b;
    private static DateOnly Max(DateOnly a, DateOnly b) => a >= b ? a : b;

    /// <summary>Sorts every record by date and numbers it per year: INS-yyyy-nnnnnn, HZ-yyyy-nnnnnn, ENF-yyyy-nnnnnn.</summary>
    private CampaignRecords Number()
    {
        var inspections = trips.OrderBy(t => t.Date).ThenBy(t => t.Sequence).SelectMany(t => t.Inspections).ToList();
        NumberPerYear(inspections, i => i.Date, (i, r) => i.Reference = r, "INS");
        var order = inspections.Select((i, n) => (i, n)).ToDictionary(p => p.i, p => p.n);
        var sortedHazards = hazards.OrderBy(h => h.FoundOn).ThenBy(h => order[h.Inspection]).ThenBy(h => h.Sequence).ToList();
        NumberPerYear(sortedHazards, h => h.FoundOn, (h, r) => h.Reference = r, "HZ");
        var sortedActions = actions.OrderBy(a => a.Date).ThenBy(a => a.Sequence).ToList();
        NumberPerYear(sortedActions, a => a.Date, (a, r) => a.Reference = r, "ENF");
        return new CampaignRecords(inspections, sortedHazards, sortedActions);
    }

    private static void NumberPerYear<T>(List<T> sorted, Func<T, DateOnly> date, Action<T, string> set, string prefix)
    {
        var year = 0;
        var n = 0;
        foreach (var item in sorted)
        {
            var y = date(item).Year;
            if (y != year) (year, n) = (y, 0);
            set(item, $"{prefix}-{y}-{++n:000000}");
        }
    }
}
