// The side panel of one township: figures, covering leader, hazards by sector × level × status, overdue and open hazards.
import { el, clear, append } from '../dom.js';
import { t, formatNumber } from '../i18n.js';
import { sectorName } from '../sectors.js';

function hazardItem(h, extra, onOpen) {
  return el('li', { className: 'clickable', dataset: { hazard: h.id }, tabindex: 0, onclick: () => onOpen?.(h.id), onkeydown: (e) => { if (e.key === 'Enter') onOpen?.(h.id); } },
    el('span', { className: `badge ${h.level}` }, t(`level.${h.level}`)),
    h.supervised ? el('span', { className: 'badge' }, t('detail.supervised')) : null,
    el('b', {}, h.enterpriseName), ' · ', sectorName(h.sector), ' ',
    el('a', { href: `enterprise.html?id=${encodeURIComponent(h.enterpriseId)}`, className: 'enterprise-link', onclick: (e) => e.stopPropagation() }, t('enterprise.open')),
    el('div', {}, h.description),
    el('div', { className: 'meta' }, t('detail.found', { date: h.foundOn }), ' · ', t('detail.deadline', { date: h.deadline }), extra ? ` · ${extra}` : ''));
}

export function renderTownship(container, detail, openHazards, onOpenHazard) {
  clear(container);
  const kpi = (value, key) => el('div', { className: 'kpi' }, el('b', {}, formatNumber(value)), el('span', {}, t(key)));
  const enterpriseRows = Object.entries(detail.enterprisesBySector)
    .map(([sector, n]) => el('tr', {}, el('td', {}, sectorName(sector)), el('td', { className: 'num' }, formatNumber(n))));
  const cellRows = detail.hazardsBySectorLevelStatus.map((c) => el('tr', {},
    el('td', {}, sectorName(c.sector)), el('td', {}, t(`level.${c.level}`)), el('td', {}, t(`status.${c.status}`)),
    el('td', { className: 'num' }, formatNumber(c.count))));
  const shown = openHazards.items.slice(0, 30);

  append(container,
    el('h2', { id: 'detail-name' }, detail.name),
    el('div', { className: 'meta' }, t(`detail.kind.${detail.kind}`), ' · ', detail.code, ' · ', t('detail.asOf', { date: detail.asOf }),
      ' · ', t('detail.area', { area: formatNumber(detail.areaKm2, 1) }), detail.illustrative ? ` · ${t('detail.illustrative')}` : ''),
    el('div', { className: 'kpis' },
      kpi(detail.totals.openMajor, 'detail.openMajor'), kpi(detail.totals.openGeneral, 'detail.openGeneral'), kpi(detail.totals.overdue, 'detail.overdue')),
    el('h3', {}, t('detail.leaders')),
    detail.leaders.length
      ? el('p', { id: 'detail-leaders' }, detail.leaders.map((l) => `${l.name}${l.title ? `（${l.title}）` : ''}`).join('、'))
      : el('p', { className: 'meta' }, t('detail.noLeader')),
    el('p', { className: 'meta' }, t('detail.clickHazard')),
    el('h3', {}, t('detail.overdueList')),
    detail.overdueHazards.length
      ? el('ul', { className: 'hazards', id: 'detail-overdue' }, detail.overdueHazards.map((h) => hazardItem(h, t('detail.daysOverdue', { n: h.daysOverdue }), onOpenHazard)))
      : el('p', { className: 'meta' }, t('detail.none')),
    el('h3', {}, t('detail.openList')),
    shown.length
      ? el('ul', { className: 'hazards', id: 'detail-open' }, shown.map((h) => hazardItem(h, h.daysOverdue ? t('detail.daysOverdue', { n: h.daysOverdue }) : t(`status.${h.status}`), onOpenHazard)))
      : el('p', { className: 'meta' }, t('detail.none')),
    openHazards.total > shown.length ? el('p', { className: 'meta' }, t('detail.more', { n: openHazards.total - shown.length })) : null,
    el('h3', {}, t('detail.enterprises')),
    el('table', {}, el('tbody', {}, enterpriseRows)),
    el('h3', {}, t('detail.hazardTable')),
    el('table', {},
      el('thead', {}, el('tr', {}, el('th', {}, t('detail.sector')), el('th', {}, t('detail.level')), el('th', {}, t('detail.status')), el('th', { className: 'num' }, t('detail.count')))),
      el('tbody', {}, cellRows)),
  );
}
