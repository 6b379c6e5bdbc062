CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public;
COMMENT ON EXTENSION postgis IS 'PostGIS geometry and geography spatial types and functions';
CREATE FUNCTION public.riskmap_assign_reference() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.reference IS NULL THEN
        NEW.reference := TG_ARGV[0] || NEW.id;
    END IF;
    RETURN NEW;
END
$$;
CREATE FUNCTION public.riskmap_audit_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END $$;
CREATE FUNCTION public.riskmap_bump_data_versions() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
DECLARE
    written text;
BEGIN
    UPDATE riskmap_data_versions SET version = version + 1, changed_at = clock_timestamp() WHERE area = '*';
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE riskmap_data_versions SET version = version + 1, changed_at = clock_timestamp() WHERE area <> '*';
    ELSIF TG_NARGS > 0 THEN
        written := CASE TG_OP
            WHEN 'INSERT' THEN format('SELECT %1$I FROM new_rows', TG_ARGV[0])
            WHEN 'DELETE' THEN format('SELECT %1$I FROM old_rows', TG_ARGV[0])
            ELSE format('SELECT %1$I FROM old_rows UNION ALL SELECT %1$I FROM new_rows', TG_ARGV[0]) END;
        EXECUTE format($sql$
            INSERT INTO riskmap_data_versions AS v (area, version, changed_at)
            SELECT t.area, 1, clock_timestamp()
            FROM (SELECT DISTINCT w.area FROM (%s) AS w(area) WHERE w.area IS NOT NULL) t
            ORDER BY t.area
            ON CONFLICT (area) DO UPDATE SET version = v.version + 1, changed_at = EXCLUDED.changed_at
            $sql$, written);
    END IF;
    RETURN NULL;
END $_$;
CREATE FUNCTION public.riskmap_campaign_publications_are_immutable() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END $$;
CREATE FUNCTION public.riskmap_credit_code_is_valid(code text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT octet_length(code) = 18
       AND ltrim(code, '0123456789ABCDEFGHJKLMNPQRTUWXY') = ''
       AND substr('0123456789ABCDEFGHJKLMNPQRTUWXY', (31 - (
                (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 1, 1)) - 1) * 1
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 2, 1)) - 1) * 3
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 3, 1)) - 1) * 9
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 4, 1)) - 1) * 27
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 5, 1)) - 1) * 19
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 6, 1)) - 1) * 26
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 7, 1)) - 1) * 16
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 8, 1)) - 1) * 17
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 9, 1)) - 1) * 20
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 10, 1)) - 1) * 29
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 11, 1)) - 1) * 25
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 12, 1)) - 1) * 13
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 13, 1)) - 1) * 8
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 14, 1)) - 1) * 24
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 15, 1)) - 1) * 10
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 16, 1)) - 1) * 30
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 17, 1)) - 1) * 28
           ) % 31) % 31 + 1, 1) = substr(code, 18, 1)
$$;
CREATE FUNCTION public.riskmap_enterprise_counts_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE township_enterprise_counts c SET enterprises = c.enterprises - o.n
        FROM (SELECT township_code, sector, count(*) AS n FROM old_rows WHERE township_code IS NOT NULL GROUP BY 1, 2) o
        WHERE c.township_code = o.township_code AND c.sector = o.sector;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO township_enterprise_counts AS c (township_code, sector, enterprises)
        SELECT township_code, sector, count(*) FROM new_rows WHERE township_code IS NOT NULL GROUP BY 1, 2
        ON CONFLICT (township_code, sector) DO UPDATE SET enterprises = c.enterprises + EXCLUDED.enterprises;
    END IF;
    DELETE FROM township_enterprise_counts WHERE enterprises = 0;
    RETURN NULL;
END $$;
CREATE FUNCTION public.riskmap_enterprise_counts_truncate() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM township_enterprise_counts;
    RETURN NULL;
END $$;
CREATE FUNCTION public.riskmap_enterprises_assign_township() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.township_code := riskmap_township_of(NEW.location);
    RETURN NEW;
