using System.Text;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Distance;
using RiskMap.Api.Domain;

namespace RiskMap.UnitTests.DemoData;

/// <summary>The rules every committed demo record follows (data/README.md).</summary>
public sealed class DemoRecordRulesTests
{
    private static readonly DateOnly Snapshot = new(2022, 12, 31);

    private static CommittedDemoData Data => CommittedDemoData.Instance;

    public static TheoryData<string, string> FilesAndHeaders => new()
    {
        { "departments.csv", "code,name,sectors" },
        { "district_leaders.csv", "township_code,leader_name,leader_title" },
        { "enterprises.csv", "credit_code,name,sector,above_scale,address,longitude,latitude,department_code" },
        { "inspections.csv", "reference,credit_code,date,inspection_group,inspector_visits" },
        { "hazards.csv", "reference,inspection_reference,credit_code,sector,level,description,found_on,deadline,rectified_on,closed_on,status,responsible_person,supervised" },
        { "enforcement_actions.csv", "reference,credit_code,date,kind,amount_yuan" },
    };

    [Theory]
    [MemberData(nameof(FilesAndHeaders))]
    public void Csv_is_UTF8_without_BOM_with_LF_endings_and_the_documented_header(string file, string header)
    {
        var bytes = File.ReadAllBytes(Path.Combine(CommittedDemoData.DataDirectory, file));
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte order mark");
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.True(bytes.Length < 2 * 1024 * 1024, "under 2 MiB");
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.Equal(header, text[..text.IndexOf('\n')]);
        Assert.EndsWith("\n", text);
    }

    [Fact]
    public void Credit_codes_are_valid_fictional_Lengshuitan_codes_and_unique()
    {
        var codes = Data.Enterprises.Select(e => e["credit_code"]).ToList();
        Assert.All(codes, code =>
        {
            Assert.Null(UnifiedSocialCreditCode.Validate(code));
            Assert.StartsWith("91431103", code);
        });
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.InRange(codes.Count, 1800, 2200);
    }

    [Fact]
    public void Every_sector_has_enterprises_and_one_covering_department()
    {
        var departments = Data.Departments.ToDictionary(d => d["code"], d => d["sectors"].Split(';'));
        foreach (var sector in Sector.All)
        {
            Assert.Single(departments, d => d.Value.Contains(sector.Code));
            Assert.Contains(Data.Enterprises, e => e["sector"] == sector.Code);
        }
        Assert.All(Data.Enterprises, e => Assert.Contains(e["sector"], departments[e["department_code"]]));
    }

    [Fact]
    public void Every_enterprise_lies_inside_exactly_one_township_away_from_its_borders()
    {
        var townships = Data.Townships.Select(t => (t.Code, Inside: PreparedGeometryFactory.Prepare(t.Geometry), Border: new IndexedFacetDistance(t.Geometry.Boundary))).ToList();
        Assert.All(Data.Enterprises, e =>
        {
            var point = new Point(double.Parse(e["longitude"], System.Globalization.CultureInfo.InvariantCulture),
                                  double.Parse(e["latitude"], System.Globalization.CultureInfo.InvariantCulture));
            var containing = townships.Where(t => t.Inside.Covers(point)).ToList();
            var township = Assert.Single(containing);
            // 1 m is at most 1.01e-5° of longitude at 27°N (a degree of longitude is over 99 km there).
            Assert.True(township.Border.Distance(point) > 1.1e-5, $"{e["name"]} is within 1 m of a border");
        });
    }

    [Fact]
    public void Coordinates_are_written_with_seven_decimals()
        => Assert.All(Data.Enterprises, e =>
        {
            Assert.Matches(@"^\d{3}\.\d{7}$", e["longitude"]);
            Assert.Matches(@"^\d{2}\.\d{7}$", e["latitude"]);
        });

    [Fact]
    public void Fireworks_and_mines_are_rural_gas_and_fire_safety_mostly_urban()
    {
        var kinds = Data.Townships.ToDictionary(t => t.Code, t => t.Kind);
        var townshipOf = TownshipOf();
        double UrbanShare(string sector)
        {
            var ofSector = Data.Enterprises.Where(e => e["sector"] == sector).ToList();
            return ofSector.Count(e => kinds[townshipOf[e["credit_code"]]] == "Subdistrict") / (double)ofSector.Count;
        }
        Assert.Equal(0, UrbanShare("fireworks"));
        Assert.Equal(0, UrbanShare("non_coal_mines"));
        Assert.True(UrbanShare("gas") > 0.6);
        Assert.True(UrbanShare("fire_safety") > 0.6);
    }

    [Fact]
    public void Each_township_has_one_covering_leader_and_each_leader_covers_two_or_three()
    {
        Assert.Equal(Data.Townships.Select(t => t.Code), Data.Leaders.Select(l => l["township_code"]).Order());
        var perLeader = Data.Leaders.GroupBy(l => l["leader_name"]).ToList();
        Assert.Equal(7, perLeader.Count);
        Assert.All(perLeader, g => Assert.InRange(g.Count(), 2, 3));
    }

