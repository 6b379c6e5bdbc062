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

/** Open major and overdue hazards now and a month earlier, over the whole district or one township. */
export function renderChange(element, now, before, beforeDate, township) {
  const total = (collection, key) => collection.features
    .filter((f) => !township || f.properties.code === township)
    .reduce((sum, f) => sum + f.properties[key], 0);
  element.textContent = t('headline.change', {
    date: beforeDate,
    major: `${total(now, 'openMajor')} (${signed(total(now, 'openMajor') - total(before, 'openMajor'))})`,
    overdue: `${total(now, 'overdue')} (${signed(total(now, 'overdue') - total(before, 'overdue'))})`,
  });
}
