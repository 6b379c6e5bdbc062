// The evidence of a hazard inside its dialog: the thumbnails of its photos and documents with what each photo's EXIF
// says (time, position, distance to the enterprise) and the server's flags, and, for a user who may write, an upload
// (kind and file). The thumbnails are the server's re-encoded JPEGs; the originals are offered as downloads.
import { api, errorText, fieldErrors } from '../api.js';
import { el, clear } from '../dom.js';
import { t, languageTag, formatNumber } from '../i18n.js';

const KINDS = ['Before', 'After', 'Document'];

function describe(item) {
  const facts = [];
  if (item.takenAt) facts.push(t('evidence.takenAt', { time: new Date(`${item.takenAt}`).toLocaleString(languageTag()) }));
  if (item.latitude !== null && item.longitude !== null) {
    facts.push(t('evidence.position', { lat: item.latitude.toFixed(5), lon: item.longitude.toFixed(5) }));
    facts.push(t('evidence.distance', { metres: formatNumber(item.distanceMetres) }));
  } else if (item.mediaType !== 'application/pdf') {
    facts.push(t('evidence.noPosition'));
  }
  const flags = [
    item.farFromEnterprise ? el('span', { className: 'badge flag', dataset: { flag: 'far' } }, t('evidence.flag.far')) : null,
    item.takenBeforeFound ? el('span', { className: 'badge flag', dataset: { flag: 'early' } }, t('evidence.flag.early')) : null,
  ];
  return el('figure', { className: 'evidence-item', dataset: { id: item.id, kind: item.kind } },
    el('a', { href: item.url, download: item.fileName, title: t('evidence.download') },
      el('img', { src: item.thumbnailUrl, alt: item.fileName, loading: 'lazy', width: 120 })),
    el('figcaption', {},
      el('b', {}, t(`evidence.kind.${item.kind}`)), ' · ', item.fileName,
      ...facts.map((f) => el('div', {}, f)),
      el('div', {}, ...flags)));
}

/** The evidence section of hazard <hazard>: loads its attachments, and offers an upload when <writable>. */
export function evidenceSection(hazard, writable) {
  const list = el('div', { className: 'evidence-list', id: 'evidence-list' }, t('evidence.loading'));
  const message = el('div', { className: 'field-error', id: 'evidence-error', role: 'alert' });
  const refresh = async () => {
    try {
      const answer = await api.attachments(hazard.id);
      clear(list);
      if (!answer.items.length) list.append(el('p', {}, t('evidence.none')));
      for (const item of answer.items) list.append(describe(item));
    } catch (error) {
      clear(list);
      message.textContent = errorText(error);
    }
  };
  const section = el('section', { className: 'evidence', id: 'evidence' }, el('h4', {}, t('evidence.title')), list, message);
  if (writable) {
    const kind = el('select', { name: 'kind', id: 'evidence-kind', 'aria-label': t('evidence.kind') },
      KINDS.map((k) => el('option', { value: k }, t(`evidence.kind.${k}`))));
    const file = el('input', { type: 'file', name: 'file', id: 'evidence-file', accept: 'image/jpeg,image/png,application/pdf', 'aria-label': t('evidence.file') });
    const upload = el('button', { type: 'button', id: 'evidence-upload' }, t('evidence.upload'));
    upload.addEventListener('click', async () => {
      message.textContent = '';
      const chosen = file.files?.[0];
      if (!chosen) { message.textContent = t('evidence.chooseFile'); return; }
      if (chosen.size > 20 * 1024 * 1024) { message.textContent = t('evidence.tooLarge'); return; }
      const form = new FormData();
      form.append('kind', kind.value);
      form.append('file', chosen, chosen.name);
      upload.disabled = true;
      try {
        await api.attachToHazard(hazard.id, form);
        file.value = '';
        await refresh();
      } catch (error) {
        const fields = Object.fromEntries(fieldErrors(error));
        message.textContent = fields.file ?? fields.kind ?? errorText(error);
      } finally {
        upload.disabled = false;
      }
    });
    section.append(el('div', { className: 'evidence-upload' },
      el('label', {}, t('evidence.kind'), kind), el('label', {}, t('evidence.file'), file), upload));
  }
  refresh();
  return section;
}
