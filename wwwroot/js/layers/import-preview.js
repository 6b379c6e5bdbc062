// What a dry run would import, drawn over the map: township outlines dashed, enterprise points as small circles.
import { el } from '../dom.js';

const L = window.L;

export function previewStyle() {
  return { pane: 'enterprises', color: '#0b57d0', weight: 2.5, dashArray: '6 4', fillColor: '#0b57d0', fillOpacity: 0.08 };
}

export class ImportPreviewLayer {
  constructor(map) {
    this.map = map;
    this.layer = null;
  }

  /** Shows a GeoJSON FeatureCollection (WGS-84) and zooms to it; names become tooltips as text, never markup. */
  show(collection) {
    this.clear();
    if (!collection?.features?.length) return;
    this.layer = L.geoJSON(collection, {
      style: previewStyle,
      pointToLayer: (feature, latlng) => L.circleMarker(latlng, { ...previewStyle(), radius: 4, dashArray: null, fillOpacity: 0.7 }),
      onEachFeature: (feature, layer) => {
        const p = feature.properties ?? {};
        layer.bindTooltip(el('span', {}, [p.code, p.name].filter(Boolean).join(' ')), { sticky: true });
      },
    }).addTo(this.map);
    this.map.fitBounds(this.layer.getBounds(), { padding: [20, 20] });
    this.map.getContainer().dataset.importPreview = String(collection.features.length);
  }

  clear() {
    this.layer?.remove();
    this.layer = null;
    delete this.map.getContainer().dataset.importPreview;
  }
}
