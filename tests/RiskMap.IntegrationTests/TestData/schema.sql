CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';
CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public;
COMMENT ON EXTENSION postgis IS 'PostGIS geometry and geography spatial types and functions';
CREATE EXTENSION IF NOT EXISTS pgrouting WITH SCHEMA public;
COMMENT ON EXTENSION pgrouting IS 'pgRouting Extension';
CREATE FUNCTION public.riskmap_api_tokens_notify_revoked() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.revoked_at IS DISTINCT FROM OLD.revoked_at OR NEW.expires_at IS DISTINCT FROM OLD.expires_at THEN
        PERFORM pg_notify('riskmap_api_token_revoked', OLD.token_hash);
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION public.riskmap_areas_location_quality() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM riskmap_location_quality_refresh(NULL);
    RETURN NULL;
END $$;
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
CREATE FUNCTION public.riskmap_enterprises_location_quality() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    ids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT a.id) INTO ids FROM (
            SELECT n.id FROM new_rows n
            UNION SELECT o.id FROM new_rows n JOIN enterprises o ON o.location && n.location AND o.location = n.location) a;
    ELSIF TG_OP = 'UPDATE' THEN
        WITH changed AS (
            SELECT n.id, n.location AS new_location, o.location AS old_location
            FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE n.location IS DISTINCT FROM o.location OR n.address IS DISTINCT FROM o.address
               OR n.township_code IS DISTINCT FROM o.township_code)
        SELECT array_agg(DISTINCT a.id) INTO ids FROM (
            SELECT c.id FROM changed c
            UNION SELECT e.id FROM changed c JOIN enterprises e ON e.location && c.new_location AND e.location = c.new_location
            UNION SELECT e.id FROM changed c JOIN enterprises e ON e.location && c.old_location AND e.location = c.old_location) a;
    ELSE
        SELECT array_agg(DISTINCT e.id) INTO ids
        FROM old_rows o JOIN enterprises e ON e.location && o.location AND e.location = o.location;
    END IF;
    IF ids IS NOT NULL THEN
        PERFORM riskmap_location_quality_refresh(ids);
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION public.riskmap_enterprises_merge(p_survivor bigint, p_merged bigint) RETURNS TABLE(table_name text, column_name text, moved bigint)
    LANGUAGE plpgsql
    AS $_$
DECLARE
    fk record;
    n bigint;
BEGIN
    INSERT INTO enterprise_distinct_pairs (first_id, second_id, decided_at, decided_by)
    SELECT least(p.other, p_survivor), greatest(p.other, p_survivor), p.decided_at, p.decided_by
    FROM (SELECT CASE WHEN d.first_id = p_merged THEN d.second_id ELSE d.first_id END AS other, d.decided_at, d.decided_by
          FROM enterprise_distinct_pairs d WHERE p_merged IN (d.first_id, d.second_id)) p
    WHERE p.other <> p_survivor
    ON CONFLICT DO NOTHING;
    DELETE FROM enterprise_distinct_pairs d WHERE p_merged IN (d.first_id, d.second_id);
    FOR fk IN
        SELECT c.conrelid::regclass::text AS tab, a.attname::text AS col
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.confrelid = 'enterprises'::regclass AND cardinality(c.conkey) = 1
          AND c.conrelid <> 'enterprise_distinct_pairs'::regclass
        ORDER BY 1, 2
    LOOP
        EXECUTE format('UPDATE %s SET %I = $1 WHERE %I = $2', fk.tab, fk.col, fk.col) USING p_survivor, p_merged;
        GET DIAGNOSTICS n = ROW_COUNT;
        table_name := fk.tab;
        column_name := fk.col;
        moved := n;
        RETURN NEXT;
    END LOOP;
    DELETE FROM enterprises WHERE id = p_merged;
END $_$;
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
    CONSTRAINT ck_hazards_plan_funds CHECK (((plan_funds_yuan IS NULL) OR (plan_funds_yuan >= (0)::numeric)))
    CONSTRAINT ck_hazards_rectified CHECK (((rectified_on IS NULL) OR (rectified_on >= found_on)))
    CONSTRAINT ck_hazards_rectifying CHECK (((rectifying_on IS NULL) OR ((rectifying_on >= found_on) AND (rectifying_on <= COALESCE(rectified_on, closed_on, rectifying_on)))))
    CONSTRAINT ck_hazards_sector CHECK (((sector)::text = ANY ((ARRAY['gas'::character varying, 'fireworks'::character varying, 'hazardous_chemicals'::character varying, 'non_coal_mines'::character varying, 'road_traffic'::character varying, 'construction'::character varying, 'fire_safety'::character varying, 'industry_trade'::character varying, 'special_equipment'::character varying])::text[])))
    CONSTRAINT ck_hazards_status_dates CHECK (((((status)::text = ANY ((ARRAY['Open'::character varying, 'Rectifying'::character varying])::text[])) AND (rectified_on IS NULL) AND (closed_on IS NULL)) OR (((status)::text = 'Rectified'::text) AND (rectified_on IS NOT NULL) AND (closed_on IS NULL)) OR (((status)::text = 'Closed'::text) AND (closed_on IS NOT NULL))))
    CONSTRAINT ck_hazards_supervision_delisted CHECK (((supervision_delisted_on IS NULL) OR (supervision_delisted_on >= supervision_listed_on)))
    close_document_number character varying(64)
    closed_on date
    criterion_clause character varying(64)
    deadline date NOT NULL
    deadline_extended boolean DEFAULT false NOT NULL
    description character varying(1000) NOT NULL
    enterprise_id bigint NOT NULL
    found_on date NOT NULL
    id bigint NOT NULL
    inspection_id bigint
    level character varying(16) NOT NULL
    plan_completion_on date
    plan_funds_yuan numeric(14,2)
    plan_interim_measures character varying(1000)
    plan_measures character varying(1000)
    plan_owner character varying(100)
    rectified_by character varying(256)
    rectified_on date
    rectifying_on date
    reference character varying(64) NOT NULL
    responsible_person character varying(100)
    sector character varying(32) NOT NULL
    source character varying(64) DEFAULT 'DepartmentInspection'::character varying NOT NULL
    status character varying(16) NOT NULL
    supervised boolean NOT NULL
    supervising_unit character varying(100)
    supervision_delisted_on date
    supervision_level character varying(16)
    supervision_listed_on date
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
CREATE FUNCTION public.riskmap_location_quality_of(p_id bigint, p_location public.geometry, p_address text, p_township_code text) RETURNS smallint
    LANGUAGE sql STABLE
    AS $$
    SELECT (
        CASE WHEN (SELECT count(*) FROM (
                    SELECT 1 FROM enterprises o
                    WHERE o.location && p_location AND o.location = p_location AND o.id <> p_id
                    LIMIT 3) s) >= 3 THEN 1 ELSE 0 END
        | CASE WHEN EXISTS (
                    SELECT 1 FROM townships t
                    WHERE ST_DWithin(t.label_point, p_location, 0.001)
                      AND ST_DWithin(t.label_point::geography, p_location::geography, 50))
                 OR EXISTS (
                    SELECT 1 FROM townships own JOIN districts d ON d.code = own.district_code
                    WHERE own.code = p_township_code
                      AND ST_DWithin(ST_Centroid(d.boundary)::geography, p_location::geography, 50)) THEN 2 ELSE 0 END
        | CASE WHEN abs(ST_X(p_location) * 1000 - round(ST_X(p_location) * 1000)) < 1e-6
                AND abs(ST_Y(p_location) * 1000 - round(ST_Y(p_location) * 1000)) < 1e-6 THEN 4 ELSE 0 END
        | CASE WHEN p_address IS NOT NULL AND EXISTS (
                    SELECT 1 FROM townships own JOIN townships other ON other.district_code = own.district_code AND other.code <> own.code
                    WHERE own.code = p_township_code
                      AND strpos(p_address, other.name) > 0 AND strpos(p_address, own.name) = 0) THEN 8 ELSE 0 END
    )::smallint
