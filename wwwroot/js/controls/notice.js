// A note on the map saying that demo boundaries are illustrative.
import { el } from '../dom.js';
import { t } from '../i18n.js';

const L = window.L;

export const NoticeControl = L.Control.extend({
  options: { position: 'bottomleft' },
  onAdd() {
    this.container = el('div', { className: 'leaflet-control notice', id: 'illustrative-notice' }, t('legend.illustrative'));
    return this.container;
  },
  refresh() { this.container.textContent = t('legend.illustrative'); },
});
