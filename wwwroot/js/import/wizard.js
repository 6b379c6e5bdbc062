// The import wizard for admins: upload a file, choose how it is read (coordinate system, encoding, worksheet, district),
// map its columns with the first rows in view, dry-run it with a preview on the map, then commit. The server decides
// everything; the wizard only gathers choices and shows answers.
import { api, errorText, fieldErrors } from '../api.js';
import { el, clear, append } from '../dom.js';
import { t } from '../i18n.js';
import { renderMapping, readMapping, renderSample } from './mapping.js';
import { renderProgress, renderOutcome } from './report.js';

const KINDS = ['boundaries', 'enterprises', 'inspections', 'hazards', 'enforcement'];
const CRS = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'];
const ENCODINGS = ['auto', 'utf-8', 'gbk', 'gb18030'];
const POLL_MS = 300;

function field(labelKey, control) {
  return el('label', { className: 'field' }, el('span', {}, t(labelKey)), control);
}

function select(name, options, value) {
  return el('select', { name, id: `import-${name}` }, options.map(([v, label]) => el('option', { value: v, selected: v === value }, label)));
}

export class ImportWizard {
  /** panel: the aside to render into; preview: an ImportPreviewLayer; district(): the code shown; onCommitted(kind, district). */
  constructor(panel, preview, { district, onCommitted, onClose }) {
    this.panel = panel;
    this.previewLayer = preview;
    this.district = district;
    this.onCommitted = onCommitted;
    this.onClose = onClose;
    this.upload = null;
    this.preview = null;
  }

  open() {
    this.panel.hidden = false;
    this.renderUpload();
  }

  close() {
    this.panel.hidden = true;
    this.previewLayer.clear();
    this.onClose?.();
  }

  header(...rest) {
    return [
      el('button', { type: 'button', className: 'close', id: 'import-close', 'aria-label': t('form.close'), onclick: () => this.close() }, '×'),
      el('h2', {}, t('import.title')),
      ...rest,
    ].flat(Infinity);
  }

  renderUpload(message) {
    const panel = clear(this.panel);
    panel.dataset.step = 'upload';
    panel.onchange = null;
    const kind = select('kind', KINDS.map((k) => [k, t(`import.kind.${k}`)]), this.kind ?? 'boundaries');
    const file = el('input', { type: 'file', id: 'import-file', accept: '.geojson,.json,.zip,.gpkg,.csv,.txt,.xlsx' });
    const status = el('p', { className: 'form-error', role: 'alert' }, message ?? '');
    const button = el('button', { type: 'button', className: 'primary', id: 'import-upload' }, t('import.upload'));
    button.addEventListener('click', async () => {
      if (!file.files.length) { status.textContent = t('import.chooseFile'); return; }
      button.disabled = true;
      status.textContent = t('status.loading');
      try {
        this.kind = kind.value;
        this.upload = await api.uploadImport(file.files[0]);
        await this.loadPreview({});
      } catch (error) {
        status.textContent = errorText(error);
        button.disabled = false;
      }
    });
    append(panel, this.header(
      el('p', { className: 'meta' }, t('import.intro')),
      field('import.kind', kind),
      field('import.file', file),
      el('p', { className: 'meta' }, t(`import.formats`)),
      el('div', { className: 'buttons' }, button),
      status));
  }

  async loadPreview({ encoding, sheet }) {
    this.encoding = encoding;
    this.sheet = sheet;
    try {
      this.preview = await api.importPreview(this.upload.id, { kind: this.kind, encoding, sheet });
    } catch (error) {
      this.renderUpload(errorText(error));
      return;
    }
    this.renderOptions();
  }

  options() {
    const p = this.preview;
    const controls = [];
    if (this.kind === 'boundaries') {
      const declared = p.boundaries.declaredCrs;
      const crs = select('crs', [['', declared ? t('import.crsFromFile', { crs: declared }) : t('import.crsChoose')],
        ...CRS.map((c) => [c, t(`crs.${c}`)]), ['epsg', t('import.crsEpsg')]], '');
      const epsg = el('input', { id: 'import-epsg', placeholder: 'EPSG:4546', hidden: true });
      crs.addEventListener('change', () => { epsg.hidden = crs.value !== 'epsg'; });
      controls.push(field('import.crs', el('span', { className: 'inline' }, crs, epsg)));
      if (p.boundaries.crsMetadata) controls.push(el('div', { className: 'meta crs-metadata' }, p.boundaries.crsMetadata));
      controls.push(field('import.district', el('input', { id: 'import-district', placeholder: t('import.districtFromCodes'), maxlength: 6 })));
      controls.push(field('import.districtName', el('input', { id: 'import-district-name', placeholder: t('import.districtNameHint') })));
      return controls;
    }
    if (p.table.encoding) {
      const encoding = select('encoding', ENCODINGS.map((e) => [e, e === 'auto' ? t('import.encodingDetected', { encoding: p.table.encoding }) : e]), this.encoding ?? 'auto');
      encoding.addEventListener('change', () => this.loadPreview({ encoding: encoding.value, sheet: this.sheet }));
      controls.push(field('import.encoding', encoding), el('div', { className: 'meta' }, p.table.encodingReason ?? ''));
    }
    if (p.table.sheets.length > 1) {
      const sheet = select('sheet', p.table.sheets.map((s) => [s, s]), p.table.sheet);
      sheet.addEventListener('change', () => this.loadPreview({ encoding: this.encoding, sheet: sheet.value }));
      controls.push(field('import.sheet', sheet));
    }
    if (this.kind === 'enterprises') {
      controls.push(field('import.crsPoints', select('crs', CRS.map((c) => [c, t(`crs.${c}`)]), 'wgs84')));
      controls.push(field('import.district', el('input', { id: 'import-district', value: this.district() ?? '', maxlength: 6 })));
      controls.push(field('import.duplicates', select('duplicates', ['reject', 'update', 'skip'].map((d) => [d, t(`import.duplicates.${d}`)]), 'reject')));
      controls.push(el('label', { className: 'field checkbox' }, el('input', { type: 'checkbox', id: 'import-accept-outside' }), el('span', {}, t('import.acceptOutside'))));
    }
    return controls;
  }

