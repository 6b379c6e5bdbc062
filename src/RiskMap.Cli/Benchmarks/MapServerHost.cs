using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace RiskMap.Cli.Benchmarks;

/// <summary>
/// MapServer 8 (Debian's cgi-mapserver, built with OGCAPI_SERVER and FastCGI) serving the same PostGIS table of
/// enterprises as OGC API – Features, behind lighttpd with mod_fastcgi and two mapserv processes (one per core), for a
/// side-by-side comparison. Everything it needs is written to a temporary folder; it listens on 127.0.0.1 only.
/// </summary>
internal sealed class MapServerHost : IAsyncDisposable
{
    private readonly Process _lighttpd;
    private readonly string _folder;

    private MapServerHost(Process lighttpd, string folder, int port)
    {
        _lighttpd = lighttpd;
        _folder = folder;
        Origin = $"http://127.0.0.1:{port}";
    }

    /// <summary>Where lighttpd listens.</summary>
    public string Origin { get; }

    /// <summary>Path of the OGC API landing page (the map is registered as <c>riskmap</c> in the MapServer config file).</summary>
    public const string OgcApiPath = "/mapserv/riskmap/ogcapi";

    /// <summary>Writes the map file, MapServer config and lighttpd config, starts lighttpd and waits for the landing page.</summary>
    /// <exception cref="InvalidOperationException">lighttpd or mapserv is missing, or the landing page does not answer.</exception>
    public static async Task<MapServerHost> StartAsync(string connectionString)
    {
        var folder = Directory.CreateTempSubdirectory("riskmap-mapserver-").FullName;
        var port = FreePort();
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var connection = $"host={cs.Host} port={cs.Port} dbname={cs.Database} user={cs.Username} password={cs.Password}";
        var map = Path.Combine(folder, "riskmap.map");
        await File.WriteAllTextAsync(map, $$"""
            MAP
              NAME "riskmap"
              EXTENT 73 18 135 54
              PROJECTION "init=epsg:4326" END
              WEB
                METADATA
                  "ows_title" "RiskMap (MapServer)"
                  "ows_enable_request" "*"
                  "ows_srs" "EPSG:4326"
                  "oga_onlineresource" "http://127.0.0.1:{{port}}{{OgcApiPath}}"
                END
              END
              LAYER
                NAME "enterprises"
                TYPE POINT
                STATUS ON
                CONNECTIONTYPE POSTGIS
                CONNECTION "{{connection}}"
                PROCESSING "CLOSE_CONNECTION=DEFER"
                DATA "location FROM enterprises USING UNIQUE id USING SRID=4326"
                PROJECTION "init=epsg:4326" END
                TEMPLATE "none"
                METADATA
                  "ows_title" "enterprises"
                  "gml_include_items" "id,name,credit_code,sector,above_scale,address,township_code,department_code"
                  "gml_featureid" "id"
                  "oga_max_limit" "10000"
                END
              END
            END
            """);
        File.SetUnixFileMode(map, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var config = Path.Combine(folder, "mapserver.conf");
        await File.WriteAllTextAsync(config, $$"""
            CONFIG
              ENV
                MS_MAP_NO_PATH "1"
              END
              MAPS
                riskmap "{{map}}"
              END
            END
            """);
        var lighttpdConf = Path.Combine(folder, "lighttpd.conf");
        await File.WriteAllTextAsync(lighttpdConf, $$"""
            server.document-root = "{{folder}}"
            server.bind = "127.0.0.1"
            server.port = {{port}}
            server.errorlog = "{{folder}}/error.log"
            server.pid-file = "{{folder}}/lighttpd.pid"
            server.modules = ("mod_fastcgi")
            fastcgi.server = ("/mapserv" => ((
                "socket" => "{{folder}}/mapserv.socket",
                "bin-path" => "/usr/lib/cgi-bin/mapserv",
                "bin-environment" => ("MAPSERVER_CONFIG_FILE" => "{{config}}"),
                "max-procs" => 2,
                "check-local" => "disable"
            )))
            """);
        var start = new ProcessStartInfo("/usr/sbin/lighttpd") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-D", "-f", lighttpdConf }) start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start lighttpd (apt-get install lighttpd cgi-mapserver).");
        var host = new MapServerHost(process, folder, port);
        using var http = new HttpClient();
        for (var i = 0; i < 50; i++)
        {
            try
            {
                using var response = await http.GetAsync($"{host.Origin}{OgcApiPath}?f=json");
                if (response.IsSuccessStatusCode) return host;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        var log = File.Exists(Path.Combine(folder, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "error.log")) : "";
        await host.DisposeAsync();
        throw new InvalidOperationException($"MapServer's OGC API landing page did not answer. lighttpd log: {log}");
    }

    /// <summary>Pids of the mapserv FastCGI processes, for their memory.</summary>
    public IReadOnlyList<int> MapservPids()
        => Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0).Where(pid => pid > 0)
            .Where(pid =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{pid}/cmdline").StartsWith("/usr/lib/cgi-bin/mapserv", StringComparison.Ordinal)
                        && File.ReadAllText($"/proc/{pid}/status").Contains($"PPid:\t{_lighttpd.Id}\n", StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    return false;
                }
            }).ToList();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_lighttpd.HasExited)
        {
            _lighttpd.Kill(entireProcessTree: true);
            await _lighttpd.WaitForExitAsync();
        }
        _lighttpd.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A free TCP port on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
