using System.Diagnostics;
using System.Globalization;
using RiskMap.Api.Features.Routing;

// Benchmarks of the route planner and of the import. Commands:
//   import [--rows N]     (see ImportBenchmark.cs)
//   bulletin [--rounds N] (see BulletinBenchmark.cs)
//   tsp [--tsplib DIR] [--all] [--only NAME,NAME]
//   printmap [--townships N] [--rounds R]   (see PrintedMapBenchmark.cs)
//   roads [--rounds N]    (see RoadMatrixBenchmark.cs)
//   schedule [--enterprises N] [--teams T] [--days D] [--rounds R] [--limit S]   (see ScheduleBenchmark.cs)
//   pagestart [--rounds N] [--cluster DIR]   (see PageStartBenchmark.cs)
// Solves the TSPLIB instances in DIR (default: ../shared/tsplib beside the checkout holding RiskMap.sln) with
// RoutePlanner.SolveTour and compares each tour with the published optimum and with nearest-neighbour and
// nearest-neighbour + 2-opt baselines run in the same process.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// import [--rows N]: the enterprise import against a plain COPY of the same CSV (ImportBenchmark.cs).
if (args is ["import", ..]) return await ImportBenchmark.RunAsync(args[1..], Console.Out);

// bulletin [--rounds N]: the campaign bulletin against the sum of its queries run directly (BulletinBenchmark.cs).
if (args is ["bulletin", ..]) return await BulletinBenchmark.RunAsync(args[1..], Console.Out);

// printmap [--townships N] [--rounds R]: the printed map of a synthetic prefecture against plain polygon drawing (PrintedMapBenchmark.cs).
if (args is ["printmap", ..]) return PrintedMapBenchmark.Run(args[1..], Console.Out);

// roads [--rounds N]: the road matrix of 300 stops on a 50,000-edge network against the same pgRouting call in SQL (RoadMatrixBenchmark.cs).
if (args is ["roads", ..]) return await RoadMatrixBenchmark.RunAsync(args[1..], Console.Out);

// schedule [...]: a week of 400 enterprises for 5 teams × 5 days against a greedy day-by-day fill (ScheduleBenchmark.cs).
if (args is ["schedule", ..]) return await ScheduleBenchmark.RunAsync(args[1..], Console.Out);

// pagestart [--rounds N] [--cluster DIR]: the map page's start in Chromium, demo county against the loaded prefecture (PageStartBenchmark.cs).
if (args is ["pagestart", ..]) return await PageStartBenchmark.RunAsync(args[1..], Console.Out);

if (args.Length == 0 || args[0] != "tsp")
{
    Console.Error.WriteLine("usage: tsp [--tsplib DIR] [--all] [--only NAME,NAME] | import [--rows N] | bulletin [--rounds N] | printmap [--townships N] [--rounds R] | roads [--rounds N] | schedule [--enterprises N] [--teams T] [--days D] [--rounds R] [--limit S] | pagestart [--rounds N] [--cluster DIR]");
    return 2;
}

string? dir = null;
var all = false;
HashSet<string>? only = null;
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--tsplib" when i + 1 < args.Length: dir = args[++i]; break;
        case "--all": all = true; break;
        case "--only" when i + 1 < args.Length: only = [.. args[++i].Split(',')]; break;
        default: Console.Error.WriteLine($"unknown argument '{args[i]}'"); return 2;
    }
}
dir ??= DefaultTsplibDirectory();
if (dir is null || !Directory.Exists(dir))
{
    Console.Error.WriteLine($"TSPLIB directory not found ({dir ?? "no RiskMap.sln above the current directory"}); pass --tsplib DIR.");
    return 2;
}

