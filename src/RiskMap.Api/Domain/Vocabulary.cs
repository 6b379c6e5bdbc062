namespace RiskMap.Api.Domain;

/// <summary>Kind of a township-level division (乡级行政区划), as in ../shared/DOMAIN.md.</summary>
public enum TownshipKind
{
    /// <summary>街道: an urban sub-district.</summary>
    Subdistrict,
    /// <summary>镇: a town.</summary>
    Town,
    /// <summary>乡: a rural township.</summary>
    Township,
}

/// <summary>Hazard level: 一般隐患 (General) or 重大事故隐患 (Major, judged by each sector's national criteria).</summary>
public enum HazardLevel
{
    /// <summary>一般隐患.</summary>
    General,
    /// <summary>重大事故隐患.</summary>
    Major,
}

/// <summary>
/// Hazard status along the lifecycle Open → Rectifying → Rectified → Closed (验收销号).
/// A hazard is open until it is Rectified or Closed; it is overdue when open past its deadline.
/// </summary>
public enum HazardStatus
{
    /// <summary>未整改.</summary>
    Open,
    /// <summary>整改中.</summary>
    Rectifying,
    /// <summary>已整改.</summary>
    Rectified,
    /// <summary>验收销号.</summary>
    Closed,
}

/// <summary>Kind of an enforcement action (执法).</summary>
public enum EnforcementKind
{
    /// <summary>执法文书: an enforcement document issued.</summary>
    Document,
    /// <summary>提醒约谈: a reminder interview.</summary>
    Interview,
    /// <summary>立案查处: a case filed against the enterprise.</summary>
    Case,
    /// <summary>罚款: a fine, with its amount in yuan.</summary>
    Fine,
}

/// <summary>Where a hazard came from (来源), the split the national major-hazard database reports.</summary>
public enum HazardSource
{
    /// <summary>部门检查: found by a department's inspection (the default of an inspection's hazards).</summary>
    DepartmentInspection,
    /// <summary>企业自查自报: self-reported by the enterprise.</summary>
    EnterpriseSelfReport,
    /// <summary>举报: a public tip, e.g. through the 12350 hotline.</summary>
    PublicTip,
    /// <summary>其他: any other source.</summary>
    Other,
}

/// <summary>The government level that lists a hazard for supervision (挂牌督办).</summary>
public enum SupervisionLevel
{
    /// <summary>县级 (county or district).</summary>
    County,
    /// <summary>市级 (prefecture-level city).</summary>
    City,
    /// <summary>省级 (province).</summary>
    Province,
}

/// <summary>The result of an acceptance (验收).</summary>
public enum AcceptanceResult
{
    /// <summary>合格: the hazard is closed out (销号).</summary>
    Pass,
    /// <summary>不合格: the hazard goes back to Rectifying.</summary>
    Fail,
}

/// <summary>The state of a deadline extension request.</summary>
public enum ExtensionRequestState
{
    /// <summary>待审批: not decided yet.</summary>
    Pending,
    /// <summary>已批准: the deadline was extended.</summary>
    Approved,
    /// <summary>已驳回: refused; the deadline stays.</summary>
    Rejected,
}
