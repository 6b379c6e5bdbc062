// An enterprise chooser: a text input with a datalist of "name · credit code"; read() returns the chosen id or ''.
import { el } from '../dom.js';

let serial = 0;

export function enterprisePicker(enterprises) {
  const listId = `enterprise-options-${++serial}`;
  const byLabel = new Map(enterprises.map((e) => [`${e.properties.name} · ${e.properties.creditCode}`, e.id]));
  const input = el('input', { type: 'text', name: 'enterpriseId', id: 'field-enterpriseId', list: listId, autocomplete: 'off' });
  const list = el('datalist', { id: listId }, [...byLabel.keys()].map((label) => el('option', { value: label })));
  const wrapper = el('span', { className: 'picker' }, input, list);
  wrapper.value = '';
  return {
    element: wrapper,
    read: () => byLabel.get(input.value.trim()) ?? '',
    input,
  };
}
