using System.Diagnostics;
using RiskMap.Api.Features.Routing;

/// <summary>
/// A week's schedule: N enterprises (default 400) scattered over a 30 km × 30 km district around 冷水滩's office, a share of
/// them mandatory (due by cadence, default 40 %) and a tenth with afternoon-only opening hours, planned for T teams × D days
/// (default 5 × 5, 20-minute visits, 30 km/h, 08:30–17:30 with lunch 12:00–13:30) within the schedule's time limit (default
/// 10 s). Reported per round: wall time against the limit, mandatory visits placed, visits placed and kilometres driven; and,
/// in the same run, a greedy baseline that fills one team-day after another by nearest feasible neighbour (mandatory first)
/// with the same clock rules: the ratio of visits and of mandatory visits placed shows what planning the week as one model buys.
/// Target: every round within its limit, every mandatory visit placed.
/// </summary>
internal static class ScheduleBenchmark
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        int enterprises = 400, teams = 5, days = 5, rounds = 3, service = 1200;
        double limit = 10, mandatoryShare = 0.4;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--enterprises" when i + 1 < args.Length: enterprises = int.Parse(args[++i]); break;
                case "--teams" when i + 1 < args.Length: teams = int.Parse(args[++i]); break;
                case "--days" when i + 1 < args.Length: days = int.Parse(args[++i]); break;
                case "--rounds" when i + 1 < args.Length: rounds = int.Parse(args[++i]); break;
                case "--limit" when i + 1 < args.Length: limit = double.Parse(args[++i]); break;
                case "--mandatory" when i + 1 < args.Length: mandatoryShare = double.Parse(args[++i]); break;
                default: output.WriteLine($"unknown argument '{args[i]}'"); return 2;
            }
        }

        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        output.WriteLine($"# Schedule benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {load}");
        output.WriteLine($"# {enterprises} enterprises ({mandatoryShare:P0} mandatory, 10 % open 14:30–17:00 only), {teams} teams × {days} days, {service / 60}-minute visits, limit {limit} s");
        output.WriteLine("round |  time s  limit s | mandatory placed | visits placed |     km | greedy: mandatory  visits      km | visits ratio | target");
        var ok = true;
        for (var round = 1; round <= rounds; round++)
        {
            var request = Request(new Random(round), enterprises, teams, days, service, limit, mandatoryShare);
            var clock = Stopwatch.StartNew();
            var plan = await RouteScheduler.ScheduleAsync(request, DistanceMatrix.StraightLineAsync);
            var seconds = clock.Elapsed.TotalSeconds;
            var visits = plan.Days.SelectMany(d => d.Teams).SelectMany(t => t.Visits).ToList();
            var mandatory = request.Stops.Count(s => s.Mandatory);
            var placedMandatory = visits.Count(v => v.Mandatory);
            var km = plan.Days.SelectMany(d => d.Teams).Sum(t => t.TotalDistanceMetres) / 1000;
            var (greedyMandatory, greedyVisits, greedyKm) = Greedy(request);
            var pass = seconds <= limit && placedMandatory == mandatory;
            ok &= pass;
            output.WriteLine($"{round,5} | {seconds,7:0.00} {limit,8:0} | {placedMandatory,7} / {mandatory,-6} | {visits.Count,6} / {enterprises,-4} | {km,6:0.0} | {greedyMandatory,14} {greedyVisits,7} {greedyKm,7:0.0} | {(double)visits.Count / greedyVisits,12:0.00} | {(pass ? "PASS" : "FAIL")}");
        }
        return ok ? 0 : 1;
    }

    private static readonly LonLat Office = new(111.606, 26.435);

    private static ScheduleRequest Request(Random random, int enterprises, int teams, int days, int service, double limit, double mandatoryShare)
    {
        // 0.3° of longitude ≈ 30 km here, 0.27° of latitude ≈ 30 km.
        var afternoon = new OpeningHours(new TimeOnly(14, 30), new TimeOnly(17, 0));
        var stops = Enumerable.Range(0, enterprises).Select(i => new ScheduleStop($"e{i}",
            new LonLat(Office.Longitude + (random.NextDouble() - 0.5) * 0.3, Office.Latitude + (random.NextDouble() - 0.5) * 0.27),
            random.NextDouble() < mandatoryShare, 1 + random.Next(10), random.NextDouble() < 0.1 ? afternoon : null)).ToList();
        var monday = new DateOnly(2026, 11, 2);
        return new ScheduleRequest(Office, null, [.. Enumerable.Range(0, days).Select(monday.AddDays)], teams, WorkingDay.Default, service, 30,
            TimeSpan.FromSeconds(limit), stops);
    }

    /// <summary>Fills team-day after team-day: from where the team is, the nearest stop whose visit still fits (mandatory ones first).</summary>
    private static (int Mandatory, int Visits, double Km) Greedy(ScheduleRequest request)
    {
        List<LonLat> points = [request.Start, .. request.Stops.Select(s => s.Location)];
        var matrix = DistanceMatrix.StraightLine(points);
        var speed = request.SpeedKmh / 3.6;
        var left = Enumerable.Range(1, request.Stops.Count).ToHashSet();
        int mandatory = 0, visits = 0;
        double metres = 0;
        for (var vehicle = 0; vehicle < request.Days.Count * request.Teams; vehicle++)
        {
            var (at, clock) = (0, request.Hours.StartSecond);
            while (true)
            {
                var next = left
                    .Select(p => (Point: p, Begin: request.Hours.EarliestVisitStart(clock + (int)Math.Ceiling(matrix.TravelSeconds(at, p, speed)), request.ServiceTimeSeconds, request.Stops[p - 1].Hours)))
                    .Where(c => c.Begin is not null)
                    .OrderBy(c => request.Stops[c.Point - 1].Mandatory ? 0 : 1).ThenBy(c => matrix[at, c.Point])
                    .FirstOrDefault();
                if (next.Point == 0) break;
                metres += matrix[at, next.Point];
                (at, clock) = (next.Point, next.Begin!.Value + request.ServiceTimeSeconds);
                left.Remove(next.Point);
                visits++;
                if (request.Stops[next.Point - 1].Mandatory) mandatory++;
            }
        }
        return (mandatory, visits, metres / 1000);
    }
}
