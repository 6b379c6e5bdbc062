// The hazard ledger (隐患台账) inside the hazard dialog: its facts (source, criterion clause, rectification plan,
// supervision, extension requests, acceptances, 销号 document number) and the forms the hazard's state and the user's
// role allow — the plan (五到位), a listing for supervision (挂牌督办), an extension request and its decision, and the
// acceptance (验收). The server enforces every rule (LedgerRoles); this only hides what it would refuse. Its problems
// are shown as it sends them, in the page's language.
import { api } from '../api.js';
import { el } from '../dom.js';
import { t, languageTag, formatNumber } from '../i18n.js';
import { canWrite, hasRole, user } from '../session.js';
import { openDialog } from './dialog.js';

/** Today in China Standard Time, yyyy-MM-dd. */
export const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const isOpen = (hazard) => hazard.status === 'Open' || hazard.status === 'Rectifying';

/** True when the user acts for supervision level <level> on a hazard of <sector> (County: the sector's officer or an Admin; else an Admin). */
function actsFor(level, sector) {
  if (hasRole('Admin')) return true;
  return level === 'County' && hasRole('DepartmentOfficer') && !!user()?.sectors.includes(sector);
}

const decidingLevel = (hazard) => hazard.ledger.supervision?.level ?? 'County';

/** True when the user may decide the hazard's deadline extensions (and extend it directly). */
export const mayDecide = (hazard) => actsFor(decidingLevel(hazard), hazard.sector);

/** True when the user may accept the hazard: its supervising level's role when supervised, else whoever may change it. */
function mayAccept(hazard) {
  return hazard.supervised
    ? actsFor(decidingLevel(hazard), hazard.sector)
    : canWrite('hazard', hazard.township, hazard.sector);
}

/** The status as the ledger names it: 已验收销号 when closed through an acceptance with its document number. */
export function ledgerStatus(hazard) {
  return hazard.status === 'Closed' && hazard.ledger.closeDocumentNumber ? t('ledger.status.closedByAcceptance') : t(`status.${hazard.status}`);
}

const fact = (label, ...value) => el('div', { className: 'ledger-fact' }, el('span', { className: 'meta' }, `${label}：`), ...value);

function planFacts(plan) {
  if (!plan) return fact(t('ledger.plan'), t('ledger.none'));
  return el('div', { id: 'ledger-plan' },
    fact(t('ledger.plan'), ''),
    el('ul', { className: 'ledger-list' },
      el('li', {}, `${t('ledger.plan.measures')}：${plan.measures ?? '—'}`),
      el('li', {}, `${t('ledger.plan.funds')}：${plan.fundsYuan === null ? '—' : formatNumber(plan.fundsYuan, 2)}`),
      el('li', {}, `${t('ledger.plan.owner')}：${plan.owner ?? '—'}`),
      el('li', {}, `${t('ledger.plan.interim')}：${plan.interimMeasures ?? '—'}`),
      el('li', {}, `${t('ledger.plan.completion')}：${plan.plannedCompletionOn ?? '—'}`)));
}

function extensionItem(hazard, request, onDecide) {
  const me = user()?.userName;
  const decidable = request.state === 'Pending' && request.requestedBy !== me && mayDecide(hazard);
  return el('li', { dataset: { request: request.id, state: request.state } },
    `${t('ledger.extension.item', { deadline: request.deadline, by: request.requestedBy })} · ${t(`ledger.extension.state.${request.state}`)}`,
    el('div', {}, request.reason, request.beyondOneYearReason ? ` · ${t('ledger.extension.beyond')}：${request.beyondOneYearReason}` : ''),
    request.decidedBy ? el('div', { className: 'meta' },
      t('ledger.extension.decided', { by: request.decidedBy, at: new Date(request.decidedAt).toLocaleString(languageTag()) }),
      request.decisionReason ? `：${request.decisionReason}` : '') : null,
    decidable ? el('button', { type: 'button', className: 'ledger-decide', onclick: () => onDecide(request) }, t('ledger.extension.decide')) : null);
}

function acceptanceItem(a) {
  return el('li', { dataset: { result: a.result } },
    `${a.date} · ${t(`ledger.acceptance.result.${a.result}`)} · ${a.acceptedBy}`,
    a.documentNumber ? ` · ${t('ledger.documentNumber')} ${a.documentNumber}` : '',
    a.note ? el('div', {}, a.note) : null);
}

/**
 * The ledger section of <hazard> (a HazardDetail). open(form) is called with a function that opens one of the ledger's
 * forms; the caller closes its own dialog first. After a write, done(result) gets the changed hazard.
 */
