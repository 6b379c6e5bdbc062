// A modal form in a <dialog>: fields, per-field error messages, a submit that shows the server's errors by field name
// and its other messages as sent.
import { el, clear, append } from '../dom.js';
import { t } from '../i18n.js';
import { errorText, fieldErrors } from '../api.js';

/**
 * Opens a dialog. fields: [{ name, label, type ('text'|'date'|'number'|'select'|'textarea'|'checkbox'|'password'|'custom'),
 * options: [[value,label]], value, required, element }]. validate(values) returns { field: message }.
 * submit(values) returns a promise; an ApiError's ProblemDetails errors are shown under their fields.
 */
export function openDialog({ id, title, intro, fields, submitLabel, validate = () => ({}), submit, onDone }) {
  const dialog = el('dialog', { className: 'form-dialog', id });
  const form = el('form', { method: 'dialog', novalidate: true });
  const controls = {};
  const errors = {};
  for (const f of fields) {
    const control = f.element ?? createControl(f);
    controls[f.name] = control;
    errors[f.name] = el('div', { className: 'field-error', dataset: { for: f.name } });
    form.append(el('label', { className: f.type === 'checkbox' ? 'field checkbox' : 'field' }, el('span', {}, f.label), control, errors[f.name]));
  }
  const general = el('div', { className: 'form-error', role: 'alert' });
  const submitButton = el('button', { type: 'submit', className: 'primary' }, submitLabel);
  const cancel = el('button', { type: 'button', onclick: () => close() }, t('form.cancel'));
  form.append(general, el('div', { className: 'buttons' }, cancel, submitButton));
  append(dialog, el('h3', {}, title), intro ? el('div', { className: 'meta intro' }, intro) : null, form);
  document.body.append(dialog);

  function close() { dialog.close(); dialog.remove(); }

  function values() {
    const v = {};
    for (const f of fields) {
      const c = controls[f.name];
      v[f.name] = f.read ? f.read(c) : f.type === 'checkbox' ? c.checked : c.value.trim();
    }
    return v;
  }

  function show(fieldErrors, message) {
    for (const e of Object.values(errors)) e.textContent = '';
    general.textContent = message ?? '';
    for (const [name, text] of Object.entries(fieldErrors)) {
      const target = errors[name] ?? errors[name.split(/[.[]/)[0]];
      if (target) target.textContent = target.textContent ? `${target.textContent} ${text}` : text;
      else general.textContent = `${general.textContent} ${name}: ${text}`.trim();
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = values();
    const problems = validate(v);
    if (Object.keys(problems).length) { show(problems); return; }
    submitButton.disabled = true;
    try {
      const result = await submit(v);
      close();
      onDone?.(result);
    } catch (error) {
      const byField = Object.fromEntries(fieldErrors(error));
      show(byField, Object.keys(byField).length ? t('form.fix') : errorText(error));
    } finally {
      submitButton.disabled = false;
    }
  });
  dialog.addEventListener('cancel', () => dialog.remove());
  dialog.showModal();
  return { dialog, controls, close };
}

export function createControl(f) {
  const attributes = { name: f.name, id: `field-${f.name}`, required: f.required };
  if (f.type === 'select') {
    return el('select', attributes, (f.options ?? []).map(([value, label]) => el('option', { value, selected: value === f.value }, label)));
  }
  if (f.type === 'textarea') return el('textarea', { ...attributes, rows: 3, maxlength: f.maxLength }, f.value ?? '');
  if (f.type === 'checkbox') return el('input', { ...attributes, type: 'checkbox', checked: !!f.value });
  return el('input', { ...attributes, type: f.type ?? 'text', value: f.value ?? '', maxlength: f.maxLength, min: f.min, max: f.max, step: f.step, autocomplete: f.autocomplete });
}

export { clear };