END $$;
CREATE FUNCTION public.riskmap_enterprises_township_to_hazards() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE hazards SET township_code = NEW.township_code WHERE enterprise_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TABLE public.hazards (
    CONSTRAINT ck_hazards_closed CHECK (((closed_on IS NULL) OR (closed_on >= COALESCE(rectified_on, found_on))))
    CONSTRAINT ck_hazards_deadline CHECK ((deadline >= found_on))
    CONSTRAINT ck_hazards_rectified CHECK (((rectified_on IS NULL) OR (rectified_on >= found_on)))
    CONSTRAINT ck_hazards_rectifying CHECK (((rectifying_on IS NULL) OR ((rectifying_on >= found_on) AND (rectifying_on <= COALESCE(rectified_on, closed_on, rectifying_on)))))
    CONSTRAINT ck_hazards_sector CHECK (((sector)::text = ANY ((ARRAY['gas'::character varying, 'fireworks'::character varying, 'hazardous_chemicals'::character varying, 'non_coal_mines'::character varying, 'road_traffic'::character varying, 'construction'::character varying, 'fire_safety'::character varying, 'industry_trade'::character varying, 'special_equipment'::character varying])::text[])))
    CONSTRAINT ck_hazards_status_dates CHECK (((((status)::text = ANY ((ARRAY['Open'::character varying, 'Rectifying'::character varying])::text[])) AND (rectified_on IS NULL) AND (closed_on IS NULL)) OR (((status)::text = 'Rectified'::text) AND (rectified_on IS NOT NULL) AND (closed_on IS NULL)) OR (((status)::text = 'Closed'::text) AND (closed_on IS NOT NULL))))
    closed_on date
    deadline date NOT NULL
    deadline_extended boolean DEFAULT false NOT NULL
    description character varying(1000) NOT NULL
    enterprise_id bigint NOT NULL
    found_on date NOT NULL
    id bigint NOT NULL
    inspection_id bigint
    level character varying(16) NOT NULL
    rectified_on date
    rectifying_on date
    reference character varying(64) NOT NULL
    responsible_person character varying(100)
    sector character varying(32) NOT NULL
    status character varying(16) NOT NULL
    supervised boolean NOT NULL
    township_code character varying(9)
);
CREATE FUNCTION public.riskmap_hazard_deadline_on(h public.hazards, day date) RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN h.deadline_extended THEN riskmap_hazard_extended_deadline_on(h.id, h.deadline, day) ELSE h.deadline END
$$;
CREATE FUNCTION public.riskmap_hazard_extended_deadline_on(hazard_id bigint, deadline date, day date) RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT coalesce(
        (SELECT x.previous_deadline FROM deadline_extensions x
         WHERE x.hazard_id = riskmap_hazard_extended_deadline_on.hazard_id AND x.extended_on > day
         ORDER BY x.extended_on, x.id LIMIT 1),
        deadline)
$$;
CREATE FUNCTION public.riskmap_hazard_open_on(h public.hazards, day date) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT h.found_on <= day AND riskmap_hazard_open_until(h) > day
$$;
CREATE FUNCTION public.riskmap_hazard_open_until(h public.hazards) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT coalesce(least(h.rectified_on, h.closed_on), 'infinity'::date)
$$;
CREATE FUNCTION public.riskmap_hazard_overdue_on(h public.hazards, day date) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT riskmap_hazard_open_on(h, day) AND riskmap_hazard_deadline_on(h, day) < day
$$;
CREATE FUNCTION public.riskmap_hazard_status_on(h public.hazards, day date) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE
        WHEN h.closed_on <= day THEN 'Closed'
        WHEN h.rectified_on <= day THEN 'Rectified'
        WHEN h.rectifying_on <= day THEN 'Rectifying'
        WHEN h.rectifying_on IS NULL AND h.status = 'Rectifying' AND h.rectified_on IS NULL THEN 'Rectifying'
        ELSE 'Open'
    END
$$;
CREATE FUNCTION public.riskmap_hazards_township() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.township_code := (SELECT e.township_code FROM enterprises e WHERE e.id = NEW.enterprise_id);
    RETURN NEW;
END $$;
CREATE FUNCTION public.riskmap_township_of(p public.geometry) RETURNS character varying
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT tp.township_code FROM township_parts tp WHERE ST_Covers(tp.part, p) ORDER BY tp.township_code LIMIT 1
$$;
CREATE FUNCTION public.riskmap_townships_subdivide() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM township_parts WHERE township_code = NEW.code;
    INSERT INTO township_parts (township_code, part)
    SELECT NEW.code, d.geom FROM ST_Subdivide(NEW.boundary, 64) AS s(g), ST_Dump(s.g) AS d;
    RETURN NULL;
