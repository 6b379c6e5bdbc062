// The phone page (/field/): an inspector downloads the day's route while online, works it without a connection —
// open hazards found rectified with an after photo, new inspections with hazards, photos and the phone's position —
// and every record waits in IndexedDB (待同步) until sync.js sends it, exactly once, when the connection returns.
import { el, clear } from '/js/dom.js';
import { t, setLanguage, languageTag, distanceText, sizeText } from './texts.js';
import * as store from './store.js';
import { call, syncAll, keepMine, keepServer, stepsFrom, SyncError } from './sync.js';

const L = window.L;
const $ = (id) => document.getElementById(id);

let user = null; // { userName, displayName, roles, townships }
let day = null; // GET /api/v1/field/today's answer
let here = null; // { longitude, latitude, accuracy } of the phone, when known
let syncing = false;
let map = null;
let drawing = null; // the map's layer group of outlines, route and stops

/** Today in China Standard Time, yyyy-MM-dd (the server's calendar). */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const addDays = (date, days) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);

/** Geodesic distance in metres between two WGS-84 points (haversine on a 6371008.8 m sphere: enough to sort stops). */
function metresBetween(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

const canChangeHazards = () => !!user && !user.roles.includes('Inspector') && !user.roles.includes('DistrictLeader');

// ---- Header: language, connection, 待同步 ----

function applyTexts() {
  document.title = `${t('title')} · RiskMap`;
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
  $('connection').textContent = navigator.onLine ? t('online') : t('offline');
  $('connection').dataset.online = String(navigator.onLine);
}

async function refreshPending() {
  if (!user) return;
  const records = await store.outbox(user.userName);
  const waiting = records.filter((r) => r.state === 'pending' || r.state === 'conflict').length;
  $('pending-count').textContent = t('pending', { count: waiting });
  $('pending-count').dataset.count = String(waiting);
  renderOutbox(records);
}

// ---- Sign-in ----

async function signIn(event) {
  event.preventDefault();
  $('login-message').textContent = '';
  try {
    await call('POST', '/api/v1/auth/login', { json: { userName: $('login-user').value, password: $('login-password').value } });
    const me = await call('GET', '/api/v1/auth/me');
    user = { userName: me.userName, displayName: me.displayName, roles: me.roles, townships: me.townships };
    await store.saveUser(user);
    await start();
  } catch (error) {
    $('login-message').textContent = error.message;
  }
}

async function signOut() {
  try { await call('POST', '/api/v1/auth/logout'); } catch { /* offline: forget the user on the phone anyway */ }
  await store.saveUser(null);
  user = null;
  day = null;
  show('login');
}

// ---- The day ----

async function download() {
  $('day-message').textContent = '';
  try {
    day = await call('GET', '/api/v1/field/today');
    // The sector labels come with the day (the server's list, GET map-config), so that they show offline too.
    day.sectors = (await call('GET', '/api/v1/map-config')).sectors.map((x) => ({ code: x.code, nameZh: x.nameZh, nameEn: x.nameEn }));
    await store.saveDay(user.userName, day);
    renderDay();
  } catch (error) {
    $('day-message').textContent = t('downloadFailed', { error: error.message });
  }
}

/** The sector's label in the page's language, from the downloaded day; an unknown code shows itself. */
function sectorName(code) {
  const sector = day?.sectors?.find((x) => x.code === code);
  if (!sector) return code;
  return languageTag() === 'en' ? sector.nameEn : sector.nameZh;
}

function stops() {
  return (day?.routes ?? []).flatMap((r) => r.stops.map((s) => ({ ...s, team: r.team })));
}

function renderDay() {
  const list = clear($('stops'));
  if (!day) {
    $('day-status').textContent = t('notDownloaded');
    return;
  }
  const time = new Date(day.downloadedAt).toLocaleTimeString(languageTag(), { hour: '2-digit', minute: '2-digit' });
  $('day-status').textContent = t('downloaded', { day: day.day, time });
  if (!day.routes.length) list.append(el('li', { className: 'meta' }, t('noRoutes')));
  for (const route of day.routes.filter((r) => !r.planAvailable)) list.append(el('li', { className: 'meta' }, t('planGone', { plan: route.planId })));
  for (const stop of stops()) {
    const distance = here ? distanceText(metresBetween(here, stop)) : null;
    list.append(el('li', { className: 'stop', dataset: { enterprise: stop.enterpriseId } },
      el('button', { type: 'button', onclick: () => openStop(stop.enterpriseId) },
        el('span', { className: 'sequence' }, String(stop.sequence)),
        el('span', { className: 'name' }, stop.name),
        el('span', { className: 'meta distance' }, distance ? t('distance', { distance }) : t('noPosition')),
        el('span', { className: `meta hazards${stop.openHazards.some((h) => h.level === 'Major') ? ' major' : ''}` },
          t('openHazards', { count: stop.openHazards.length })))));
  }
  drawMap();
}

function drawMap() {
  // Leaflet measures its container: a hidden one (0 × 0) would give it no view, so the map waits until it is shown.
  if (!L || !day || $('route-map').clientHeight === 0) return;
  if (!map) {
    // A view first, so that layers are drawn as they are added; the drawing lives in one group that is emptied and
    // refilled on each call. (Removing every layer of the map would also remove its SVG renderer, and the paths added
    // next would be drawn against a renderer with no bounds.)
    map = L.map('route-map', { zoomControl: true, attributionControl: false }).setView([26.4, 111.6], 10);
    drawing = L.featureGroup().addTo(map);
  }
  map.invalidateSize();
  drawing.clearLayers();
  const outlines = L.geoJSON(day.townships, { style: { color: '#4a6fa5', weight: 1, fillOpacity: 0.05, className: 'township-outline' } }).addTo(drawing);
  const travelled = L.featureGroup().addTo(drawing);
  for (const route of day.routes.filter((r) => r.planAvailable)) {
    const points = [[route.start.latitude, route.start.longitude], ...route.stops.map((s) => [s.latitude, s.longitude])];
    L.polyline(points, { color: '#c0392b', weight: 3, className: 'route-line' }).addTo(travelled);
    for (const s of route.stops) {
      L.circleMarker([s.latitude, s.longitude], { radius: 8, color: '#c0392b', fillOpacity: 0.9, className: 'route-stop' })
        .bindTooltip(`${s.sequence} ${s.name}`).addTo(travelled).on('click', () => openStop(s.enterpriseId));
    }
  }
  if (here) L.circleMarker([here.latitude, here.longitude], { radius: 6, color: '#2471a3', fillOpacity: 1, className: 'route-here' }).addTo(travelled);
  // The view holds the day's route, the stops and the phone; the outlines around them are context (a whole township
  // would shrink a route of a few kilometres to a few pixels). Without a route, the outlines give the view.
  const bounds = travelled.getBounds().isValid() ? travelled.getBounds() : outlines.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 16, animate: false });
}

