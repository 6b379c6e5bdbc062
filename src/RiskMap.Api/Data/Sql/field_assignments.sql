-- field_assignments (Features/Field/FieldApi; not in EF Core's model): which inspector drives which team of a stored
-- route plan on which day (the phone page's "today"). The plan itself is RoutePlanStore's (plan_id is its id); one
-- inspector per team of a plan.
CREATE TABLE field_assignments (
    plan_id varchar(64) NOT NULL,
    team integer NOT NULL CHECK (team BETWEEN 1 AND 100),
    inspector text NOT NULL,
    day date NOT NULL,
    assigned_by text NOT NULL,
    assigned_at timestamptz NOT NULL,
    PRIMARY KEY (plan_id, team)
);
CREATE INDEX ix_field_assignments_inspector_day ON field_assignments (inspector, day);