export function ledgerSection(hazard, open, done) {
  const ledger = hazard.ledger;
  const writable = canWrite('hazard', hazard.township, hazard.sector);
  const criterion = ledger.criterion
    ? el('span', {}, `${ledger.criterion.documentName ?? ''} ${ledger.criterion.documentNumber ?? ''} · ${ledger.criterion.clause}`,
      ledger.criterion.text ? el('div', {}, ledger.criterion.text) : null)
    : t('ledger.none');
  const supervision = ledger.supervision
    ? `${t(`ledger.supervision.level.${ledger.supervision.level}`)} · ${ledger.supervision.supervisingUnit ?? ''} · ${t('ledger.supervision.listed', { date: ledger.supervision.listedOn ?? '—' })}`
      + (ledger.supervision.delistedOn ? ` · ${t('ledger.supervision.delisted', { date: ledger.supervision.delistedOn })}` : '')
    : t('ledger.notSupervised');
  const pending = ledger.extensionRequests.some((r) => r.state === 'Pending');

  const buttons = [];
  const button = (id, label, form) => buttons.push(el('button', { type: 'button', id, onclick: () => open(() => form(hazard, done)) }, label));
  if (writable && isOpen(hazard)) button('ledger-set-plan', ledger.plan ? t('ledger.plan.edit') : t('ledger.plan.set'), planForm);
  if (isOpen(hazard) && actsFor('County', hazard.sector)) button('ledger-supervise', t('ledger.supervision.list'), supervisionForm);
  if (writable && isOpen(hazard) && !pending) button('ledger-request-extension', t('ledger.extension.request'), extensionForm);
  if (hazard.status === 'Rectified' && mayAccept(hazard)) button('ledger-accept', t('ledger.acceptance.record'), acceptanceForm);

  return el('section', { className: 'ledger', id: 'ledger' },
    el('h4', {}, t('ledger.title')),
    fact(t('ledger.source'), t(`ledger.source.${ledger.source}`)),
    fact(t('ledger.criterion'), criterion),
    planFacts(ledger.plan),
    fact(t('ledger.supervision'), supervision),
    fact(t('ledger.extensions'), ledger.extensionRequests.length ? '' : t('ledger.none')),
    ledger.extensionRequests.length ? el('ul', { className: 'ledger-list', id: 'ledger-extensions' },
      ledger.extensionRequests.map((r) => extensionItem(hazard, r, (request) => open(() => decisionForm(hazard, request, done))))) : null,
    fact(t('ledger.acceptances'), ledger.acceptances.length ? '' : t('ledger.none')),
    ledger.acceptances.length ? el('ul', { className: 'ledger-list', id: 'ledger-acceptances' }, ledger.acceptances.map(acceptanceItem)) : null,
    ledger.closeDocumentNumber ? fact(t('ledger.documentNumber'), el('b', { id: 'ledger-document-number' }, ledger.closeDocumentNumber)) : null,
    buttons.length ? el('div', { className: 'ledger-actions' }, buttons) : null);
}

const intro = (hazard) => el('div', {}, `${hazard.enterpriseName} · ${t('detail.deadline', { date: hazard.deadline })}`);
const required = (v, names) => Object.fromEntries(names.filter((n) => !v[n]).map((n) => [n, t('validation.required')]));

function planForm(hazard, done) {
  const plan = hazard.ledger.plan ?? {};
  openDialog({
    id: 'plan-form',
    title: t('ledger.plan.title'),
    intro: intro(hazard),
    submitLabel: t('form.save'),
    fields: [
      { name: 'measures', label: t('ledger.plan.measures'), type: 'textarea', maxLength: 1000, value: plan.measures },
      { name: 'fundsYuan', label: t('ledger.plan.funds'), type: 'number', min: 0, step: 0.01, value: plan.fundsYuan ?? '' },
      { name: 'owner', label: t('ledger.plan.owner'), maxLength: 100, value: plan.owner },
      { name: 'interimMeasures', label: t('ledger.plan.interim'), type: 'textarea', maxLength: 1000, value: plan.interimMeasures },
      { name: 'plannedCompletionOn', label: t('ledger.plan.completion'), type: 'date', value: plan.plannedCompletionOn ?? hazard.deadline },
    ],
    validate(v) {
      const e = required(v, ['measures', 'fundsYuan', 'owner', 'interimMeasures', 'plannedCompletionOn']);
      if (v.fundsYuan && !/^\d+(\.\d{1,2})?$/.test(v.fundsYuan)) e.fundsYuan = t('validation.fen');
      if (v.plannedCompletionOn && v.plannedCompletionOn < hazard.foundOn) e.plannedCompletionOn = t('ledger.validation.beforeFound');
      return e;
    },
    submit: (v) => api.setHazardPlan(hazard.id, { ...v, fundsYuan: Number(v.fundsYuan), version: hazard.version }),
    onDone: done,
  });
}

