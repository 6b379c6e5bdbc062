// The 导出 menu: files from the export endpoints for what the page shows (township, sector, period, as-of day), in
// the page's language and within the caller's scope (the server applies it). A file is fetched, then saved through a
// temporary link, so that a refusal shows the server's message instead of a broken download.
import { el, clear } from '../dom.js';
import { t } from '../i18n.js';
import { download } from '../api.js';

/**
 * The menu's entries: label key, endpoint and its parameters from the page's context
 * ({ district, township, sector, from, to, asOf }).
 */
export const EXPORTS = [
  { key: 'exports.hazardsXlsx', path: '/api/v1/exports/hazards', params: (c) => ({ format: 'xlsx', township: c.township, sector: c.sector }) },
  { key: 'exports.hazardsCsv', path: '/api/v1/exports/hazards', params: (c) => ({ format: 'csv', township: c.township, sector: c.sector }) },
  { key: 'exports.enterprisesCsv', path: '/api/v1/exports/enterprises', params: (c) => ({ format: 'csv', township: c.township, sector: c.sector }) },
  { key: 'exports.townshipsCsv', path: '/api/v1/exports/townships', params: (c) => ({ format: 'csv', district: c.district }) },
  { key: 'exports.townshipsGeojson', path: '/api/v1/exports/townships', params: (c) => ({ format: 'geojson', district: c.district }) },
  {
    key: 'exports.statisticsXlsx', path: '/api/v1/exports/statistics',
    params: (c) => ({ district: c.district, from: c.from, to: c.to, township: c.township, sector: c.sector }),
  },
  { key: 'exports.responsibilityXlsx', path: '/api/v1/exports/responsibility', params: (c) => ({ district: c.district, township: c.township, asOf: c.asOf }) },
];

/** Saves a blob under fileName through a temporary link. */
export function saveBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches one export and saves it; returns the file name. */
export async function exportFile(entry, context) {
  const { blob, fileName } = await download(entry.path, entry.params(context));
  saveBlob(blob, fileName);
  return fileName;
}

export class ExportMenu {
  /** element: a <details> in the top bar; context(): the page's current filters; onError(error): shows a failure. */
  constructor(element, { context, onError }) {
    this.element = element;
    this.context = context;
    this.onError = onError;
    // A click anywhere else folds the menu.
    document.addEventListener('click', (event) => { if (!element.contains(event.target)) element.open = false; });
    this.render();
  }

  render() {
    clear(this.element);
    this.element.append(
      el('summary', { className: 'link-button' }, t('exports.menu')),
      el('ul', { className: 'menu', role: 'menu' }, ...EXPORTS.map((entry) => el('li', { role: 'none' },
        el('button', { type: 'button', role: 'menuitem', dataset: { export: entry.key }, onclick: () => this.run(entry) }, t(entry.key))))),
    );
  }

  async run(entry) {
    this.element.open = false;
    document.body.dataset.exporting = entry.key;
    try {
      document.body.dataset.exported = await exportFile(entry, this.context());
    } catch (error) {
      this.onError(error);
    } finally {
      delete document.body.dataset.exporting;
    }
  }
}
