// Wires the page: state.js holds what is shown, and each part loads through api.js what the state changes it depends
// on ask for, handing it to the map layers and panels. A newer request aborts the one it replaces.
import { api, errorText, isAbort, LatestRequest } from './api.js';
import { state, set, subscribe, dataChanged, hashFor } from './state.js';
import { applyTranslations, setLanguage, currentLanguage, languageTag, t } from './i18n.js';
import { setSectors, sectorCodes, sectorName } from './sectors.js';
import { el } from './dom.js';
import { createMap, fitBbox } from './map.js';
import { ChoroplethLayer } from './layers/choropleth.js';
import { EnterpriseLayer } from './layers/enterprises.js';
import { EnterpriseTileLayer } from './layers/enterprise-tiles.js';
import { LocationQualityLayer } from './layers/location-quality.js';
import { LegendControl } from './controls/legend.js';
import { TownshipLabels } from './layers/labels.js';
import { InfoControl } from './controls/info.js';
import { NoticeControl } from './controls/notice.js';
import { renderHeadline, renderChange } from './panels/headline.js';
import { renderTownship } from './panels/township.js';
import { PlannerPanel } from './panels/planner.js';
import { TrendsPanel } from './panels/trends.js';
import { TimeSliderControl } from './controls/slider.js';
import { RouteLayer } from './layers/route.js';
import { setUser, user, hasRole, writesAnything, lockedTownship } from './session.js';
import { ImportWizard } from './import/wizard.js';
import { ImportPreviewLayer } from './layers/import-preview.js';
import { signIn } from './forms/login.js';
import { recordInspection, recordEnforcement, showHazard } from './forms/records.js';
import { manageUsers } from './forms/users.js';
import { HexagonLayer, HexagonLegend, HexagonSwitch } from './layers/hexagons.js';
import { renderResponsibility } from './panels/responsibility.js';
import { renderDataNotes } from './panels/data-notes.js';
import { ExportMenu, EXPORTS, exportFile } from './controls/exports.js';
import { Inbox, DEADLINE_KINDS } from './panels/inbox.js';
import { initSearch } from './controls/search.js';

const $ = (id) => document.getElementById(id);

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
let trends = null; // the 趋势 panel
let slider = null; // the as-of time slider on the map
let importWizard = null;
let hexagons = null; // the hazard-density layer, drawn while its switch is on
let hexagonLegend = null;
let hexagonSwitch = null;
let hexagonBand = null; // zoom band the hexagons were drawn for
let exportMenu = null;
let labels = null;
let inbox = null; // the notification inbox and its badge
let quality = null; // questionable locations, ringed while the switch is on
let latestRecord = null; // the last day of any record known to the page: the as-of notice offers to jump to it

// One of each kind of request is in flight at most: a newer one aborts the one it replaces.
const mapRequests = new LatestRequest();
const headlineRequests = new LatestRequest();
const changeRequests = new LatestRequest();
const detailRequests = new LatestRequest();
const hexagonRequests = new LatestRequest();
const responsibilityRequests = new LatestRequest();
const qualityRequests = new LatestRequest();

function setStatus(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
}

/** What a failed load shows: the server's message as sent, in the status line's frame. */
function failure(error) {
  return t('status.error', { message: errorText(error) });
}

