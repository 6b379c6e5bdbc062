// The 数据说明 panel: how fresh and how real the data is — the latest import per kind and department (date in China
// Standard Time, rows, file), whether demo records and illustrative boundaries are loaded, and the counting rules' link —
// from /api/v1/data-notes. Text from data is set as text, never as markup.
import { el, clear } from '../dom.js';
import { t, formatNumber } from '../i18n.js';

// Dates and times as yyyy-MM-dd HH:mm in China Standard Time, the time of the figures.
const timeFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});

/** Renders the notes into body (emptied first). */
export function renderDataNotes(body, notes) {
  clear(body);
  const items = notes.imports.map((run) => el('li', { className: 'data-notes-import' }, t('dataNotes.import', {
    kind: t(`dataNotes.kind.${run.kind}`),
    department: run.departmentName ?? run.department ?? t('dataNotes.noDepartment'),
    date: timeFormat.format(new Date(run.finishedAt)),
    rows: formatNumber(run.rows),
    file: run.fileName,
  })));
  body.append(
    el('h3', {}, t('dataNotes.lastImports')),
    items.length ? el('ul', { id: 'data-notes-imports' }, ...items) : el('p', {}, t('dataNotes.none')),
  );
  if (notes.demoRecords) body.append(el('p', { className: 'data-notes-demo' }, t('dataNotes.demo')));
  if (notes.illustrativeBoundaries) body.append(el('p', { className: 'data-notes-illustrative' }, t('dataNotes.illustrative')));
  body.append(el('p', {}, el('a', { href: notes.countingRules, target: '_blank', rel: 'noopener' }, t('dataNotes.countingRules'))));
}