var best = TsplibInstance.ParseBestSolutions(File.ReadAllText(Path.Combine(dir, "bestSolutions.txt")));
// Named by file: some files' NAME carries the extension (ulysses16.tsp) while bestSolutions.txt does not.
var instances = Directory.GetFiles(dir, "*.tsp")
    .Select(path => (Name: Path.GetFileNameWithoutExtension(path), Instance: TsplibInstance.Parse(File.ReadAllText(path))))
    .Where(t => only is null || only.Contains(t.Name))
    .OrderBy(t => t.Instance.Count).ThenBy(t => t.Name, StringComparer.Ordinal)
    .ToList();

// Wall-clock limits make results depend on what else the machine runs: print the load beside them.
var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
Console.WriteLine($"TSPLIB benchmark: {dir}, {Environment.ProcessorCount} cores, load average {load}, .NET {Environment.Version}");
Console.WriteLine("Time limits: 2 s up to 150 cities, 10 s up to 280; larger instances only with --all (30 s, no target).");
Console.WriteLine();
Console.WriteLine($"{"instance",-10} {"type",-6} {"cities",6} {"optimum",9} | {"OR-Tools",9} {"gap %",7} {"time s",7} {"limit s",7} | {"NN",9} {"gap %",7} | {"NN+2opt",9} {"gap %",7} {"time s",7} | {"target",-7}");
Console.WriteLine(new string('-', 132));

// Warm-up: the first solve loads OR-Tools' native library and starts pool threads; keep that out of the table.
RoutePlanner.SolveTour(new long[,] { { 0, 1, 2, 3 }, { 1, 0, 1, 2 }, { 2, 1, 0, 1 }, { 3, 2, 1, 0 } }, TimeSpan.FromMilliseconds(100));

var targets = new List<(string Target, bool Pass)>();
foreach (var (name, instance) in instances)
{
    if (instance.Count > 280 && !all) continue;
    if (!best.TryGetValue(name, out var optimum))
    {
        Console.WriteLine($"{name,-10} no optimum in bestSolutions.txt, skipped");
        continue;
    }
    var limit = TimeSpan.FromSeconds(instance.Count <= 150 ? 2 : instance.Count <= 280 ? 10 : 30);
    double? target = instance.Count <= 150 ? 1.0 : instance.Count <= 280 ? 3.0 : null;

    var matrix = instance.DistanceMatrix();
    var tour = RoutePlanner.SolveTour(matrix, limit);
    var gap = Gap(tour.Length, optimum);

    var nn = Baselines.NearestNeighbour(matrix);
    var clock = Stopwatch.StartNew();
    var twoOpt = Baselines.TwoOpt(matrix, nn);
    var twoOptTime = clock.Elapsed + nn.Time;

    var verdict = target is { } t ? (gap <= t ? "PASS" : "FAIL") : "-";
    if (target is { } tt) targets.Add(($"gap ≤ {tt:0} % up to {(tt == 1.0 ? 150 : 280)} cities", gap <= tt));
    Console.WriteLine(
        $"{name,-10} {instance.EdgeWeightType,-6} {instance.Count,6} {optimum,9} | {tour.Length,9} {gap,7:0.00} {tour.SolveTime.TotalSeconds,7:0.00} {limit.TotalSeconds,7:0} | " +
        $"{nn.Length,9} {Gap(nn.Length, optimum),7:0.00} | {twoOpt.Length,9} {Gap(twoOpt.Length, optimum),7:0.00} {twoOptTime.TotalSeconds,7:0.0000} | {verdict,-7}");
}

Console.WriteLine();
foreach (var group in targets.GroupBy(t => t.Target))
{
    var passed = group.Count(t => t.Pass);
    Console.WriteLine($"{(passed == group.Count() ? "PASS" : "FAIL")}  {group.Key}: {passed}/{group.Count()} instances");
}
return targets.All(t => t.Pass) ? 0 : 1;

static double Gap(long length, long optimum) => 100.0 * (length - optimum) / optimum;

static string? DefaultTsplibDirectory()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "RiskMap.sln")))
                return Path.GetFullPath(Path.Combine(d.FullName, "..", "shared", "tsplib"));
        }
    }
    return null;
}
