// Wires the page: reads the state from the URL, loads data through api.js, and hands it to the map layers and panels.
import { api } from './api.js';
import { applyTranslations, setLanguage, currentLanguage, t, sectorName, SECTORS } from './i18n.js';
import { el } from './dom.js';
import { createMap, fitBbox } from './map.js';
import { ChoroplethLayer } from './layers/choropleth.js';
import { EnterpriseLayer } from './layers/enterprises.js';
import { EnterpriseTileLayer } from './layers/enterprise-tiles.js';
import { LegendControl } from './controls/legend.js';
import { InfoControl } from './controls/info.js';
import { NoticeControl } from './controls/notice.js';
import { renderHeadline, renderChange } from './panels/headline.js';
import { renderTownship } from './panels/township.js';
import { PlannerPanel } from './panels/planner.js';
import { RouteLayer } from './layers/route.js';
import { setUser, user, hasRole, writesAnything, lockedTownship } from './session.js';
import { ImportWizard } from './import/wizard.js';
import { ImportPreviewLayer } from './layers/import-preview.js';
import { signIn } from './forms/login.js';
import { recordInspection, recordEnforcement, showHazard } from './forms/records.js';
import { manageUsers } from './forms/users.js';

const $ = (id) => document.getElementById(id);

const state = {
  metric: 'openMajor',
  sector: '',
  asOf: '',
  township: '',
  from: '',
  to: '',
  selected: '', // township whose detail panel is open
  enterprise: '', // enterprise whose popup is open (a link can name one)
  district: '', // district shown when the database holds several (default: the first)
};

let district = null;
let config = null;
let map = null;
let choropleth = null;
let enterprises = null; // markers (a county) …
let tiles = null; // … or vector tiles (a district above config.enterpriseTileThreshold)
let drawnZoom = null; // zoom the township boundaries were simplified for, in tile mode
let legend = null;
let info = null;
let notice = null;
let lastCollection = null;
let planner = null;
let generation = 0; // ignores map answers to requests that a newer one has replaced
let headlineGeneration = 0; // the same for the headline figures
let detailGeneration = 0; // and for the township panel
let importWizard = null;

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  for (const key of Object.keys(state)) if (params.has(key)) state[key] = params.get(key);
}

function writeHash() {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) if (value) params.set(key, value);
  history.replaceState(null, '', `#${params}`);
}

function setStatus(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
}