$$;
CREATE FUNCTION public.riskmap_location_quality_refresh(p_ids bigint[]) RETURNS bigint
    LANGUAGE plpgsql
    AS $$
DECLARE
    ids bigint[];
    flags smallint[];
    n bigint;
BEGIN
    -- Two statements rather than "p_ids IS NULL OR id = ANY (p_ids)", so that a few ids are found through the primary key.
    IF p_ids IS NULL THEN
        SELECT array_agg(q.id), array_agg(q.flags) INTO ids, flags
        FROM (SELECT e.id, e.location_quality, riskmap_location_quality_of(e.id, e.location, e.address, e.township_code) AS flags
              FROM enterprises e) q
        WHERE q.location_quality IS DISTINCT FROM q.flags;
    ELSE
        SELECT array_agg(q.id), array_agg(q.flags) INTO ids, flags
        FROM (SELECT e.id, e.location_quality, riskmap_location_quality_of(e.id, e.location, e.address, e.township_code) AS flags
              FROM enterprises e WHERE e.id = ANY (p_ids)) q
        WHERE q.location_quality IS DISTINCT FROM q.flags;
    END IF;
    -- No UPDATE when nothing changed: its statement triggers (data versions, counters) would fire for zero rows.
    IF ids IS NULL THEN
        RETURN 0;
    END IF;
    UPDATE enterprises e SET location_quality = c.flags FROM unnest(ids, flags) AS c(id, flags) WHERE e.id = c.id;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$;
CREATE FUNCTION public.riskmap_township_of(p public.geometry) RETURNS character varying
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT tp.township_code FROM township_parts tp WHERE ST_Covers(tp.part, p) ORDER BY tp.township_code LIMIT 1
$$;
CREATE FUNCTION public.riskmap_township_record_days_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
DECLARE
    days text;
    stale varchar[];
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM riskmap_township_record_days_refresh(NULL);
        RETURN NULL;
    END IF;
    -- (id, township_code, first_day, last_day) of the rows of a transition table, %1$I.
    days := CASE TG_TABLE_NAME
        WHEN 'hazards' THEN 'SELECT r.id, r.township_code, r.found_on AS first_day, greatest(r.found_on, r.rectified_on, r.closed_on) AS last_day FROM %1$I r'
        ELSE 'SELECT r.id, e.township_code, r.date AS first_day, r.date AS last_day FROM %1$I r JOIN enterprises e ON e.id = r.enterprise_id' END;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        EXECUTE format($sql$
            SELECT array_agg(DISTINCT o.township_code)
            FROM (%s %s) o
            JOIN township_record_days d ON d.township_code = o.township_code
            WHERE o.first_day <= d.first_day OR o.last_day >= d.last_day
            $sql$, format(days, 'old_rows'), CASE WHEN TG_OP = 'UPDATE' THEN 'EXCEPT ' || format(days, 'new_rows') ELSE '' END)
        INTO stale;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        EXECUTE format($sql$
            INSERT INTO township_record_days AS d (township_code, first_day, last_day)
            SELECT n.township_code, min(n.first_day), max(n.last_day)
            FROM (%s) n
            WHERE n.township_code IS NOT NULL
            GROUP BY n.township_code
            ORDER BY n.township_code
            ON CONFLICT (township_code) DO UPDATE
                SET first_day = least(d.first_day, EXCLUDED.first_day), last_day = greatest(d.last_day, EXCLUDED.last_day)
                WHERE EXCLUDED.first_day < d.first_day OR EXCLUDED.last_day > d.last_day
            $sql$, format(days, 'new_rows'));
    END IF;
    IF stale IS NOT NULL THEN
        PERFORM riskmap_township_record_days_refresh(stale);
    END IF;
    RETURN NULL;