function locate() {
  if (!navigator.geolocation) return;
  navigator.geolocation.getCurrentPosition((p) => {
    here = { longitude: p.coords.longitude, latitude: p.coords.latitude, accuracy: p.coords.accuracy };
    renderDay();
    renderPosition();
  }, () => renderPosition(), { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
}

// ---- One enterprise ----

let visiting = null; // the stop shown

function openStop(enterpriseId) {
  visiting = stops().find((s) => s.enterpriseId === enterpriseId);
  if (!visiting) return;
  const s = visiting;
  const facts = $('visit-facts');
  clear(facts);
  const row = (key, value) => [el('dt', {}, t(key)), el('dd', {}, value ?? '—')];
  facts.append(...row('address', s.address), ...row('township', s.townshipName), ...row('sector', sectorName(s.sector)),
    ...row('hours', s.opensAt ? `${s.opensAt.slice(0, 5)}–${s.closesAt.slice(0, 5)}` : null),
    ...row('arrival', s.arrivalTime ? new Date(s.arrivalTime).toLocaleTimeString(languageTag(), { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' }) : null));
  $('visit-name').textContent = s.name;
  renderOpenHazards();
  resetInspectionForm();
  show('visit');
  locate();
}

function renderOpenHazards() {
  const list = clear($('open-hazards'));
  if (!visiting.openHazards.length) list.append(el('li', { className: 'meta' }, t('noOpenHazards')));
  for (const h of visiting.openHazards) {
    const item = el('li', { className: 'open-hazard', dataset: { hazard: h.id } },
      el('div', {}, el('span', { className: `badge ${h.level}` }, t(`level_${h.level}`)), ' ', h.reference ?? '', ' · ', t(`status_${h.status}`)),
      el('div', {}, h.description),
      el('div', { className: 'meta' }, t('deadline', { date: h.deadline })),
      el('button', { type: 'button', className: 'mark-rectified', onclick: () => rectifyForm(item, h) }, t('markRectified')));
    list.append(item);
  }
}

function rectifyForm(item, h) {
  if (item.querySelector('form')) return;
  const note = el('input', { type: 'text', className: 'rectified-note', value: t('rectifiedNoteDefault'), maxlength: 2000 });
  const photo = el('input', { type: 'file', className: 'after-photo', accept: 'image/*', capture: 'environment' });
  const message = el('p', { className: 'message', role: 'status' });
  const form = el('form', { className: 'rectify' },
    canChangeHazards() ? el('label', {}, t('rectifiedNote'), note) : el('p', { className: 'meta' }, t('uploadAfterOnly')),
    el('label', {}, t('afterPhoto'), photo), message,
    el('button', { type: 'submit' }, t('save')),
    el('button', { type: 'button', onclick: () => form.remove() }, t('cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = photo.files[0];
    if (file && tooLarge(file, message)) return;
    const records = [];
    if (canChangeHazards() && stepsFrom(h.status).length) {
      records.push({
        user: user.userName, kind: 'status', state: 'pending', hazardId: h.id, reference: h.reference ?? String(h.id), enterpriseId: visiting.enterpriseId,
        baseStatus: h.status, baseVersion: h.version, date: today(), note: note.value.trim() || t('rectifiedNoteDefault'),
        keys: stepsFrom(h.status).map(() => crypto.randomUUID()), createdAt: new Date().toISOString(),
      });
    }
    if (file) {
      records.push({ user: user.userName, kind: 'photo', state: 'pending', key: crypto.randomUUID(), hazardId: h.id, attachmentKind: 'After',
        blob: file, name: file.name || 'after.jpg', label: h.reference ?? String(h.id), createdAt: new Date().toISOString() });
    }
    if (!records.length) return;
    await store.enqueue(...records);
    form.replaceWith(el('p', { className: 'queued' }, records.some((r) => r.kind === 'status')
      ? t('queuedStatus', { reference: h.reference ?? h.id }) : t('queuedAfterPhoto', { reference: h.reference ?? h.id })));
    await refreshPending();
  });
  item.append(form);
}

/** Refuses a photo over the server's limit before anything is queued; true when refused. */
function tooLarge(file, message) {
  const limit = day?.attachmentMaxBytes ?? 20 * 1024 * 1024;
  if (file.size <= limit) return false;
  message.textContent = t('photoTooLarge', { name: file.name, size: sizeText(file.size), limit: sizeText(limit) });
  return true;
}

// ---- A new inspection ----

function hazardFieldset(n) {
  const photos = el('input', { type: 'file', className: 'hazard-photos', accept: 'image/*', capture: 'environment', multiple: true });
  const fieldset = el('fieldset', { className: 'new-hazard' },
    el('legend', {}, t('hazardNumber', { n })),
    el('label', {}, t('level'), el('select', { className: 'hazard-level' },
      el('option', { value: 'General' }, t('level_General')), el('option', { value: 'Major' }, t('level_Major')))),
    el('label', {}, t('description'), el('textarea', { className: 'hazard-description', maxlength: 1000, rows: 2 })),
    el('label', {}, t('deadlineLabel'), el('input', { type: 'date', className: 'hazard-deadline', value: addDays(today(), 30), min: today() })),
    el('label', {}, t('photos'), photos),
    el('button', { type: 'button', className: 'remove-hazard', onclick: () => fieldset.remove() }, t('removeHazard')));
  return fieldset;
}

function resetInspectionForm() {
  $('inspection-group').value = localStorage.getItem('riskmap.field.group') ?? '';
  $('inspection-visits').value = '2';
  clear($('new-hazards'));
  $('inspection-message').textContent = '';
  renderPosition();
}

function renderPosition() {
  const box = $('inspection-position');
  if (!box) return;
  if (!here) { box.textContent = t('positionUnavailable'); box.dataset.far = 'false'; return; }
  const text = t('positionValue', { lat: here.latitude.toFixed(5), lon: here.longitude.toFixed(5), accuracy: Math.round(here.accuracy) });
  if (!visiting) { box.textContent = text; return; }
  const metres = metresBetween(here, visiting);
  const limit = day?.farFromEnterpriseMetres ?? 500;
  box.textContent = `${text} · ${metres > limit ? t('positionFar', { distance: distanceText(metres), limit }) : t('positionNear', { distance: distanceText(metres) })}`;
  box.dataset.far = String(metres > limit);
}

async function saveInspection(event) {
  event.preventDefault();
  const message = $('inspection-message');
  message.textContent = '';
  const group = $('inspection-group').value.trim();
  if (!group) { message.textContent = t('required', { field: t('group') }); return; }
  const hazards = [];
  const photos = [];
  for (const [index, fieldset] of [...document.querySelectorAll('#new-hazards fieldset')].entries()) {
    const description = fieldset.querySelector('.hazard-description').value.trim();
    if (!description) { message.textContent = t('required', { field: t('description') }); return; }
    hazards.push({ level: fieldset.querySelector('.hazard-level').value, description, deadline: fieldset.querySelector('.hazard-deadline').value });
    for (const file of fieldset.querySelector('.hazard-photos').files) {
      if (tooLarge(file, message)) return;
      photos.push({ hazardIndex: index, file });
    }
  }
  localStorage.setItem('riskmap.field.group', group);
  const body = {
    enterpriseId: visiting.enterpriseId, date: today(), inspectionGroup: group, inspectorVisits: Number($('inspection-visits').value) || 1, hazards,
    position: here ? { longitude: here.longitude, latitude: here.latitude, accuracyMetres: Math.round(here.accuracy * 10) / 10 } : undefined,
  };
  const now = new Date().toISOString();
  await store.enqueueWith(
    { user: user.userName, kind: 'inspection', state: 'pending', key: crypto.randomUUID(), body, label: visiting.name, createdAt: now },
    (seq) => photos.map((p) => ({ user: user.userName, kind: 'photo', state: 'pending', key: crypto.randomUUID(), parentSeq: seq, hazardIndex: p.hazardIndex,
      attachmentKind: 'Before', blob: p.file, name: p.file.name || 'photo.jpg', label: visiting.name, createdAt: now })));
  resetInspectionForm();
  message.textContent = t('queuedInspection');
  await refreshPending();
}

// ---- 待同步: the outbox, sync, conflicts ----

function renderOutbox(records) {
  const list = clear($('outbox-list'));
  if (!records.length) list.append(el('li', { className: 'meta' }, t('outboxEmpty')));
  for (const r of records) {
    const title = r.kind === 'inspection' ? t('kind_inspection', { name: r.label })
      : r.kind === 'status' ? t('kind_status', { reference: r.reference }) : t('kind_photo', { name: r.label });
    const item = el('li', { className: `outbox-item ${r.state}`, dataset: { kind: r.kind, state: r.state } },
      el('div', {}, title),
      el('div', { className: 'meta state' }, r.state === 'refused' ? t('state_refused', { reason: r.reason }) : t(`state_${r.state}`)));
    if (r.state === 'conflict') item.append(conflictView(r));
    if (r.state === 'refused') item.append(el('button', { type: 'button', onclick: async () => { await store.remove(r.seq); await refreshPending(); } }, t('remove')));
    list.append(item);
  }
}

function conflictView(r) {
  const s = r.server;
  const last = s?.history?.at(-1);
  return el('div', { className: 'conflict' },
    el('p', {}, t('conflictTitle', { reference: r.reference })),
    el('div', { className: 'versions' },
      el('section', { className: 'mine' }, el('h4', {}, t('mine')),
        el('p', {}, t('mineText', { date: r.date, note: r.note, version: r.baseVersion }))),
      el('section', { className: 'server' }, el('h4', {}, t('server')),
        el('p', {}, s ? t('serverText', { status: t(`status_${s.status}`), deadline: s.deadline, version: s.version })
          : String(r.serverVersion)),
        last ? el('p', { className: 'meta' }, t('lastChange', { who: last.userName, what: last.action, at: new Date(last.at).toLocaleString(languageTag()) })) : null)),
    el('button', { type: 'button', className: 'keep-mine', onclick: async () => { await keepMine(r.seq); await refreshPending(); sync(); } }, t('keepMine')),
    el('button', { type: 'button', className: 'keep-server', onclick: async () => { await keepServer(r.seq); await refreshPending(); } }, t('keepServer')));
}

async function sync() {
  if (!user || syncing || !navigator.onLine) return;
  syncing = true;
  const status = $('sync-status');
  try {
    const result = await syncAll(user.userName, (done, total) => {
      status.textContent = t('syncing', { done, total });
      status.dataset.done = String(done);
      status.dataset.total = String(total);
      refreshPending();
    });
    const left = (await store.outbox(user.userName)).filter((r) => r.state === 'pending').length;
    status.textContent = result.stopped ? t('syncStopped', { count: left }) : t('syncDone');
  } catch (error) {
    status.textContent = error instanceof SyncError ? error.message : String(error);
  } finally {
    syncing = false;
    await refreshPending();
    document.body.dataset.synced = String(Date.now());
  }
}

// ---- Views and start ----

function show(view) {
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.id !== view;
  $('signed-in').hidden = !user;
  if (view === 'day') drawMap();
}

async function start() {
  $('user-name').textContent = user.displayName || user.userName;
  day = (await store.savedDay(user.userName)) ?? null;
  show('day');
  renderDay();
  await refreshPending();
  locate();
  document.body.dataset.ready = 'true';
  sync();
}

async function init() {
  setLanguage(languageTag());
  applyTexts();
  $('language').addEventListener('click', () => { setLanguage(languageTag() === 'en' ? 'zh-CN' : 'en'); applyTexts(); renderDay(); refreshPending(); });
  $('login-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  $('download').addEventListener('click', download);
  $('sync-now').addEventListener('click', sync);
  $('back').addEventListener('click', () => { renderDay(); show('day'); });
  $('add-hazard').addEventListener('click', () => $('new-hazards').append(hazardFieldset(document.querySelectorAll('#new-hazards fieldset').length + 1)));
  $('inspection-form').addEventListener('submit', saveInspection);
  $('locate').addEventListener('click', locate);
  addEventListener('online', () => { applyTexts(); sync(); });
  addEventListener('offline', applyTexts);
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/field/sw.js', { scope: '/field/' }).catch(() => {});

  user = (await store.savedUser()) ?? null;
  if (navigator.onLine) {
    // The phone's saved user stands only while the server's session does; offline, it is all there is.
    try {
      const me = await call('GET', '/api/v1/auth/me');
      user = { userName: me.userName, displayName: me.displayName, roles: me.roles, townships: me.townships };
      await store.saveUser(user);
    } catch (error) {
      if (error instanceof SyncError && error.status === 401) user = null;
    }
  }
  if (user) await start();
  else { show('login'); document.body.dataset.ready = 'true'; }
}

init();