  renderOptions() {
    const panel = clear(this.panel);
    panel.dataset.step = 'options';
    delete panel.dataset.job;
    const p = this.preview;
    const count = p.boundaries ? t('import.features', { n: p.boundaries.features }) : '';
    this.report = el('div', { id: 'import-report' });
    this.progress = el('div', { id: 'import-progress-box' });
    this.dryRunButton = el('button', { type: 'button', id: 'import-dry-run', onclick: () => this.run(true) }, t('import.dryRun'));
    this.commitButton = el('button', { type: 'button', className: 'primary', id: 'import-commit', disabled: true, onclick: () => this.run(false) }, t('import.commit'));
    append(panel, this.header(
      el('div', { className: 'meta' }, `${this.upload.fileName} · ${t(`import.kind.${this.kind}`)} · ${p.format}`, count ? ` · ${count}` : ''),
      p.errors.length ? el('ul', { className: 'form-error' }, p.errors.map((e) => el('li', {}, `${e.column}: ${e.reason}`))) : null,
      this.options(),
      el('h3', {}, t('import.mapping')),
      renderMapping(p),
      el('h3', {}, t('import.sample')),
      renderSample(p),
      el('div', { className: 'buttons' },
        el('button', { type: 'button', onclick: () => this.renderUpload() }, t('import.back')), this.dryRunButton, this.commitButton),
      this.progress,
      this.report));
    // Any change of a choice asks for a new dry run before a commit.
    panel.onchange = () => { this.commitButton.disabled = true; };
  }

  body(dryRun) {
    const value = (id) => this.panel.querySelector(`#${id}`)?.value?.trim() || null;
    let crs = value('import-crs');
    if (crs === 'epsg') crs = value('import-epsg');
    return {
      uploadId: this.upload.id,
      dryRun,
      crs,
      encoding: this.encoding ?? null,
      sheet: this.sheet ?? null,
      district: value('import-district'),
      districtName: value('import-district-name'),
      duplicates: value('import-duplicates'),
      acceptOutside: !!this.panel.querySelector('#import-accept-outside')?.checked,
      mapping: readMapping(this.panel),
    };
  }

  async run(dryRun) {
    this.dryRunButton.disabled = true;
    this.commitButton.disabled = true;
    clear(this.report);
    this.panel.dataset.job = 'running';
    const body = this.body(dryRun);
    try {
      let job = await api.startImport(this.kind, body);
      while (['Queued', 'Running'].includes(job.state)) {
        renderProgress(this.progress, job);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        job = await api.importJob(job.id);
      }
      renderProgress(this.progress, job);
      renderOutcome(this.report, job);
      if (job.outcome?.preview) this.previewLayer.show(job.outcome.preview);
      this.panel.dataset.job = job.state;
      this.panel.dataset.dryRun = String(dryRun);
      if (job.state === 'Succeeded' && dryRun) this.commitButton.disabled = false;
      if (job.state === 'Succeeded' && !dryRun) this.onCommitted(this.kind, body.district ?? districtOf(job.outcome.preview));
    } catch (error) {
      const errors = fieldErrors(error);
      append(this.report,
        el('p', { className: 'import-summary error', id: 'import-summary' }, errorText(error)),
        errors.length ? el('ul', { className: 'form-error' }, errors.map(([name, message]) => el('li', {}, name ? `${name}: ${message}` : message))) : null);
      this.panel.dataset.job = 'Failed';
    } finally {
      this.dryRunButton.disabled = false;
    }
  }
}

/** The district of imported townships: the first six digits of their codes. */
function districtOf(preview) {
  return preview?.features?.[0]?.properties?.code?.slice(0, 6) ?? null;
}
