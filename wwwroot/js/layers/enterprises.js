// Enterprises as clustered circle markers coloured by their worst open hazard level.
import { el } from '../dom.js';
import { t } from '../i18n.js';
import { sectorName } from '../sectors.js';
import { qualityText } from './location-quality.js';

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
  if (properties.locationQuality?.length) {
    lines.push(el('p', { className: 'quality' }, el('span', { className: 'badge quality' }, t('popup.quality')), qualityText(properties.locationQuality)));
  }
  return el('div', { className: 'popup' },
    el('h4', {}, properties.name),
    el('p', { className: 'meta' }, sectorName(properties.sector)),
    properties.townshipName ? el('p', { className: 'meta' }, t('popup.township', { name: properties.townshipName })) : null,
    ...lines,
    properties.id ? el('p', {}, el('a', { href: `enterprise.html?id=${encodeURIComponent(properties.id)}`, className: 'enterprise-link' }, t('enterprise.open'))) : null);
}

// A cluster counts enterprises (企业数), not hazards: a neutral slate style that none of the choropleth's class colours
// uses, so that an audience does not read its number as a hazard count. The legend says what the number counts.
function clusterIcon(cluster) {
  const count = cluster.getChildCount();
  const size = count < 10 ? 26 : count < 100 ? 32 : 38;
  const icon = el('div', { className: 'cluster', style: `background:#eef1f5;width:${size}px;height:${size}px;line-height:${size - 4}px` }, String(count));
  return L.divIcon({ html: icon, className: 'enterprise-cluster', iconSize: [size, size] });
}

export class EnterpriseLayer {
  /** onOpen(id) and onClose(id): an enterprise's popup opened or closed. */
  constructor(map, { onOpen, onClose } = {}) {
    this.group = L.markerClusterGroup({ iconCreateFunction: clusterIcon, showCoverageOnHover: false, maxClusterRadius: 45, clusterPane: 'enterprises' });
    this.handlers = { onOpen, onClose };
    this.markers = new Map(); // enterprise id (as text) → marker
    this.map = map;
    this.visible = true;
    map.addLayer(this.group);
  }

  /** Shows or hides the enterprises (the layer switch). */
  setVisible(visible) {
    this.visible = visible;
    if (visible) this.map.addLayer(this.group);
    else this.map.removeLayer(this.group);
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
