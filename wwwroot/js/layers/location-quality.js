// Enterprises whose point is questionable (a location-quality flag from the server: a point shared by several
// enterprises, a township's label point, coarse coordinates, an address naming another township), drawn as dashed
// purple rings over the markers, each with a tooltip saying why.
import { el } from '../dom.js';
import { t } from '../i18n.js';

const L = window.L;

/** The flags of an enterprise's point in words, joined. */
export function qualityText(flags) {
  return flags.map((flag) => t(`quality.flag.${flag}`)).join(t('quality.separator'));
}

export class LocationQualityLayer {
  constructor(map) {
    map.createPane('quality').style.zIndex = 650;
    this.map = map;
    this.group = L.layerGroup();
    this.count = 0;
  }

  /** Draws the features (GeoJSON points with properties.locationQuality) and shows the layer. */
  setData(features) {
    this.group.clearLayers();
    for (const feature of features) {
      const [lon, lat] = feature.geometry.coordinates;
      L.circleMarker([lat, lon], { pane: 'quality', radius: 10, color: '#6a1b9a', weight: 2, dashArray: '3 3', fill: false, interactive: true })
        .bindTooltip(() => el('div', {}, el('strong', {}, feature.properties.name), el('br'), qualityText(feature.properties.locationQuality)))
        .addTo(this.group);
    }
    this.count = features.length;
    this.map.addLayer(this.group);
  }

  /** Hides the layer and forgets its points. */
  clear() {
    this.group.clearLayers();
    this.count = 0;
    this.map.removeLayer(this.group);
  }
}