END $$;
CREATE TABLE public."__EFMigrationsHistory" (
    migration_id character varying(150) NOT NULL
    product_version character varying(32) NOT NULL
);
CREATE TABLE public.api_tokens (
    created_at timestamp with time zone NOT NULL
    expires_at timestamp with time zone
    id bigint NOT NULL
    last_used_at timestamp with time zone
    name character varying(100) NOT NULL
    prefix character varying(16) NOT NULL
    revoked_at timestamp with time zone
    token_hash character varying(64) NOT NULL
    user_id text NOT NULL
);
ALTER TABLE public.api_tokens ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.api_tokens_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.audit_log (
    CONSTRAINT ck_audit_log_authenticated_by CHECK (((authenticated_by IS NOT NULL) AND ((((authenticated_by)::text = 'Session'::text) AND (session_id IS NOT NULL) AND (api_token_id IS NULL)) OR (((authenticated_by)::text = 'ApiToken'::text) AND (api_token_id IS NOT NULL) AND (session_id IS NULL)) OR (((authenticated_by)::text = 'System'::text) AND (user_id IS NULL) AND (session_id IS NULL) AND (api_token_id IS NULL)))))
    action character varying(64) NOT NULL
    after jsonb
    api_token_id bigint
    at timestamp with time zone NOT NULL
    authenticated_by character varying(16)
    before jsonb
    entity_id character varying(64) NOT NULL
    entity_type character varying(32) NOT NULL
    id bigint NOT NULL
    note character varying(2000)
    session_id uuid
    user_id text
    user_name character varying(256) NOT NULL
);
ALTER TABLE public.audit_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.campaign_publication_records (
    CONSTRAINT campaign_publication_records_kind_check CHECK ((kind = ANY (ARRAY['enterprise'::text, 'inspection'::text, 'hazard'::text, 'enforcement'::text])))
    kind text NOT NULL
    publication_id bigint NOT NULL
    record_id bigint NOT NULL
    version text NOT NULL
);
CREATE TABLE public.campaign_publications (
    CONSTRAINT campaign_publications_check CHECK ((period_to >= period_from))
    CONSTRAINT campaign_publications_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text))
    district_code text NOT NULL
    enforcement_actions integer NOT NULL
    enterprises integer NOT NULL
    figures jsonb NOT NULL
    hazards integer NOT NULL
    id bigint NOT NULL
    inspections integer NOT NULL
    period_from date NOT NULL
    period_to date NOT NULL
    published_at timestamp with time zone DEFAULT now() NOT NULL
    published_by text NOT NULL
    scope text[]
    sha256 text NOT NULL
    township_code text
);
ALTER TABLE public.campaign_publications ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.campaign_publications_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.deadline_extensions (
    CONSTRAINT ck_deadline_extensions_later CHECK ((new_deadline > previous_deadline))
    extended_on date NOT NULL
    hazard_id bigint NOT NULL
    id bigint NOT NULL
    new_deadline date NOT NULL
    previous_deadline date NOT NULL
    reason character varying(1000) NOT NULL
);
ALTER TABLE public.deadline_extensions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.deadline_extensions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.departments (
    CONSTRAINT ck_departments_code CHECK (((code)::text ~ '^[a-z][a-z0-9_]*$'::text))
    code character varying(32) NOT NULL
    name character varying(100) NOT NULL
    sectors text[] NOT NULL
);
CREATE TABLE public.depots (
    district_code character varying(6) NOT NULL
    id bigint NOT NULL
    location public.geometry(Point,4326) NOT NULL
    name character varying(100) NOT NULL
    source character varying(200)
    township_code character varying(9)
);
ALTER TABLE public.depots ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.depots_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.districts (
    CONSTRAINT ck_districts_code CHECK (((code)::text ~ '^[0-9]{6}$'::text))
    boundary public.geometry(MultiPolygon,4326) NOT NULL
    boundary_source text
    code character varying(6) NOT NULL
    name character varying(100) NOT NULL
);
CREATE TABLE public.enforcement_actions (
    CONSTRAINT ck_enforcement_actions_amount CHECK (((((kind)::text = 'Fine'::text) AND (amount_yuan IS NOT NULL) AND (amount_yuan > (0)::numeric)) OR (((kind)::text <> 'Fine'::text) AND (amount_yuan IS NULL))))
    amount_yuan numeric(14,2)
    date date NOT NULL
    enterprise_id bigint NOT NULL
    id bigint NOT NULL
    kind character varying(16) NOT NULL
    reference character varying(64) NOT NULL
);
ALTER TABLE public.enforcement_actions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.enforcement_actions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.enterprises (
    CONSTRAINT ck_enterprises_credit_code CHECK (public.riskmap_credit_code_is_valid((credit_code)::text))
    CONSTRAINT ck_enterprises_location CHECK ((((public.st_x(location) >= ('-180'::integer)::double precision) AND (public.st_x(location) <= (180)::double precision)) AND ((public.st_y(location) >= ('-90'::integer)::double precision) AND (public.st_y(location) <= (90)::double precision))))
    CONSTRAINT ck_enterprises_opening_hours CHECK ((((opens_at IS NULL) = (closes_at IS NULL)) AND ((opens_at IS NULL) OR (opens_at < closes_at))))
    CONSTRAINT ck_enterprises_sector CHECK (((sector)::text = ANY ((ARRAY['gas'::character varying, 'fireworks'::character varying, 'hazardous_chemicals'::character varying, 'non_coal_mines'::character varying, 'road_traffic'::character varying, 'construction'::character varying, 'fire_safety'::character varying, 'industry_trade'::character varying, 'special_equipment'::character varying])::text[])))
    above_scale boolean NOT NULL
    address character varying(300)
    closes_at time without time zone
    credit_code character varying(18) NOT NULL
    department_code character varying(32)
    id bigint NOT NULL
    location public.geometry(Point,4326) NOT NULL
    name character varying(200) NOT NULL
    opens_at time without time zone
    sector character varying(32) NOT NULL
    township_code character varying(9)
);
ALTER TABLE public.enterprises ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.enterprises_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
ALTER TABLE public.hazards ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.hazards_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.inspections (
    CONSTRAINT ck_inspections_visits CHECK ((inspector_visits >= 0))
    date date NOT NULL
    enterprise_id bigint NOT NULL
    id bigint NOT NULL
    inspection_group character varying(64) NOT NULL
    inspector_visits integer NOT NULL
    reference character varying(64) NOT NULL
);
ALTER TABLE public.inspections ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.inspections_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.leader_assignments (
    id bigint NOT NULL
    leader_name character varying(100) NOT NULL
    leader_title character varying(100)
    township_code character varying(9) NOT NULL
);
ALTER TABLE public.leader_assignments ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.leader_assignments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.riskmap_data_versions (
    area character varying(9) NOT NULL
    changed_at timestamp with time zone NOT NULL
    version bigint NOT NULL
);
CREATE TABLE public.role_claims (
    claim_type text
    claim_value text
    id integer NOT NULL
    role_id text NOT NULL
);
ALTER TABLE public.role_claims ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.role_claims_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.roles (
    concurrency_stamp text
    id text NOT NULL
    name character varying(256)
    normalized_name character varying(256)
);
CREATE TABLE public.schedule_settings (
    cadence_rules jsonb NOT NULL
    district_code character varying(6) NOT NULL
    holidays date[] NOT NULL
    updated_at timestamp with time zone NOT NULL
    working_weekend_days date[] NOT NULL
);
CREATE TABLE public.township_enterprise_counts (
    enterprises integer NOT NULL
    sector character varying(32) NOT NULL
    township_code character varying(9) NOT NULL
);
CREATE TABLE public.township_parts (
    part public.geometry(Polygon,4326) NOT NULL
    township_code character varying(9) NOT NULL
);
CREATE TABLE public.townships (
    CONSTRAINT ck_townships_boundary_valid CHECK (public.st_isvalid(boundary))
    CONSTRAINT ck_townships_code CHECK ((((code)::text ~ '^[0-9]{9}$'::text) AND ("left"((code)::text, 6) = (district_code)::text)))
    boundary public.geometry(MultiPolygon,4326) NOT NULL
    boundary_source text
    code character varying(9) NOT NULL
    district_code character varying(6) NOT NULL
    illustrative boolean NOT NULL
    kind character varying(16) NOT NULL
    label_point public.geometry(Point,4326) GENERATED ALWAYS AS ((public.st_maximuminscribedcircle(boundary)).center) STORED
    name character varying(100) NOT NULL
);
CREATE TABLE public.user_claims (
    claim_type text
    claim_value text
    id integer NOT NULL
    user_id text NOT NULL
);
ALTER TABLE public.user_claims ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.user_claims_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.user_logins (
    login_provider text NOT NULL
    provider_display_name text
    provider_key text NOT NULL
    user_id text NOT NULL
);
CREATE TABLE public.user_roles (
    role_id text NOT NULL
    user_id text NOT NULL
);
CREATE TABLE public.user_sessions (
    created_at timestamp with time zone NOT NULL
    id uuid NOT NULL
    last_seen_at timestamp with time zone NOT NULL
    user_id text NOT NULL
);
CREATE TABLE public.user_tokens (
    login_provider text NOT NULL
    name text NOT NULL
    user_id text NOT NULL
    value text
);
CREATE TABLE public.user_townships (
    township_code character varying(9) NOT NULL
    user_id text NOT NULL
);
CREATE TABLE public.users (
    access_failed_count integer NOT NULL
    concurrency_stamp text
    department_code character varying(32)
    display_name character varying(100)
    email character varying(256)
    email_confirmed boolean NOT NULL
    id text NOT NULL
    lockout_enabled boolean NOT NULL
    lockout_end timestamp with time zone
    normalized_email character varying(256)
    normalized_user_name character varying(256)
    password_hash text
    phone_number text
    phone_number_confirmed boolean NOT NULL
    security_stamp text
    two_factor_enabled boolean NOT NULL
    user_name character varying(256)
);
ALTER TABLE ONLY public.campaign_publication_records
    ADD CONSTRAINT campaign_publication_records_pkey PRIMARY KEY (publication_id, kind, record_id);
