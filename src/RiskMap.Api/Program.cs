using RiskMap.Api.Hosting;

// The table of contents of the service: what it registers, then what it serves.
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = DemoSwitch.Apply(args), WebRootPath = RiskMapPaths.WebRoot });
    builder.AddRiskMap();

    var app = builder.Build();
    app.UseRiskMapPipeline();
    app.MapRiskMapEndpoints();
    await app.InitializeRiskMapDatabaseAsync();
    await app.RunAsync();
    return 0;
}
catch (InvalidSettingException e)
{
    // Said plainly, without a stack trace: what to set.
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

/// <summary>Entry point; public so that integration tests can host the service.</summary>
public partial class Program;
