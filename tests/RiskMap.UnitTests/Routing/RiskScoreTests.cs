using RiskMap.Api.Features.Routing;

namespace RiskMap.UnitTests.Routing;

public class RiskScoreTests
{
    private static readonly DateOnly AsOf = new(2020, 9, 30);

    private static RiskCandidate Candidate(long id, string? sector = "industry_trade", bool aboveScale = false,
        int openMajor = 0, int overdueMajor = 0, int supervisedMajor = 0, int openGeneral = 0, int overdueGeneral = 0,
        DateOnly? lastInspected = null) =>
        new(id, sector, aboveScale, openMajor, overdueMajor, supervisedMajor, openGeneral, overdueGeneral, lastInspected ?? AsOf);

    public static TheoryData<string, RiskCandidate, double> Scores => new()
    {
        { "nothing open, inspected today, industry and trade", Candidate(1), 2 },
        { "never inspected, unknown sector", Candidate(1, sector: null) with { LastInspectedOn = null }, 20 },
        { "inspected half a year ago, gas", Candidate(1, sector: "gas", lastInspected: AsOf.AddDays(-73)), 10 + 4 },
        { "inspected 2 years ago counts as one", Candidate(1, sector: "construction", lastInspected: AsOf.AddDays(-730)), 5 + 20 },
        { "inspection after the ranking day counts as today", Candidate(1, lastInspected: AsOf.AddDays(3)), 2 },
        { "one open general hazard, above scale", Candidate(1, aboveScale: true, openGeneral: 1), 2 + 5 + 10 },
        { "one overdue general hazard", Candidate(1, openGeneral: 1, overdueGeneral: 1), 2 + 60 },
        {
            "overdue supervised major, hazardous chemicals, above scale, never inspected",
            Candidate(1, sector: "hazardous_chemicals", aboveScale: true, openMajor: 1, overdueMajor: 1, supervisedMajor: 1) with { LastInspectedOn = null },
            1000 + 400 + 200 + 20 + 10 + 5
        },
    };

    [Theory]
    [MemberData(nameof(Scores))]
    public void Computes_the_documented_formula(string description, RiskCandidate candidate, double expected)
    {
        Assert.True(Math.Abs(RiskScore.Compute(candidate, AsOf) - expected) < 1e-9, $"{description}: {RiskScore.Compute(candidate, AsOf)}");
    }

    [Fact]
    public void Ranks_open_major_and_overdue_hazards_first_then_ties_by_id()
    {
        RiskCandidate[] candidates =
        [
            Candidate(10, sector: "fireworks", aboveScale: true) with { LastInspectedOn = null }, // 35: the most a hazard-free one gets
            Candidate(11, openGeneral: 3),                                                       // 32
            Candidate(12, openMajor: 1),                                                         // 402
            Candidate(13, openGeneral: 1, overdueGeneral: 1),                                    // 62
            Candidate(14, openMajor: 1, overdueMajor: 1),                                        // 1402
            Candidate(15, openMajor: 1, supervisedMajor: 1),                                     // 602
            Candidate(9, openGeneral: 3),                                                        // 32, ties with 11: lower id first
            Candidate(16),                                                                       // 2
        ];

        var ranked = RiskScore.Rank(candidates, AsOf);

        Assert.Equal([14, 15, 12, 13, 10, 9, 11, 16], ranked.Select(r => r.Candidate.EnterpriseId));
        Assert.Equal(ranked.Select(r => r.Score).OrderDescending(), ranked.Select(r => r.Score));
    }

    [Theory]
    [InlineData(-1, 0, 0, 0, 0, nameof(RiskCandidate.OpenMajorHazards))]
    [InlineData(1, 2, 0, 0, 0, nameof(RiskCandidate.OverdueMajorHazards))]
    [InlineData(0, 0, 1, 0, 0, nameof(RiskCandidate.SupervisedMajorHazards))]
    [InlineData(0, 0, 0, -2, 0, nameof(RiskCandidate.OpenGeneralHazards))]
    [InlineData(0, 0, 0, 1, 3, nameof(RiskCandidate.OverdueGeneralHazards))]
    public void Rejects_inconsistent_counts(int openMajor, int overdueMajor, int supervisedMajor, int openGeneral, int overdueGeneral, string field)
    {
        var candidate = Candidate(1, openMajor: openMajor, overdueMajor: overdueMajor, supervisedMajor: supervisedMajor,
            openGeneral: openGeneral, overdueGeneral: overdueGeneral);

        var error = Assert.Throws<ArgumentException>(() => RiskScore.Compute(candidate, AsOf));

        Assert.Equal(field, error.ParamName);
    }

    [Theory]
    [InlineData("fireworks", 10)]
    [InlineData("hazardous_chemicals", 10)]
    [InlineData("non_coal_mines", 10)]
    [InlineData("gas", 10)]
    [InlineData("road_traffic", 5)]
    [InlineData("construction", 5)]
    [InlineData("fire_safety", 5)]
    [InlineData("industry_trade", 2)]
    [InlineData("special_equipment", 2)]
    [InlineData("unknown", 0)]
    [InlineData(null, 0)]
    public void Weighs_sectors(string? sector, double weight)
    {
        Assert.Equal(weight, RiskScore.SectorWeight(sector));
    }
}
