// The hazard-density layer (热力图): equal-area hexagons from /api/v1/density/hexagons, coloured by weighted open
// hazards per km² in fixed classes (the server's), so that a colour means the same at every zoom. Pure colour and style
// functions; a legend and a switch of its own, both L.Controls.
import { el, clear, append } from '../dom.js';
import { t, formatNumber } from '../i18n.js';

const L = window.L;

// ColorBrewer PuBu (light to dark), apart from the choropleth's YlOrRd so that the two are not read as one scale.
export const DENSITY_PALETTE = ['#d0d1e6', '#a6bddb', '#74a9cf', '#3690c0', '#0570b0', '#034e7b'];

/** Index of the class holding density (min inclusive, max exclusive; the last class open above). */
export function densityClass(density, classes) {
  const index = classes.findIndex((c) => density >= c.min && (c.max === null || density < c.max));
  return index < 0 ? classes.length - 1 : index;
}

export function densityColor(density, classes) {
  const index = densityClass(density, classes);
  return DENSITY_PALETTE[Math.round((index * (DENSITY_PALETTE.length - 1)) / Math.max(1, classes.length - 1))];
}

export function hexagonStyle(feature, classes) {
  return {
    pane: 'hexagons', fillColor: densityColor(feature.properties.density, classes), fillOpacity: 0.85, color: '#4a4a4a', weight: 0.6,
  };
}

/** "0.5–1" or "≥ 4" weighted hazards per km². */
export function classLabel(c) {
  return c.max === null ? `≥ ${formatNumber(c.min, 2)}` : `${formatNumber(c.min, 2)}–${formatNumber(c.max, 2)}`;
}

export class HexagonLayer {
  constructor(map) {
    this.map = map;
    this.layer = null;
    if (!map.getPane('hexagons')) map.createPane('hexagons').style.zIndex = 450; // over the townships, under the enterprises
  }

  setData(collection) {
    this.clear();
    this.layer = L.geoJSON(collection, {
      style: (feature) => hexagonStyle(feature, collection.classes),
      onEachFeature: (feature, layer) => {
        const p = feature.properties;
        // Text, not markup: the tooltip gets a node.
        layer.bindTooltip(el('span', {}, t('hexagons.tooltip', {
          density: formatNumber(p.density, 2), major: p.openMajor, general: p.openGeneral,
        })), { sticky: true });
      },
    }).addTo(this.map);
    this.map.getContainer().dataset.hexagons = String(collection.features.length);
  }

  clear() {
    this.layer?.remove();
    this.layer = null;
    delete this.map.getContainer().dataset.hexagons;
  }
}

/** What the colours mean: density classes in weighted hazards per km², the hexagon size and the weight of a major hazard. */
export const HexagonLegend = L.Control.extend({
  options: { position: 'bottomleft' },
  onAdd() {
    this.container = el('div', { className: 'leaflet-control legend hexagon-legend', id: 'hexagon-legend' });
    L.DomEvent.disableClickPropagation(this.container);
    return this.container;
  },
  update(collection) {
    clear(this.container);
    const classes = collection.classes;
    append(this.container,
      el('h4', {}, t('hexagons.legend.title')),
      el('div', { className: 'meta' }, t('hexagons.legend.unit')),
      ...classes.map((c, i) => el('div', { className: 'row', dataset: { min: c.min, max: c.max ?? '' } },
        el('i', { style: `background:${DENSITY_PALETTE[Math.round((i * (DENSITY_PALETTE.length - 1)) / Math.max(1, classes.length - 1))]}` }), classLabel(c))),
      el('div', { className: 'meta' }, t('hexagons.legend.size', {
        edge: formatNumber(collection.band.edgeMetres), area: formatNumber(collection.hexagonAreaKm2, 2),
      })),
      el('div', { className: 'meta' }, t('hexagons.legend.weight', { weight: formatNumber(collection.majorHazardWeight, 1), date: collection.asOf })),
    );
  },
});

/** The layer switch: the hazard-density hexagons on or off (off by default; the township colours stay beneath). */
export const HexagonSwitch = L.Control.extend({
  options: { position: 'topright', onChange: () => {} },
  onAdd() {
    this.input = el('input', { type: 'checkbox', id: 'hexagon-switch' });
    this.input.addEventListener('change', () => this.options.onChange(this.input.checked));
    this.label = el('span', {});
    this.container = el('div', { className: 'leaflet-control leaflet-bar layer-switch' }, el('label', {}, this.input, ' ', this.label));
    L.DomEvent.disableClickPropagation(this.container);
    this.refresh();
    return this.container;
  },
  refresh() {
    this.label.textContent = t('hexagons.switch');
  },
  isOn() {
    return this.input.checked;
  },
});
