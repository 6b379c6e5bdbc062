// The enterprise page (enterprise.html?id=…): one enterprise's record as GET /api/v1/enterprises/{id} gives it — who
// it is, who is responsible, and its whole history in date order — printable, with a form to report an error (纠错)
// whose proposed location is clicked on a small map (the enterprise's township outline and its point, no basemap).
import { api, errorText, fieldErrors } from '../api.js';
import { el, clear, append } from '../dom.js';
import { t, setLanguage, currentLanguage, applyTranslations, formatNumber } from '../i18n.js';
import { subscribe } from '../state.js';
import { sectorName, setSectors } from '../sectors.js';

const L = window.L;

const container = document.getElementById('enterprise');
const id = new URLSearchParams(location.search).get('id');
let detail = null;
let myReports = [];
let proposed = null; // the proposed location clicked on the report form's map: { lon, lat } in WGS-84 degrees
let outline = null; // the enterprise's township as a GeoJSON feature (WGS-84), once read

/** Degrees to 6 decimals (about 0.1 m), as the report stores and the page shows them. */
const round6 = (value) => Math.round(value * 1e6) / 1e6;

function facts(d) {
  const row = (key, value) => [el('dt', {}, t(key)), el('dd', {}, value ?? '—')];
  return el('dl', { className: 'facts', id: 'enterprise-facts' },
    row('enterprise.creditCode', d.creditCode),
    row('enterprise.sector', sectorName(d.sector)),
    row('enterprise.aboveScale', d.aboveScale ? t('enterprise.yes') : t('enterprise.no')),
    row('enterprise.address', d.address),
    row('enterprise.township', d.townshipName ? `${d.townshipName}（${d.township}）` : null),
    row('enterprise.location', `${d.longitude.toFixed(6)}, ${d.latitude.toFixed(6)}`),
    row('enterprise.department', d.departmentName),
    row('enterprise.leaders', d.leaders.map((l) => (l.title ? `${l.name}（${l.title}）` : l.name)).join('、') || null),
    row('enterprise.responsiblePersons', d.hazardResponsiblePersons.join('、') || null));
}

/** What a timeline event says, from the record it names. */
function eventText(d, e) {
  if (e.event === 'Inspection') {
    const i = d.inspections.find((x) => x.id === e.recordId);
    return t('enterprise.event.Inspection', { group: i.inspectionGroup, visits: i.inspectorVisits });
  }
  if (e.event === 'Enforcement') {
    const a = d.enforcementActions.find((x) => x.id === e.recordId);
    return t(`enforcement.${a.kind}`) + (a.amountYuan ? ` ${formatNumber(a.amountYuan, 2)} ${t('enterprise.yuan')}` : '');
  }
  const h = d.hazards.find((x) => x.id === e.recordId);
  return `${t(`enterprise.event.${e.event}`)} · ${t(`level.${h.level}`)} · ${h.description}`;
}

function timeline(d) {
  if (!d.timeline.length) return el('p', { className: 'meta' }, t('enterprise.noHistory'));
  return el('table', { id: 'enterprise-timeline' },
    el('thead', {}, el('tr', {}, el('th', {}, t('enterprise.date')), el('th', {}, t('enterprise.reference')), el('th', {}, t('enterprise.what')))),
    el('tbody', {}, d.timeline.map((e) => el('tr', { dataset: { event: e.event } },
      el('td', {}, e.date), el('td', {}, e.reference ?? ''), el('td', {}, eventText(d, e))))));
}

function hazards(d) {
  if (!d.hazards.length) return el('p', { className: 'meta' }, t('enterprise.noHazards'));
  return el('table', { id: 'enterprise-hazards' },
    el('thead', {}, el('tr', {}, ['enterprise.reference', 'enterprise.level', 'enterprise.description', 'enterprise.status', 'enterprise.lifecycle']
      .map((key) => el('th', {}, t(key))))),
    el('tbody', {}, d.hazards.map((h) => el('tr', {},
      el('td', {}, h.reference ?? ''),
      el('td', {}, el('span', { className: `badge ${h.level}` }, t(`level.${h.level}`)), h.supervised ? ` ${t('detail.supervised')}` : ''),
      el('td', {}, h.description, h.responsiblePerson ? el('div', { className: 'meta' }, t('enterprise.responsible', { name: h.responsiblePerson })) : null),
      el('td', {}, t(`status.${h.status}`)),
      el('td', {}, el('ul', { className: 'steps' }, h.lifecycle.map((s) => el('li', {},
        `${s.date} ${t(`enterprise.step.${s.step}`)}`, s.deadline ? ` · ${t('detail.deadline', { date: s.deadline })}` : '', s.note ? ` · ${s.note}` : ''))))))));
}

