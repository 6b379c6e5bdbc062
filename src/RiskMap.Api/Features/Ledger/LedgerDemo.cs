using Microsoft.EntityFrameworkCore;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Ledger;

/// <summary>
/// The ledger facts of the demo district, derived from its generated hazards by fixed rules when it is loaded (the
/// generated files stay as they are, so the published campaign figures cannot move: none of these touches a date, a
/// level, a status or the supervised flag). Sources: about one hazard in seven self-reported by the enterprise, one in
/// twenty-three from a public tip, one in forty-one other, by id. Every Major hazard gets a rectification plan and, in
/// a sector with a criterion in force on its found day, a clause of it. Every supervised hazard is listed from its found
/// day, at City level for every third (by id), else County, and delisted when closed. Closed hazards get a passed
/// acceptance with a close-out document number; a few open overdue hazards get a rejected extension request and two a
/// pending one asking for 90 days after the load day.
/// </summary>
public static class LedgerDemo
{
    /// <summary>Applies the rules to the hazards of district <paramref name="district"/> inside the caller's transaction.</summary>
    public static async Task ApplyAsync(RiskMapDbContext db, string district, DateOnly today, CancellationToken cancellationToken)
    {
        const string day = "{1}"; // the load day, the second parameter
        const string area = "enterprise_id IN (SELECT e.id FROM enterprises e JOIN townships t ON t.code = e.township_code WHERE t.district_code = {0})";
        await db.Database.ExecuteSqlRawAsync($"""
            UPDATE hazards SET source = CASE
                WHEN id % 7 = 3 THEN 'EnterpriseSelfReport' WHEN id % 23 = 5 THEN 'PublicTip' WHEN id % 41 = 9 THEN 'Other'
                ELSE 'DepartmentInspection' END
            WHERE {area}
            """, [district], cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"""
            UPDATE hazards SET
                supervision_level = CASE WHEN id % 3 = 0 THEN 'City' ELSE 'County' END,
                supervising_unit = CASE WHEN id % 3 = 0 THEN '永州市安全生产委员会办公室' ELSE '冷水滩区安全生产委员会办公室' END,
                supervision_listed_on = found_on,
                supervision_delisted_on = closed_on
            WHERE supervised AND {area}
            """, [district], cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"""
            UPDATE hazards SET
                plan_measures = '按判定依据逐项整改：' || left(description, 200),
                plan_funds_yuan = 20000 + (id % 40) * 2500,
                plan_owner = coalesce(responsible_person, '企业主要负责人'),
                plan_interim_measures = '整改期间停用相关设施，设置警戒区域并专人值守',
                plan_completion_on = deadline
            WHERE level = 'Major' AND {area}
            """, [district], cancellationToken);
        var majors = await db.Hazards.Where(h => h.Level == Domain.HazardLevel.Major && h.Enterprise!.Township!.DistrictCode == district)
            .OrderBy(h => h.Id).ToListAsync(cancellationToken);
        foreach (var hazard in majors)
        {
            var document = CriterionCatalogue.Embedded.Documents.FirstOrDefault(d => d.Sectors.Contains(hazard.Sector)
                && d.InForceFrom <= hazard.FoundOn && (d.InForceUntil is null || d.InForceUntil >= hazard.FoundOn));
            if (document is null) continue;
            hazard.CriterionClause = $"{document.Id}:{document.Clauses[(int)(hazard.Id % document.Clauses.Count)].Id}";
        }
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"""
            UPDATE hazards SET close_document_number = '冷安销〔' || extract(year FROM closed_on) || '〕' || id || '号'
            WHERE status = 'Closed' AND {area};
            INSERT INTO hazard_acceptances (hazard_id, accepted_on, result, document_number, note, accepted_by, recorded_at)
            SELECT h.id, h.closed_on, 'Pass', h.close_document_number, '验收合格，予以销号',
                coalesce('officer-' || replace(e.department_code, '_', '-'), 'admin'), h.closed_on::timestamp AT TIME ZONE 'Asia/Shanghai'
            FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id
            WHERE h.status = 'Closed' AND h.{area};
            INSERT INTO extension_requests (hazard_id, requested_deadline, reason, requested_by, requested_at, state, decided_by, decided_at, decision_reason)
            SELECT h.id, h.deadline + 30, '设备采购周期长，申请延期', 'chief-' || e.township_code,
                (h.deadline - 5)::timestamp AT TIME ZONE 'Asia/Shanghai', 'Rejected',
                coalesce('officer-' || replace(e.department_code, '_', '-'), 'admin'), (h.deadline - 3)::timestamp AT TIME ZONE 'Asia/Shanghai', '理由不充分，须按期整改'
            FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id
            WHERE h.status IN ('Open', 'Rectifying') AND h.deadline < {day} AND h.id % 5 = 0 AND h.{area};
            INSERT INTO extension_requests (hazard_id, requested_deadline, reason, requested_by, requested_at, state)
            SELECT h.id, {day}::date + 90, '需停产改造，申请延期', 'chief-' || e.township_code, now(), 'Pending'
            FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id
            WHERE h.status IN ('Open', 'Rectifying') AND h.{area}
            ORDER BY h.level DESC, h.id LIMIT 2;
            """, [district, today], cancellationToken);
    }
}
