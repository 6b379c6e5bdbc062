using NetTopologySuite.Geometries;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Data;

// EF entities are the storage model only; the API contract lives in each feature's *Dtos.cs records
// so that a column can change without breaking clients.

/// <summary>A county-level district (区/县), keyed by its 6-digit GB/T 2260 code, e.g. 431103.</summary>
public sealed class District
{
    /// <summary>6-digit administrative code.</summary>
    public required string Code { get; set; }
    /// <summary>Chinese name, e.g. 冷水滩区.</summary>
    public required string Name { get; set; }
    /// <summary>Outline, WGS-84 MultiPolygon (SRID 4326).</summary>
    public required MultiPolygon Boundary { get; set; }
    /// <summary>Where the outline comes from (free text shown to users).</summary>
    public string? BoundarySource { get; set; }
    /// <summary>
    /// True when the outline is the union of the district's townships (ST_Union), recomputed whenever they are replaced;
    /// false when the outline was imported on its own (then a township import reports gaps and overlaps instead).
    /// </summary>
    public bool OutlineFromTownships { get; set; }
    /// <summary>
    /// True for a district of fictional records (the demo district of <c>data/</c>, a synthetic prefecture): set by the demo
    /// loaders only; the page then shows its 演示数据 banner and the demo accounts may be created.
    /// </summary>
    public bool Demo { get; set; }
    /// <summary>Townships of the district.</summary>
    public List<Township> Townships { get; } = [];
}

/// <summary>A township-level division (乡镇/街道) with a 9-digit statistical code, e.g. 431103001.</summary>
public sealed class Township
{
    /// <summary>9-digit code; its first 6 digits are the district code.</summary>
    public required string Code { get; set; }
    /// <summary>Code of the district it belongs to.</summary>
    public required string DistrictCode { get; set; }
    /// <summary>Chinese name, e.g. 梅湾街道.</summary>
    public required string Name { get; set; }
    /// <summary>Subdistrict, Town or Township.</summary>
    public TownshipKind Kind { get; set; }
    /// <summary>Boundary, WGS-84 MultiPolygon (SRID 4326).</summary>
    public required MultiPolygon Boundary { get; set; }
    /// <summary>True for boundaries made up for the demo rather than official ones.</summary>
    public bool Illustrative { get; set; }
    /// <summary>Where the boundary comes from.</summary>
    public string? BoundarySource { get; set; }
    /// <summary>
    /// Where the township's name is drawn, WGS-84 Point (SRID 4326): the centre of the largest circle inside the
    /// boundary (pole of inaccessibility, PostGIS <c>ST_MaximumInscribedCircle</c>), always inside the polygon. A stored
    /// generated column: PostgreSQL computes it once when the boundary is written and again whenever it changes; never set.
    /// </summary>
    public Point? LabelPoint { get; private set; }
    /// <summary>The district.</summary>
    public District? District { get; set; }
}

/// <summary>A supervising department (行业监管部门) and the sectors it supervises.</summary>
public sealed class Department
{
    /// <summary>Short code, e.g. <c>emergency</c>; used in user names such as <c>officer-emergency</c>.</summary>
    public required string Code { get; set; }
    /// <summary>Chinese name, e.g. 应急管理局.</summary>
    public required string Name { get; set; }
    /// <summary>Sector codes this department supervises (see <see cref="Sector"/>).</summary>
    public List<string> Sectors { get; set; } = [];
}

/// <summary>
/// A production or business unit (生产经营单位). Its township is derived from <see cref="Location"/> by
/// point-in-polygon whenever the row is written (database trigger, <c>Data/Sql/riskmap_enterprises_assign_township.sql</c>), never typed in.
/// </summary>
public sealed class Enterprise
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>Unified social credit code (GB 32100-2015), 18 characters, unique.</summary>
    public required string CreditCode { get; set; }
    /// <summary>Registered name.</summary>
    public required string Name { get; set; }
    /// <summary>Sector code (see <see cref="Sector"/>).</summary>
    public required string Sector { get; set; }
    /// <summary>规模以上: above the statistical size threshold.</summary>
    public bool AboveScale { get; set; }
    /// <summary>Street address.</summary>
    public string? Address { get; set; }
    /// <summary>Code of the covering department (部门包企业).</summary>
    public string? DepartmentCode { get; set; }
    /// <summary>Location, WGS-84 point (SRID 4326).</summary>
    public required Point Location { get; set; }
    /// <summary>Township containing <see cref="Location"/>; null when the point is in no township. Set by the database.</summary>
    public string? TownshipCode { get; set; }
    /// <summary>The township.</summary>
    public Township? Township { get; set; }
    /// <summary>The covering department.</summary>
    public Department? Department { get; set; }
    /// <summary>Opening time (营业时间), China Standard Time: visits are planned to begin no earlier; null when not known. Set together with <see cref="ClosesAt"/>.</summary>
    public TimeOnly? OpensAt { get; set; }
    /// <summary>Closing time, China Standard Time: visits are planned to end no later; null when not known. Later than <see cref="OpensAt"/>.</summary>
    public TimeOnly? ClosesAt { get; set; }
}

