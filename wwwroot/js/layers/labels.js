// Township names at their stored label points (the pole of inaccessibility the choropleth sends), hidden where they
// would collide: after each zoom or redraw, names are placed largest township first and a name whose box overlaps one
// already shown is hidden. A small check of screen rectangles; no plugin needed.
const L = window.L;

/** True when two rectangles {left, top, right, bottom} overlap (touching edges do not). */
export function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * Which of the labels to show: each {key, rank, box} in order of rank (higher first), shown unless its box overlaps one
 * already shown. Returns the set of shown keys.
 */
export function visibleLabels(labels) {
  const shown = [];
  const keys = new Set();
  for (const label of [...labels].sort((x, y) => y.rank - x.rank)) {
    if (shown.some((box) => overlaps(box, label.box))) continue;
    shown.push(label.box);
    keys.add(label.key);
  }
  return keys;
}

export class TownshipLabels {
  constructor(map) {
    this.map = map;
    map.createPane('labels').style.zIndex = 450;
    map.getPane('labels').style.pointerEvents = 'none';
    this.group = L.layerGroup().addTo(map);
    this.markers = [];
    map.on('zoomend moveend resize', () => this.declutter());
  }

  /** Names of the collection's features at their labelPoint ([lon, lat]); rank by area so that large townships win. */
  setData(collection) {
    this.group.clearLayers();
    this.markers = collection.features.filter((f) => f.properties.labelPoint).map((f) => {
      const [lon, lat] = f.properties.labelPoint;
      const bounds = L.geoJSON(f.geometry).getBounds();
      const marker = L.marker([lat, lon], {
        pane: 'labels', interactive: false, keyboard: false,
        icon: L.divIcon({ className: 'township-label', html: '', iconSize: null }),
      });
      marker.code = f.properties.code;
      marker.rank = (bounds.getEast() - bounds.getWest()) * (bounds.getNorth() - bounds.getSouth());
      marker.name = f.properties.name;
      return marker;
    });
    for (const marker of this.markers) {
      marker.addTo(this.group);
      const element = marker.getElement();
      element.textContent = marker.name; // a name is text, never HTML
      element.dataset.code = marker.code;
    }
    this.declutter();
  }

  declutter() {
    const labels = this.markers.map((marker) => {
      const element = marker.getElement();
      if (!element) return null;
      element.style.visibility = 'visible';
      const r = element.getBoundingClientRect();
      return { key: marker.code, rank: marker.rank, box: { left: r.left - 2, top: r.top - 1, right: r.right + 2, bottom: r.bottom + 1 }, element };
    }).filter(Boolean);
    const shown = visibleLabels(labels);
    for (const label of labels) {
      label.element.style.visibility = shown.has(label.key) ? 'visible' : 'hidden';
      label.element.dataset.shown = shown.has(label.key) ? 'true' : 'false';
    }
  }
}
