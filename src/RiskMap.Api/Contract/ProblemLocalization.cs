using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RiskMap.Api.Resources;

namespace RiskMap.Api.Contract;

/// <summary>
/// Writes the text of every problem the service answers with, in the language of the request (<c>Accept-Language</c>:
/// Chinese, zh-CN, unless English is preferred; <see cref="Hosting.LocalizationSetup"/>): the title and detail from the problem's <c>code</c> and <c>args</c>
/// (<see cref="Problems"/>), each field error from its entry in <c>errorCodes</c>, and the framework's own bare 404,
/// 405 and 415 answers. Registered as <see cref="ProblemDetailsOptions.CustomizeProblemDetails"/>, so it runs for every
/// problem written through <see cref="IProblemDetailsService"/>: endpoint results, the exception handlers and status
/// code pages alike.
/// </summary>
public static class ProblemLocalization
{
    /// <summary>Fills in the texts of <paramref name="context"/>'s problem.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<Messages>>();
        var previous = CultureInfo.CurrentUICulture;
        if (http.Features.Get<IRequestCultureFeature>() is { } feature) CultureInfo.CurrentUICulture = feature.RequestCulture.UICulture;
        try
        {
            if (!problem.Extensions.ContainsKey(Problems.CodeMember) && problem.Detail is null && FrameworkCode(problem.Status, http) is var (code, args))
            {
                problem.Extensions[Problems.CodeMember] = code;
                problem.Extensions[Problems.ArgsMember] = args;
            }
            if (problem.Extensions.TryGetValue(Problems.CodeMember, out var c) && c is string problemCode)
            {
                var problemArgs = Arguments(problem.Extensions.TryGetValue(Problems.ArgsMember, out var a) ? a : null);
                if (Text(localizer, problemCode + ".title", []) is { } title) problem.Title = title;
                if (Text(localizer, problemCode, problemArgs) is { } detail) problem.Detail = detail;
            }
            if (problem is HttpValidationProblemDetails validation
                && problem.Extensions.TryGetValue(Problems.ErrorCodesMember, out var e) && e is IReadOnlyDictionary<string, CodedMessage[]> coded)
            {
                foreach (var (field, messages) in coded)
                    validation.Errors[field] = messages.Select(m => Text(localizer, m.Code, m.Args) ?? m.Code).ToArray();
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>
    /// The resource <paramref name="key"/> formatted with <paramref name="args"/> (names of the vocabulary and roles as
    /// labels, <see cref="MessageArguments"/>), or null when there is none.
    /// </summary>
    private static string? Text(IStringLocalizer localizer, string key, IReadOnlyList<string> args)
    {
        var text = localizer[key, MessageArguments.Localize(localizer, key, args)];
        return text.ResourceNotFound ? null : text.Value;
    }

    private static IReadOnlyList<string> Arguments(object? value) => value switch
    {
        IReadOnlyList<string> list => list,
        IEnumerable<object?> items => items.Select(FieldError.Text).ToArray(),
        _ => [],
    };

    /// <summary>Codes for the framework's bare answers (no detail of ours): unknown path, method not allowed, not JSON.</summary>
    private static (string Code, string[] Args)? FrameworkCode(int? status, HttpContext http) => status switch
    {
        StatusCodes.Status404NotFound => (ProblemCodes.PathUnknown, [http.Request.Path.Value ?? "/"]),
        StatusCodes.Status405MethodNotAllowed => (ProblemCodes.MethodNotAllowed, [http.Request.Method, http.Request.Path.Value ?? "/"]),
        StatusCodes.Status415UnsupportedMediaType => (ProblemCodes.MediaTypeUnsupported, []),
        _ => null,
    };
}
