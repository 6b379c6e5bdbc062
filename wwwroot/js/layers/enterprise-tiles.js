// Enterprises from vector tiles (GET /api/v1/tiles/enterprises/{z}/{x}/{y}.mvt) for districts too large to load as
// markers: clusters up to zoom 12 sized by their count, then one circle per enterprise, coloured like the markers.
import { LEVEL_COLORS, popupContent } from './enterprises.js';
import { languageTag } from '../i18n.js';

const L = window.L;

/** Circle style of a tile feature: a cluster (has count) or an enterprise (has level or not). Pure. */
export function tileStyle(properties) {
  if (properties.count !== undefined) {
    const level = properties.openMajor > 0 ? 'Major' : properties.openAny > 0 ? 'General' : 'none';
    const radius = Math.min(18, 4 + 2.2 * Math.log2(1 + properties.count));
    return { radius, fill: true, fillColor: LEVEL_COLORS[level], fillOpacity: 0.8, color: '#fff', weight: 1 };
  }
  return { radius: properties.level ? 6 : 4, fill: true, fillColor: LEVEL_COLORS[properties.level ?? 'none'], fillOpacity: 0.95, color: '#fff', weight: 1 };
}

/** The tile URL template for the filters; {z}/{x}/{y} are left for Leaflet. */
export function tileUrl({ asOf, sector, township }) {
  const query = new URLSearchParams();
  if (asOf) query.set('asOf', asOf);
  if (sector) query.set('sector', sector);
  if (township) query.set('township', township);
  return `/api/v1/tiles/enterprises/{z}/{x}/{y}.mvt?${query}`;
}

export class EnterpriseTileLayer {
  constructor(map) {
    this.map = map;
    this.layer = null;
  }

  /** Shows the tiles for the filters, replacing the previous ones. */
  setFilter(filter) {
    if (this.layer) this.map.removeLayer(this.layer);
    this.layer = L.vectorGrid.protobuf(tileUrl(filter), {
      pane: 'enterprises',
      rendererFactory: L.canvas.tile,
      interactive: true,
      maxNativeZoom: 22,
      fetchOptions: { credentials: 'same-origin', headers: { 'Accept-Language': languageTag() } },
      vectorTileLayerStyles: { enterprises: (properties) => tileStyle(properties) },
    });
    this.layer.on('click', (e) => this.onClick(e));
    this.layer.addTo(this.map);
  }

  onClick(e) {
    const properties = e.layer.properties;
    if (properties.count !== undefined) {
      // A cluster: zoom in towards it.
      this.map.setView(e.latlng, Math.min(this.map.getZoom() + 2, 13));
      return;
    }
    L.popup().setLatLng(e.latlng)
      .setContent(popupContent({ ...properties, worstOpenHazardLevel: properties.level }))
      .openOn(this.map);
  }
}
