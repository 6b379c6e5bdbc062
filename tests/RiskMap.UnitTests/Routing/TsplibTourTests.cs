using RiskMap.Api.Features.Routing;

namespace RiskMap.UnitTests.Routing;

// Solver tests use both cores for their time limits; run them one class at a time so that the 2000-stop plans do not
// starve the TSPLIB quality checks.
[Collection(SolverCollection.Name)]
public class TsplibTourTests
{
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
    [InlineData("burma14", 14, 3323, 0.0)]
    [InlineData("ulysses16", 16, 6859, 0.0)]
    // Within 2 % in 2 s even on a loaded CI machine; the benchmark (tests/RiskMap.Benchmarks) holds the 1 % target.
    [InlineData("eil51", 51, 426, 0.02)]
    public void Solver_reaches_the_optimum_within_tolerance(string name, int cities, long optimum, double tolerance)
    {
        var instance = Load(name);
        Assert.Equal(cities, instance.Count);

        var tour = RoutePlanner.SolveTour(instance.DistanceMatrix(), TimeSpan.FromSeconds(2));

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