END $_$;
CREATE FUNCTION public.riskmap_township_record_days_enterprises() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    moved varchar[];
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT o.township_code) INTO moved FROM old_rows o WHERE o.township_code IS NOT NULL;
    ELSE
        SELECT array_agg(DISTINCT c.code) INTO moved
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES (o.township_code), (n.township_code)) AS c(code)
        WHERE o.township_code IS DISTINCT FROM n.township_code AND c.code IS NOT NULL;
    END IF;
    IF moved IS NOT NULL THEN
        PERFORM riskmap_township_record_days_refresh(moved);
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION public.riskmap_township_record_days_refresh(p_codes character varying[]) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM township_record_days WHERE p_codes IS NULL OR township_code = ANY(p_codes);
    INSERT INTO township_record_days (township_code, first_day, last_day)
    SELECT e.township_code, min(r.first_day), max(r.last_day)
    FROM enterprises e
    CROSS JOIN LATERAL (
        SELECT i.date AS first_day, i.date AS last_day FROM inspections i WHERE i.enterprise_id = e.id
        UNION ALL SELECT h.found_on, greatest(h.found_on, h.rectified_on, h.closed_on) FROM hazards h WHERE h.enterprise_id = e.id
        UNION ALL SELECT a.date, a.date FROM enforcement_actions a WHERE a.enterprise_id = e.id
    ) r
    WHERE e.township_code IS NOT NULL AND (p_codes IS NULL OR e.township_code = ANY(p_codes))
    GROUP BY e.township_code;
