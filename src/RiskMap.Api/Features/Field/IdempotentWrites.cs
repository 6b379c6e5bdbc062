using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Field;

/// <summary>Marks an endpoint whose writes answer a repeated <c>Idempotency-Key</c> with their first answer (<see cref="IdempotentWrites"/>).</summary>
public sealed class IdempotentWriteMetadata;

/// <summary>
/// Exactly-once writes for clients that retry (the phone page's sync): an endpoint declared with
/// <see cref="Idempotent"/> takes an optional <c>Idempotency-Key</c> header (1–255 visible ASCII characters, e.g. a UUID
/// made on the phone; IETF draft-ietf-httpapi-idempotency-key-header). The first request with a key runs the handler
/// inside a transaction that also inserts the key's row in <c>idempotency_keys</c> (Data/Sql/idempotency_keys.sql); a
/// successful (2xx) answer is stored in that row and both commit together, so the record and its key exist together or
/// not at all. A repeat by the same user with the same key answers the stored status, <c>Location</c> and body with
/// <c>Idempotent-Replayed: true</c>, and writes nothing. A repeat arriving while the first still runs waits on the key's
/// primary key until the first commits (then replays it) or rolls back (then runs itself). A refused request (any
/// non-2xx answer, an exception) rolls back and keeps no row: the client may correct and send it again with the key. The
/// same key with another endpoint, path or body is 422 <see cref="IdempotencyProblemCodes.KeyReused"/>; a malformed key
/// is 400 <see cref="IdempotencyProblemCodes.KeyInvalid"/> on <c>Idempotency-Key</c>. Without the header the endpoint
/// behaves as before. Keys are per user and kept <see cref="IdempotencyOptions.KeepDays"/> days
/// (<see cref="IdempotencyCleanup"/>).
/// </summary>
/// <remarks>
/// The handler must write through the request's <see cref="RiskMapDbContext"/> and begin its transaction with
/// <see cref="JoinedTransaction.BeginOrJoinAsync"/> (or none), so that it joins the one begun here.
/// </remarks>
public static class IdempotentWrites
{
    /// <summary>The request header naming the key.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>The response header marking a replayed answer (value <c>true</c>).</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The longest key accepted, in characters.</summary>
    public const int MaxKeyLength = 255;

    /// <summary>The sentence every idempotent endpoint adds to its OpenAPI description.</summary>
    public const string Described = "An optional Idempotency-Key header (1–255 visible ASCII characters, e.g. a UUID) makes a retry safe: " +
                                    "a repeat by the same user answers the first success again (Idempotent-Replayed: true) and writes " +
                                    "nothing; the same key with another request is 422. Keys are kept at least 30 days.";

