using System.Text.Json.Serialization;
using NetTopologySuite.IO.Converters;
using RiskMap.Api.Contract;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Features.Attachments;
using RiskMap.Api.Features.DataNotes;
using RiskMap.Api.Features.Density;
using RiskMap.Api.Features.Districts;
using RiskMap.Api.Features.Enterprises;
using RiskMap.Api.Features.ErrorReports;
using RiskMap.Api.Features.Field;
using RiskMap.Api.Features.LocationQuality;
using RiskMap.Api.Features.Exports;
using RiskMap.Api.Features.Hazards;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Features.MapConfig;
using RiskMap.Api.Features.Maps;
using RiskMap.Api.Features.Notifications;
using RiskMap.Api.Features.Ogc;
using RiskMap.Api.Features.Records;
using RiskMap.Api.Features.Ledger;
using RiskMap.Api.Features.Responsibility;
using RiskMap.Api.Features.Reports;
using RiskMap.Api.Features.Routing;
using RiskMap.Api.Features.Search;
using RiskMap.Api.Features.Statistics;
using RiskMap.Api.Features.Tiles;
using RiskMap.Api.Features.Townships;

namespace RiskMap.Api.Hosting;

/// <summary>Service registration and the request pipeline, kept out of Program.cs.</summary>
public static class RiskMapHosting
{
    /// <summary>Default address when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c>/<c>Urls</c> is given.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Registers everything the service needs.</summary>
    public static WebApplicationBuilder AddRiskMap(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["Urls"]))
            builder.WebHost.UseUrls(DefaultUrl);

        var services = builder.Services;
        // Problems carry stable codes; their texts are written from the resources in the request's language.
        services.AddRiskMapLocalization();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            ProblemLocalization.Customize(c);
            RequestLogging.StampProblem(c);
        });
        builder.AddRiskMapLogging();
        services.AddExceptionHandler<BindingFailures>();
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        // Binding failures throw, so that BindingFailures can name the parameter or field in its 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new GeoJsonConverterFactory());
            // Enum values by one name only: a number ("kind": 1) or a list ("Interview, Case") is a 400 naming the field, not a silent choice.
            o.SerializerOptions.Converters.Add(new Contract.EnumNameConverter());
            // Never used (the converter above comes first for every enum); present so that Swashbuckle describes enums by their names.
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            // An unknown field ("dueDate" for "deadline"; names match case-insensitively) is a 400 naming it, not silently ignored; the OpenAPI schemas say
            // additionalProperties: false, and this makes it true.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            // {"deadline":"2020-07-01","deadline":"2099-01-01"} would otherwise keep the last value unseen by whoever
            // reviewed the first: a repeated key is a 400 naming it.
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.Converters.Add(new NulFreeStringConverter());
        });
        services.AddRiskMapDatabase(builder.Configuration);
        services.AddRiskMapMetrics(builder.Configuration);
        services.Configure<MapOptions>(builder.Configuration.GetSection("RiskMap:Map"));
        services.AddRiskMapDensity(builder.Configuration);
        services.AddRiskMapAccounts();
        services.Configure<SignInOptions>(builder.Configuration.GetSection("RiskMap:SignIn"));
        services.AddRiskMapWebSecurity(builder.Configuration);
        services.AddRiskMapOpenApi();
        services.AddScoped<DemoDataLoader>();
        services.AddScoped<ImportService>();
        services.AddScoped<ImportPipeline>();
        services.Configure<ImportOptions>(builder.Configuration.GetSection("RiskMap:Import"));
        services.AddSingleton<ImportUploads>();
        services.AddSingleton<ImportJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportJobs>());
        services.Configure<RoutingOptions>(builder.Configuration.GetSection("RiskMap:Routing"));
        services.AddSingleton<RoutePlanStore>();
        services.AddSingleton<RoutePlanGate>();
        // The distance seam: straight-line (geodesic) today; a pgRouting road matrix would be registered here instead.
        services.AddSingleton<DistanceMatrixSource>(DistanceMatrix.StraightLineAsync);
        services.AddRiskMapNotifications(builder.Configuration);
        services.AddSingleton<Features.Roads.RoadNetworks>();
        services.AddRiskMapField(builder.Configuration);
        return builder;
    }

    /// <summary>The request id header, forwarded and security headers, the request's language, error handling, the cross-origin check of changes, static files and Swagger.</summary>
    public static WebApplication UseRiskMapPipeline(this WebApplication app)
    {
        app.UseRequestIds();
        app.UseRiskMapWebSecurity();
        // Before the exception handlers, so that the culture it sets flows into them and the status code pages too.
        app.UseRiskMapLocalization();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCrossOriginWriteCheck();
        BindingFailures.BufferJsonBodies(app);
        QueryParameterCheck.DropEmptyQueryValues(app);
        app.UseDefaultFiles();
        app.UseStaticFiles();
        // Standby or primary for this endpoint (DatabaseRoutes), before authentication reads the accounts.
        app.UseDatabaseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRiskMapOpenApi();
        return app;
    }

    /// <summary>Maps /health and every feature's endpoints.</summary>
    public static WebApplication MapRiskMapEndpoints(this WebApplication app)
    {
        app.MapRiskMapHealth();
        app.MapRiskMapReadiness();
        app.MapRiskMapMetrics();

        var api = app.MapGroup("/api/v1");
        api.AddEndpointFilter(QueryParameterCheck.CheckAsync);
        api.AddEndpointFilterFactory(RequestValidation.Factory);
        api.MapAuth();
        api.MapUsers();
        api.MapMapConfig();
        var read = api.MapGroup("").RequireAuthorization(Policies.Read)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        read.MapDistricts();
        read.MapTownships();
        read.MapEnterprises();
        read.MapHazards();
        read.MapStatistics();
        read.MapExports();
        read.MapRouting();
        read.MapTiles();
        read.MapDensity();
        read.MapResponsibility();
        read.MapReports();
        read.MapMaps();
        read.MapSearch();
        read.MapErrorReports();
        read.MapDataNotes();
        api.MapRecords();
        api.MapAttachments();
        api.MapLedger();
        api.MapLocationQuality();
        api.MapImports();
        api.MapNotifications();
        api.MapField();
        // OGC API – Features for GIS clients: the same sign-in (a personal API token as a bearer token for GDAL or QGIS).
        app.MapOgc().RequireAuthorization(Policies.Read)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }
}
