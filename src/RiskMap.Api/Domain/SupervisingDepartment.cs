namespace RiskMap.Api.Domain;

/// <summary>
/// A kind of supervising department (行业监管部门) that typically supervises a sector (docs/domain.md, "Enterprises and
/// sectors"). A district's own departments, and which sectors each covers, are data (<c>departments</c>, imported from
/// departments.csv); these are the usual ones, named with the codes the demo district uses.
/// </summary>
/// <param name="Code">Stable lower-case code, e.g. <c>emergency</c>.</param>
/// <param name="NameZh">Chinese name, e.g. 应急管理局.</param>
/// <param name="NameEn">English name.</param>
public sealed record SupervisingDepartment(string Code, string NameZh, string NameEn)
{
    /// <summary>城市管理局: gas.</summary>
    public static SupervisingDepartment UrbanManagement { get; } = new("urban_management", "城市管理局", "Urban management bureau");

    /// <summary>应急管理局: fireworks, hazardous chemicals, non-coal mines, industry and trade.</summary>
    public static SupervisingDepartment Emergency { get; } = new("emergency", "应急管理局", "Emergency management bureau");

    /// <summary>交通运输局: road traffic.</summary>
    public static SupervisingDepartment Transport { get; } = new("transport", "交通运输局", "Transport bureau");

    /// <summary>住房和城乡建设局: construction.</summary>
    public static SupervisingDepartment Housing { get; } = new("housing", "住房和城乡建设局", "Housing and urban-rural development bureau");

    /// <summary>消防救援大队: fire safety.</summary>
    public static SupervisingDepartment FireRescue { get; } = new("fire_rescue", "消防救援大队", "Fire and rescue brigade");

    /// <summary>市场监督管理局: special equipment.</summary>
    public static SupervisingDepartment MarketRegulation { get; } = new("market_regulation", "市场监督管理局", "Market regulation bureau");
}
