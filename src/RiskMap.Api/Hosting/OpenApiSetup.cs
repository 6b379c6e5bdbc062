using System.Reflection;

namespace RiskMap.Api.Hosting;

/// <summary>Swagger (Swashbuckle) registration: document at /swagger/v1/swagger.json, UI at /swagger.</summary>
public static class OpenApiSetup
{
    /// <summary>Registers the OpenAPI generator with XML comments.</summary>
    public static IServiceCollection AddRiskMapOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new()
            {
                Title = "RiskMap API",
                Version = "v1",
                Description = "Work-safety risk map: townships, enterprises, hazards and campaign statistics. " +
                              "Geometry is GeoJSON (RFC 7946, WGS-84 longitude/latitude).",
            });
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            if (File.Exists(xml)) o.IncludeXmlComments(xml);
        });
        return services;
    }

    /// <summary>Serves the document and the UI.</summary>
    public static WebApplication UseRiskMapOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/swagger/v1/swagger.json", "RiskMap API v1");
            o.DocumentTitle = "RiskMap API";
        });
        return app;
    }
}
