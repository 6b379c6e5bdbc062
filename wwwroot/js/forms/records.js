// The write forms: record an inspection with its hazards, record an enforcement action, look at a hazard and move it
// along its lifecycle or extend its deadline. Client-side checks give messages in the page's language; the server's
// field errors are shown under the same fields.
import { api } from '../api.js';
import { el } from '../dom.js';
import { t, languageTag } from '../i18n.js';
import { sectorName } from '../sectors.js';
import { canWrite } from '../session.js';
import { openDialog } from './dialog.js';
import { evidenceSection } from './attachments.js';
import { ledgerSection, ledgerStatus, mayDecide, today } from './ledger.js';
import { enterprisePicker } from './enterprise-picker.js';


function hazardRows() {
  const rows = el('div', { className: 'hazard-rows', id: 'hazard-rows' });
  const add = el('button', { type: 'button', id: 'add-hazard', onclick: () => rows.append(hazardRow(rows.children.length)) }, t('form.addHazard'));
  const element = el('div', {}, rows, add);
  const read = () => [...rows.children].map((row) => ({
    level: row.querySelector('[name=level]').value,
    description: row.querySelector('[name=description]').value.trim(),
    deadline: row.querySelector('[name=deadline]').value,
    responsiblePerson: row.querySelector('[name=responsiblePerson]').value.trim() || null,
    supervised: row.querySelector('[name=supervised]').checked,
  }));
  return { element, read };
}

function hazardRow(index) {
  return el('fieldset', { className: 'hazard-row', dataset: { index } },
    el('legend', {}, t('form.hazardN', { n: index + 1 })),
    el('label', {}, t('detail.level'), el('select', { name: 'level' }, el('option', { value: 'General' }, t('level.General')), el('option', { value: 'Major' }, t('level.Major')))),
    el('label', {}, t('form.description'), el('textarea', { name: 'description', rows: 2, maxlength: 1000 })),
    el('label', {}, t('form.deadline'), el('input', { type: 'date', name: 'deadline' })),
    el('label', {}, t('form.responsible'), el('input', { type: 'text', name: 'responsiblePerson', maxlength: 100 })),
    el('label', { className: 'checkbox' }, el('input', { type: 'checkbox', name: 'supervised' }), t('detail.supervised')),
    el('div', { className: 'field-error', dataset: { for: `hazards[${index}]` } }));
}

/** Opens the inspection form for the enterprises (GeoJSON features) the user may record in. */
export function recordInspection(enterprises, onDone) {
  const writable = enterprises.filter((e) => canWrite('inspection', e.properties.township, e.properties.sector));
  const picker = enterprisePicker(writable);
  const hazards = hazardRows();
  openDialog({
    id: 'inspection-form',
    title: t('form.inspectionTitle'),
    submitLabel: t('form.save'),
    fields: [
      { name: 'enterpriseId', label: t('form.enterprise'), element: picker.element, read: picker.read },
      { name: 'date', label: t('form.date'), type: 'date', value: today(), max: today() },
      { name: 'inspectionGroup', label: t('form.group'), maxLength: 64 },
      { name: 'inspectorVisits', label: t('form.visits'), type: 'number', value: '2', min: 0, max: 1000, step: 1 },
      { name: 'hazards', label: t('form.hazards'), element: hazards.element, read: hazards.read },
    ],
    validate(v) {
      const e = {};
      if (!v.enterpriseId) e.enterpriseId = t('validation.chooseEnterprise');
      if (!v.date) e.date = t('validation.required');
      else if (v.date > today()) e.date = t('validation.future');
      if (!v.inspectionGroup) e.inspectionGroup = t('validation.required');
      if (v.inspectorVisits === '' || !(Number(v.inspectorVisits) >= 0 && Number(v.inspectorVisits) <= 1000 && Number.isInteger(Number(v.inspectorVisits))))
        e.inspectorVisits = t('validation.visits');
      v.hazards.forEach((h, i) => {
        const messages = [];
        if (!h.description) messages.push(t('validation.description'));
        if (!h.deadline) messages.push(t('validation.deadlineRequired'));
        else if (v.date && h.deadline < v.date) messages.push(t('validation.deadlineBeforeInspection'));
        if (messages.length) e[`hazards[${i}]`] = messages.join(' ');
      });
      return e;
    },
    submit: (v) => api.recordInspection({
      enterpriseId: Number(v.enterpriseId), date: v.date, inspectionGroup: v.inspectionGroup,
      inspectorVisits: Number(v.inspectorVisits), hazards: v.hazards,
    }),
    onDone,
  });
}