/** The same day some months away, or the month's last day when it has no such day (31 March − 1 month = 28/29 February). */
function shiftMonth(isoDate, months) {
  const [year, month, day] = isoDate.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

/**
 * The township choropleth, the legend and (below the tile threshold) the enterprise markers for the state, loaded in
 * the order a large district needs: the choropleth first, drawn as soon as it arrives (the performance mark
 * 'choropleth-drawn' says when), then the enterprises of the shown district only — `alongside()` (the headline
 * figures at start) runs while they load. In tile mode enterprises come from tiles instead of one big list, and the
 * boundaries come simplified to the zoom.
 */
async function loadMap(alongside) {
  const signal = mapRequests.start();
  document.body.dataset.loading = 'true';
  setStatus(t('status.loading'));
  try {
    const zoom = tiles ? Math.floor(map.getZoom()) : null;
    const collection = await api.choropleth(
      { metric: state.metric, sector: state.sector || null, asOf: state.asOf, crs: config.overlayCrs, district: district.code, zoom, scheme: state.scheme },
      { signal });
    if (signal.aborted) return;
    drawnZoom = zoom;
    lastCollection = collection;
    choropleth.setData(collection, { township: state.township || null, selected: state.selected || null });
    performance.mark('choropleth-drawn');
    labels.setData(collection);
    map.getContainer().dataset.sectors = collection.sectors.join(','); // what the drawn counts cover
    updateLegend();
    if (collection.illustrative && !notice) notice = new NoticeControl().addTo(map);
    fillTownshipSelect(collection);
    const others = alongside?.();
    if (tiles) {
      tiles.setFilter({ asOf: state.asOf, sector: state.sector, township: state.township });
      if (!clustersShown() || planner?.isOpen()) map.removeLayer(tiles.layer);
    }
    else {
      const points = await api.enterprises({
        district: district.code, township: state.township || null, sector: state.sector || null, asOf: state.asOf, crs: config.overlayCrs, pageSize: 5000,
      }, { signal });
      if (signal.aborted) return;
      enterprises.setData(points.features);
      document.body.dataset.enterprises = String(points.features.length);
    }
    await others;
    setStatus('');
  } catch (error) {
    if (isAbort(error)) return;
    console.error(error);
    setStatus(failure(error), true);
  } finally {
    if (!signal.aborted) document.body.dataset.loading = 'false';
  }
}

/** The enterprises with a questionable location under the filters, ringed (every enterprise of the list, also in tile mode). */
async function loadQuality() {
  const signal = qualityRequests.start();
  $('show-quality').checked = state.quality === 'show';
  if (state.quality !== 'show') {
    quality.clear();
    document.body.dataset.quality = '';
    return;
  }
  try {
    const points = await api.enterprises({
      locationQuality: 'Any', district: district.code, sector: state.sector || null, asOf: state.asOf, crs: config.overlayCrs, township: state.township || null,
      pageSize: 5000,
    }, { signal });
    if (signal.aborted) return;
    quality.setData(points.features);
    document.body.dataset.quality = String(quality.count);
  } catch (error) {
    if (isAbort(error)) return;
    console.error(error);
    setStatus(failure(error), true);
  }
}

function updateLegend() {
  if (!lastCollection) return;
  legend.update({
    metric: lastCollection.metric, asOf: lastCollection.asOf, classes: lastCollection.classes,
    showNoData: lastCollection.features.some((f) => f.properties.value === null),
    clusters: clustersShown(),
  });
}

/** Whether the enterprise clusters show: the user's choice, else hidden for a district leader (the map is the choropleth). */
function clustersShown() {
  if (state.clusters) return state.clusters === 'show';
  return !hasRole('DistrictLeader');
}

function applyClusters() {
  const shown = clustersShown();
  $('show-clusters').checked = shown;
  document.body.dataset.clusters = shown ? 'shown' : 'hidden';
  if (planner?.isOpen()) return; // the planner's candidates replace them while it is open
  if (enterprises) enterprises.setVisible(shown);
  else if (tiles?.layer) (shown ? map.addLayer(tiles.layer) : map.removeLayer(tiles.layer));
  updateLegend();
}

/**
 * The as-of day never moves by itself: when records after it exist (the district's last record, or one just written),
 * the page says so and offers to jump to that day.
 */
function showAsOfNotice() {
  const later = latestRecord && latestRecord > state.asOf;
  $('as-of-notice').hidden = !later;
  if (later) $('as-of-notice-text').textContent = t('asOf.later', { date: latestRecord, asOf: state.asOf });
}

/** The printable map (PDF, drawn by the server) of what the map shows, in a new tab. */
function printMap() {
  const params = new URLSearchParams({ district: district.code, metric: state.metric, asOf: state.asOf, scheme: state.scheme, paper: 'A4', orientation: 'landscape' });
  if (state.sector) params.set('sector', state.sector);
  if (state.township) params.set('township', state.township);
  window.open(`/api/v1/maps/choropleth.pdf?${params}`, '_blank', 'noopener');
}

/** The headline figures of the period. */
async function loadHeadline() {
  const signal = headlineRequests.start();
  const container = $('headline-figures');
  container.dataset.loading = 'true';
  try {
    const stats = await api.statistics({ district: district.code, from: state.from, to: state.to, township: state.township || null, sector: state.sector || null }, { signal });
    if (signal.aborted) return;
    renderHeadline(container, stats);
    container.dataset.period = `${stats.from}..${stats.to}`;
  } catch (error) {
    if (!isAbort(error)) container.textContent = failure(error);
  } finally {
    if (!signal.aborted) container.dataset.loading = 'false';
  }
}

/**
 * Open major and overdue hazards on the map's day against a month earlier, in the area and sector shown: the statistics
 * of the two days (their openAtEnd), not a second choropleth.
 */
async function loadChange() {
  const signal = changeRequests.start();
  const element = $('headline-change');
  element.dataset.loading = 'true';
  const before = shiftMonth(state.asOf, -1);
  const on = (day) => api.statistics({ district: district.code, from: day, to: day, township: state.township || null, sector: state.sector || null }, { signal });
  try {
    const [now, then] = await Promise.all([on(state.asOf), on(before)]);
    if (signal.aborted) return;
    renderChange(element, now, then, before);
    element.dataset.asOf = state.asOf;
  } catch (error) {
    if (!isAbort(error)) element.textContent = failure(error);
  } finally {
    if (!signal.aborted) element.dataset.loading = 'false';
  }
}

/** The hazard-density hexagons for the state and the map's zoom band, while the switch is on. */
async function loadHexagons() {
  if (!hexagonSwitch?.isOn()) return;
  const signal = hexagonRequests.start();
  const zoom = Math.floor(map.getZoom());
  // A large district (tile mode) asks only for the hexagons in view.
  const b = tiles ? map.getBounds() : null;
  try {
    const collection = await api.hexagons({
      district: district.code, sector: state.sector || null, asOf: state.asOf, township: state.township || null, zoom, crs: config.overlayCrs,
      bbox: b ? [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5)) : null,
    }, { signal });
    if (signal.aborted || !hexagonSwitch.isOn()) return;
    hexagonBand = collection.band;
    hexagons.setData(collection);
    hexagonLegend.addTo(map).update(collection);
  } catch (error) {
    showError(error);
  }
}

