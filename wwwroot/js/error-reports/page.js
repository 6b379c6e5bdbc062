// The error report queue (error-reports.html, 纠错审核): the reports the signed-in admin or department officer decides,
// as GET /api/v1/error-reports/queue gives them — what each is about (a link to the enterprise's page), what is wrong,
// who reported it and when, the proposed location — each open one with an accept / reject form and its reason.
import { api, errorText, fieldErrors } from '../api.js';
import { el, clear, append } from '../dom.js';
import { t, setLanguage, currentLanguage, applyTranslations } from '../i18n.js';
import { subscribe } from '../state.js';

const container = document.getElementById('queue');
const statusFilter = document.getElementById('queue-status');
let reports = null;
let failure = null;

/** What a report is about: the enterprise (and hazard) as a link to the enterprise's page, or the township. */
function subject(r) {
  const township = r.townshipName ? `${r.townshipName}（${r.township}）` : r.township;
  if (r.enterpriseId == null) return [t('queue.subject.Township'), ' ', township];
  return [el('a', { href: `enterprise.html?id=${encodeURIComponent(r.enterpriseId)}`, className: 'report-subject' }, r.enterpriseName),
    r.hazardId != null ? ` · ${t('queue.subject.Hazard')} ${r.hazardReference ?? r.hazardId}` : '',
    township ? el('div', { className: 'meta' }, township) : null];
}

const proposed = (r) => (r.longitude == null ? '—' : `${r.longitude.toFixed(6)}, ${r.latitude.toFixed(6)}`);
const when = (iso) => new Date(iso).toLocaleString(currentLanguage() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });

/** The accept / reject form of an open report; the outcome of a decided one. */
function decision(r) {
  if (r.status !== 'Open') {
    return [t(`report.status.${r.status}`), el('div', { className: 'meta' }, `${r.decidedBy} · ${when(r.decidedAt)}`),
      r.decisionReason ? el('div', {}, t('report.reason', { reason: r.decisionReason })) : null];
  }
  const reason = el('textarea', { className: 'decision-reason', maxlength: 1000, 'aria-label': t('queue.reason'), placeholder: t('queue.reason') });
  const message = el('p', { className: 'decision-message', role: 'status' });
  const decide = async (status) => {
    clear(message);
    try {
      await api.decideErrorReport(r.id, { status, reason: reason.value });
      await load();
    } catch (error) {
      message.className = 'decision-message error';
      append(message, errorText(error), ...fieldErrors(error).map(([, m]) => ` ${m}`));
    }
  };
  return el('div', { className: 'decision' }, reason,
    el('button', { type: 'button', className: 'accept', onclick: () => decide('Accepted') }, t('queue.accept')),
    ' ',
    el('button', { type: 'button', className: 'reject', onclick: () => decide('Rejected') }, t('queue.reject')),
    message);
}

function render() {
  clear(container);
  applyTranslations();
  if (failure) {
    append(container, el('p', { className: 'error', id: 'queue-error' }, errorText(failure)),
      failure.status === 401 ? el('p', {}, el('a', { href: './' }, t('enterprise.signIn'))) : null);
    return;
  }
  if (!reports) return;
  if (!reports.length) {
    append(container, el('p', { className: 'meta', id: 'queue-empty' }, t('queue.empty')));
    return;
  }
  append(container, el('table', { id: 'queue-reports' },
    el('thead', {}, el('tr', {}, ['queue.subject', 'queue.text', 'queue.reporter', 'queue.date', 'queue.location', 'queue.decision']
      .map((key) => el('th', {}, t(key))))),
    el('tbody', {}, reports.map((r) => el('tr', { dataset: { id: r.id, status: r.status } },
      el('td', {}, subject(r)), el('td', {}, r.text), el('td', {}, r.reporter), el('td', {}, when(r.reportedAt)),
      el('td', { className: 'proposed-location' }, proposed(r)), el('td', {}, decision(r)))))));
}

async function load() {
  try {
    reports = await api.errorReportQueue({ status: statusFilter.value || null });
    failure = null;
  } catch (error) {
    failure = error;
  }
  render();
}

statusFilter.addEventListener('change', load);
document.getElementById('language').addEventListener('click', () => setLanguage(currentLanguage() === 'en' ? 'zh' : 'en'));
subscribe(['language'], render);
applyTranslations();
load();
