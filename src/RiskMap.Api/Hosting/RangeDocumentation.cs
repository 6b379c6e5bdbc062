using Microsoft.OpenApi;
using RiskMap.Api.Features;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RiskMap.Api.Hosting;

/// <summary>
/// Writes the ranges the request checks use into the API definition, so that the document and the checks share one
/// source: a query record's member declares its range with <see cref="Contract.InRangeAttribute"/> (naming one of
/// <see cref="Ranges"/>); other parameters and request body properties take theirs from <see cref="Ranges.ByName"/>.
/// Every parameter and body property with a range gets "Allowed: …" in its description (unless its doc comment cites the range already); numbers get
/// <c>minimum</c>/<c>maximum</c> (a query parameter the handler reads as text is then typed as the number it must be),
/// texts <c>maxLength</c>, lists <c>maxItems</c>.
/// </summary>
public sealed class RangeDocumentation : IDocumentFilter
{
    /// <inheritdoc />
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var requestSchemas = new HashSet<string>(StringComparer.Ordinal);
        var declared = DeclaredRanges(context);
        foreach (var (path, item) in document.Paths)
        foreach (var (method, operation) in item.Operations ?? [])
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
            {
                if (parameter.Name is null) continue;
                var range = declared.GetValueOrDefault((method.Method, Normalised(path), parameter.Name)) ?? Ranges.For(operation.OperationId, parameter.Name);
                if (range is null) continue;
                parameter.Description = Append(parameter.Description, range);
                if (parameter.Schema is OpenApiSchema schema) Constrain(schema, range, typeFromRange: true);
            }
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
                CollectReferences(media.Schema, document, requestSchemas);
        }
        foreach (var name in requestSchemas)
        {
            if (Component(document, name) is not OpenApiSchema schema) continue;
            foreach (var (property, propertySchema) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (Ranges.For(name, property) is not { } range || propertySchema is not OpenApiSchema target) continue;
                target.Description = Append(target.Description, range);
                Constrain(target, range, typeFromRange: false);
            }
        }
    }

    /// <summary>
    /// The ranges declared by <see cref="Contract.InRangeAttribute"/> on the members of <c>[AsParameters]</c> records, by (method,
    /// path, parameter name as documented, compared without regard to case): the record is their one home, so they need
    /// no copy in <see cref="Ranges.ByName"/>.
    /// </summary>
    private static Dictionary<(string Method, string Path, string Name), IValueRange> DeclaredRanges(DocumentFilterContext context)
    {
        var ranges = new Dictionary<(string, string, string), IValueRange>(new DeclaredKeyComparer());
        foreach (var api in context.ApiDescriptions)
        {
            var path = Normalised(api.RelativePath?.Split('?')[0]);
            foreach (var parameter in api.ParameterDescriptions)
            {
                if (parameter.ParameterDescriptor is Microsoft.AspNetCore.Mvc.Infrastructure.IParameterInfoParameterDescriptor { ParameterInfo: var info }
                    && info.GetCustomAttributes(typeof(Contract.InRangeAttribute), true).FirstOrDefault() is Contract.InRangeAttribute declared)
                    ranges[(api.HttpMethod ?? "GET", path, parameter.Name)] = declared.Range;
            }
        }
        return ranges;
    }

    /// <summary>A route as "/a/b", whether the generator wrote it with or without slashes at its ends.</summary>
    private static string Normalised(string? path) => "/" + (path ?? "").Trim('/');

    private sealed class DeclaredKeyComparer : IEqualityComparer<(string Method, string Path, string Name)>
    {
        public bool Equals((string Method, string Path, string Name) x, (string Method, string Path, string Name) y)
            => StringComparer.OrdinalIgnoreCase.Equals(x.Method, y.Method) && StringComparer.Ordinal.Equals(x.Path, y.Path)
               && StringComparer.OrdinalIgnoreCase.Equals(x.Name, y.Name);

        public int GetHashCode((string Method, string Path, string Name) key)
            => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.Method), StringComparer.Ordinal.GetHashCode(key.Path),
                StringComparer.OrdinalIgnoreCase.GetHashCode(key.Name));
    }

    /// <summary>Sets the JSON Schema keywords of <paramref name="range"/>; days have none in OpenAPI 3.0 and keep the description only.</summary>
    private static void Constrain(OpenApiSchema schema, IValueRange range, bool typeFromRange)
    {
        switch (range)
        {
            case ValueRange<int> { Unit: Ranges.Characters } length:
                schema.MaxLength = length.Max;
                break;
            case ValueRange<int> count when schema.Type?.HasFlag(JsonSchemaType.Array) == true:
                schema.MaxItems = count.Max;
                break;
            case ValueRange<int> or ValueRange<double> or ValueRange<decimal>:
                if (typeFromRange) schema.Type = range is ValueRange<int> ? JsonSchemaType.Integer : JsonSchemaType.Number;
                schema.Minimum = range.MinText;
                schema.Maximum = range.MaxText;
                break;
        }
    }

    /// <summary>The description with "Allowed: …" at its end, unless it states the range already (a doc comment citing the <see cref="Ranges"/> member).</summary>
    private static string Append(string? description, IValueRange range)
        => description?.Contains(range.Describe(), StringComparison.Ordinal) == true ? description
            : $"{(string.IsNullOrWhiteSpace(description) ? "" : description.TrimEnd() + " ")}Allowed: {range.Describe()}.";

    /// <summary>Adds the component schemas <paramref name="schema"/> refers to, through properties and array items.</summary>
    private static void CollectReferences(IOpenApiSchema? schema, OpenApiDocument document, HashSet<string> names)
    {
        switch (schema)
        {
            case OpenApiSchemaReference { Reference.Id: { } id }:
                if (names.Add(id)) CollectReferences(Component(document, id), document, names);
                break;
            case OpenApiSchema inline:
                CollectReferences(inline.Items, document, names);
                foreach (var property in inline.Properties?.Values ?? []) CollectReferences(property, document, names);
                break;
        }
    }

    private static IOpenApiSchema? Component(OpenApiDocument document, string name)
        => document.Components?.Schemas is { } schemas && schemas.TryGetValue(name, out var schema) ? schema : null;
}
