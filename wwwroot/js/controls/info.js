// Hover box: the township's name and the selected metric's figure.
import { el, clear } from '../dom.js';
import { t } from '../i18n.js';

const L = window.L;

export const InfoControl = L.Control.extend({
  options: { position: 'topright' },
  onAdd() {
    this.container = el('div', { className: 'leaflet-control info', id: 'hover-info' });
    this.update(null);
    return this.container;
  },
  update(properties, metric) {
    clear(this.container);
    if (!properties) {
      this.container.append(el('span', { className: 'meta' }, t('info.hint')));
      return;
    }
    const value = properties.value === null || properties.value === undefined ? t('info.noData') : String(properties.value);
    this.container.append(el('b', {}, properties.name), el('br'), `${t(`metric.${metric}`)}：${value}`);
  },
});