    [Fact]
    public void Inspections_are_unique_dated_within_the_campaign_and_name_known_enterprises()
    {
        var codes = Data.Enterprises.Select(e => e["credit_code"]).ToHashSet();
        Assert.Equal(Data.Inspections.Count, Data.Inspections.Select(i => i["reference"]).Distinct().Count());
        Assert.All(Data.Inspections, i =>
        {
            Assert.Matches(@"^INS-\d{4}-\d{6}$", i["reference"]);
            Assert.StartsWith(i["date"][..4], i["reference"][4..]);
            Assert.InRange(i.Date("date"), new DateOnly(2020, 1, 1), Snapshot);
            Assert.Contains(i["credit_code"], codes);
            Assert.InRange(i.Int("inspector_visits"), 0, 6);
        });
    }

    [Fact]
    public void Hazards_follow_the_date_and_status_rules()
    {
        var inspections = Data.Inspections.ToDictionary(i => i["reference"]);
        var sectors = Data.Enterprises.ToDictionary(e => e["credit_code"], e => e["sector"]);
        Assert.Equal(Data.Hazards.Count, Data.Hazards.Select(h => h["reference"]).Distinct().Count());
        Assert.All(Data.Hazards, h =>
        {
            var found = h.Date("found_on");
            var deadline = h.Date("deadline");
            var rectified = h.DateOrNull("rectified_on");
            var closed = h.DateOrNull("closed_on");
            var inspection = inspections[h["inspection_reference"]];
            Assert.Equal(inspection.Date("date"), found);
            Assert.Equal(inspection["credit_code"], h["credit_code"]);
            Assert.Equal(sectors[h["credit_code"]], h["sector"]);
            Assert.Contains(h["level"], new[] { "General", "Major" });
            Assert.True(deadline >= found);
            Assert.True(rectified is null || rectified >= found);
            Assert.True(closed is null || rectified is not null && closed >= rectified, $"{h["reference"]}: closed needs an earlier rectification");
            Assert.All(new[] { found, deadline, rectified ?? found, closed ?? found }, d => Assert.True(d <= Snapshot));
            var expected = closed is not null ? "Closed" : rectified is not null ? "Rectified" : null;
            if (expected is null) Assert.Contains(h["status"], new[] { "Open", "Rectifying" });
            else Assert.Equal(expected, h["status"]);
            Assert.False(string.IsNullOrWhiteSpace(h["description"]));
            Assert.False(string.IsNullOrWhiteSpace(h["responsible_person"]));
            h.Bool("supervised");
        });
    }

    [Fact]
    public void Most_major_hazards_are_supervised()
    {
        var major = Data.Hazards.Where(h => h["level"] == "Major").ToList();
        Assert.True(major.Count(h => h.Bool("supervised")) * 3 >= major.Count * 2, "at least two thirds of major hazards are 挂牌督办");
        Assert.True(Data.Hazards.Select(h => h["description"]).Distinct().Count() >= 30, "a few dozen description templates");
    }

    [Fact]
    public void Enforcement_amounts_are_given_for_fines_only()
    {
        var codes = Data.Enterprises.Select(e => e["credit_code"]).ToHashSet();
        Assert.All(Data.Actions, a =>
        {
            Assert.Contains(a["credit_code"], codes);
            Assert.InRange(a.Date("date"), new DateOnly(2020, 1, 1), Snapshot);
            Assert.True(Enum.TryParse<EnforcementKind>(a["kind"], out var kind));
            if (kind == EnforcementKind.Fine) Assert.True(decimal.Parse(a["amount_yuan"], System.Globalization.CultureInfo.InvariantCulture) > 0);
            else Assert.Null(a.OrNull("amount_yuan"));
        });
    }

    [Fact]
    public void On_the_snapshot_day_townships_differ_in_open_and_overdue_hazards()
    {
        var townshipOf = TownshipOf();
        var open = Data.Hazards.Where(h => h["status"] is "Open" or "Rectifying").ToList();
        var openMajor = open.Where(h => h["level"] == "Major").ToList();
        var overdue = open.Where(h => h.Date("deadline") < Snapshot).ToList();
        var majorPerTownship = Data.Townships.Select(t => openMajor.Count(h => townshipOf[h["credit_code"]] == t.Code)).ToList();

        Assert.True(open.Select(h => townshipOf[h["credit_code"]]).Distinct().Count() >= 6, "open hazards in at least 6 townships");
        Assert.True(openMajor.Count >= 8, "at least 8 open major hazards");
        Assert.True(openMajor.Select(h => townshipOf[h["credit_code"]]).Distinct().Count() >= 4, "open major hazards in at least 4 townships");
        Assert.True(openMajor.Select(h => h["sector"]).Distinct().Count() >= 3, "open major hazards in several sectors");
        Assert.True(overdue.Count >= 20, "at least 20 overdue hazards");
        Assert.Contains(0, majorPerTownship);
        Assert.Contains(1, majorPerTownship);
        Assert.Contains(majorPerTownship, n => n >= 3);
    }

    /// <summary>Credit code → township code, by point-in-polygon on the committed townships.</summary>
    private static Dictionary<string, string> TownshipOf()
    {
        var townships = Data.Townships.Select(t => (t.Code, Inside: PreparedGeometryFactory.Prepare(t.Geometry))).ToList();
        return Data.Enterprises.ToDictionary(e => e["credit_code"], e =>
        {
            var point = new Point(double.Parse(e["longitude"], System.Globalization.CultureInfo.InvariantCulture),
                                  double.Parse(e["latitude"], System.Globalization.CultureInfo.InvariantCulture));
            return townships.First(t => t.Inside.Covers(point)).Code;
        });
    }
}