/** Opens the enforcement form. */
export function recordEnforcement(enterprises, onDone) {
  const writable = enterprises.filter((e) => canWrite('enforcement', e.properties.township, e.properties.sector));
  const picker = enterprisePicker(writable);
  const { controls } = openDialog({
    id: 'enforcement-form',
    title: t('form.enforcementTitle'),
    submitLabel: t('form.save'),
    fields: [
      { name: 'enterpriseId', label: t('form.enterprise'), element: picker.element, read: picker.read },
      { name: 'date', label: t('form.date'), type: 'date', value: today(), max: today() },
      { name: 'kind', label: t('form.kind'), type: 'select', options: ['Document', 'Interview', 'Case', 'Fine'].map((k) => [k, t(`enforcement.${k}`)]) },
      { name: 'amountYuan', label: t('form.amount'), type: 'number', min: 0.01, step: 0.01 },
    ],
    validate(v) {
      const e = {};
      if (!v.enterpriseId) e.enterpriseId = t('validation.chooseEnterprise');
      if (!v.date) e.date = t('validation.required');
      else if (v.date > today()) e.date = t('validation.future');
      if (v.kind === 'Fine' && !(Number(v.amountYuan) > 0)) e.amountYuan = t('validation.amount');
      if (v.kind === 'Fine' && v.amountYuan && !/^\d+(\.\d{1,2})?$/.test(v.amountYuan)) e.amountYuan = t('validation.fen');
      return e;
    },
    submit: (v) => api.recordEnforcement({
      enterpriseId: Number(v.enterpriseId), date: v.date, kind: v.kind, amountYuan: v.kind === 'Fine' ? Number(v.amountYuan) : null,
    }),
    onDone,
  });
  const kind = controls.kind;
  const amount = controls.amountYuan;
  const sync = () => { amount.disabled = kind.value !== 'Fine'; if (amount.disabled) amount.value = ''; };
  kind.addEventListener('change', sync);
  sync();
}

/**
 * Shows a hazard with its evidence, its ledger and its history, and the next step or a deadline extension when the user
 * may change it; closing out is the ledger's acceptance, not a step. After a change the hazard is shown again.
 */
export async function showHazard(id, onChanged) {
  const hazard = await api.hazard(id);
  const writable = canWrite('hazard', hazard.township, hazard.sector);
  const changed = (result) => {
    if (!result) return;
    onChanged?.(result);
    showHazard(result.id, onChanged).catch(() => {});
  };
  let dialog = null;
  const openForm = (form) => { dialog.close(); dialog.remove(); form(); };
  const history = el('ol', { className: 'history', id: 'hazard-history' }, hazard.history.map((h) => el('li', {},
    el('b', {}, t(`history.${h.action}`)), ' · ', h.userName, ' · ', new Date(h.at).toLocaleString(languageTag()), h.note ? el('div', {}, h.note) : null)));
  const intro = el('div', {},
    el('div', {}, el('span', { className: `badge ${hazard.level}` }, t(`level.${hazard.level}`)), el('b', {}, hazard.enterpriseName), ' · ', sectorName(hazard.sector)),
    el('div', {}, hazard.description),
    el('div', {}, `${t('detail.status')}：`, el('b', { id: 'hazard-status' }, ledgerStatus(hazard)), ` · ${t('detail.deadline', { date: hazard.deadline })}`),
    evidenceSection(hazard, writable),
    ledgerSection(hazard, (form) => openForm(form), changed),
    el('h4', {}, t('form.history')), history.children.length ? history : el('p', {}, t('detail.none')));

  const next = hazard.nextStatus === 'Closed' ? null : hazard.nextStatus;
  const fields = writable && next ? [
    { name: 'date', label: t('form.stepDate', { status: t(`status.${next}`) }), type: 'date', value: today(), max: today() },
    { name: 'note', label: t('form.note'), type: 'textarea', maxLength: 2000 },
  ] : [];
  ({ dialog } = openDialog({
    id: 'hazard-dialog',
    title: t('form.hazardTitle', { id: hazard.id }),
    intro,
    fields,
    submitLabel: next ? t('form.moveTo', { status: t(`status.${next}`) }) : t('form.close'),
    validate(v) {
      const e = {};
      if (!next || !writable) return e;
      if (!v.date) e.date = t('validation.required');
      else if (v.date > today()) e.date = t('validation.future');
      if ((next === 'Rectified' || next === 'Closed') && !v.note) e.note = t('validation.note');
      return e;
    },
    submit: (v) => (next && writable
      ? api.changeHazardStatus(hazard.id, { status: next, date: v.date, note: v.note || null, version: hazard.version })
      : Promise.resolve(null)),
    onDone: changed,
  }));
  if (mayDecide(hazard) && (hazard.status === 'Open' || hazard.status === 'Rectifying')) {
    const extend = el('button', { type: 'button', id: 'extend-deadline', onclick: () => openForm(() => extendDeadline(hazard, changed)) }, t('form.extend'));
    dialog.querySelector('.buttons').prepend(extend);
  }
  if (!writable || !next) dialog.querySelector('button[type=submit]').hidden = !writable || !next;
}

function extendDeadline(hazard, onChanged) {
  openDialog({
    id: 'deadline-form',
    title: t('form.extendTitle'),
    intro: el('div', {}, `${hazard.enterpriseName} · ${t('detail.deadline', { date: hazard.deadline })}`),
    submitLabel: t('form.save'),
    fields: [
      { name: 'deadline', label: t('form.newDeadline'), type: 'date' },
      { name: 'reason', label: t('form.reason'), type: 'textarea', maxLength: 1000 },
    ],
    validate(v) {
      const e = {};
      if (!v.deadline) e.deadline = t('validation.required');
      else if (v.deadline <= hazard.deadline) e.deadline = t('validation.laterDeadline');
      if (!v.reason) e.reason = t('validation.reason');
      return e;
    },
    submit: (v) => api.extendDeadline(hazard.id, { deadline: v.deadline, reason: v.reason, version: hazard.version }),
    onDone: onChanged,
  });
}
