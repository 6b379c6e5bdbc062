namespace RiskMap.Api.Domain;

/// <summary>
/// The longest text each field holds, in characters: the one definition shared by the database columns (the EF Core
/// configurations' <c>HasMaxLength</c>), the request validation (<c>[StringLength(FieldLengths.X)]</c>) and the imports'
/// column checks, so that whatever the API or an import accepts fits its column.
/// </summary>
public static class FieldLengths
{
    /// <summary>A name or title: of a district, township, department, person (leader, responsible person, display name), a leader's job title, or an API token.</summary>
    public const int Name = 100;

    /// <summary>An enterprise's name.</summary>
    public const int EnterpriseName = 200;

    /// <summary>An enterprise's address.</summary>
    public const int Address = 300;

    /// <summary>A hazard's description, or the reason given for extending its deadline.</summary>
    public const int Description = 1000;

    /// <summary>A note recorded with a change in the audit trail (e.g. a hazard status change).</summary>
    public const int Note = 2000;

    /// <summary>The reference of an inspection, hazard or enforcement action (imported, or RiskMap's own RM-…).</summary>
    public const int Reference = 64;

    /// <summary>An inspection group (检查组).</summary>
    public const int InspectionGroup = 64;

    /// <summary>A sector code (<see cref="Sector.Code"/>).</summary>
    public const int SectorCode = 32;

    /// <summary>A department code.</summary>
    public const int DepartmentCode = 32;

    /// <summary>A department's sector codes as one semicolon-separated field of departments.csv.</summary>
    public const int SectorList = 500;

    /// <summary>A unified social credit code (<see cref="UnifiedSocialCreditCode.Length"/>).</summary>
    public const int CreditCode = UnifiedSocialCreditCode.Length;

    /// <summary>A unified social credit code as a file writes it, before spaces and separators are removed.</summary>
    public const int CreditCodeAsWritten = 64;

    /// <summary>A township code (9 digits, 乡级区划代码).</summary>
    public const int TownshipCode = 9;

    /// <summary>A district code (6 digits, 县级区划代码).</summary>
    public const int DistrictCode = 6;

    /// <summary>An enumeration value stored by name (township kind, hazard level and status, enforcement kind, authentication).</summary>
    public const int EnumName = 16;

    /// <summary>A user name as ASP.NET Core Identity stores it (and as the audit trail copies it); the longest accepted at sign-in.</summary>
    public const int UserName = 256;

    /// <summary>A password as typed (it is stored only as a hash).</summary>
    public const int Password = 256;

    /// <summary>A role name.</summary>
    public const int RoleName = 32;

    /// <summary>An API token's SHA-256 hash in hexadecimal.</summary>
    public const int TokenHash = 64;

    /// <summary>The visible prefix of an API token.</summary>
    public const int TokenPrefix = 16;

    /// <summary>An audit entry's action, e.g. <c>hazard.status</c>.</summary>
    public const int AuditAction = 64;

    /// <summary>The type of entity an audit entry is about.</summary>
    public const int AuditEntityType = 32;

    /// <summary>The id of the entity an audit entry is about.</summary>
    public const int AuditEntityId = 64;
}