ALTER TABLE ONLY public.campaign_publications
    ADD CONSTRAINT campaign_publications_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public."__EFMigrationsHistory"
    ADD CONSTRAINT pk___ef_migrations_history PRIMARY KEY (migration_id);
ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT pk_api_tokens PRIMARY KEY (id);
ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT pk_audit_log PRIMARY KEY (id);
ALTER TABLE ONLY public.deadline_extensions
    ADD CONSTRAINT pk_deadline_extensions PRIMARY KEY (id);
ALTER TABLE ONLY public.departments
    ADD CONSTRAINT pk_departments PRIMARY KEY (code);
ALTER TABLE ONLY public.depots
    ADD CONSTRAINT pk_depots PRIMARY KEY (id);
ALTER TABLE ONLY public.districts
    ADD CONSTRAINT pk_districts PRIMARY KEY (code);
ALTER TABLE ONLY public.enforcement_actions
    ADD CONSTRAINT pk_enforcement_actions PRIMARY KEY (id);
ALTER TABLE ONLY public.enterprises
    ADD CONSTRAINT pk_enterprises PRIMARY KEY (id);
ALTER TABLE ONLY public.hazards
    ADD CONSTRAINT pk_hazards PRIMARY KEY (id);
ALTER TABLE ONLY public.inspections
    ADD CONSTRAINT pk_inspections PRIMARY KEY (id);