/// <summary>An inspection (检查) of one enterprise by an inspection group on one day.</summary>
public sealed class Inspection
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>
    /// Unique identifier: from the source records, e.g. <c>INS-2020-000001</c>, or assigned on insert as <c>RM-INS-{id}</c>
    /// (<see cref="Domain.RecordReferences"/>); null only before the row is stored.
    /// </summary>
    public string? Reference { get; set; }
    /// <summary>Inspected enterprise.</summary>
    public long EnterpriseId { get; set; }
    /// <summary>Day of the inspection.</summary>
    public DateOnly Date { get; set; }
    /// <summary>Inspection group (检查组) identifier, e.g. <c>2020-03-G07</c>.</summary>
    public required string InspectionGroup { get; set; }
    /// <summary>
    /// Inspector visits (检查人次) counted for this record. A group that inspects several enterprises on one
    /// trip records its inspectors once, on the trip's first inspection, so the value may be 0.
    /// </summary>
    public int InspectorVisits { get; set; }
    /// <summary>The enterprise.</summary>
    public Enterprise? Enterprise { get; set; }
}

/// <summary>A hidden hazard (隐患) found at an enterprise.</summary>
public sealed class Hazard
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>
    /// Unique identifier: from the source records, e.g. <c>HZ-2020-000001</c>, or assigned on insert as <c>RM-HZ-{id}</c>
    /// (<see cref="Domain.RecordReferences"/>); null only before the row is stored.
    /// </summary>
    public string? Reference { get; set; }
    /// <summary>Enterprise where it was found.</summary>
    public long EnterpriseId { get; set; }
    /// <summary>Inspection that found it, when known.</summary>
    public long? InspectionId { get; set; }
    /// <summary>Sector code; the enterprise's sector when recorded.</summary>
    public required string Sector { get; set; }
    /// <summary>General or Major.</summary>
    public HazardLevel Level { get; set; }
    /// <summary>What is wrong.</summary>
    public required string Description { get; set; }
    /// <summary>Day it was found.</summary>
    public DateOnly FoundOn { get; set; }
    /// <summary>Rectification deadline (整改期限).</summary>
    public DateOnly Deadline { get; set; }
    /// <summary>Day rectification work began (status Rectifying), if recorded.</summary>
    public DateOnly? RectifyingOn { get; set; }
    /// <summary>Day it was rectified, if it was.</summary>
    public DateOnly? RectifiedOn { get; set; }
    /// <summary>Day it was accepted and closed (验收销号), if it was.</summary>
    public DateOnly? ClosedOn { get; set; }
    /// <summary>Current status.</summary>
    public HazardStatus Status { get; set; }
    /// <summary>Person responsible for rectification.</summary>
    public string? ResponsiblePerson { get; set; }
    /// <summary>Put under supervision (挂牌督办), usual for major hazards.</summary>
    public bool Supervised { get; set; }
    /// <summary>True once the deadline has been extended (see <see cref="DeadlineExtension"/>); lets as-of queries skip the history otherwise.</summary>
    public bool DeadlineExtended { get; set; }
    /// <summary>Where it came from (来源); DepartmentInspection unless recorded otherwise.</summary>
    public HazardSource Source { get; set; }
    /// <summary>
    /// The clause of the national criterion a Major hazard was judged under (判定依据), a clause id of the catalogue
    /// <c>data/hazard-criteria.json</c> (<see cref="Features.Ledger.CriterionCatalogue"/>), e.g. <c>mines-2022:1.1</c>; in force on <see cref="FoundOn"/>.
    /// </summary>
    public string? CriterionClause { get; set; }
    /// <summary>Rectification plan (五到位): the measures.</summary>
    public string? PlanMeasures { get; set; }
    /// <summary>Rectification plan: the funds set aside, yuan (two decimals).</summary>
    public decimal? PlanFundsYuan { get; set; }
    /// <summary>Rectification plan: the person responsible for the rectification (整改责任人).</summary>
    public string? PlanOwner { get; set; }
    /// <summary>Rectification plan: interim safety measures until it is rectified (临时安全措施/应急预案).</summary>
    public string? PlanInterimMeasures { get; set; }
    /// <summary>Rectification plan: planned completion day.</summary>
    public DateOnly? PlanCompletionOn { get; set; }
    /// <summary>Supervision (挂牌督办): the listing level, when <see cref="Supervised"/>; null on a supervised hazard counts as County.</summary>
    public SupervisionLevel? SupervisionLevel { get; set; }
    /// <summary>Supervision: the supervising unit (督办单位), e.g. 冷水滩区安全生产委员会.</summary>
    public string? SupervisingUnit { get; set; }
    /// <summary>Supervision: the day it was listed.</summary>
    public DateOnly? SupervisionListedOn { get; set; }
    /// <summary>Supervision: the day it was delisted (the close-out day, 销号).</summary>
    public DateOnly? SupervisionDelistedOn { get; set; }
    /// <summary>User name of whoever marked it Rectified (the acceptance must be someone else); null for imported records.</summary>
    public string? RectifiedBy { get; set; }
    /// <summary>The close-out document number (销号文号) of the passed acceptance.</summary>
    public string? CloseDocumentNumber { get; set; }
    /// <summary>Row version (PostgreSQL <c>xmin</c>), the optimistic concurrency token: a write carrying an old version gets 409.</summary>
    public uint Version { get; set; }
    /// <summary>The enterprise.</summary>
    public Enterprise? Enterprise { get; set; }
    /// <summary>The inspection.</summary>
    public Inspection? Inspection { get; set; }
}