function switchHexagons(on) {
  if (on) loadHexagons();
  else {
    hexagonRequests.start();
    hexagons.clear();
    hexagonLegend.remove();
    hexagonBand = null;
  }
}

/** The 数据说明 panel, read again each time it is opened or the language or the data change while it is open. */
async function loadDataNotes() {
  const panel = $('data-notes');
  if (!panel.open) return;
  try {
    renderDataNotes($('data-notes-body'), await api.dataNotes());
  } catch (error) {
    $('data-notes-body').textContent = failure(error);
  }
}

/** The responsibility panel (包保责任) for the state, while it is open. */
async function loadResponsibility() {
  const panel = $('responsibility');
  if (panel.hidden) return;
  const signal = responsibilityRequests.start();
  panel.dataset.loading = 'true';
  try {
    const view = await api.responsibility({ district: district.code, township: state.township || null, asOf: state.asOf }, { signal });
    if (signal.aborted) return;
    renderResponsibility($('responsibility-body'), view, () => exportFile(EXPORTS.find((e) => e.key === 'exports.responsibilityXlsx'), exportContext())
      .then((name) => { document.body.dataset.exported = name; }).catch(showError));
  } catch (error) {
    if (!isAbort(error)) $('responsibility-body').textContent = failure(error);
  } finally {
    if (!signal.aborted) panel.dataset.loading = 'false';
  }
}

