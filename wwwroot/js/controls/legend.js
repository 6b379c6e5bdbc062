// The legend: what the colours count, as of when, one row per class, "no data" apart.
import { el, clear, append } from '../dom.js';
import { t } from '../i18n.js';
import { classColors } from '../layers/choropleth.js';

const L = window.L;

/** One format for every class: "0 项", "1–3 项", "≥21 项" (English "0", "1–3", "≥21"), as on the printed map. */
export function classLabel(c) {
  if (c.max === null || c.max === undefined) return t('legend.atLeast', { n: c.min });
  return c.min === c.max ? t('legend.count', { n: c.min }) : t('legend.range', { min: c.min, max: c.max });
}

export const LegendControl = L.Control.extend({
  options: { position: 'bottomright' },
  onAdd() {
    this.container = el('div', { className: 'leaflet-control legend', id: 'legend' });
    L.DomEvent.disableClickPropagation(this.container);
    return this.container;
  },
  update({ metric, asOf, classes, showNoData, clusters }) {
    clear(this.container);
    const colors = classColors(classes);
    append(this.container, 
      el('h4', {}, t(`metric.${metric}`)),
      el('div', { className: 'meta' }, t('legend.asOf', { date: asOf })),
      ...classes.map((c, i) => el('div', { className: 'row', dataset: { min: c.min, max: c.max } },
        el('i', { style: `background:${colors[i]}` }), classLabel(c))),
      showNoData ? el('div', { className: 'row', id: 'legend-no-data' }, el('i', { className: 'no-data' }), t('legend.noData')) : null,
      clusters ? el('div', { className: 'row', id: 'legend-clusters' }, el('b', { className: 'cluster-swatch' }, '12'), t('legend.clusters')) : null,
    );
  },
});
