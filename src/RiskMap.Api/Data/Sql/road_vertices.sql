-- A district's road network for the route planner (pgRouting). road_vertices are the network's nodes: every vertex
-- shared by two or more imported lines and every line's end; road_edges are the lines split at those nodes, with the
-- metres along them (geodesic, ST_Length on geography), the road class and its speed, and
-- pgRouting's cost/reverse_cost in metres (-1 = that direction is closed: a one-way street). road_class_speeds holds
-- the district's speed per road class (km/h) as the last import set it. A new import replaces the district's rows.
-- Only SQL reads these tables (Features/Roads).
CREATE EXTENSION IF NOT EXISTS pgrouting;

CREATE TABLE road_vertices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_code text NOT NULL,
    geom geometry(Point, 4326) NOT NULL
);
CREATE INDEX ix_road_vertices_geom ON road_vertices USING gist (geom);
CREATE INDEX ix_road_vertices_district ON road_vertices (district_code);
