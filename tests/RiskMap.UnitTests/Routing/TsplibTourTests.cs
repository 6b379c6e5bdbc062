using RiskMap.Api.Features.Routing;

namespace RiskMap.UnitTests.Routing;

// Tours are bounded by a solution count (RoutingSearch.SolutionLimit) under a time limit they never reach, so that the
// tour found does not depend on the machine's load.
[Collection(SolverCollection.Name)]
public class TsplibTourTests : IDisposable
{
    public void Dispose() => RoutingSearch.SolutionLimit = 0;

    private static TsplibInstance Load(string name) =>
        TsplibInstance.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "tsplib", name + ".tsp")));

    [Theory]
    // Optimal tours published with TSPLIB 95 (burma14.opt.tour, ulysses16.opt.tour), 1-based city numbers.
    [InlineData("burma14", new[] { 1, 2, 14, 3, 4, 5, 6, 12, 7, 13, 8, 11, 9, 10 }, 3323)]
    [InlineData("ulysses16", new[] { 1, 14, 13, 12, 7, 6, 15, 5, 11, 9, 10, 16, 3, 2, 4, 8 }, 6859)]
    public void Distance_functions_reproduce_the_published_optimal_tour_lengths(string name, int[] tour, long optimum)
    {
        var instance = Load(name);

        Assert.Equal(optimum, instance.TourLength([.. tour.Select(city => city - 1)]));
    }

    [Theory]
    [InlineData("burma14", 14, 3323, 0.0, 100)]
    [InlineData("ulysses16", 16, 6859, 0.0, 100)]
    // Within 2 %; the benchmark (tests/RiskMap.Benchmarks) holds the 1 % target within a time limit.
    [InlineData("eil51", 51, 426, 0.02, 30)]
    public void Solver_reaches_the_optimum_within_tolerance(string name, int cities, long optimum, double tolerance, long solutions)
    {
        var instance = Load(name);
        Assert.Equal(cities, instance.Count);

        RoutingSearch.SolutionLimit = solutions;
        var tour = RoutePlanner.SolveTour(instance.DistanceMatrix(), RoutePlanRequest.MaxSolverTimeLimit);

        Assert.Equal(Enumerable.Range(0, cities), tour.Order.Order());
        Assert.Equal(0, tour.Order[0]);
        Assert.Equal(instance.TourLength(tour.Order), tour.Length);
        Assert.InRange(tour.Length, optimum, (long)Math.Floor(optimum * (1 + tolerance)));
    }

    [Fact]
    public void Tiny_matrices_are_solved_exactly_without_the_search()
    {
        var tour = RoutePlanner.SolveTour(new long[,] { { 0, 1, 10 }, { 10, 0, 1 }, { 1, 10, 0 } }, TimeSpan.FromSeconds(1));

        Assert.Equal([0, 1, 2], tour.Order);
        Assert.Equal(3, tour.Length);
        Assert.Equal(SolveStatus.Optimal, tour.Status);
    }

    [Fact]
    public void Rejects_bad_matrices_and_time_limits()
    {
        Assert.Throws<ArgumentException>(() => RoutePlanner.SolveTour(new long[0, 0], TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentException>(() => RoutePlanner.SolveTour(new long[2, 3], TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentException>(() => RoutePlanner.SolveTour(new long[,] { { 0, -1 }, { 1, 0 } }, TimeSpan.FromSeconds(1)));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RoutePlanner.SolveTour(new long[4, 4], TimeSpan.Zero));
        Assert.Equal("timeLimit", error.ParamName);
    }
}
