// The headline figures of the statistics endpoint for a period, and what changed since a month earlier.
import { el, clear } from '../dom.js';
import { t, formatNumber } from '../i18n.js';

function row(key, value, unit = '') {
  return [el('dt', {}, t(key)), el('dd', { dataset: { figure: key } }, value, unit ? ` ${unit}` : '')];
}

function rate(value) {
  return value === null || value === undefined ? '—' : `${formatNumber(value, 2)}%`;
}

export function renderHeadline(container, s) {
  clear(container);
  container.append(
    ...row('headline.inspectionGroups', formatNumber(s.inspectionGroups), t('unit.groups')),
    ...row('headline.inspectorVisits', formatNumber(s.inspectorVisits), t('unit.visits')),
    ...row('headline.enterprisesInspected', formatNumber(s.enterprisesInspected), t('unit.enterprises')),
    ...row('headline.generalHazards', `${formatNumber(s.generalHazards.found)} / ${formatNumber(s.generalHazards.rectified)}`),
    ...row('headline.generalRate', rate(s.generalHazards.rectificationRate)),
    ...row('headline.majorHazards', `${formatNumber(s.majorHazards.found)} / ${formatNumber(s.majorHazards.rectified)}`),
    ...row('headline.majorRate', rate(s.majorHazards.rectificationRate)),
    ...row('headline.documents', formatNumber(s.enforcementDocuments), t('unit.items')),
    ...row('headline.interviews', formatNumber(s.reminderInterviews), t('unit.times')),
    ...row('headline.cases', formatNumber(s.enterprisesWithCases), t('unit.enterprises')),
    ...row('headline.fines', formatNumber(s.finesYuan / 10000, 3), t('unit.wanYuan')),
  );
}

function signed(n) { return n > 0 ? `+${n}` : String(n); }

/**
 * Open major and overdue hazards on the map's day and the change since a month earlier, from two answers of the
 * statistics endpoint for the same area and sector (their openAtEnd: the hazards open at the end of each day).
 */
export function renderChange(element, now, before, beforeDate) {
  const figure = (key) => `${now.openAtEnd[key]} (${signed(now.openAtEnd[key] - before.openAtEnd[key])})`;
  element.textContent = t('headline.change', { date: beforeDate, major: figure('openMajor'), overdue: figure('overdue') });
}
