using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using RiskMap.Api.Domain;

namespace RiskMap.Cli.DemoData;

/// <summary>What one generator run made, with the checks the generator runs on it before writing.</summary>
internal sealed class DemoDataSummary(
    string outputDirectory, DistrictPartition partition, MultiPolygon outline,
    IReadOnlyList<DemoEnterprise> enterprises, CampaignRecords records)
{
    /// <summary>The published period's figures as counted from the generated records.</summary>
    public CampaignFigures PublishedPeriod { get; } =
        CampaignFigures.Compute(records, CampaignGenerator.CampaignStart, CampaignGenerator.PublishedPeriodEnd);

    /// <summary>Per township on the snapshot day: open hazards, open major hazards and overdue hazards.</summary>
    public IReadOnlyList<(TownshipSource Township, int Open, int OpenMajor, int Overdue)> Snapshot { get; } =
        partition.Townships.Select(t =>
        {
            var open = records.Hazards.Where(h => h.IsOpen && h.Inspection.Enterprise.TownshipCode == t.Source.Code).ToList();
            return (t.Source, open.Count, open.Count(h => h.Level == HazardLevel.Major),
                open.Count(h => h.IsOverdue));
        }).ToList();

    /// <summary>
    /// Checks the published figures, the above-scale rule and the snapshot rules (at least 6 townships with open
    /// hazards, at least 8 open major hazards in at least 4 townships and 3 sectors, at least 20 overdue hazards,
    /// townships with 0, 1 and 3+ open major hazards).
    /// </summary>
    /// <exception cref="InvalidOperationException">When one fails: the generator must be fixed.</exception>
    public void Check()
    {
        if (PublishedPeriod != CampaignFigures.Published)
            throw new InvalidOperationException($"Published-period figures are {PublishedPeriod}, expected {CampaignFigures.Published}.");
        var inspected = records.Inspections.Where(i => i.Date <= CampaignGenerator.PublishedPeriodEnd).Select(i => i.Enterprise).ToHashSet();
        if (enterprises.Count(e => e.AboveScale) != EnterpriseGenerator.AboveScaleCount || enterprises.Where(e => e.AboveScale).Any(e => !inspected.Contains(e)))
            throw new InvalidOperationException("Every above-scale enterprise must be inspected in the published period.");
        var openMajor = records.Hazards.Where(h => h.IsOpen && h.Level == HazardLevel.Major).ToList();
        var failures = new List<string>();
        if (Snapshot.Count(s => s.Open > 0) < 6) failures.Add("fewer than 6 townships with open hazards");
        if (openMajor.Count < 8) failures.Add("fewer than 8 open major hazards");
        if (openMajor.Select(h => h.Inspection.Enterprise.TownshipCode).Distinct().Count() < 4) failures.Add("open major hazards in fewer than 4 townships");
        if (openMajor.Select(h => h.Inspection.Enterprise.Sector).Distinct().Count() < 3) failures.Add("open major hazards in fewer than 3 sectors");
        if (Snapshot.Sum(s => s.Overdue) < 20) failures.Add("fewer than 20 overdue hazards");
        if (!Snapshot.Any(s => s.OpenMajor == 0) || !Snapshot.Any(s => s.OpenMajor == 1) || !Snapshot.Any(s => s.OpenMajor >= 3))
            failures.Add("townships do not show 0, 1 and 3+ open major hazards");
        if (failures.Count > 0) throw new InvalidOperationException("Snapshot rules broken: " + string.Join("; ", failures) + ".");
    }

    /// <summary>Writes a human-readable report of the run.</summary>
    public void WriteTo(TextWriter output)
    {
        output.WriteLine($"Wrote {string.Join(", ", DemoDataGenerator.Files)} to {Path.GetFullPath(outputDirectory)}");
        var gap = OverlayNG.Overlay(outline, partition.District, SpatialFunction.SymDifference, TownshipPartition.Grid).Area;
        output.WriteLine($"District outline: {partition.District.Area:F6} deg², differs from the converted source outline by {gap:E2} deg² (border nodes)");
        output.WriteLine($"Enterprises: {enterprises.Count} ({enterprises.Count(e => e.AboveScale)} above scale); inspections: {records.Inspections.Count}; " +
                         $"hazards: {records.Hazards.Count}; enforcement actions: {records.Actions.Count}");
        var p = PublishedPeriod;
        output.WriteLine($"{CampaignGenerator.CampaignStart:yyyy-MM-dd}..{CampaignGenerator.PublishedPeriodEnd:yyyy-MM-dd}: groups {p.InspectionGroups}, " +
                         $"visits {p.InspectorVisits}, enterprises {p.EnterprisesInspected}, general {p.GeneralHazards}/{p.GeneralRectified}, " +
                         $"major {p.MajorHazards}/{p.MajorRectified}, documents {p.EnforcementDocuments}, interviews {p.ReminderInterviews}, " +
                         $"enterprises with cases {p.EnterprisesWithCases}, fines {p.FinesYuan:0} yuan");
        output.WriteLine($"On {CampaignGenerator.SnapshotDay:yyyy-MM-dd} (open / open major / overdue):");
        foreach (var (t, open, major, overdue) in Snapshot)
            output.WriteLine($"  {t.Code} {t.Name,-6}\t{open,4} {major,3} {overdue,4}");
    }
}
