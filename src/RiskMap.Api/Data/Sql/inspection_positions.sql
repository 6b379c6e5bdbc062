-- inspection_positions (Features/Records/InspectionPositions; not in EF Core's model): the phone's GPS position when an
-- inspection was recorded, its accuracy radius and its geodesic distance to the enterprise's point at that moment
-- (metres, geography); far_from_enterprise flags more than 500 m.
CREATE TABLE inspection_positions (
    inspection_id bigint PRIMARY KEY REFERENCES inspections (id) ON DELETE CASCADE,
    location geometry(Point, 4326) NOT NULL,
    accuracy_metres double precision NOT NULL CHECK (accuracy_metres >= 0),
    distance_metres double precision NOT NULL CHECK (distance_metres >= 0),
    far_from_enterprise boolean NOT NULL
);
