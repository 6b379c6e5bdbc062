-- The edges of a district's road network for pgRouting (see road_vertices.sql): lines split at their shared vertices,
-- metres along them, cost/reverse_cost in metres (-1 = closed direction of a one-way street), the class speed in km/h.
CREATE TABLE road_edges (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_code text NOT NULL,
    source bigint NOT NULL REFERENCES road_vertices (id) ON DELETE CASCADE,
    target bigint NOT NULL REFERENCES road_vertices (id) ON DELETE CASCADE,
    feature integer NOT NULL,
    road_class text NOT NULL,
    name text,
    speed_kmh double precision NOT NULL CHECK (speed_kmh > 0),
    length_m double precision NOT NULL CHECK (length_m >= 0),
    cost double precision NOT NULL,
    reverse_cost double precision NOT NULL,
    geom geometry(LineString, 4326) NOT NULL
);
CREATE INDEX ix_road_edges_geom ON road_edges USING gist (geom);
CREATE INDEX ix_road_edges_district ON road_edges (district_code);
