-- A district's speed per road class in km/h, as its last road import set them (defaults: Features/Roads/RoadClasses.cs).
CREATE TABLE road_class_speeds (
    district_code text NOT NULL,
    road_class text NOT NULL,
    speed_kmh double precision NOT NULL CHECK (speed_kmh > 0),
    PRIMARY KEY (district_code, road_class)
);
