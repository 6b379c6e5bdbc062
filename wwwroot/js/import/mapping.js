// The preview of an upload and the column mapping the user chooses. Every cell and header from the file is text.
import { el } from '../dom.js';
import { t } from '../i18n.js';

/** Fields the mapping covers: table fields from the preview, or code/name/kind for boundaries. */
export function mappingFields(preview) {
  if (preview.table) return preview.table.fields.map((f) => ({ name: f.name, label: `${f.chinese} (${f.name})`, required: f.required }));
  return [
    { name: 'code', label: t('import.field.code'), required: true },
    { name: 'name', label: t('import.field.name'), required: true },
    { name: 'kind', label: t('import.field.kind'), required: false },
  ];
}

/** Columns (table headers or feature properties) to choose from. */
export function columnsOf(preview) {
  return preview.table ? preview.table.header : preview.boundaries.properties;
}

/** The mapping table: one select per field, preset to the server's suggestion. */
export function renderMapping(preview) {
  const columns = columnsOf(preview);
  const suggested = preview.table ? preview.table.suggestedMapping : preview.boundaries.suggestedMapping;
  const rows = mappingFields(preview).map((f) => {
    const select = el('select', { name: `map-${f.name}`, dataset: { field: f.name } },
      el('option', { value: '' }, t('import.notMapped')),
      columns.map((c) => el('option', { value: c, selected: suggested[f.name] === c }, c)));
    return el('tr', {}, el('td', {}, f.label, f.required ? ' *' : ''), el('td', {}, select));
  });
  return el('table', { className: 'import-mapping', id: 'import-mapping' }, el('tbody', {}, rows));
}

/** The chosen mapping: field → column, leaving out fields not mapped. */
export function readMapping(container) {
  const mapping = {};
  for (const select of container.querySelectorAll('#import-mapping select')) {
    if (select.value) mapping[select.dataset.field] = select.value;
  }
  return mapping;
}

/** The first rows of the file as a table. */
export function renderSample(preview) {
  const header = columnsOf(preview);
  const rows = preview.table ? preview.table.rows : preview.boundaries.rows;
  return el('div', { className: 'import-sample' },
    el('table', { id: 'import-sample' },
      el('thead', {}, el('tr', {}, el('th', {}, '#'), header.map((h) => el('th', {}, h)))),
      el('tbody', {}, rows.map((r) => el('tr', {}, el('td', {}, String(r.row)), r.cells.map((c) => el('td', {}, c ?? '')))))));
}