function openResponsibility(open) {
  const panel = $('responsibility');
  if (open) {
    set({ selected: '' });
    if (planner?.isOpen()) planner.close();
    if (trends?.isOpen()) trends.close();
    if (!$('import-panel').hidden) importWizard?.close();
  } else responsibilityRequests.start();
  panel.hidden = !open;
  map.invalidateSize();
  loadResponsibility();
}

function exportContext() {
  return { district: district.code, township: state.township, sector: state.sector, from: state.from, to: state.to, asOf: state.asOf };
}

/** The panel of the selected township, or none. */
async function showDetail() {
  const panel = $('detail');
  const code = state.selected;
  if (!code) {
    detailRequests.start(); // nothing may fill a closed panel
    choropleth.setState({ selected: null });
    if (!panel.hidden) {
      panel.hidden = true;
      map.invalidateSize();
    }
    return;
  }
  const signal = detailRequests.start();
  choropleth.setState({ selected: code });
  panel.hidden = false;
  panel.dataset.loading = 'true';
  try {
    const [detail, open] = await Promise.all([
      api.township(code, { asOf: state.asOf, sector: state.sector || null }, { signal }),
      api.hazards({ township: code, open: true, asOf: state.asOf, sector: state.sector || null, pageSize: 100 }, { signal }),
    ]);
    if (signal.aborted) return;
    renderTownship($('detail-body'), detail, open, (id) => showHazard(id, refreshAfterWrite).catch(showError));
    panel.dataset.township = code;
  } catch (error) {
    if (!isAbort(error)) $('detail-body').textContent = failure(error);
  } finally {
    if (!signal.aborted) {
      panel.dataset.loading = 'false';
      map.invalidateSize();
    }
  }
}

/** Opens a township's panel, unless the planner has the side panel (a township click there is a start point or nothing). */
function selectTownship(code) {
  if (planner?.isOpen()) return;
  set({ selected: code });
}

function showError(error) {
  if (isAbort(error)) return;
  console.error(error);
  setStatus(failure(error), true);
}

/**
 * After a write: the map, the headline and the open panel show the new state. A record dated after the as-of day does
 * not move it: the page says that later records exist and offers to jump there.
 */
/**
 * The inbox and its badge (read again every minute). A township chief with unread reminders of deadlines due soon or
 * past opens on them: the overdue metric, the map fitted to their enterprises.
 */
async function openInbox() {
  inbox = new Inbox({
    button: $('open-inbox'),
    badge: $('inbox-badge'),
    onOpen: (n) => {
      map.setView([n.latitude, n.longitude], Math.max(map.getZoom(), 15));
      showHazard(n.hazardId, refreshAfterWrite).catch(showError);
    },
    onError: showError,
  });
  await inbox.refresh();
  setInterval(() => inbox.refresh().catch(() => {}), 60_000);
  const due = lockedTownship() ? inbox.unread(DEADLINE_KINDS) : [];
  if (due.length === 0) return;
  set({ metric: 'overdue' });
  const lats = due.map((n) => n.latitude);
  const lons = due.map((n) => n.longitude);
  map.fitBounds([[Math.min(...lats), Math.min(...lons)], [Math.max(...lats), Math.max(...lons)]], { padding: [40, 40], maxZoom: 15 });
  document.body.dataset.deadlineView = 'true';
}

function refreshAfterWrite(result) {
  const day = [result?.date, result?.closedOn, result?.rectifiedOn, result?.rectifyingOn].filter(Boolean).sort().pop();
  if (day && (!latestRecord || day > latestRecord)) latestRecord = day;
  dataChanged();
  showAsOfNotice();
}

async function enterprisesForForms() {
  const page = await api.enterprises({ district: district.code, township: state.township || null, asOf: state.asOf, pageSize: 5000 });
  return page.features;
}