    /// <summary>Declares the endpoint idempotent: adds <see cref="IdempotentWriteMetadata"/>, the filter and the 422 answer.</summary>
    /// <param name="builder">The endpoint.</param>
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder)
        => builder.WithMetadata(new IdempotentWriteMetadata()).AddEndpointFilter(FilterAsync)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>Whether <paramref name="key"/> is a key this service accepts: 1–255 characters from '!' to '~'.</summary>
    public static bool IsValidKey(string? key) => key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is >= '!' and <= '~');

    private static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        if (!http.Request.Headers.TryGetValue(Header, out var values)) return await next(invocation);
        var key = values.Count == 1 ? values[0] : null;
        if (!IsValidKey(key)) return Problems.Invalid(Header, IdempotencyProblemCodes.KeyInvalid, MaxKeyLength);
        var user = http.User.Identity?.Name ?? throw new InvalidOperationException("An idempotent endpoint must require a signed-in user.");
        var endpoint = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName
            ?? throw new InvalidOperationException("An idempotent endpoint must have a name.");
        var hash = await RequestHashAsync(http.Request, http.RequestAborted);
        var db = http.RequestServices.GetRequiredService<RiskMapDbContext>();
        var cancel = http.RequestAborted;

        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var inserted = await ExecuteAsync(db, """
            INSERT INTO idempotency_keys (user_name, key, endpoint, request_sha256, created_at)
            VALUES (@user, @key, @endpoint, @hash, now())
            ON CONFLICT (user_name, key) DO NOTHING
            """, p =>
        {
            p.Text("user", user);
            p.Text("key", key);
            p.Text("endpoint", endpoint);
            p.Add(new NpgsqlParameter<byte[]>("hash", NpgsqlDbType.Bytea) { TypedValue = hash });
        }, cancel);
        if (inserted == 0)
        {
            // The first request with this key committed before this statement ran (or it would still be waiting).
            var stored = await StoredAsync(db, user, key!, cancel);
            await transaction.RollbackAsync(cancel);
            if (stored is null || stored.Endpoint != endpoint || !stored.Hash.AsSpan().SequenceEqual(hash))
                return Problems.Of(StatusCodes.Status422UnprocessableEntity, IdempotencyProblemCodes.KeyReused, Header, key);
            http.Response.Headers[ReplayedHeader] = "true";
            if (stored.Location is { } location) http.Response.Headers.Location = location;
            return TypedResults.Text(stored.Body ?? "null", "application/json", Encoding.UTF8, stored.Status);
        }

        var result = await next(invocation);
        var answer = result is INestedHttpResult nested ? nested.Result : result;
        var status = (answer as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        if (status is < 200 or > 299)
        {
            await transaction.RollbackAsync(cancel);
            return result;
        }
        var value = (answer as IValueHttpResult)?.Value;
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = value is null ? null : JsonSerializer.Serialize(value, value.GetType(), json);
        await ExecuteAsync(db, """
            UPDATE idempotency_keys SET status = @status, location = @location, response_body = @body
            WHERE user_name = @user AND key = @key
            """, p =>
        {
            p.Add(new NpgsqlParameter<int>("status", NpgsqlDbType.Integer) { TypedValue = status });
            p.Text("location", LocationOf(answer));
            p.Text("body", body);
            p.Text("user", user);
            p.Text("key", key);
        }, cancel);
        await transaction.CommitAsync(cancel);
        return result;
    }

    /// <summary>
    /// SHA-256 over the method, path, query and body of <paramref name="request"/>. A multipart body counts by its parts
    /// (each part's Content-Disposition, Content-Type and bytes), not its boundary, which a client draws anew for every
    /// retry (a browser's FormData does). The body is buffered first (JSON bodies already are,
    /// <see cref="BindingFailures.BufferJsonBodies"/>) and rewound, so the handler still reads it.
    /// </summary>
    private static async Task<byte[]> RequestHashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        request.Body.Position = 0;
        if (!await MultipartPartsAsync(request, hash, cancellationToken))
        {
            request.Body.Position = 0;
            await AppendAsync(hash, request.Body, cancellationToken);
        }
        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    /// <summary>Appends each part of a multipart body to <paramref name="hash"/>; false (nothing appended) when the body is not multipart or its framing is broken.</summary>
    private static async Task<bool> MultipartPartsAsync(HttpRequest request, IncrementalHash hash, CancellationToken cancellationToken)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return false;
        }
        using var parts = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            var reader = new Microsoft.AspNetCore.WebUtilities.MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                parts.AppendData(Encoding.UTF8.GetBytes($"\n--part\n{section.ContentDisposition}\n{section.ContentType}\n"));
                await AppendAsync(parts, section.Body, cancellationToken);
            }
        }
        catch (InvalidDataException)
        {
            return false;
        }
        hash.AppendData(parts.GetHashAndReset());
        return true;
    }

    private static async Task AppendAsync(IncrementalHash hash, Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0) hash.AppendData(buffer, 0, read);
    }

    /// <summary>
    /// The Location of a <c>Created&lt;T&gt;</c> answer: the framework's typed results expose it only as a property of
    /// each generic type, without an interface.
    /// </summary>
    private static string? LocationOf(object? answer)
        => answer?.GetType().GetProperty("Location")?.GetValue(answer) as string;

    private sealed record StoredAnswer(string Endpoint, byte[] Hash, int Status, string? Location, string? Body);

    private static async Task<StoredAnswer?> StoredAsync(RiskMapDbContext db, string user, string key, CancellationToken cancellationToken)
    {
        await using var command = Sql.CommandOn(db, """
            SELECT endpoint, request_sha256, status, location, response_body FROM idempotency_keys WHERE user_name = @user AND key = @key
            """);
        command.Parameters.Text("user", user);
        command.Parameters.Text("key", key);
        var rows = await Sql.QueryAsync(command, r => new StoredAnswer(r.Get<string>("endpoint"), r.Get<byte[]>("request_sha256"),
            r.Nullable<int>("status") ?? StatusCodes.Status200OK, r.NullableString("location"), r.NullableString("response_body")), cancellationToken);
        return rows.SingleOrDefault();
    }

    private static async Task<int> ExecuteAsync(RiskMapDbContext db, string sql, Action<NpgsqlParameterCollection> parameters, CancellationToken cancellationToken)
    {
        await using var command = Sql.CommandOn(db, sql);
        parameters(command.Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the keys created more than <paramref name="keepDays"/> days before <paramref name="now"/>; returns how many.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="now">The clock's instant.</param>
    /// <param name="keepDays">Days a key is kept (<see cref="IdempotencyOptions.KeepDays"/>).</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    public static async Task<int> DeleteExpiredAsync(NpgsqlDataSource dataSource, DateTimeOffset now, int keepDays, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand("DELETE FROM idempotency_keys WHERE created_at < @before");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("before", NpgsqlDbType.TimestampTz) { TypedValue = now.AddDays(-keepDays) });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Documents the optional <c>Idempotency-Key</c> header on every operation declared with <see cref="IdempotentWrites.Idempotent"/>.</summary>
public sealed class IdempotencyKeyDocumentation : Swashbuckle.AspNetCore.SwaggerGen.IOperationFilter
{
    /// <inheritdoc />
    public void Apply(Microsoft.OpenApi.OpenApiOperation operation, Swashbuckle.AspNetCore.SwaggerGen.OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IdempotentWriteMetadata>().Any()) return;
        operation.Parameters ??= [];
        operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
        {
            Name = IdempotentWrites.Header,
            In = Microsoft.OpenApi.ParameterLocation.Header,
            Required = false,
            Description = "A key made by the client for this one write (e.g. a UUID), 1–255 visible ASCII characters: a repeat with the same " +
                          "key answers the first success again and writes nothing; the same key with another request is 422.",
            Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, MinLength = 1, MaxLength = IdempotentWrites.MaxKeyLength },
        });
    }
}
