// Enterprises as clustered circle markers coloured by their worst open hazard level.
import { el } from '../dom.js';
import { t } from '../i18n.js';
import { sectorName } from '../sectors.js';

const L = window.L;

export const LEVEL_COLORS = { Major: '#b71c1c', General: '#ef6c00', none: '#2e7d32' };

export function markerColor(properties) {
  return LEVEL_COLORS[properties.worstOpenHazardLevel ?? 'none'];
}

/** The popup as DOM: names are text, never HTML. */
export function popupContent(properties) {
  const lines = [];
  if (properties.openMajor) lines.push(el('p', {}, el('span', { className: 'badge Major' }, t('level.Major')), t('popup.openMajor', { n: properties.openMajor })));
  if (properties.openGeneral) lines.push(el('p', {}, el('span', { className: 'badge General' }, t('level.General')), t('popup.openGeneral', { n: properties.openGeneral })));
  if (properties.overdue) lines.push(el('p', {}, el('span', { className: 'badge overdue' }, '!'), t('popup.overdue', { n: properties.overdue })));
  if (!lines.length) lines.push(el('p', {}, t('popup.none')));
  return el('div', { className: 'popup' },
    el('h4', {}, properties.name),
    el('p', { className: 'meta' }, sectorName(properties.sector)),
    properties.townshipName ? el('p', { className: 'meta' }, t('popup.township', { name: properties.townshipName })) : null,
    ...lines);
}

// The cluster icon takes the colour of the worst enterprise inside it.
function clusterIcon(cluster) {
  const children = cluster.getAllChildMarkers();
  const worst = children.some((m) => m.options.level === 'Major') ? 'Major' : children.some((m) => m.options.level === 'General') ? 'General' : 'none';
  const size = children.length < 10 ? 28 : children.length < 100 ? 34 : 40;
  const icon = el('div', { className: 'cluster', style: `background:${LEVEL_COLORS[worst]};width:${size}px;height:${size}px;line-height:${size}px;border-radius:50%;color:#fff;text-align:center;font-size:12px;font-weight:600;opacity:0.88;border:2px solid #fff` }, String(children.length));
  return L.divIcon({ html: icon, className: '', iconSize: [size, size] });
}

export class EnterpriseLayer {
  /** onOpen(id) and onClose(id): an enterprise's popup opened or closed. */
  constructor(map, { onOpen, onClose } = {}) {
    this.group = L.markerClusterGroup({ iconCreateFunction: clusterIcon, showCoverageOnHover: false, maxClusterRadius: 45, clusterPane: 'enterprises' });
    this.handlers = { onOpen, onClose };
    this.markers = new Map(); // enterprise id (as text) → marker
    map.addLayer(this.group);
  }

  setData(features) {
    this.group.clearLayers();
    this.markers.clear();
    for (const feature of features) {
      const [lon, lat] = feature.geometry.coordinates;
      const marker = L.circleMarker([lat, lon], {
        pane: 'enterprises',
        radius: feature.properties.worstOpenHazardLevel ? 7 : 5,
        color: '#fff', weight: 1, fillColor: markerColor(feature.properties), fillOpacity: 0.95,
        level: feature.properties.worstOpenHazardLevel ?? 'none',
      });
      const id = String(feature.id);
      marker.bindPopup(() => popupContent(feature.properties));
      marker.on({ popupopen: () => this.handlers.onOpen?.(id), popupclose: () => this.handlers.onClose?.(id) });
      this.markers.set(id, marker);
    }
    this.group.addLayers([...this.markers.values()]);
  }

  count() { return this.markers.size; }

  /** Zooms to an enterprise (out of its cluster) and opens its popup; false when it is not on the map. */
  open(id) {
    const marker = this.markers.get(String(id));
    if (!marker) return false;
    this.group.zoomToShowLayer(marker, () => marker.openPopup());
    return true;
  }
}