function showUser() {
  const me = user();
  $('user').textContent = `${me.displayName ?? me.userName}（${me.roles.map((r) => t(`role.${r}`)).join('、')}）`;
  $('sign-out').hidden = false;
  $('actions').hidden = !writesAnything();
  $('open-import').hidden = !hasRole('Admin');
  // The error report queue's deciders (the server's rule in ErrorReportsApi).
  $('open-error-reports').hidden = !(hasRole('Admin') || hasRole('DepartmentOfficer'));
  $('record-enforcement').hidden = !(hasRole('Admin') || hasRole('DepartmentOfficer') || hasRole('TownshipChief'));
  $('manage-users').hidden = !hasRole('Admin');
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
  for (const code of sectorCodes()) select.append(el('option', { value: code }, sectorName(code)));
  select.value = selected;
}

function zoomToSelection() {
  const bounds = state.township ? choropleth.boundsOf(state.township) : null;
  if (bounds) map.fitBounds(bounds, { padding: [20, 20] });
  else fitBbox(map, district.bbox);
}

/** The filter controls follow the state (a write can move the as-of day and the period's end). */
function syncControls() {
  for (const radio of document.querySelectorAll('input[name=metric]')) radio.checked = radio.value === state.metric;
  $('scheme').value = state.scheme;
  $('sector').value = state.sector;
  $('township').value = state.township;
  $('as-of').value = state.asOf;
  $('period-from').value = state.from;
  $('period-to').value = state.to;
}