ALTER TABLE ONLY public.leader_assignments
    ADD CONSTRAINT pk_leader_assignments PRIMARY KEY (id);
ALTER TABLE ONLY public.role_claims
    ADD CONSTRAINT pk_role_claims PRIMARY KEY (id);
ALTER TABLE ONLY public.roles
    ADD CONSTRAINT pk_roles PRIMARY KEY (id);
ALTER TABLE ONLY public.schedule_settings
    ADD CONSTRAINT pk_schedule_settings PRIMARY KEY (district_code);
ALTER TABLE ONLY public.townships
    ADD CONSTRAINT pk_townships PRIMARY KEY (code);
ALTER TABLE ONLY public.user_claims
    ADD CONSTRAINT pk_user_claims PRIMARY KEY (id);
ALTER TABLE ONLY public.user_logins
    ADD CONSTRAINT pk_user_logins PRIMARY KEY (login_provider, provider_key);
ALTER TABLE ONLY public.user_roles
    ADD CONSTRAINT pk_user_roles PRIMARY KEY (user_id, role_id);
ALTER TABLE ONLY public.user_sessions
    ADD CONSTRAINT pk_user_sessions PRIMARY KEY (id);
ALTER TABLE ONLY public.user_tokens
    ADD CONSTRAINT pk_user_tokens PRIMARY KEY (user_id, login_provider, name);
ALTER TABLE ONLY public.user_townships
    ADD CONSTRAINT pk_user_townships PRIMARY KEY (user_id, township_code);
ALTER TABLE ONLY public.users
    ADD CONSTRAINT pk_users PRIMARY KEY (id);
ALTER TABLE ONLY public.riskmap_data_versions
    ADD CONSTRAINT riskmap_data_versions_pkey PRIMARY KEY (area);
