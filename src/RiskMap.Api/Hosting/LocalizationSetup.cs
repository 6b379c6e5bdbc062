using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace RiskMap.Api.Hosting;

/// <summary>
/// The language of the service's messages: Chinese (zh-CN) by default, English (en) when the request's
/// <c>Accept-Language</c> prefers it (<c>en</c>, <c>en-US</c>, … by its parent culture). Messages come from
/// <see cref="Resources.Messages"/> through <c>IStringLocalizer&lt;Messages&gt;</c>. Only the UI culture follows the
/// request; the formatting culture of numbers and dates stays the process's, as before.
/// </summary>
public static class LocalizationSetup
{
    /// <summary>The default language, also that of the neutral resources.</summary>
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>The other language.</summary>
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>Registers the string localizers and the request-language choice.</summary>
    public static IServiceCollection AddRiskMapLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var formatting = CultureInfo.CurrentCulture;
            o.DefaultRequestCulture = new RequestCulture(formatting, Chinese);
            o.SupportedCultures = [formatting];
            o.SupportedUICultures = [Chinese, English];
            // Accept-Language only: a culture query parameter would be an unknown parameter of every operation.
            o.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>
    /// Chooses each request's language. Goes first in the pipeline, so that the exception handlers answer in it too.
    /// </summary>
    public static IApplicationBuilder UseRiskMapLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();
}