function reportForm(d) {
  const text = el('textarea', { id: 'report-text', maxlength: 1000 });
  const message = el('p', { id: 'report-message', role: 'status' });
  const submit = async (event) => {
    event.preventDefault();
    clear(message);
    try {
      await api.reportError({ subject: 'Enterprise', enterpriseId: d.id, text: text.value, longitude: proposed?.lon, latitude: proposed?.lat });
      text.value = '';
      proposed = null;
      showProposed();
      append(message, t('report.sent'));
      await loadMyReports();
    } catch (error) {
      message.className = 'error';
      append(message, errorText(error), ...fieldErrors(error).map(([, m]) => ` ${m}`));
    }
  };
  return el('form', { className: 'report-form no-print', id: 'report-form', onsubmit: submit },
    el('h3', {}, t('report.title')),
    el('label', {}, t('report.text'), text),
    el('p', { className: 'meta' }, t('report.location')),
    el('div', { id: 'report-map', className: 'report-map' }),
    el('p', {}, el('span', { id: 'report-location' }, locationText()), ' ',
      el('button', { type: 'button', id: 'report-location-clear', onclick: () => { proposed = null; showProposed(); } }, t('report.locationClear'))),
    el('button', { type: 'submit' }, t('report.send')),
    message,
    el('h4', {}, t('report.mine')),
    el('div', { id: 'my-reports-box' }, myReportsList()));
}

const locationText = () => (proposed ? t('report.locationChosen', proposed) : t('report.locationNone'));

let picker = null; // { map, marker } of the report form's map

/** Shows the proposed location on the form's map and in its text. */
function showProposed() {
  const label = document.getElementById('report-location');
  if (label) label.textContent = locationText();
  if (!picker) return;
  if (picker.marker) picker.map.removeLayer(picker.marker);
  picker.marker = proposed
    ? L.circleMarker([proposed.lat, proposed.lon], { radius: 7, color: '#b71c1c', fillOpacity: 0.8, className: 'proposed-marker' }).addTo(picker.map)
    : null;
}

/**
 * The report form's map: the township outline and the enterprise's recorded point, without a basemap (the page works
 * offline); a click proposes that point as the enterprise's location.
 */
function mountPicker(d) {
  const element = document.getElementById('report-map');
  if (!element) return;
  picker?.map.remove();
  const map = L.map(element, { zoomSnap: 0.25, minZoom: 3, maxZoom: 19, attributionControl: false });
  const point = L.latLng(d.latitude, d.longitude);
  L.circleMarker(point, { radius: 6, color: '#1565c0', fillOpacity: 0.8 }).bindTooltip(d.name).addTo(map);
  let bounds = L.latLngBounds(point, point).pad(0.01);
  if (outline) {
    const township = L.geoJSON(outline, { style: { color: '#555', weight: 1.5, fill: true, fillOpacity: 0.05 }, interactive: false }).addTo(map);
    bounds = township.getBounds().extend(point);
  }
  map.fitBounds(bounds, { padding: [8, 8] });
  map.on('click', (event) => {
    proposed = { lon: round6(event.latlng.lng), lat: round6(event.latlng.lat) };
    showProposed();
  });
  picker = { map, marker: null };
  showProposed();
}

/** The enterprise's township outline from the district's choropleth (WGS-84); null when it cannot be read. */
async function loadOutline(d) {
  if (!d.township) return null;
  try {
    const collection = await api.choropleth({ district: d.township.slice(0, 6) });
    return collection.features.find((f) => f.properties.code === d.township) ?? null;
  } catch {
    return null; // the point alone still serves for proposing a location
  }
}

/** The list of the caller's reports with their outcome. */
function myReportsList() {
  return myReports.length
    ? el('ul', { id: 'my-reports' }, myReports.map((r) => el('li', { dataset: { status: r.status } },
      `${r.reportedAt.slice(0, 10)} · ${t(`report.status.${r.status}`)} · ${r.text}`,
      r.longitude != null ? ` · ${t('report.proposed', { location: `${r.longitude.toFixed(6)}, ${r.latitude.toFixed(6)}` })}` : '',
      r.decisionReason ? ` · ${t('report.reason', { reason: r.decisionReason })}` : '')))
    : el('p', { className: 'meta' }, t('report.noneMine'));
}

/** The caller's reports on this enterprise or its hazards, with their outcome (only their list is drawn again). */
async function loadMyReports() {
  myReports = (await api.myErrorReports()).filter((r) => String(r.enterpriseId) === String(id));
  const box = document.getElementById('my-reports-box');
  if (box) append(clear(box), myReportsList());
}

function render() {
  clear(container);
  applyTranslations();
  if (!detail) return;
  document.title = `${detail.name} · ${t('enterprise.title')}`;
  append(container,
    el('h2', { id: 'enterprise-name' }, detail.name),
    facts(detail),
    el('h3', {}, t('enterprise.history')), timeline(detail),
    el('h3', {}, t('enterprise.hazards')), hazards(detail),
    reportForm(detail));
  mountPicker(detail);
}

async function load() {
  try {
    setSectors((await api.mapConfig()).sectors);
    detail = await api.enterprise(id);
    outline = await loadOutline(detail);
    render();
    await loadMyReports();
  } catch (error) {
    clear(container);
    append(container, el('p', { className: 'error', id: 'enterprise-error' }, errorText(error)),
      // Not signed in: the map's page has the sign-in form.
      error?.status === 401 ? el('p', {}, el('a', { href: './' }, t('enterprise.signIn'))) : null);
  }
}

document.getElementById('print-page').addEventListener('click', () => window.print());
document.getElementById('language').addEventListener('click', () => setLanguage(currentLanguage() === 'en' ? 'zh' : 'en'));
subscribe(['language'], () => (detail ? render() : applyTranslations()));
applyTranslations();
load();
