// Progress of an import job and its answer: counts, notes, flagged rows and every rejected row (text only).
import { el, clear, append } from '../dom.js';
import { t, formatNumber } from '../i18n.js';

export function renderProgress(container, job) {
  clear(container);
  const fraction = job.progress?.fraction ?? 0;
  append(container,
    el('progress', { id: 'import-progress', max: '1', value: String(fraction) }),
    el('div', { className: 'meta' }, t(`import.stage.${job.progress?.stage ?? 'queued'}`), ' · ',
      t('import.rowsRead', { n: formatNumber(job.progress?.rows ?? 0) }), ` · ${Math.round(fraction * 100)}%`));
}

function errorTable(id, errors) {
  return el('table', { className: 'import-errors', id },
    el('thead', {}, el('tr', {}, ['import.col.row', 'import.col.column', 'import.col.value', 'import.col.reason'].map((k) => el('th', {}, t(k))))),
    el('tbody', {}, errors.map((e) => el('tr', {}, el('td', { className: 'num' }, String(e.row)), el('td', {}, e.column), el('td', {}, e.value ?? ''), el('td', {}, e.reason)))));
}

export function renderOutcome(container, job) {
  clear(container);
  const outcome = job.outcome;
  if (job.state === 'Failed' || !outcome) {
    append(container, el('p', { className: 'import-summary error', id: 'import-summary' }, t('import.failed', { message: job.failure ?? '' })));
    return;
  }
  const result = outcome.result;
  const summary = outcome.accepted
    ? t(outcome.dryRun ? 'import.dryRunOk' : 'import.committed', { read: formatNumber(result?.rowsRead ?? 0), inserted: formatNumber(result?.inserted ?? 0), updated: formatNumber(result?.updated ?? 0) })
    : t('import.rejected', { n: formatNumber(outcome.errors.length) });
  append(container,
    el('p', { className: `import-summary ${outcome.accepted ? 'ok' : 'error'}`, id: 'import-summary' }, summary),
    [...outcome.notes, ...(result?.notes ?? [])].length
      ? el('ul', { className: 'meta', id: 'import-notes' }, [...outcome.notes, ...(result?.notes ?? [])].map((n) => el('li', {}, n)))
      : null,
    result?.flagged?.length ? [el('h3', {}, t('import.flagged', { n: result.flagged.length })), errorTable('import-flagged', result.flagged)] : null,
    outcome.errors.length ? [el('h3', {}, t('import.errors')), errorTable('import-error-list', outcome.errors)] : null);
}