ALTER TABLE ONLY public.township_enterprise_counts
    ADD CONSTRAINT township_enterprise_counts_pkey PRIMARY KEY (township_code, sector);
CREATE INDEX "EmailIndex" ON public.users USING btree (normalized_email);
CREATE UNIQUE INDEX "RoleNameIndex" ON public.roles USING btree (normalized_name);
CREATE UNIQUE INDEX "UserNameIndex" ON public.users USING btree (normalized_user_name);
CREATE UNIQUE INDEX ix_api_tokens_token_hash ON public.api_tokens USING btree (token_hash);
CREATE INDEX ix_api_tokens_user_id ON public.api_tokens USING btree (user_id);
CREATE INDEX ix_audit_log_at ON public.audit_log USING btree (at);
CREATE INDEX ix_audit_log_entity_type_entity_id_id ON public.audit_log USING btree (entity_type, entity_id, id);
CREATE INDEX ix_deadline_extensions_hazard_id_extended_on ON public.deadline_extensions USING btree (hazard_id, extended_on);
CREATE UNIQUE INDEX ix_depots_district_code_name ON public.depots USING btree (district_code, name);
CREATE INDEX ix_depots_township_code ON public.depots USING btree (township_code);
CREATE INDEX ix_districts_boundary ON public.districts USING gist (boundary);
CREATE INDEX ix_enforcement_actions_date_kind ON public.enforcement_actions USING btree (date, kind);
CREATE INDEX ix_enforcement_actions_enterprise_id ON public.enforcement_actions USING btree (enterprise_id);
CREATE UNIQUE INDEX ix_enforcement_actions_reference ON public.enforcement_actions USING btree (reference);
CREATE UNIQUE INDEX ix_enterprises_credit_code ON public.enterprises USING btree (credit_code);
CREATE INDEX ix_enterprises_department_code ON public.enterprises USING btree (department_code);
CREATE INDEX ix_enterprises_location ON public.enterprises USING gist (location);
CREATE INDEX ix_enterprises_sector ON public.enterprises USING btree (sector);
CREATE INDEX ix_enterprises_township_code_sector ON public.enterprises USING btree (township_code, sector);
CREATE INDEX ix_hazards_enterprise_id_found_on ON public.hazards USING btree (enterprise_id, found_on);
CREATE INDEX ix_hazards_found_on ON public.hazards USING btree (found_on);
CREATE INDEX ix_hazards_inspection_id ON public.hazards USING btree (inspection_id);
CREATE INDEX ix_hazards_open_until ON public.hazards USING btree (COALESCE(LEAST(rectified_on, closed_on), 'infinity'::date), found_on) INCLUDE (enterprise_id, level, deadline, sector, rectified_on, closed_on);
CREATE UNIQUE INDEX ix_hazards_reference ON public.hazards USING btree (reference);
CREATE INDEX ix_hazards_township_code_open_until ON public.hazards USING btree (township_code, COALESCE(LEAST(rectified_on, closed_on), 'infinity'::date), found_on) INCLUDE (sector, level, deadline, enterprise_id, rectified_on, closed_on, deadline_extended, id);
CREATE INDEX ix_inspections_date ON public.inspections USING btree (date);
CREATE INDEX ix_inspections_enterprise_id_date ON public.inspections USING btree (enterprise_id, date);
CREATE UNIQUE INDEX ix_inspections_reference ON public.inspections USING btree (reference);
CREATE UNIQUE INDEX ix_leader_assignments_township_code_leader_name ON public.leader_assignments USING btree (township_code, leader_name);
CREATE INDEX ix_role_claims_role_id ON public.role_claims USING btree (role_id);
CREATE INDEX ix_township_parts_part ON public.township_parts USING gist (part);
CREATE INDEX ix_township_parts_township_code ON public.township_parts USING btree (township_code);
CREATE INDEX ix_townships_boundary ON public.townships USING gist (boundary);
CREATE INDEX ix_townships_district_code ON public.townships USING btree (district_code);
CREATE INDEX ix_user_claims_user_id ON public.user_claims USING btree (user_id);
CREATE INDEX ix_user_logins_user_id ON public.user_logins USING btree (user_id);
CREATE INDEX ix_user_roles_role_id ON public.user_roles USING btree (role_id);
CREATE INDEX ix_user_sessions_user_id ON public.user_sessions USING btree (user_id);
CREATE INDEX ix_user_townships_township_code ON public.user_townships USING btree (township_code);
CREATE INDEX ix_users_department_code ON public.users USING btree (department_code);
CREATE TRIGGER enforcement_actions_assign_reference BEFORE INSERT OR UPDATE OF reference ON public.enforcement_actions FOR EACH ROW EXECUTE FUNCTION public.riskmap_assign_reference('RM-ENF-');
CREATE TRIGGER hazards_assign_reference BEFORE INSERT OR UPDATE OF reference ON public.hazards FOR EACH ROW EXECUTE FUNCTION public.riskmap_assign_reference('RM-HZ-');
CREATE TRIGGER inspections_assign_reference BEFORE INSERT OR UPDATE OF reference ON public.inspections FOR EACH ROW EXECUTE FUNCTION public.riskmap_assign_reference('RM-INS-');
CREATE TRIGGER tr_audit_log_append_only BEFORE DELETE OR UPDATE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION public.riskmap_audit_log_is_append_only();
CREATE TRIGGER tr_audit_log_no_truncate BEFORE TRUNCATE ON public.audit_log FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_audit_log_is_append_only();
CREATE TRIGGER tr_campaign_publication_records_immutable BEFORE DELETE OR UPDATE ON public.campaign_publication_records FOR EACH ROW EXECUTE FUNCTION public.riskmap_campaign_publications_are_immutable();
CREATE TRIGGER tr_campaign_publication_records_no_truncate BEFORE TRUNCATE ON public.campaign_publication_records FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_campaign_publications_are_immutable();
CREATE TRIGGER tr_campaign_publications_immutable BEFORE DELETE OR UPDATE ON public.campaign_publications FOR EACH ROW EXECUTE FUNCTION public.riskmap_campaign_publications_are_immutable();
CREATE TRIGGER tr_campaign_publications_no_truncate BEFORE TRUNCATE ON public.campaign_publications FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_campaign_publications_are_immutable();
CREATE TRIGGER tr_districts_data_versions AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.districts FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions();
CREATE TRIGGER tr_enterprises_assign_township BEFORE INSERT OR UPDATE OF location, township_code ON public.enterprises FOR EACH ROW EXECUTE FUNCTION public.riskmap_enterprises_assign_township();
CREATE TRIGGER tr_enterprises_counts_delete AFTER DELETE ON public.enterprises REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_enterprise_counts_change();
CREATE TRIGGER tr_enterprises_counts_insert AFTER INSERT ON public.enterprises REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_enterprise_counts_change();
CREATE TRIGGER tr_enterprises_counts_truncate AFTER TRUNCATE ON public.enterprises FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_enterprise_counts_truncate();
CREATE TRIGGER tr_enterprises_counts_update AFTER UPDATE ON public.enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_enterprise_counts_change();
CREATE TRIGGER tr_enterprises_data_versions_delete AFTER DELETE ON public.enterprises REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('township_code');
CREATE TRIGGER tr_enterprises_data_versions_insert AFTER INSERT ON public.enterprises REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('township_code');
CREATE TRIGGER tr_enterprises_data_versions_truncate AFTER TRUNCATE ON public.enterprises FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions();
CREATE TRIGGER tr_enterprises_data_versions_update AFTER UPDATE ON public.enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('township_code');
CREATE TRIGGER tr_enterprises_township_to_hazards AFTER UPDATE ON public.enterprises FOR EACH ROW WHEN (((old.township_code)::text IS DISTINCT FROM (new.township_code)::text)) EXECUTE FUNCTION public.riskmap_enterprises_township_to_hazards();
CREATE TRIGGER tr_hazards_data_versions_delete AFTER DELETE ON public.hazards REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('township_code');
CREATE TRIGGER tr_hazards_data_versions_insert AFTER INSERT ON public.hazards REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('township_code');
CREATE TRIGGER tr_hazards_data_versions_truncate AFTER TRUNCATE ON public.hazards FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions();
CREATE TRIGGER tr_hazards_data_versions_update AFTER UPDATE ON public.hazards REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('township_code');
CREATE TRIGGER tr_hazards_township BEFORE INSERT OR UPDATE OF enterprise_id, township_code ON public.hazards FOR EACH ROW EXECUTE FUNCTION public.riskmap_hazards_township();
CREATE TRIGGER tr_townships_data_versions_delete AFTER DELETE ON public.townships REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('code');
CREATE TRIGGER tr_townships_data_versions_insert AFTER INSERT ON public.townships REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('code');
CREATE TRIGGER tr_townships_data_versions_truncate AFTER TRUNCATE ON public.townships FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions();
CREATE TRIGGER tr_townships_data_versions_update AFTER UPDATE ON public.townships REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('code');
CREATE TRIGGER tr_townships_subdivide AFTER INSERT OR UPDATE OF boundary ON public.townships FOR EACH ROW EXECUTE FUNCTION public.riskmap_townships_subdivide();
ALTER TABLE ONLY public.campaign_publication_records
    ADD CONSTRAINT campaign_publication_records_publication_id_fkey FOREIGN KEY (publication_id) REFERENCES public.campaign_publications(id);
ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT fk_api_tokens_users_user_id FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.deadline_extensions
    ADD CONSTRAINT fk_deadline_extensions_hazards_hazard_id FOREIGN KEY (hazard_id) REFERENCES public.hazards(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.depots
    ADD CONSTRAINT fk_depots_districts_district_code FOREIGN KEY (district_code) REFERENCES public.districts(code) ON DELETE CASCADE;
ALTER TABLE ONLY public.depots
    ADD CONSTRAINT fk_depots_townships_township_code FOREIGN KEY (township_code) REFERENCES public.townships(code) ON DELETE SET NULL;
ALTER TABLE ONLY public.enforcement_actions
    ADD CONSTRAINT fk_enforcement_actions_enterprises_enterprise_id FOREIGN KEY (enterprise_id) REFERENCES public.enterprises(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.enterprises
    ADD CONSTRAINT fk_enterprises_departments_department_code FOREIGN KEY (department_code) REFERENCES public.departments(code) ON DELETE RESTRICT;
ALTER TABLE ONLY public.enterprises
    ADD CONSTRAINT fk_enterprises_townships_township_code FOREIGN KEY (township_code) REFERENCES public.townships(code) ON DELETE SET NULL;
ALTER TABLE ONLY public.hazards
    ADD CONSTRAINT fk_hazards_enterprises_enterprise_id FOREIGN KEY (enterprise_id) REFERENCES public.enterprises(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.hazards
    ADD CONSTRAINT fk_hazards_inspections_inspection_id FOREIGN KEY (inspection_id) REFERENCES public.inspections(id) ON DELETE SET NULL;
ALTER TABLE ONLY public.inspections
    ADD CONSTRAINT fk_inspections_enterprises_enterprise_id FOREIGN KEY (enterprise_id) REFERENCES public.enterprises(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.leader_assignments
    ADD CONSTRAINT fk_leader_assignments_townships_township_code FOREIGN KEY (township_code) REFERENCES public.townships(code) ON DELETE CASCADE;
ALTER TABLE ONLY public.role_claims
    ADD CONSTRAINT fk_role_claims_roles_role_id FOREIGN KEY (role_id) REFERENCES public.roles(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.schedule_settings
    ADD CONSTRAINT fk_schedule_settings_districts_district_code FOREIGN KEY (district_code) REFERENCES public.districts(code) ON DELETE CASCADE;
ALTER TABLE ONLY public.townships
    ADD CONSTRAINT fk_townships_districts_district_code FOREIGN KEY (district_code) REFERENCES public.districts(code) ON DELETE RESTRICT;
ALTER TABLE ONLY public.user_claims
    ADD CONSTRAINT fk_user_claims_users_user_id FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.user_logins
    ADD CONSTRAINT fk_user_logins_users_user_id FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.user_roles
    ADD CONSTRAINT fk_user_roles_roles_role_id FOREIGN KEY (role_id) REFERENCES public.roles(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.user_roles
    ADD CONSTRAINT fk_user_roles_users_user_id FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.user_sessions
    ADD CONSTRAINT fk_user_sessions_users_user_id FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.user_tokens
    ADD CONSTRAINT fk_user_tokens_users_user_id FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.user_townships
    ADD CONSTRAINT fk_user_townships_townships_township_code FOREIGN KEY (township_code) REFERENCES public.townships(code) ON DELETE CASCADE;
ALTER TABLE ONLY public.user_townships
    ADD CONSTRAINT fk_user_townships_users_user_id FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.users
    ADD CONSTRAINT fk_users_departments_department_code FOREIGN KEY (department_code) REFERENCES public.departments(code) ON DELETE RESTRICT;
ALTER TABLE ONLY public.township_parts
    ADD CONSTRAINT township_parts_township_code_fkey FOREIGN KEY (township_code) REFERENCES public.townships(code) ON DELETE CASCADE;
