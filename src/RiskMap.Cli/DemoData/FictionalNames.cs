using RiskMap.Api.Domain;

namespace RiskMap.Cli.DemoData;

/// <summary>
/// Makes up plausible but fictional Chinese names: people, enterprises and addresses. Every name comes from
/// combining common characters at random; any likeness to a real person or business is chance.
/// </summary>
internal sealed class FictionalNames(Random rng)
{
    // Common surnames, weighted towards those frequent in southern Hunan.
    private const string Surnames = "唐蒋李王张刘陈杨周邓黄胡曾彭谢罗欧何吴蒋唐李王周邓刘陈杨黄邹秦雷龙文伍";
    private const string GivenCharacters = "志建国伟明华军平文辉强勇军红芳丽英霞燕玲春桂兰秀梅海波涛斌峰俊杰鹏宇浩然敏静婷晓慧湘永利忠诚";
    private const string TradeNameCharacters = "鑫盛隆兴泰华恒达顺安宏昌源丰瑞祥福康德润广信和鸿锦永佳诚旺发富嘉辰腾潇湘湘永凯宝越茂";

    private static readonly string[] Roads =
    [
        "建设路", "人民路", "兴业路", "和平路", "育才路", "商贸路", "新城大道", "滨江路", "花园路", "文化路",
        "车站路", "工业园路", "长丰大道", "湘江西路", "朝阳路", "友谊路", "环城路", "幸福路", "光明路", "振兴路",
    ];

    // Name endings per sector: what such a business is typically called (sector codes from Sector.All).
    private static readonly Dictionary<string, string[]> Endings = new(StringComparer.Ordinal)
    {
        ["gas"] = ["燃气有限公司", "液化气供应站", "天然气有限公司", "液化石油气充装站", "瓶装燃气经营部"],
        ["fireworks"] = ["烟花爆竹零售店", "烟花爆竹批发部", "花炮经营部", "烟花爆竹专营店"],
        ["hazardous_chemicals"] = ["加油站", "化工有限公司", "危险化学品经营部", "工业气体有限公司", "油品贸易有限公司"],
        ["non_coal_mines"] = ["采石场", "矿业有限公司", "砂石有限公司", "石料厂", "建材矿业有限公司"],
        ["road_traffic"] = ["运输有限公司", "物流有限公司", "客运有限公司", "汽车驾驶培训有限公司", "货运有限公司"],
        ["construction"] = ["建筑工程有限公司", "建设工程有限公司", "路桥工程有限公司", "装饰工程有限公司", "市政工程有限公司"],
        ["fire_safety"] = ["大酒店", "宾馆", "购物广场", "超市", "KTV", "网吧", "养老院", "农贸市场", "商务酒店", "家具城"],
        ["industry_trade"] = ["机械制造有限公司", "食品有限公司", "木业有限公司", "纺织有限公司", "新型建材有限公司", "电子科技有限公司", "米业有限公司", "陶瓷有限公司", "塑料制品有限公司", "家具有限公司"],
        ["special_equipment"] = ["物业管理有限公司", "电梯工程有限公司", "锅炉设备有限公司", "起重设备安装有限公司", "压力容器有限公司"],
    };

    /// <summary>A person's name: a surname and one or two given characters.</summary>
    public string Person()
    {
        var given = rng.Next(10) < 7 ? 2 : 1;
        var name = new char[1 + given];
        name[0] = Surnames[rng.Next(Surnames.Length)];
        for (var i = 1; i <= given; i++) name[i] = GivenCharacters[rng.Next(GivenCharacters.Length)];
        return new string(name);
    }

    /// <summary>
    /// A business name for <paramref name="sector"/> in <paramref name="township"/>, e.g. 冷水滩区鑫达燃气有限公司;
    /// small rural shops carry the township's name (冷水滩区蔡市镇鑫达烟花爆竹零售店).
    /// </summary>
    public string Enterprise(Sector sector, TownshipSource township)
    {
        var ending = Pick(Endings[sector.Code]);
        var trade = $"{TradeNameCharacters[rng.Next(TradeNameCharacters.Length)]}{TradeNameCharacters[rng.Next(TradeNameCharacters.Length)]}";
        var isCompany = ending.EndsWith("公司", StringComparison.Ordinal);
        var prefix = !isCompany && township.Kind != TownshipKind.Subdistrict ? $"冷水滩区{township.Name}"
            : rng.Next(10) < 6 ? "冷水滩区" : "永州市";
        return prefix + trade + ending;
    }

    /// <summary>
    /// A business name for <paramref name="sector"/> with an explicit place prefix (a district, or a district and
    /// township), e.g. 道县鑫达燃气有限公司; used by the prefecture generator, whose places are not Lengshuitan's.
    /// </summary>
    public string Enterprise(Sector sector, string placePrefix)
        => $"{placePrefix}{TradeNameCharacters[rng.Next(TradeNameCharacters.Length)]}{TradeNameCharacters[rng.Next(TradeNameCharacters.Length)]}{Pick(Endings[sector.Code])}";

    /// <summary>A fictional place name of two characters followed by <paramref name="suffix"/> (街道, 镇 or 乡).</summary>
    public string Place(string suffix)
        => $"{TradeNameCharacters[rng.Next(TradeNameCharacters.Length)]}{GivenCharacters[rng.Next(GivenCharacters.Length)]}{suffix}";

    /// <summary>A street address inside <paramref name="township"/>: township name, road and number.</summary>
    public string Address(TownshipSource township) => $"{township.Name}{Pick(Roads)}{rng.Next(1, 400)}号";

    private string Pick(string[] items) => items[rng.Next(items.Length)];
}
