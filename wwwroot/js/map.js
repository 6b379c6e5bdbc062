// Owns the Leaflet map: no basemap unless configured (the page works offline), district bounds, panes.
const L = window.L;

export function createMap(element, config) {
  // Without a tile layer Leaflet has no zoom range, so the map sets its own.
  const map = L.map(element, { zoomSnap: 0.25, minZoom: 3, maxZoom: config.maxZoom ?? 18, attributionControl: true });
  map.attributionControl.setPrefix(false);
  if (config.basemapUrl) {
    L.tileLayer(config.basemapUrl, { maxZoom: config.maxZoom, attribution: config.basemapAttribution ?? '' }).addTo(map);
  }
  map.createPane('townships').style.zIndex = 400;
  map.createPane('enterprises').style.zIndex = 600;
  return map;
}

/** Fits the map to [minLon, minLat, maxLon, maxLat]. */
export function fitBbox(map, bbox) {
  map.fitBounds([[bbox[1], bbox[0]], [bbox[3], bbox[2]]], { padding: [12, 12] });
}