/// <summary>An enforcement action (执法) against an enterprise.</summary>
public sealed class EnforcementAction
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>
    /// Unique identifier: from the source records, e.g. <c>ENF-2020-000001</c>, or assigned on insert as <c>RM-ENF-{id}</c>
    /// (<see cref="Domain.RecordReferences"/>); null only before the row is stored.
    /// </summary>
    public string? Reference { get; set; }
    /// <summary>Enterprise concerned.</summary>
    public long EnterpriseId { get; set; }
    /// <summary>Day of the action.</summary>
    public DateOnly Date { get; set; }
    /// <summary>Document, Interview, Case or Fine.</summary>
    public EnforcementKind Kind { get; set; }
    /// <summary>Fine amount in yuan (two decimals); required for fines, null otherwise.</summary>
    public decimal? AmountYuan { get; set; }
    /// <summary>The enterprise.</summary>
    public Enterprise? Enterprise { get; set; }
}

/// <summary>A district leader covering a township (区领导包乡镇: leadership responsibility).</summary>
public sealed class LeaderAssignment
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>Covered township.</summary>
    public required string TownshipCode { get; set; }
    /// <summary>Leader's name.</summary>
    public required string LeaderName { get; set; }
    /// <summary>Leader's post, e.g. 副区长.</summary>
    public string? LeaderTitle { get; set; }
    /// <summary>The township.</summary>
    public Township? Township { get; set; }
}

/// <summary>
/// One committed import, per department whose records it wrote (the data-notes panel's "last import per kind and
/// department"): kept in the database because import jobs live only in the memory of the instance that ran them.
/// </summary>
public sealed class ImportRun
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>What was imported: boundaries, districts, enterprises, inspections, hazards or enforcement.</summary>
    public required string Kind { get; set; }
    /// <summary>Department whose enterprises the rows concern (the enterprise's own department); null when none is named (and for boundaries).</summary>
    public string? DepartmentCode { get; set; }
    /// <summary>The uploaded file's name.</summary>
    public required string FileName { get; set; }
    /// <summary>Rows (features) of the file that concern <see cref="DepartmentCode"/>.</summary>
    public int Rows { get; set; }
    /// <summary>When the import was committed.</summary>
    public DateTimeOffset FinishedAt { get; set; }
    /// <summary>True for the demo dataset's files (data/): fictional records.</summary>
    public bool Demo { get; set; }
}
