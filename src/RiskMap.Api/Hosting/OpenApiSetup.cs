using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using RiskMap.Api.Features;
using RiskMap.Api.Geo;

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
            if (File.Exists(xml))
            {
                o.IncludeXmlComments(() => ReadableXmlComments(xml));
                o.ParameterFilter<ParameterDescriptions>(ReadableXmlComments(xml));
            }
            // After the XML comments' filter, which would put a handler's doc comment in place of its summary.
            o.OperationFilter<EndpointTexts>();
            o.OperationFilter<Features.Field.IdempotencyKeyDocumentation>();
            o.SupportNonNullableReferenceTypes();
            // Query names are camel case on the wire (binding ignores case); the [AsParameters] records name them in C# style.
            o.DescribeAllParametersInCamelCase();
            o.MapType<Contract.SectorList>(Contract.SectorList.Schema);
            o.MapType<Contract.BoundingBox>(Contract.BoundingBox.Schema);
            o.MapType<Contract.OutputCrs>(Contract.OutputCrs.Schema);
            o.MapType<Contract.TownshipList>(Contract.TownshipList.Schema);
            o.MapType<Contract.SectorCode>(Contract.SectorCode.Schema);
            o.MapType<Contract.EnumList<Domain.HazardLevel>>(Contract.EnumList<Domain.HazardLevel>.Schema);
            o.MapType<Contract.EnumList<Domain.HazardStatus>>(Contract.EnumList<Domain.HazardStatus>.Schema);
            o.MapType<Features.Ogc.OgcDatetime>(Features.Ogc.OgcDatetime.Schema);
            o.MapType<Features.Ogc.OgcBoundingBox>(Features.Ogc.OgcBoundingBox.Schema);
            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal API token (rmk_…) from POST /api/v1/auth/tokens. The page uses the session cookie from POST /api/v1/auth/login instead.",
            });
            o.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
            // Geometry leaves as GeoJSON: the schema says so instead of describing the carrier type.
            o.MapType<RawGeoJson>(GeoJsonGeometrySchema);
            o.MapType<NetTopologySuite.Geometries.Geometry>(GeoJsonGeometrySchema);
            o.DocumentFilter<RangeDocumentation>();
        });
        return services;
    }

    /// <summary>
    /// The compiler's XML documentation with code references turned into words for API readers: <c>&lt;see cref=
    /// "M:RiskMap.Api.Features.Ogc.OgcParameters.CheckAsync(…)"/&gt;</c> becomes <c>OgcParameters.CheckAsync</c>, a type
    /// its short name, <c>&lt;paramref name="x"/&gt;</c> <c>x</c>; otherwise Swagger shows namespaces and member-id prefixes.
    /// A reference to one of <see cref="Ranges"/> becomes the range itself (<c>1 … 150 km/h</c>), so that the text and
    /// the check cannot disagree.
    /// </summary>
    /// <param name="path">RiskMap.Api.xml next to the assembly.</param>
    internal static System.Xml.XPath.XPathDocument ReadableXmlComments(string path)
    {
        var document = System.Xml.Linq.XDocument.Load(path);
        foreach (var reference in document.Descendants().Where(e => e.Name.LocalName is "see" or "seealso" or "paramref" or "typeparamref").ToList())
        {
            var text = reference.Attribute("cref")?.Value is { } cref ? RangeText(cref) ?? ShortName(cref)
                : reference.Attribute("name")?.Value ?? reference.Attribute("langword")?.Value ?? reference.Value;
            reference.ReplaceWith(string.IsNullOrEmpty(reference.Value) ? text : reference.Value);
        }
        using var reader = document.CreateReader();
        return new System.Xml.XPath.XPathDocument(reader);
    }

    /// <summary>"F:RiskMap.Api.Features.Ranges.SpeedKmh" → "1 … 150 km/h"; null for any other reference.</summary>
    internal static string? RangeText(string cref)
    {
        var prefix = $"F:{typeof(Ranges).FullName}.";
        return cref.StartsWith(prefix, StringComparison.Ordinal)
            ? (typeof(Ranges).GetField(cref[prefix.Length..])?.GetValue(null) as IValueRange)?.Describe()
            : null;
    }

    /// <summary>"M:A.B.Type.Member(System.String)" → "Type.Member"; "T:A.B.Type`1" → "Type"; no prefix: types as types.</summary>
    internal static string ShortName(string cref)
    {
        var kind = cref.Length > 2 && cref[1] == ':' ? cref[0] : 'T';
        var name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        var paren = name.IndexOf('(');
        if (paren >= 0) name = name[..paren];
        var parts = name.Split('.').Select(p => p.Split('`')[0]).ToArray();
        return kind == 'T' || parts.Length < 2 ? parts[^1] : $"{parts[^2]}.{parts[^1]}";
    }

    /// <summary>
    /// Documents the members of <c>[AsParameters]</c> query records that the generator leaves bare: a member whose type has
    /// a schema of its own (a sector list, a bounding box) gets the <c>&lt;param&gt;</c> text of its record, and failing
    /// that its schema's description.
    /// </summary>
    private sealed class ParameterDescriptions(System.Xml.XPath.XPathDocument xml) : Swashbuckle.AspNetCore.SwaggerGen.IParameterFilter
    {
        private readonly System.Xml.XPath.XPathNavigator _xml = xml.CreateNavigator();

        public void Apply(IOpenApiParameter parameter, Swashbuckle.AspNetCore.SwaggerGen.ParameterFilterContext context)
        {
            if (parameter is not OpenApiParameter p || !string.IsNullOrWhiteSpace(p.Description)) return;
            // A member of an [AsParameters] record: MVC-style descriptions give its property, minimal APIs a ParameterInfo
            // standing for it (same name, the record as the declaring type).
            var (record, member) = context.PropertyInfo is { DeclaringType: { } type } property ? (type, property.Name)
                : context.ParameterInfo is { Member.DeclaringType: { } declaring, Name: { } name } ? (declaring, name) : (null, null);
            if (record is not null)
            {
                var text = _xml.SelectSingleNode($"/doc/members/member[@name='T:{record.FullName}']/param[@name='{member}']")?.Value;
                if (!string.IsNullOrWhiteSpace(text)) p.Description = string.Join(' ', text.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
            }
            if (string.IsNullOrWhiteSpace(p.Description)) p.Description = p.Schema?.Description;
        }
    }

    /// <summary>
    /// Gives each operation the summary and description its endpoint declares (<c>WithSummary</c>,
    /// <c>WithDescription</c>): they are written for API readers, while a handler's XML doc comment, which the XML
    /// comments' filter would otherwise show, is written for the code's maintainers.
    /// </summary>
    private sealed class EndpointTexts : Swashbuckle.AspNetCore.SwaggerGen.IOperationFilter
    {
        public void Apply(OpenApiOperation operation, Swashbuckle.AspNetCore.SwaggerGen.OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IEndpointSummaryMetadata>().LastOrDefault() is { } summary)
                operation.Summary = summary.Summary;
            if (metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IEndpointDescriptionMetadata>().LastOrDefault() is { } description)
                operation.Description = description.Description;
        }
    }

    /// <summary>The OpenAPI schema of a GeoJSON geometry object (RFC 7946 section 3.1).</summary>
    internal static OpenApiSchema GeoJsonGeometrySchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "GeoJSON geometry (RFC 7946): WGS-84 longitude/latitude in degrees unless the response says otherwise; " +
                      "polygon exterior rings counter-clockwise.",
        Required = new HashSet<string> { "type", "coordinates" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. new[] { "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon" }.Select(v => (JsonNode)JsonValue.Create(v)!)],
            },
            ["coordinates"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "Positions [longitude, latitude], nested per the geometry type.",
                Items = new OpenApiSchema(),
            },
        },
    };

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
