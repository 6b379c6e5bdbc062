using RiskMap.Api.Domain;

namespace RiskMap.Cli.DemoData;

/// <summary>
/// Hazard descriptions per sector and level, written by the project after the kinds of findings that
/// inspection reports of each sector typically list; Major ones follow the sector's criteria for
/// 重大事故隐患 (e.g. 《工贸企业重大事故隐患判定标准》, 《建筑施工企业重大事故隐患判定标准》).
/// </summary>
internal static class HazardTemplates
{
    private static readonly Dictionary<(string Sector, HazardLevel Level), string[]> Descriptions = new()
    {
        [("gas", HazardLevel.General)] =
        [
            "液化石油气钢瓶存放间未设置可燃气体浓度报警装置", "燃气管道穿墙处未设置套管，部分管段锈蚀",
            "瓶装液化气配送人员未经培训上岗", "用户端燃气软管超过2米且未使用金属波纹管", "调压箱周边堆放杂物，安全警示标识缺失",
        ],
        [("gas", HazardLevel.Major)] = ["充装超期未检、报废液化石油气钢瓶", "燃气管道被违章占压，存在泄漏风险"],
        [("fireworks", HazardLevel.General)] =
        [
            "零售点烟花爆竹超量存放", "经营场所未按规定配备灭火器材", "零售点与居民住宅未有效隔离", "从业人员未经安全培训上岗",
        ],
        [("fireworks", HazardLevel.Major)] = ["仓库超出核定药量储存烟花爆竹", "储存非法、超标烟花爆竹产品"],
        [("hazardous_chemicals", HazardLevel.General)] =
        [
            "卸油区静电接地装置检测不合格", "危险化学品仓库未设置防火防爆安全标识", "安全管理台账不全，未按规定开展隐患自查",
            "可燃气体检测报警仪未按期检定", "储罐区防火堤存在裂缝",
        ],
        [("hazardous_chemicals", HazardLevel.Major)] =
            ["涉及重点监管危险化工工艺的装置未实现自动化控制", "危险化学品储罐区未设置紧急切断装置"],
        [("non_coal_mines", HazardLevel.General)] =
        [
            "采场边坡坡面浮石未及时清理", "矿区道路未设置安全警示标志", "爆破器材领用登记记录不全", "作业人员未佩戴安全帽等劳动防护用品",
        ],
        [("non_coal_mines", HazardLevel.Major)] = ["未按设计分台阶开采，形成高陡边坡", "露天采场边坡出现滑坡迹象未采取治理措施"],
        [("road_traffic", HazardLevel.General)] =
        [
            "营运车辆动态监控报警处置不及时", "驾驶员安全教育培训记录缺失", "部分营运车辆未按期进行安全技术检验", "客运车辆安全锤配备不足",
        ],
        [("road_traffic", HazardLevel.Major)] = ["营运客车超员载客", "危险货物运输车辆未按规定安装卫星定位装置"],
        [("construction", HazardLevel.General)] =
        [
            "施工现场临边洞口防护不到位", "脚手架连墙件设置不足", "施工用电未做到一机一闸一漏一箱", "特种作业人员未持证上岗",
            "作业人员安全帽、安全带佩戴不规范",
        ],
        [("construction", HazardLevel.Major)] =
        [
            "深基坑未按方案支护，监测数据异常未处置", "超过一定规模的高大模板支撑体系未经专家论证施工", "建筑起重机械未经检验擅自使用",
        ],
        [("fire_safety", HazardLevel.General)] =
        [
            "疏散通道堆放杂物", "安全出口指示标志损坏", "灭火器过期未更换", "消防控制室值班人员未持证上岗", "室内消火栓水压不足",
            "电气线路私拉乱接",
        ],
        [("fire_safety", HazardLevel.Major)] = ["人员密集场所安全出口被封堵、锁闭", "采用易燃可燃材料装修且自动消防设施瘫痪"],
        [("industry_trade", HazardLevel.General)] =
        [
            "设备传动部位防护罩缺失", "粉尘作业场所未及时清扫积尘", "有限空间作业未执行审批制度", "车间消防通道被占用",
            "员工安全教育培训台账不全",
        ],
        [("industry_trade", HazardLevel.Major)] =
            ["粉尘爆炸危险场所除尘系统未采取防爆措施", "有限空间作业前未通风检测，未配备应急救援器材"],
        [("special_equipment", HazardLevel.General)] =
        [
            "电梯未按期进行定期检验", "压力容器安全阀未按期校验", "特种设备作业人员未持证上岗", "电梯应急救援电话无人应答",
            "锅炉水质处理记录不全",
        ],
        [("special_equipment", HazardLevel.Major)] = ["使用未经检验的起重机械", "锅炉安全附件失效仍继续使用"],
    };

    /// <summary>
    /// A description for a hazard of <paramref name="level"/> in <paramref name="sector"/>, other than those in
    /// <paramref name="taken"/> (what the same inspection already recorded) while any is left.
    /// </summary>
    /// <exception cref="KeyNotFoundException">For a sector without templates.</exception>
    public static string Pick(Random rng, string sector, HazardLevel level, IEnumerable<string> taken)
    {
        var all = Descriptions[(sector, level)];
        var left = all.Except(taken, StringComparer.Ordinal).ToArray();
        var options = left.Length > 0 ? left : all;
        return options[rng.Next(options.Length)];
    }
}