/** User actions change the state; nothing here loads data. */
function wireControls() {
  $('data-notes').addEventListener('toggle', loadDataNotes);
  for (const radio of document.querySelectorAll('input[name=metric]')) {
    radio.addEventListener('change', () => set({ metric: radio.value }));
  }
  $('sector').addEventListener('change', (e) => set({ sector: e.target.value }));
  $('scheme').addEventListener('change', (e) => set({ scheme: e.target.value }));
  $('show-clusters').addEventListener('change', (e) => set({ clusters: e.target.checked ? 'show' : 'hide' }));
  $('show-quality').addEventListener('change', (e) => set({ quality: e.target.checked ? 'show' : '' }));
  $('print-map').addEventListener('click', printMap);
  $('as-of-jump').addEventListener('click', () => set({ asOf: latestRecord, to: state.to < latestRecord ? latestRecord : state.to }));
  $('as-of').addEventListener('change', (e) => { if (e.target.value) set({ asOf: e.target.value }); });
  $('township').addEventListener('change', (e) => set({ township: e.target.value }));
  for (const id of ['period-from', 'period-to']) {
    $(id).addEventListener('change', () => {
      const from = $('period-from').value;
      const to = $('period-to').value;
      if (from && to) set({ from, to });
    });
  }
  $('detail-close').addEventListener('click', () => set({ selected: '' }));
  $('open-responsibility').addEventListener('click', () => openResponsibility($('responsibility').hidden));
  $('responsibility-close').addEventListener('click', () => openResponsibility(false));
  $('open-planner').addEventListener('click', () => {
    if (!$('import-panel').hidden) importWizard?.close();
    if (trends.isOpen()) trends.close();
    return planner.isOpen() ? planner.close() : planner.open();
  });
  $('planner-close').addEventListener('click', () => planner.close());
  $('open-trends').addEventListener('click', () => (trends.isOpen() ? trends.close() : trends.open()));
  $('trends-close').addEventListener('click', () => trends.close());
  $('record-inspection').addEventListener('click', () => enterprisesForForms().then((list) => recordInspection(list, refreshAfterWrite)).catch(showError));
  $('record-enforcement').addEventListener('click', () => enterprisesForForms().then((list) => recordEnforcement(list, refreshAfterWrite)).catch(showError));
  $('manage-users').addEventListener('click', () => manageUsers().catch(showError));
  $('open-import').addEventListener('click', () => {
    $('detail').hidden = true;
    if (planner?.isOpen()) planner.close();
    if (trends?.isOpen()) trends.close();
    if (!$('responsibility').hidden) openResponsibility(false);
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
}

/** What each part of the page loads again when the state it shows changes. */
function subscribeToState() {
  syncControls();
  subscribe(['metric', 'sector', 'township', 'asOf', 'from', 'to', 'scheme'], syncControls);
  subscribe(['asOf', 'language'], showAsOfNotice);
  subscribe(['clusters'], applyClusters);
  subscribe(['quality', 'sector', 'asOf', 'township', 'language', 'revision'], loadQuality);
  // Labels first, then data: the figures that come back are drawn with the new labels.
  subscribe(['language'], () => {
    fillSectorSelect();
    showUser();
    notice?.refresh();
    info.update(null);
    updateLegend();
    if (planner.isOpen()) planner.render();
    hexagonSwitch.refresh();
    exportMenu.render();
  });
  subscribe(['sector', 'asOf', 'township', 'language', 'revision'], loadHexagons);
  subscribe(['asOf', 'township', 'language', 'revision'], loadResponsibility);
  subscribe(['language', 'revision'], loadDataNotes);
  subscribe(['selected'], () => { if (state.selected && !$('responsibility').hidden) openResponsibility(false); });
  subscribe(['metric', 'sector', 'asOf', 'township', 'language', 'revision', 'scheme'], async (changed) => {
    if (changed.has('township')) choropleth.setState({ township: state.township || null });
    await loadMap();
    if (changed.has('township')) zoomToSelection();
  });
  subscribe(['from', 'to', 'sector', 'township', 'language', 'revision'], loadHeadline);
  subscribe(['from', 'to', 'sector', 'township', 'language', 'revision'], () => trends.load());
  subscribe(['from', 'to', 'language'], () => slider.render());
  subscribe(['asOf'], () => slider.show(state.asOf));
  // The township panel and the trends panel share the right-hand side.
  subscribe(['selected'], () => { if (state.selected && trends.isOpen()) trends.close(); });
  subscribe(['asOf', 'sector', 'township', 'language', 'revision'], loadChange);
  // Choosing a township in the filter opens its panel; the whole district closes it.
  subscribe(['township'], () => (state.township ? selectTownship(state.township) : set({ selected: '' })));
  subscribe(['selected', 'sector', 'asOf', 'language', 'revision'], (changed) => {
    if (changed.has('selected') || state.selected) showDetail();
  });
}

/** After a committed import: new boundaries show their district (the page starts again on it); other data reloads. */
function afterImport(kind, code) {
  if (kind === 'boundaries' && code) {
    history.replaceState(null, '', hashFor({ district: code, township: '', selected: '', enterprise: '' }));
    location.reload();
    return;
  }
  dataChanged();
}

// The 演示数据 label in the top bar while the database holds demo (fictional) records; its tooltip says what that means.
async function showDemoBanner() {
  const banner = $('demo-banner');
  const describe = () => { banner.title = t('dataNotes.demo'); };
  try {
    banner.hidden = !(await api.dataNotes()).demoRecords;
  } catch (error) {
    // The 数据说明 panel says it as well; a failed look-up must not stop the map.
    console.warn('data notes', error);
  }
  describe();
  subscribe(['language'], describe);
}

async function start() {
  applyTranslations();
  document.documentElement.lang = languageTag();
  try {
    config = await api.mapConfig();
    setSectors(config.sectors);
    try {
      setUser(await api.me());
    } catch (error) {
      if (error.status !== 401) throw error;
      await signIn();
      setUser(await api.me());
    }
    showUser();
    initSearch();
    const locked = lockedTownship();
    if (locked) {
      set({ township: locked });
      $('township').disabled = true;
    }
    const districts = await api.districts();
    district = districts.find((d) => d.code === state.district) ?? districts[0];
    if (!district) { setStatus(t('status.noDistrict'), true); return; }
    $('district-name').textContent = district.name;
    showDemoBanner();
    // The as-of day opens at the end of the data; the period at the campaign's own dates (a district setting), else the
    // records' extent.
    const today = new Date().toISOString().slice(0, 10);
    latestRecord = district.lastRecord ?? null;
    const asOf = state.asOf || (district.lastRecord ?? today);
    const campaign = config.districts?.[district.code] ?? {};
    const to = state.to || campaign.campaignEnd || asOf;
    set({ asOf, to, from: state.from || campaign.campaignStart || (district.firstRecord ?? `${to.slice(0, 4)}-01-01`) });
    map = createMap($('map'), config);
    fitBbox(map, district.bbox);
    legend = new LegendControl().addTo(map);
    info = new InfoControl().addTo(map);
    hexagons = new HexagonLayer(map);
    hexagonLegend = new HexagonLegend();
    hexagonSwitch = new HexagonSwitch({ onChange: switchHexagons }).addTo(map);
    map.on('zoomend', () => {
      const zoom = Math.floor(map.getZoom());
      if (hexagonBand && (zoom < hexagonBand.minZoom || zoom > hexagonBand.maxZoom)) loadHexagons();
    });
    if (district.enterprises > config.enterpriseTileThreshold) map.on('moveend', () => { if (hexagonBand) loadHexagons(); });
    exportMenu = new ExportMenu($('export-menu'), { context: exportContext, onError: showError });
    // Shown once signed in (before, the menu would be an empty <details> and the panel would have nothing to read).
    $('export-menu').hidden = false;
    $('open-responsibility').hidden = false;
    labels = new TownshipLabels(map);
    quality = new LocationQualityLayer(map);
    choropleth = new ChoroplethLayer(map, {
      onHover: (p) => info.update(p, state.metric),
      onLeave: () => info.update(null),
      onSelect: selectTownship,
    });
    if (district.enterprises > config.enterpriseTileThreshold) {
      tiles = new EnterpriseTileLayer(map);
      map.on('zoomend', () => { if (Math.floor(map.getZoom()) !== drawnZoom) loadMap(); });
    } else {
      enterprises = new EnterpriseLayer(map, {
        onOpen: (id) => set({ enterprise: id }),
        onClose: (id) => { if (state.enterprise === id) set({ enterprise: '' }); },
      });
    }
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
      onShow: () => { set({ selected: '' }); if (!$('responsibility').hidden) openResponsibility(false); if (points()) map.removeLayer(points()); },
      onHide: () => { if (points() && clustersShown()) map.addLayer(points()); },
    });
    $('open-planner').hidden = false;
    trends = new TrendsPanel({
      panel: $('trends'),
      body: $('trends-body'),
      context: () => ({ district: district.code, from: state.from, to: state.to, township: state.township, sector: state.sector }),
      // The trends panel takes the right-hand side from the township panel, the planner and the import wizard.
      onShow: () => {
        set({ selected: '' });
        if (planner.isOpen()) planner.close();
        if (!$('responsibility').hidden) openResponsibility(false);
        if (!$('import-panel').hidden) importWizard?.close();
        map.invalidateSize();
      },
      onHide: () => map.invalidateSize(),
    });
    $('open-trends').hidden = false;
    // Replays the as-of day month by month over the headline period: each step is an as-of change like any other.
    slider = new TimeSliderControl({
      period: () => ({ from: state.from, to: state.to, asOf: state.asOf }),
      onDay: (day) => set({ asOf: day }),
      isBusy: () => document.body.dataset.loading === 'true',
    }).addTo(map);
    fillSectorSelect();
    wireControls();
    subscribeToState();
    // The choropleth goes first and alone: the headline figures, the change and the ringed points follow once it is drawn.
    await loadMap(() => Promise.all([loadHeadline(), loadChange(), loadQuality()]));
    // A link naming an enterprise asks to see it: the enterprises show even where the role hides them by default.
    if (state.enterprise && !clustersShown()) set({ clusters: 'show' });
    applyClusters();
    showAsOfNotice();
    if (state.township) zoomToSelection();
    if (!state.selected && state.township) set({ selected: state.township });
    else if (state.selected) showDetail();
    if (state.enterprise && enterprises) enterprises.open(state.enterprise);
    await openInbox();
    document.body.dataset.ready = 'true';
  } catch (error) {
    showError(error);
  }
}

start();
