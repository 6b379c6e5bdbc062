// The responsibility panel (包保责任): district leaders with the townships they cover, departments with their sectors
// and enterprises, each with open and overdue major hazards and the last inspection, from /api/v1/responsibility;
// a button downloads the same as XLSX.
import { el, clear } from '../dom.js';
import { t, formatNumber } from '../i18n.js';
import { sectorName } from '../sectors.js';

function figures(f) {
  return [
    el('td', { className: 'num' }, formatNumber(f.enterprises)),
    el('td', { className: f.openMajor ? 'num alert' : 'num' }, formatNumber(f.openMajor)),
    el('td', { className: f.overdueMajor ? 'num alert' : 'num' }, formatNumber(f.overdueMajor)),
    el('td', { className: 'num' }, f.lastInspection ?? '—'),
  ];
}

function head(first) {
  return el('thead', {}, el('tr', {},
    el('th', {}, t(first)), el('th', { className: 'num' }, t('responsibility.enterprises')),
    el('th', { className: 'num' }, t('responsibility.openMajor')), el('th', { className: 'num' }, t('responsibility.overdueMajor')),
    el('th', { className: 'num' }, t('responsibility.lastInspection'))));
}

function townshipLabel(township) {
  const chiefs = township.chiefs.length ? `（${t('responsibility.chiefs')}：${township.chiefs.join('、')}）` : '';
  return `${township.name}${chiefs}`;
}

/** Leaders, each a row with their totals and one row per covered township. */
function leadersTable(view) {
  const body = el('tbody', {});
  for (const leader of view.leaders) {
    body.append(el('tr', { className: 'node', dataset: { leader: leader.name } },
      el('td', {}, el('strong', {}, leader.name), leader.title ? ` ${leader.title}` : ''), ...figures(leader.figures)));
    for (const township of leader.townships) {
      body.append(el('tr', { className: 'child', dataset: { township: township.code } }, el('td', {}, townshipLabel(township)), ...figures(township.figures)));
    }
  }
  return el('table', { id: 'responsibility-leaders' }, head('responsibility.leader'), body);
}

/** Departments, each with its sectors, totals and (folded) enterprises with their responsible person. */
function departmentList(view) {
  return el('div', { id: 'responsibility-departments' }, ...view.departments.map((d) => el('details', { className: 'department', dataset: { department: d.code } },
    el('summary', {}, el('strong', {}, d.name), ` · ${d.sectors.map(sectorName).join('、') || '—'}`,
      el('span', { className: 'meta' }, ` ${t('responsibility.summary', {
        enterprises: formatNumber(d.figures.enterprises), major: formatNumber(d.figures.openMajor), overdue: formatNumber(d.figures.overdueMajor),
      })}`)),
    el('table', {}, head('responsibility.enterprise'), el('tbody', {}, ...d.enterprises.map((e) => el('tr', { dataset: { enterprise: e.id } },
      el('td', {}, e.name, el('div', { className: 'meta' }, `${e.townshipName} · ${sectorName(e.sector)}${e.responsiblePerson ? ` · ${t('responsibility.person')}：${e.responsiblePerson}` : ''}`)),
      ...figures(e.figures))))))));
}

export function renderResponsibility(container, view, onExport) {
  clear(container);
  container.append(
    el('h2', {}, t('responsibility.title')),
    el('p', { className: 'meta' }, t('responsibility.asOf', { date: view.asOf })),
    el('button', { type: 'button', className: 'link-button', id: 'responsibility-export', onclick: onExport }, t('responsibility.export')),
    el('h3', {}, t('responsibility.leaders')),
    view.leaders.length ? leadersTable(view) : el('p', { className: 'meta' }, t('responsibility.none')),
    el('h3', {}, t('responsibility.departments')),
    departmentList(view),
  );
}