END $$;
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
CREATE TABLE public.attachment_blobs (
    CONSTRAINT ck_attachment_blobs_sha256 CHECK (((sha256)::text ~ '^[0-9a-f]{64}$'::text))
    content bytea NOT NULL
    media_type character varying(32) NOT NULL
    sha256 character varying(64) NOT NULL
    size_bytes bigint NOT NULL
    stored_at timestamp with time zone NOT NULL
    thumbnail bytea
);
CREATE TABLE public.attachments (
    file_name character varying(255) NOT NULL
    hazard_id bigint NOT NULL
    id bigint NOT NULL
    kind character varying(16) NOT NULL
    sha256 character varying(64) NOT NULL
    taken_at timestamp without time zone
    taken_where public.geometry(Point,4326)
    uploaded_at timestamp with time zone NOT NULL
    uploaded_by character varying(256) NOT NULL
);
ALTER TABLE public.attachments ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.attachments_id_seq
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
CREATE TABLE public.data_protection_keys (
    friendly_name text
    id integer NOT NULL
    xml text
);
ALTER TABLE public.data_protection_keys ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.data_protection_keys_id_seq
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
    demo boolean DEFAULT false NOT NULL
    name character varying(100) NOT NULL
    outline_from_townships boolean DEFAULT false NOT NULL
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
CREATE TABLE public.enterprise_distinct_pairs (
    CONSTRAINT ck_enterprise_distinct_pairs_order CHECK ((first_id < second_id))
    decided_at timestamp with time zone DEFAULT now() NOT NULL
    decided_by text NOT NULL
    first_id bigint NOT NULL
    second_id bigint NOT NULL
);
CREATE TABLE public.enterprises (
    CONSTRAINT ck_enterprises_credit_code CHECK (public.riskmap_credit_code_is_valid((credit_code)::text))
    CONSTRAINT ck_enterprises_location CHECK ((((public.st_x(location) >= ('-180'::integer)::double precision) AND (public.st_x(location) <= (180)::double precision)) AND ((public.st_y(location) >= ('-90'::integer)::double precision) AND (public.st_y(location) <= (90)::double precision))))
    CONSTRAINT ck_enterprises_location_quality CHECK (((location_quality >= 0) AND (location_quality <= 15)))
    CONSTRAINT ck_enterprises_opening_hours CHECK ((((opens_at IS NULL) = (closes_at IS NULL)) AND ((opens_at IS NULL) OR (opens_at < closes_at))))
    CONSTRAINT ck_enterprises_sector CHECK (((sector)::text = ANY ((ARRAY['gas'::character varying, 'fireworks'::character varying, 'hazardous_chemicals'::character varying, 'non_coal_mines'::character varying, 'road_traffic'::character varying, 'construction'::character varying, 'fire_safety'::character varying, 'industry_trade'::character varying, 'special_equipment'::character varying])::text[])))
    above_scale boolean NOT NULL
    address character varying(300)
    closes_at time without time zone
    credit_code character varying(18) NOT NULL
    department_code character varying(32)
    id bigint NOT NULL
    location public.geometry(Point,4326) NOT NULL
    location_quality smallint DEFAULT 0 NOT NULL
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
CREATE TABLE public.error_reports (
    CONSTRAINT ck_error_reports_decision CHECK (((((status)::text = 'Open'::text) AND (decided_at IS NULL)) OR (((status)::text <> 'Open'::text) AND (decided_at IS NOT NULL) AND (decided_by IS NOT NULL) AND (((status)::text <> 'Rejected'::text) OR (decision_reason IS NOT NULL)))))
    CONSTRAINT ck_error_reports_subject CHECK (((((subject)::text = 'Enterprise'::text) AND (enterprise_id IS NOT NULL) AND (hazard_id IS NULL) AND (township_code IS NULL)) OR (((subject)::text = 'Hazard'::text) AND (enterprise_id IS NOT NULL) AND (hazard_id IS NOT NULL) AND (township_code IS NULL)) OR (((subject)::text = 'Township'::text) AND (enterprise_id IS NULL) AND (hazard_id IS NULL) AND (township_code IS NOT NULL))))
    decided_at timestamp with time zone
    decided_by character varying(256)
    decision_reason character varying(1000)
    enterprise_id bigint
    hazard_id bigint
    id bigint NOT NULL
    proposed_location public.geometry(Point,4326)
    reported_at timestamp with time zone NOT NULL
    reporter_id character varying(256) NOT NULL
    reporter_name character varying(256) NOT NULL
    status character varying(16) NOT NULL
    subject character varying(16) NOT NULL
    text character varying(1000) NOT NULL
    township_code character varying(9)
);
ALTER TABLE public.error_reports ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.error_reports_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.extension_requests (
    beyond_one_year_reason character varying(1000)
    decided_at timestamp with time zone
    decided_by character varying(256)
    decision_reason character varying(1000)
    hazard_id bigint NOT NULL
    id bigint NOT NULL
    reason character varying(1000) NOT NULL
    requested_at timestamp with time zone NOT NULL
    requested_by character varying(256) NOT NULL
    requested_deadline date NOT NULL
    state character varying(16) NOT NULL
);
ALTER TABLE public.extension_requests ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.extension_requests_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.field_assignments (
    CONSTRAINT field_assignments_team_check CHECK (((team >= 1) AND (team <= 100)))
    assigned_at timestamp with time zone NOT NULL
    assigned_by text NOT NULL
    day date NOT NULL
    inspector text NOT NULL
    plan_id character varying(64) NOT NULL
    team integer NOT NULL
);
CREATE TABLE public.hazard_acceptances (
    CONSTRAINT ck_hazard_acceptances_pass_document CHECK ((((result)::text <> 'Pass'::text) OR (document_number IS NOT NULL)))
    accepted_by character varying(256) NOT NULL
    accepted_on date NOT NULL
    document_number character varying(64)
    hazard_id bigint NOT NULL
    id bigint NOT NULL
    note character varying(2000)
    recorded_at timestamp with time zone NOT NULL
    result character varying(16) NOT NULL
);
ALTER TABLE public.hazard_acceptances ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.hazard_acceptances_id_seq
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
CREATE TABLE public.idempotency_keys (
    CONSTRAINT idempotency_keys_request_sha256_check CHECK ((length(request_sha256) = 32))
    CONSTRAINT idempotency_keys_status_check CHECK (((status >= 200) AND (status <= 299)))
    created_at timestamp with time zone NOT NULL
    endpoint text NOT NULL
    key character varying(255) NOT NULL
    location text
    request_sha256 bytea NOT NULL
    response_body text
    status integer
    user_name text NOT NULL
);
CREATE TABLE public.import_jobs (
    CONSTRAINT ck_import_jobs_state CHECK (((state)::text = ANY ((ARRAY['Queued'::character varying, 'Running'::character varying, 'Succeeded'::character varying, 'Rejected'::character varying, 'Failed'::character varying, 'Cancelled'::character varying])::text[])))
    cancel_requested boolean NOT NULL
    created_at timestamp with time zone NOT NULL
    failure text
    failure_code character varying(100)
    finished_at timestamp with time zone
    heartbeat timestamp with time zone
    id character varying(32) NOT NULL
    outcome jsonb
    owner character varying(200)
    progress jsonb NOT NULL
    request jsonb NOT NULL
    started_by text
    state character varying(16) NOT NULL
    upload_id character varying(32) NOT NULL
);
CREATE TABLE public.import_runs (
    demo boolean NOT NULL
    department_code character varying(32)
    file_name character varying(255) NOT NULL
    finished_at timestamp with time zone NOT NULL
    id bigint NOT NULL
    kind character varying(16) NOT NULL
    rows integer NOT NULL
);
ALTER TABLE public.import_runs ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.import_runs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.import_uploads (
    content bytea NOT NULL
    expires_at timestamp with time zone NOT NULL
    file_name character varying(255) NOT NULL
    id character varying(32) NOT NULL
    size_bytes bigint NOT NULL
    stored_at timestamp with time zone NOT NULL
);
CREATE TABLE public.inspection_positions (
    CONSTRAINT inspection_positions_accuracy_metres_check CHECK ((accuracy_metres >= (0)::double precision))
    CONSTRAINT inspection_positions_distance_metres_check CHECK ((distance_metres >= (0)::double precision))
    accuracy_metres double precision NOT NULL
    distance_metres double precision NOT NULL
    far_from_enterprise boolean NOT NULL
    inspection_id bigint NOT NULL
    location public.geometry(Point,4326) NOT NULL
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
CREATE TABLE public.notification_webhooks (
    CONSTRAINT notification_webhooks_check CHECK (((user_id IS NULL) <> (township_code IS NULL)))
    CONSTRAINT notification_webhooks_kind_check CHECK (((kind)::text = ANY ((ARRAY['WeCom'::character varying, 'DingTalk'::character varying])::text[])))
    CONSTRAINT notification_webhooks_url_check CHECK ((url ~ '^https?://'::text))
    created_at timestamp with time zone NOT NULL
    created_by text NOT NULL
    id bigint NOT NULL
    kind character varying(16) NOT NULL
    secret text
    township_code character varying(9)
    url text NOT NULL
    user_id text
);
ALTER TABLE public.notification_webhooks ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.notification_webhooks_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.notifications (
    CONSTRAINT notifications_kind_check CHECK (((kind)::text = ANY ((ARRAY['DueSoon'::character varying, 'Overdue'::character varying, 'MajorHazard'::character varying, 'AcceptanceRequested'::character varying, 'ExtensionDecided'::character varying, 'SupervisedListed'::character varying])::text[])))
    created_at timestamp with time zone NOT NULL
    day date NOT NULL
    deadline date NOT NULL
    hazard_id bigint NOT NULL
    id bigint NOT NULL
    kind character varying(32) NOT NULL
    read_at timestamp with time zone
    user_id text NOT NULL
);
ALTER TABLE public.notifications ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.notifications_id_seq
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
CREATE TABLE public.road_class_speeds (
    CONSTRAINT road_class_speeds_speed_kmh_check CHECK ((speed_kmh > (0)::double precision))
    district_code text NOT NULL
    road_class text NOT NULL
    speed_kmh double precision NOT NULL
);
CREATE TABLE public.road_edges (
    CONSTRAINT road_edges_length_m_check CHECK ((length_m >= (0)::double precision))
    CONSTRAINT road_edges_speed_kmh_check CHECK ((speed_kmh > (0)::double precision))
    cost double precision NOT NULL
    district_code text NOT NULL
    feature integer NOT NULL
    geom public.geometry(LineString,4326) NOT NULL
    id bigint NOT NULL
    length_m double precision NOT NULL
    name text
    reverse_cost double precision NOT NULL
    road_class text NOT NULL
    source bigint NOT NULL
    speed_kmh double precision NOT NULL
    target bigint NOT NULL
);
ALTER TABLE public.road_edges ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.road_edges_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.road_vertices (
    district_code text NOT NULL
    geom public.geometry(Point,4326) NOT NULL
    id bigint NOT NULL
);
ALTER TABLE public.road_vertices ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.road_vertices_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
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
CREATE TABLE public.route_plans (
    created_at timestamp with time zone NOT NULL
    expires_at timestamp with time zone NOT NULL
    id character varying(32) NOT NULL
    owner character varying(450) NOT NULL
    plan jsonb NOT NULL
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
CREATE TABLE public.township_record_days (
    first_day date NOT NULL
    last_day date NOT NULL
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
CREATE TABLE public.webhook_attempts (
    at timestamp with time zone NOT NULL
    attempt integer NOT NULL
    delivery_id bigint NOT NULL
    duration_ms integer NOT NULL
    error text
    http_status integer
    id bigint NOT NULL
    succeeded boolean NOT NULL
);
ALTER TABLE public.webhook_attempts ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.webhook_attempts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.webhook_deliveries (
    CONSTRAINT webhook_deliveries_status_check CHECK (((status)::text = ANY ((ARRAY['Pending'::character varying, 'Delivered'::character varying, 'Failed'::character varying])::text[])))
    attempts integer DEFAULT 0 NOT NULL
    created_at timestamp with time zone NOT NULL
    day date NOT NULL
    delivered_at timestamp with time zone
    hazard_id bigint NOT NULL
    id bigint NOT NULL
    kind character varying(32) NOT NULL
    next_attempt_at timestamp with time zone NOT NULL
    notification_id bigint NOT NULL
    status character varying(16) DEFAULT 'Pending'::character varying NOT NULL
    webhook_id bigint NOT NULL
);
ALTER TABLE public.webhook_deliveries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.webhook_deliveries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
ALTER TABLE ONLY public.campaign_publication_records
    ADD CONSTRAINT campaign_publication_records_pkey PRIMARY KEY (publication_id, kind, record_id);
ALTER TABLE ONLY public.campaign_publications
    ADD CONSTRAINT campaign_publications_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.enterprise_distinct_pairs
    ADD CONSTRAINT enterprise_distinct_pairs_pkey PRIMARY KEY (first_id, second_id);
ALTER TABLE ONLY public.field_assignments
    ADD CONSTRAINT field_assignments_pkey PRIMARY KEY (plan_id, team);
ALTER TABLE ONLY public.idempotency_keys
    ADD CONSTRAINT idempotency_keys_pkey PRIMARY KEY (user_name, key);
ALTER TABLE ONLY public.inspection_positions
    ADD CONSTRAINT inspection_positions_pkey PRIMARY KEY (inspection_id);
ALTER TABLE ONLY public.notification_webhooks
    ADD CONSTRAINT notification_webhooks_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public."__EFMigrationsHistory"
    ADD CONSTRAINT pk___ef_migrations_history PRIMARY KEY (migration_id);
ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT pk_api_tokens PRIMARY KEY (id);
ALTER TABLE ONLY public.attachment_blobs
    ADD CONSTRAINT pk_attachment_blobs PRIMARY KEY (sha256);
ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT pk_attachments PRIMARY KEY (id);
ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT pk_audit_log PRIMARY KEY (id);
ALTER TABLE ONLY public.data_protection_keys
    ADD CONSTRAINT pk_data_protection_keys PRIMARY KEY (id);
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
ALTER TABLE ONLY public.error_reports
    ADD CONSTRAINT pk_error_reports PRIMARY KEY (id);
ALTER TABLE ONLY public.extension_requests
    ADD CONSTRAINT pk_extension_requests PRIMARY KEY (id);
ALTER TABLE ONLY public.hazard_acceptances
    ADD CONSTRAINT pk_hazard_acceptances PRIMARY KEY (id);
ALTER TABLE ONLY public.hazards
    ADD CONSTRAINT pk_hazards PRIMARY KEY (id);
ALTER TABLE ONLY public.import_jobs
    ADD CONSTRAINT pk_import_jobs PRIMARY KEY (id);
ALTER TABLE ONLY public.import_runs
    ADD CONSTRAINT pk_import_runs PRIMARY KEY (id);
ALTER TABLE ONLY public.import_uploads
    ADD CONSTRAINT pk_import_uploads PRIMARY KEY (id);
ALTER TABLE ONLY public.inspections
    ADD CONSTRAINT pk_inspections PRIMARY KEY (id);
ALTER TABLE ONLY public.leader_assignments
    ADD CONSTRAINT pk_leader_assignments PRIMARY KEY (id);
ALTER TABLE ONLY public.role_claims
    ADD CONSTRAINT pk_role_claims PRIMARY KEY (id);
ALTER TABLE ONLY public.roles
    ADD CONSTRAINT pk_roles PRIMARY KEY (id);
ALTER TABLE ONLY public.route_plans
    ADD CONSTRAINT pk_route_plans PRIMARY KEY (id);
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
ALTER TABLE ONLY public.road_class_speeds
    ADD CONSTRAINT road_class_speeds_pkey PRIMARY KEY (district_code, road_class);
ALTER TABLE ONLY public.road_edges
    ADD CONSTRAINT road_edges_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.road_vertices
    ADD CONSTRAINT road_vertices_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.township_enterprise_counts
    ADD CONSTRAINT township_enterprise_counts_pkey PRIMARY KEY (township_code, sector);
ALTER TABLE ONLY public.township_record_days
    ADD CONSTRAINT township_record_days_pkey PRIMARY KEY (township_code);
ALTER TABLE ONLY public.webhook_attempts
    ADD CONSTRAINT webhook_attempts_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (id);
CREATE INDEX "EmailIndex" ON public.users USING btree (normalized_email);
CREATE UNIQUE INDEX "RoleNameIndex" ON public.roles USING btree (normalized_name);
CREATE UNIQUE INDEX "UserNameIndex" ON public.users USING btree (normalized_user_name);
CREATE UNIQUE INDEX ix_api_tokens_token_hash ON public.api_tokens USING btree (token_hash);
CREATE INDEX ix_api_tokens_user_id ON public.api_tokens USING btree (user_id);
CREATE INDEX ix_attachments_hazard_id_kind ON public.attachments USING btree (hazard_id, kind);
CREATE INDEX ix_attachments_sha256 ON public.attachments USING btree (sha256);
CREATE INDEX ix_audit_log_at ON public.audit_log USING btree (at);
CREATE INDEX ix_audit_log_entity_type_entity_id_id ON public.audit_log USING btree (entity_type, entity_id, id);
CREATE INDEX ix_deadline_extensions_hazard_id_extended_on ON public.deadline_extensions USING btree (hazard_id, extended_on);
CREATE UNIQUE INDEX ix_depots_district_code_name ON public.depots USING btree (district_code, name);
CREATE INDEX ix_depots_township_code ON public.depots USING btree (township_code);
CREATE INDEX ix_districts_boundary ON public.districts USING gist (boundary);
CREATE INDEX ix_enforcement_actions_date_kind ON public.enforcement_actions USING btree (date, kind);
CREATE INDEX ix_enforcement_actions_enterprise_id ON public.enforcement_actions USING btree (enterprise_id);
CREATE UNIQUE INDEX ix_enforcement_actions_reference ON public.enforcement_actions USING btree (reference);
CREATE INDEX ix_enterprise_distinct_pairs_second_id ON public.enterprise_distinct_pairs USING btree (second_id);
CREATE INDEX ix_enterprises_address_trgm ON public.enterprises USING gin (address public.gin_trgm_ops);
CREATE UNIQUE INDEX ix_enterprises_credit_code ON public.enterprises USING btree (credit_code);
CREATE INDEX ix_enterprises_department_code ON public.enterprises USING btree (department_code);
CREATE INDEX ix_enterprises_location ON public.enterprises USING gist (location);
CREATE INDEX ix_enterprises_location_quality ON public.enterprises USING btree (location_quality) WHERE (location_quality <> 0);
CREATE INDEX ix_enterprises_name_trgm ON public.enterprises USING gin (name public.gin_trgm_ops);
CREATE INDEX ix_enterprises_sector ON public.enterprises USING btree (sector);
CREATE INDEX ix_enterprises_township_code_sector ON public.enterprises USING btree (township_code, sector);
CREATE INDEX ix_error_reports_enterprise_id ON public.error_reports USING btree (enterprise_id);
CREATE INDEX ix_error_reports_hazard_id ON public.error_reports USING btree (hazard_id);
CREATE INDEX ix_error_reports_reporter_id ON public.error_reports USING btree (reporter_id);
CREATE INDEX ix_error_reports_status_reported_at ON public.error_reports USING btree (status, reported_at);
CREATE INDEX ix_error_reports_township_code ON public.error_reports USING btree (township_code);
CREATE INDEX ix_field_assignments_inspector_day ON public.field_assignments USING btree (inspector, day);
CREATE INDEX ix_hazard_acceptances_hazard_id ON public.hazard_acceptances USING btree (hazard_id);
CREATE INDEX ix_hazards_enterprise_id_found_on ON public.hazards USING btree (enterprise_id, found_on);
CREATE INDEX ix_hazards_found_on ON public.hazards USING btree (found_on);
CREATE INDEX ix_hazards_inspection_id ON public.hazards USING btree (inspection_id);
CREATE INDEX ix_hazards_open_until ON public.hazards USING btree (COALESCE(LEAST(rectified_on, closed_on), 'infinity'::date), found_on) INCLUDE (enterprise_id, level, deadline, sector, rectified_on, closed_on);
CREATE UNIQUE INDEX ix_hazards_reference ON public.hazards USING btree (reference);
CREATE INDEX ix_hazards_township_code_open_until ON public.hazards USING btree (township_code, COALESCE(LEAST(rectified_on, closed_on), 'infinity'::date), found_on) INCLUDE (sector, level, deadline, enterprise_id, rectified_on, closed_on, deadline_extended, id);
CREATE INDEX ix_idempotency_keys_created_at ON public.idempotency_keys USING btree (created_at);
CREATE INDEX ix_import_jobs_state_created_at ON public.import_jobs USING btree (state, created_at);
CREATE INDEX ix_import_runs_kind_department_code_finished_at ON public.import_runs USING btree (kind, department_code, finished_at);
CREATE INDEX ix_import_uploads_expires_at ON public.import_uploads USING btree (expires_at);
CREATE INDEX ix_inspections_date ON public.inspections USING btree (date);
CREATE INDEX ix_inspections_enterprise_id_date ON public.inspections USING btree (enterprise_id, date);
CREATE UNIQUE INDEX ix_inspections_reference ON public.inspections USING btree (reference);
CREATE UNIQUE INDEX ix_leader_assignments_township_code_leader_name ON public.leader_assignments USING btree (township_code, leader_name);
CREATE INDEX ix_notification_webhooks_township_code ON public.notification_webhooks USING btree (township_code);
CREATE INDEX ix_notification_webhooks_user_id ON public.notification_webhooks USING btree (user_id);
CREATE INDEX ix_notifications_hazard_kind ON public.notifications USING btree (hazard_id, kind, user_id, day);
CREATE INDEX ix_notifications_unread ON public.notifications USING btree (user_id) WHERE (read_at IS NULL);
CREATE INDEX ix_notifications_user_id_id ON public.notifications USING btree (user_id, id DESC);
CREATE INDEX ix_road_edges_district ON public.road_edges USING btree (district_code);
CREATE INDEX ix_road_edges_geom ON public.road_edges USING gist (geom);
CREATE INDEX ix_road_vertices_district ON public.road_vertices USING btree (district_code);
CREATE INDEX ix_road_vertices_geom ON public.road_vertices USING gist (geom);
CREATE INDEX ix_role_claims_role_id ON public.role_claims USING btree (role_id);
CREATE INDEX ix_route_plans_expires_at ON public.route_plans USING btree (expires_at);
CREATE INDEX ix_route_plans_owner_created_at ON public.route_plans USING btree (owner, created_at);
CREATE INDEX ix_township_parts_part ON public.township_parts USING gist (part);
CREATE INDEX ix_township_parts_township_code ON public.township_parts USING btree (township_code);
CREATE INDEX ix_townships_boundary ON public.townships USING gist (boundary);
CREATE INDEX ix_townships_district_code ON public.townships USING btree (district_code);
CREATE INDEX ix_townships_label_point ON public.townships USING gist (label_point);
CREATE INDEX ix_user_claims_user_id ON public.user_claims USING btree (user_id);
CREATE INDEX ix_user_logins_user_id ON public.user_logins USING btree (user_id);
CREATE INDEX ix_user_roles_role_id ON public.user_roles USING btree (role_id);
CREATE INDEX ix_user_sessions_user_id ON public.user_sessions USING btree (user_id);
CREATE INDEX ix_user_townships_township_code ON public.user_townships USING btree (township_code);
CREATE INDEX ix_users_department_code ON public.users USING btree (department_code);
CREATE INDEX ix_webhook_attempts_delivery_id ON public.webhook_attempts USING btree (delivery_id, attempt);
CREATE INDEX ix_webhook_deliveries_pending ON public.webhook_deliveries USING btree (next_attempt_at) WHERE ((status)::text = 'Pending'::text);
CREATE UNIQUE INDEX ux_extension_requests_pending ON public.extension_requests USING btree (hazard_id) WHERE ((state)::text = 'Pending'::text);
CREATE UNIQUE INDEX ux_notifications_once ON public.notifications USING btree (user_id, hazard_id, kind, day);
CREATE UNIQUE INDEX ux_webhook_deliveries_once ON public.webhook_deliveries USING btree (webhook_id, hazard_id, kind, day);
CREATE TRIGGER enforcement_actions_assign_reference BEFORE INSERT OR UPDATE OF reference ON public.enforcement_actions FOR EACH ROW EXECUTE FUNCTION public.riskmap_assign_reference('RM-ENF-');
CREATE TRIGGER hazards_assign_reference BEFORE INSERT OR UPDATE OF reference ON public.hazards FOR EACH ROW EXECUTE FUNCTION public.riskmap_assign_reference('RM-HZ-');
CREATE TRIGGER inspections_assign_reference BEFORE INSERT OR UPDATE OF reference ON public.inspections FOR EACH ROW EXECUTE FUNCTION public.riskmap_assign_reference('RM-INS-');
CREATE TRIGGER tr_api_tokens_notify_revoked AFTER DELETE OR UPDATE ON public.api_tokens FOR EACH ROW EXECUTE FUNCTION public.riskmap_api_tokens_notify_revoked();
CREATE TRIGGER tr_audit_log_append_only BEFORE DELETE OR UPDATE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION public.riskmap_audit_log_is_append_only();
CREATE TRIGGER tr_audit_log_no_truncate BEFORE TRUNCATE ON public.audit_log FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_audit_log_is_append_only();
CREATE TRIGGER tr_campaign_publication_records_immutable BEFORE DELETE OR UPDATE ON public.campaign_publication_records FOR EACH ROW EXECUTE FUNCTION public.riskmap_campaign_publications_are_immutable();
CREATE TRIGGER tr_campaign_publication_records_no_truncate BEFORE TRUNCATE ON public.campaign_publication_records FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_campaign_publications_are_immutable();
CREATE TRIGGER tr_campaign_publications_immutable BEFORE DELETE OR UPDATE ON public.campaign_publications FOR EACH ROW EXECUTE FUNCTION public.riskmap_campaign_publications_are_immutable();
CREATE TRIGGER tr_campaign_publications_no_truncate BEFORE TRUNCATE ON public.campaign_publications FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_campaign_publications_are_immutable();
CREATE TRIGGER tr_districts_data_versions AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.districts FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions();
CREATE TRIGGER tr_districts_location_quality AFTER UPDATE OF boundary ON public.districts FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_areas_location_quality();
CREATE TRIGGER tr_enforcement_actions_record_days_delete AFTER DELETE ON public.enforcement_actions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_township_record_days_change();
CREATE TRIGGER tr_enforcement_actions_record_days_insert AFTER INSERT ON public.enforcement_actions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_township_record_days_change();
CREATE TRIGGER tr_enforcement_actions_record_days_truncate AFTER TRUNCATE ON public.enforcement_actions FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_township_record_days_change();
CREATE TRIGGER tr_enforcement_actions_record_days_update AFTER UPDATE ON public.enforcement_actions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_township_record_days_change();
CREATE TRIGGER tr_enterprises_assign_township BEFORE INSERT OR UPDATE OF location, township_code ON public.enterprises FOR EACH ROW EXECUTE FUNCTION public.riskmap_enterprises_assign_township();
CREATE TRIGGER tr_enterprises_counts_delete AFTER DELETE ON public.enterprises REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_enterprise_counts_change();
CREATE TRIGGER tr_enterprises_counts_insert AFTER INSERT ON public.enterprises REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_enterprise_counts_change();
CREATE TRIGGER tr_enterprises_counts_truncate AFTER TRUNCATE ON public.enterprises FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_enterprise_counts_truncate();
CREATE TRIGGER tr_enterprises_counts_update AFTER UPDATE ON public.enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_enterprise_counts_change();
CREATE TRIGGER tr_enterprises_data_versions_delete AFTER DELETE ON public.enterprises REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('township_code');
CREATE TRIGGER tr_enterprises_data_versions_insert AFTER INSERT ON public.enterprises REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('township_code');
CREATE TRIGGER tr_enterprises_data_versions_truncate AFTER TRUNCATE ON public.enterprises FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions();
CREATE TRIGGER tr_enterprises_data_versions_update AFTER UPDATE ON public.enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('township_code');
CREATE TRIGGER tr_enterprises_location_quality_delete AFTER DELETE ON public.enterprises REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_enterprises_location_quality();
CREATE TRIGGER tr_enterprises_location_quality_insert AFTER INSERT ON public.enterprises REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_enterprises_location_quality();
CREATE TRIGGER tr_enterprises_location_quality_update AFTER UPDATE ON public.enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_enterprises_location_quality();
CREATE TRIGGER tr_enterprises_record_days_delete AFTER DELETE ON public.enterprises REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_township_record_days_enterprises();
CREATE TRIGGER tr_enterprises_record_days_update AFTER UPDATE ON public.enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_township_record_days_enterprises();
CREATE TRIGGER tr_enterprises_township_to_hazards AFTER UPDATE ON public.enterprises FOR EACH ROW WHEN (((old.township_code)::text IS DISTINCT FROM (new.township_code)::text)) EXECUTE FUNCTION public.riskmap_enterprises_township_to_hazards();
CREATE TRIGGER tr_hazards_data_versions_delete AFTER DELETE ON public.hazards REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('township_code');
CREATE TRIGGER tr_hazards_data_versions_insert AFTER INSERT ON public.hazards REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('township_code');
CREATE TRIGGER tr_hazards_data_versions_truncate AFTER TRUNCATE ON public.hazards FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions();
CREATE TRIGGER tr_hazards_data_versions_update AFTER UPDATE ON public.hazards REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('township_code');
CREATE TRIGGER tr_hazards_record_days_delete AFTER DELETE ON public.hazards REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_township_record_days_change();
CREATE TRIGGER tr_hazards_record_days_insert AFTER INSERT ON public.hazards REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_township_record_days_change();
CREATE TRIGGER tr_hazards_record_days_truncate AFTER TRUNCATE ON public.hazards FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_township_record_days_change();
CREATE TRIGGER tr_hazards_record_days_update AFTER UPDATE ON public.hazards REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_township_record_days_change();
CREATE TRIGGER tr_hazards_township BEFORE INSERT OR UPDATE OF enterprise_id, township_code ON public.hazards FOR EACH ROW EXECUTE FUNCTION public.riskmap_hazards_township();
CREATE TRIGGER tr_inspections_record_days_delete AFTER DELETE ON public.inspections REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_township_record_days_change();
CREATE TRIGGER tr_inspections_record_days_insert AFTER INSERT ON public.inspections REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_township_record_days_change();
CREATE TRIGGER tr_inspections_record_days_truncate AFTER TRUNCATE ON public.inspections FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_township_record_days_change();
CREATE TRIGGER tr_inspections_record_days_update AFTER UPDATE ON public.inspections REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_township_record_days_change();
CREATE TRIGGER tr_townships_data_versions_delete AFTER DELETE ON public.townships REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('code');
CREATE TRIGGER tr_townships_data_versions_insert AFTER INSERT ON public.townships REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('code');
CREATE TRIGGER tr_townships_data_versions_truncate AFTER TRUNCATE ON public.townships FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions();
CREATE TRIGGER tr_townships_data_versions_update AFTER UPDATE ON public.townships REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_bump_data_versions('code');
CREATE TRIGGER tr_townships_location_quality AFTER INSERT OR DELETE OR UPDATE ON public.townships FOR EACH STATEMENT EXECUTE FUNCTION public.riskmap_areas_location_quality();
CREATE TRIGGER tr_townships_subdivide AFTER INSERT OR UPDATE OF boundary ON public.townships FOR EACH ROW EXECUTE FUNCTION public.riskmap_townships_subdivide();
ALTER TABLE ONLY public.campaign_publication_records
    ADD CONSTRAINT campaign_publication_records_publication_id_fkey FOREIGN KEY (publication_id) REFERENCES public.campaign_publications(id);
ALTER TABLE ONLY public.enterprise_distinct_pairs
    ADD CONSTRAINT enterprise_distinct_pairs_first_id_fkey FOREIGN KEY (first_id) REFERENCES public.enterprises(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.enterprise_distinct_pairs
    ADD CONSTRAINT enterprise_distinct_pairs_second_id_fkey FOREIGN KEY (second_id) REFERENCES public.enterprises(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT fk_api_tokens_users_user_id FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT fk_attachments_attachment_blobs_sha256 FOREIGN KEY (sha256) REFERENCES public.attachment_blobs(sha256) ON DELETE RESTRICT;
ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT fk_attachments_hazards_hazard_id FOREIGN KEY (hazard_id) REFERENCES public.hazards(id) ON DELETE CASCADE;
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
ALTER TABLE ONLY public.error_reports
    ADD CONSTRAINT fk_error_reports_enterprises_enterprise_id FOREIGN KEY (enterprise_id) REFERENCES public.enterprises(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.error_reports
    ADD CONSTRAINT fk_error_reports_hazards_hazard_id FOREIGN KEY (hazard_id) REFERENCES public.hazards(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.error_reports
    ADD CONSTRAINT fk_error_reports_townships_township_code FOREIGN KEY (township_code) REFERENCES public.townships(code) ON DELETE CASCADE;
ALTER TABLE ONLY public.extension_requests
    ADD CONSTRAINT fk_extension_requests_hazards_hazard_id FOREIGN KEY (hazard_id) REFERENCES public.hazards(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.hazard_acceptances
    ADD CONSTRAINT fk_hazard_acceptances_hazards_hazard_id FOREIGN KEY (hazard_id) REFERENCES public.hazards(id) ON DELETE CASCADE;
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
ALTER TABLE ONLY public.inspection_positions
    ADD CONSTRAINT inspection_positions_inspection_id_fkey FOREIGN KEY (inspection_id) REFERENCES public.inspections(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.notification_webhooks
    ADD CONSTRAINT notification_webhooks_township_code_fkey FOREIGN KEY (township_code) REFERENCES public.townships(code) ON DELETE CASCADE;
ALTER TABLE ONLY public.notification_webhooks
    ADD CONSTRAINT notification_webhooks_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_hazard_id_fkey FOREIGN KEY (hazard_id) REFERENCES public.hazards(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.road_edges
    ADD CONSTRAINT road_edges_source_fkey FOREIGN KEY (source) REFERENCES public.road_vertices(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.road_edges
    ADD CONSTRAINT road_edges_target_fkey FOREIGN KEY (target) REFERENCES public.road_vertices(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.township_parts
    ADD CONSTRAINT township_parts_township_code_fkey FOREIGN KEY (township_code) REFERENCES public.townships(code) ON DELETE CASCADE;
ALTER TABLE ONLY public.webhook_attempts
    ADD CONSTRAINT webhook_attempts_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES public.webhook_deliveries(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_notification_id_fkey FOREIGN KEY (notification_id) REFERENCES public.notifications(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_webhook_id_fkey FOREIGN KEY (webhook_id) REFERENCES public.notification_webhooks(id) ON DELETE CASCADE;