function shiftMonth(isoDate, months) {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

function common() {
  return { sector: state.sector || null, asOf: state.asOf, crs: config.overlayCrs, district: district.code };
}

async function loadMap() {
  const mine = ++generation;
  document.body.dataset.loading = 'true';
  setStatus(t('status.loading'));
  try {
    // In tile mode the boundaries come simplified to the zoom, and enterprises come from tiles instead of one big list.
    const zoom = tiles ? Math.floor(map.getZoom()) : null;
    const [collection, before, points] = await Promise.all([
      api.choropleth({ ...common(), metric: state.metric, zoom }),
      api.choropleth({ ...common(), metric: state.metric, asOf: shiftMonth(state.asOf, -1), zoom }),
      tiles ? null : api.enterprises({ sector: state.sector || null, asOf: state.asOf, crs: config.overlayCrs, township: state.township || null, pageSize: 5000 }),
    ]);
    if (mine !== generation) return;
    drawnZoom = zoom;
    lastCollection = collection;
    choropleth.setData(collection, { township: state.township || null });
    legend.update({
      metric: collection.metric, asOf: collection.asOf, classes: collection.classes,
      showNoData: collection.features.some((f) => f.properties.value === null),
    });
    if (collection.illustrative && !notice) notice = new NoticeControl().addTo(map);
    fillTownshipSelect(collection);
    if (tiles) tiles.setFilter({ asOf: state.asOf, sector: state.sector, township: state.township });
    else {
      enterprises.setData(points.features);
      document.body.dataset.enterprises = String(points.features.length);
    }
    renderChange($('headline-change'), collection, before, shiftMonth(state.asOf, -1), state.township);
    setStatus('');
  } catch (error) {
    console.error(error);
    if (mine === generation) setStatus(t('status.error', { message: error.message }), true);
  } finally {
    if (mine === generation) document.body.dataset.loading = 'false';
  }
}

async function loadHeadline() {
  const mine = ++headlineGeneration;
  const container = $('headline-figures');
  container.dataset.loading = 'true';
  try {
    const stats = await api.statistics({ district: district.code, from: state.from, to: state.to, township: state.township || null, sector: state.sector || null });
    if (mine !== headlineGeneration) return;
    renderHeadline(container, stats);
    container.dataset.period = `${stats.from}..${stats.to}`;
  } catch (error) {
    if (mine === headlineGeneration) container.textContent = t('status.error', { message: error.message });
  } finally {
    if (mine === headlineGeneration) container.dataset.loading = 'false';
  }
}

async function openDetail(code) {
  if (planner?.isOpen()) return; // the planner has the side panel; a township click there is a start point or nothing
  const mine = ++detailGeneration;
  state.selected = code;
  writeHash();
  const panel = $('detail');
  panel.hidden = false;
  panel.dataset.loading = 'true';
  try {
    const [detail, open] = await Promise.all([
      api.township(code, { asOf: state.asOf, sector: state.sector || null }),
      api.hazards({ township: code, open: true, asOf: state.asOf, sector: state.sector || null, pageSize: 100 }),
    ]);
    if (mine !== detailGeneration) return;
    renderTownship($('detail-body'), detail, open, (id) => showHazard(id, refreshAfterWrite).catch(showError));
    panel.dataset.township = code;
  } catch (error) {
    if (mine === detailGeneration) $('detail-body').textContent = t('status.error', { message: error.message });
  } finally {
    if (mine === detailGeneration) {
      panel.dataset.loading = 'false';
      map.invalidateSize();
    }
  }
}

function showError(error) {
  console.error(error);
  setStatus(t('status.error', { message: error.message ?? String(error) }), true);
}

/**
 * After a write: the map, the headline and the open panel show the new state. A record dated after the as-of day
 * moves the as-of day (and the period's end) to it, so that what was just recorded is on the map.
 */
async function refreshAfterWrite(result) {
  const day = [result?.date, result?.closedOn, result?.rectifiedOn, result?.rectifyingOn].filter(Boolean).sort().pop();
  if (day && day > state.asOf) {
    state.asOf = day;
    $('as-of').value = day;
    if (state.to < day) { state.to = day; $('period-to').value = day; }
    writeHash();
  }
  await Promise.all([loadMap(), loadHeadline()]);
  if (state.selected) await openDetail(state.selected);
}

async function enterprisesForForms() {
  const page = await api.enterprises({ township: state.township || null, asOf: state.asOf, pageSize: 5000 });
  return page.features;
}

function showUser() {
  const me = user();
  $('user').textContent = `${me.displayName ?? me.userName}（${me.roles.map((r) => t(`role.${r}`)).join('、')}）`;
  $('sign-out').hidden = false;
  $('actions').hidden = !writesAnything();
  $('open-import').hidden = !hasRole('Admin');
  $('record-enforcement').hidden = !(hasRole('Admin') || hasRole('DepartmentOfficer') || hasRole('TownshipChief'));
  $('manage-users').hidden = !hasRole('Admin');
}

function closeDetail() {
  state.selected = '';
  $('detail').hidden = true;
  writeHash();
  map.invalidateSize();
}

function fillTownshipSelect(collection) {
  const select = $('township');
  if (select.dataset.filled) return;
  select.dataset.filled = 'true';
  // A chief locked to one township gets no "whole district" choice.
  if (lockedTownship() && select.options[0]?.value === '') select.remove(0);
  for (const f of collection.features) select.append(el('option', { value: f.properties.code }, f.properties.name));
  select.value = state.township;
}

function fillSectorSelect() {
  const select = $('sector');
  const selected = state.sector;
  while (select.options.length > 1) select.remove(1);
  for (const code of SECTORS) select.append(el('option', { value: code }, sectorName(code)));
  select.value = selected;
}

function zoomToSelection() {
  const bounds = state.township ? choropleth.boundsOf(state.township) : null;
  if (bounds) map.fitBounds(bounds, { padding: [20, 20] });
  else fitBbox(map, district.bbox);
}

function wireControls() {
  for (const radio of document.querySelectorAll('input[name=metric]')) {
    radio.checked = radio.value === state.metric;
    radio.addEventListener('change', () => { state.metric = radio.value; writeHash(); loadMap(); });
  }
  $('sector').addEventListener('change', (e) => {
    state.sector = e.target.value; writeHash(); loadMap(); loadHeadline();
    if (state.selected) openDetail(state.selected);
  });
  $('as-of').value = state.asOf;
  $('as-of').addEventListener('change', (e) => {
    if (!e.target.value) return;
    state.asOf = e.target.value; writeHash(); loadMap();
    if (state.selected) openDetail(state.selected);
  });
  $('township').addEventListener('change', async (e) => {
    state.township = e.target.value;
    writeHash();
    choropleth.setState({ township: state.township || null });
    await loadMap();
    zoomToSelection();
    loadHeadline();
    if (state.township) openDetail(state.township); else closeDetail();
  });
  $('period-from').value = state.from;
  $('period-to').value = state.to;
  for (const id of ['period-from', 'period-to']) {
    $(id).addEventListener('change', () => {
      state.from = $('period-from').value; state.to = $('period-to').value;
      if (state.from && state.to) { writeHash(); loadHeadline(); }
    });
  }
  $('detail-close').addEventListener('click', closeDetail);
  $('open-planner').addEventListener('click', () => {
    if (!$('import-panel').hidden) importWizard?.close();
    return planner.isOpen() ? planner.close() : planner.open();
  });
  $('planner-close').addEventListener('click', () => planner.close());
  $('record-inspection').addEventListener('click', async () => recordInspection(await enterprisesForForms(), refreshAfterWrite));
  $('record-enforcement').addEventListener('click', async () => recordEnforcement(await enterprisesForForms(), refreshAfterWrite));
  $('manage-users').addEventListener('click', () => manageUsers().catch(showError));
  $('open-import').addEventListener('click', () => {
    $('detail').hidden = true;
    if (planner?.isOpen()) planner.close();
    importWizard ??= new ImportWizard($('import-panel'), new ImportPreviewLayer(map), {
      district: () => district?.code,
      onCommitted: afterImport,
      onClose: () => map.invalidateSize(),
    });
    importWizard.open();
    map.invalidateSize();
  });
  $('sign-out').addEventListener('click', async () => {
    await api.logout().catch(() => {});
    location.hash = '';
    location.reload();
  });
  $('language').addEventListener('click', () => setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'));
  document.addEventListener('languagechange', () => {
    fillSectorSelect();
    showUser();
    notice?.refresh();
    info.update(null);
    if (lastCollection) legend.update({
      metric: lastCollection.metric, asOf: lastCollection.asOf, classes: lastCollection.classes,
      showNoData: lastCollection.features.some((f) => f.properties.value === null),
    });
    loadHeadline();
    loadMap();
    if (state.selected) openDetail(state.selected);
    if (planner.isOpen()) planner.render();
  });
}

/** After a committed import: new boundaries show their district (the page starts again on it); other data reloads. */
function afterImport(kind, code) {
  if (kind === 'boundaries' && code) {
    Object.assign(state, { district: code, township: '', selected: '', enterprise: '' });
    writeHash();
    location.reload();
    return;
  }
  loadMap();
  loadHeadline();
}

async function start() {
  applyTranslations();
  document.documentElement.lang = currentLanguage() === 'en' ? 'en' : 'zh-CN';
  readHash();
  try {
    config = await api.mapConfig();
    try {
      setUser(await api.me());
    } catch (error) {
      if (error.status !== 401) throw error;
      await signIn();
      setUser(await api.me());
    }
    showUser();
    const locked = lockedTownship();
    if (locked) {
      state.township = locked;
      $('township').disabled = true;
    }
    const districts = await api.districts();
    district = districts.find((d) => d.code === state.district) ?? districts[0];
    if (!district) { setStatus(t('status.error', { message: 'no district' }), true); return; }
    $('district-name').textContent = district.name;
    const today = new Date().toISOString().slice(0, 10);
    state.asOf ||= district.lastRecord ?? today;
    state.to ||= state.asOf;
    state.from ||= district.firstRecord ?? `${state.to.slice(0, 4)}-01-01`;
    map = createMap($('map'), config);
    fitBbox(map, district.bbox);
    legend = new LegendControl().addTo(map);
    info = new InfoControl().addTo(map);
    choropleth = new ChoroplethLayer(map, {
      onHover: (p) => info.update(p, state.metric),
      onLeave: () => info.update(null),
      onSelect: (code) => openDetail(code),
    });
    if (district.enterprises > config.enterpriseTileThreshold) {
      tiles = new EnterpriseTileLayer(map);
      map.on('zoomend', () => { if (Math.floor(map.getZoom()) !== drawnZoom) loadMap(); });
    } else enterprises = new EnterpriseLayer(map);
    document.body.dataset.enterpriseMode = tiles ? 'tiles' : 'markers';
    // The enterprises on the map: clustered markers, or the tile layer of a large district.
    const points = () => (tiles ? tiles.layer : enterprises.group);
    planner = new PlannerPanel({
      panel: $('planner'),
      map,
      layer: new RouteLayer(map),
      context: () => ({
        asOf: state.asOf, crs: config.overlayCrs, district: district.code, locked: lockedTownship(), township: state.township,
        townships: (lastCollection?.features ?? []).map((f) => ({ code: f.properties.code, name: f.properties.name })),
      }),
      // The planner's candidates replace the clustered enterprises while it is open, so that the map stays readable.
      onShow: () => { if (state.selected) closeDetail(); if (points()) map.removeLayer(points()); },
      onHide: () => { if (points()) map.addLayer(points()); },
    });
    $('open-planner').hidden = false;
    fillSectorSelect();
    wireControls();
    writeHash();
    await Promise.all([loadMap(), loadHeadline()]);
    if (state.township) zoomToSelection();
    if (state.selected || state.township) openDetail(state.selected || state.township);
    if (state.enterprise && enterprises) enterprises.open(state.enterprise);
    map.on('popupopen', (e) => { state.enterprise = String(e.popup._source?.feature?.id ?? ''); writeHash(); });
    map.on('popupclose', () => { state.enterprise = ''; writeHash(); });
    document.body.dataset.ready = 'true';
  } catch (error) {
    console.error(error);
    setStatus(t('status.error', { message: error.message ?? String(error) }), true);
  }
}

start();