function supervisionForm(hazard, done) {
  const levels = ['County', 'City', 'Province'].filter((l) => actsFor(l, hazard.sector));
  openDialog({
    id: 'supervision-form',
    title: t('ledger.supervision.title'),
    intro: intro(hazard),
    submitLabel: t('form.save'),
    fields: [
      { name: 'level', label: t('ledger.supervision.levelLabel'), type: 'select', options: levels.map((l) => [l, t(`ledger.supervision.level.${l}`)]) },
      { name: 'supervisingUnit', label: t('ledger.supervision.unit'), maxLength: 100 },
      { name: 'listedOn', label: t('ledger.supervision.listedOn'), type: 'date', value: today(), max: today() },
    ],
    validate(v) {
      const e = required(v, ['supervisingUnit', 'listedOn']);
      if (v.listedOn && v.listedOn > today()) e.listedOn = t('validation.future');
      else if (v.listedOn && v.listedOn < hazard.foundOn) e.listedOn = t('ledger.validation.beforeFound');
      return e;
    },
    submit: (v) => api.setHazardSupervision(hazard.id, { ...v, version: hazard.version }),
    onDone: done,
  });
}

function extensionForm(hazard, done) {
  openDialog({
    id: 'extension-form',
    title: t('ledger.extension.title'),
    intro: intro(hazard),
    submitLabel: t('ledger.extension.send'),
    fields: [
      { name: 'deadline', label: t('form.newDeadline'), type: 'date' },
      { name: 'reason', label: t('form.reason'), type: 'textarea', maxLength: 1000 },
      { name: 'beyondOneYearReason', label: t('ledger.extension.beyond'), type: 'textarea', maxLength: 1000 },
    ],
    validate(v) {
      const e = required(v, ['deadline', 'reason']);
      if (v.deadline && (v.deadline <= hazard.deadline || v.deadline <= today())) e.deadline = t('ledger.validation.laterDeadline');
      return e;
    },
    submit: (v) => api.requestExtension(hazard.id, { deadline: v.deadline, reason: v.reason, beyondOneYearReason: v.beyondOneYearReason || null, version: hazard.version }),
    onDone: done,
  });
}

function decisionForm(hazard, request, done) {
  openDialog({
    id: 'decision-form',
    title: t('ledger.extension.decideTitle'),
    intro: el('div', {}, t('ledger.extension.item', { deadline: request.deadline, by: request.requestedBy }), el('div', {}, request.reason)),
    submitLabel: t('form.save'),
    fields: [
      { name: 'approve', label: t('ledger.extension.decision'), type: 'select', options: [['true', t('ledger.extension.approve')], ['false', t('ledger.extension.reject')]] },
      { name: 'reason', label: t('ledger.extension.decisionReason'), type: 'textarea', maxLength: 1000 },
    ],
    validate: (v) => required(v, ['reason']),
    submit: (v) => api.decideExtension(hazard.id, request.id, { approve: v.approve === 'true', reason: v.reason, version: hazard.version }),
    onDone: done,
  });
}

function acceptanceForm(hazard, done) {
  const { controls } = openDialog({
    id: 'acceptance-form',
    title: t('ledger.acceptance.title'),
    intro: intro(hazard),
    submitLabel: t('form.save'),
    fields: [
      { name: 'date', label: t('ledger.acceptance.date'), type: 'date', value: today(), max: today() },
      { name: 'result', label: t('ledger.acceptance.result'), type: 'select', options: ['Pass', 'Fail'].map((r) => [r, t(`ledger.acceptance.result.${r}`)]) },
      { name: 'documentNumber', label: t('ledger.documentNumber'), maxLength: 64 },
      { name: 'note', label: t('form.note'), type: 'textarea', maxLength: 2000 },
    ],
    validate(v) {
      const e = required(v, ['date']);
      if (v.date && v.date > today()) e.date = t('validation.future');
      else if (v.date && hazard.rectifiedOn && v.date < hazard.rectifiedOn) e.date = t('ledger.validation.beforeRectified');
      if (v.result === 'Pass' && !v.documentNumber) e.documentNumber = t('ledger.validation.documentNumber');
      if (v.result === 'Fail' && !v.note) e.note = t('ledger.validation.failNote');
      return e;
    },
    submit: (v) => api.acceptHazard(hazard.id, {
      date: v.date, result: v.result, documentNumber: v.result === 'Pass' ? v.documentNumber : null, note: v.note || null, version: hazard.version,
    }),
    onDone: done,
  });
  const sync = () => { controls.documentNumber.disabled = controls.result.value !== 'Pass'; };
  controls.result.addEventListener('change', sync);
  sync();
}
