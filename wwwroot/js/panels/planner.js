// The inspection planner panel: criteria → ranked candidates (highlighted on the map) → teams, start point (a click on
// the map), working time → a plan with numbered stops and a coloured route per team → move or remove stops and re-plan
// (kept order) or optimise again → GPX, CSV and the printable visit sheet per team. Or a week schedule: a date range,
// teams, a depot (or a clicked point) to start and end at, the enterprises due by the visiting cadence → one plan per
// working day, shown a day at a time on the map with its exports, and the enterprises that did not fit with why.
import { api, errorText, fieldErrors, isAbort, LatestRequest } from '../api.js';
import { el, clear, append } from '../dom.js';
import { t, formatNumber, currentLanguage } from '../i18n.js';
import { sectorCodes, sectorName } from '../sectors.js';
import { teamColor, candidateColor } from '../layers/route.js';

const km = (metres) => formatNumber(metres / 1000, 1);

/** Seconds as h:mm. */
export function clock(seconds) {
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** An answer's clock time (2026-11-02T09:12:00+08:00, China Standard Time) as 09:12, read from the text so no time zone applies. */
export function clockTime(iso) {
  return typeof iso === 'string' ? iso.slice(11, 16) : '';
}

/** A yyyy-MM-dd day moved by `days` (calendar arithmetic in UTC, so no time zone shifts it). */
export function addDays(day, days) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The Monday after `day` (yyyy-MM-dd), the default first day of a week schedule. */
export function nextMonday(day) {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
  return addDays(day, ((8 - weekday) % 7) || 7);
}

/** A day as the page shows it: 11月2日 周一 / Mon 2 Nov. */
function dayLabel(day) {
  return new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : 'zh-CN', { month: 'short', day: 'numeric', weekday: 'short', timeZone: 'UTC' })
    .format(new Date(`${day}T00:00:00Z`));
}

/** The candidate query for the criteria form's values. */
export function candidateQuery(form, context) {
  const selected = (select) => [...select.selectedOptions].map((o) => o.value).filter(Boolean);
  return {
    township: context.locked ? context.locked : selected(form.townships),
    sector: selected(form.sectors),
    openHazardLevel: form.level.value || null,
    overdue: form.overdue.checked ? true : null,
    supervised: form.supervised.checked ? true : null,
    aboveScale: form.aboveScale.checked ? true : null,
    notInspectedForDays: form.days.value || null,
    limit: form.limit.value || 30,
    asOf: context.asOf,
    crs: context.crs,
    district: context.district,
  };
}

export class PlannerPanel {
  /**
   * panel: the <aside>; layer: a RouteLayer; context(): { asOf, crs, district, locked, townships: [{ code, name }] };
   * onShow/onHide: called when the panel opens and closes (the page hides the clustered enterprises meanwhile).
   */
  constructor({ panel, map, layer, context, onShow, onHide }) {
    Object.assign(this, { panel, map, layer, context, onShow, onHide });
    this.candidates = [];
    this.selected = new Set();
    this.mandatory = new Set();
    this.start = null; // { lat, lng } in the overlay coordinate system
    this.plan = null;
    this.routes = []; // per team, the visits in their current (possibly edited) order
    this.picking = false;
    this.edited = false;
    this.mode = 'day'; // 'day': one plan; 'week': a schedule over working days
    this.depots = [];
    this.due = null; // GET /routes/due for the schedule's last day
    this.dueRequest = new LatestRequest(); // only the answer for the last day chosen is shown
    this.schedule = null;
    this.dayIndex = 0;
    map.on('click', (e) => this.pick(e.latlng));
    this.panel.dataset.state = 'idle';
    this.panel.dataset.mode = this.mode;
  }

  isOpen() { return !this.panel.hidden; }

  isPicking() { return this.picking; }

  open() {
    this.panel.hidden = false;
    this.render();
    this.loadDepots();
    this.onShow?.();
    this.map.invalidateSize();
  }

  close() {
    this.panel.hidden = true;
    this.setPicking(false);
    this.layer.clear();
    this.onHide?.();
    this.map.invalidateSize();
  }

  /** Re-renders everything (also after a language change). */
  render() {
    const body = clear(this.panel.querySelector('#planner-body'));
    this.form = this.criteriaForm();
    append(body,
      el('h2', {}, t('planner.title')),
      this.form.element,
      el('div', { id: 'planner-candidates' }),
      this.settingsForm(),
      el('div', { id: 'planner-error', className: 'form-error', role: 'alert' }),
      el('div', { id: 'planner-result' }));
    this.renderCandidates();
    this.renderResult();
  }

  criteriaForm() {
    const ctx = this.context();
    const townships = el('select', { id: 'planner-townships', multiple: true, size: 4, disabled: !!ctx.locked },
      ctx.townships.map((tw) => el('option', { value: tw.code, selected: ctx.locked === tw.code || (!ctx.locked && ctx.township === tw.code) }, tw.name)));
    const sectors = el('select', { id: 'planner-sectors', multiple: true, size: 4 }, sectorCodes().map((code) => el('option', { value: code }, sectorName(code))));
    const level = el('select', { id: 'planner-level' },
      [['', 'planner.level.any'], ['Major', 'planner.level.Major'], ['General', 'planner.level.General'], ['Any', 'planner.level.Any'], ['None', 'planner.level.None']]
        .map(([value, key]) => el('option', { value }, t(key))));
    const check = (id, key) => {
      const input = el('input', { type: 'checkbox', id });
      return { input, label: el('label', { className: 'check' }, input, ' ', t(key)) };
    };
    const overdue = check('planner-overdue', 'planner.overdue');
    const supervised = check('planner-supervised', 'planner.supervised');
    const aboveScale = check('planner-above-scale', 'planner.aboveScale');
    const days = el('input', { id: 'planner-days', type: 'number', min: 0, max: 3650, step: 1, placeholder: '—' });
    const limit = el('input', { id: 'planner-limit', type: 'number', min: 1, max: 2000, step: 1, value: 30 });
    const find = el('button', { id: 'planner-find', type: 'submit', className: 'primary' }, t('planner.find'));
    const element = el('form', { className: 'planner-criteria', onsubmit: (e) => { e.preventDefault(); this.findCandidates(); } },
      el('div', { className: 'grid2' },
        el('label', { className: 'field' }, el('span', {}, t('filters.township')), townships),
        el('label', { className: 'field' }, el('span', {}, t('filters.sector')), sectors)),
      el('label', { className: 'field' }, el('span', {}, t('planner.level')), level),
      el('div', { className: 'checks' }, overdue.label, supervised.label, aboveScale.label),
      el('div', { className: 'grid2' },
        el('label', { className: 'field' }, el('span', {}, t('planner.days')), days),
        el('label', { className: 'field' }, el('span', {}, t('planner.limit')), limit)),
      el('div', { className: 'buttons' }, find));
    return { element, townships, sectors, level, overdue: overdue.input, supervised: supervised.input, aboveScale: aboveScale.input, days, limit };
  }

  settingsForm() {
    const number = (id, value, min, max, step = 1) => el('input', { id, type: 'number', value, min, max, step });
    this.settings = {
      teams: number('planner-teams', this.settings?.teams.value ?? 2, 1, 20),
      hours: number('planner-hours', this.settings?.hours.value ?? 8, 0.5, 24, 0.5),
      service: number('planner-service', this.settings?.service.value ?? 30, 0, 480),
      speed: number('planner-speed', this.settings?.speed.value ?? 30, 1, 120),
      timeLimit: number('planner-time-limit', this.settings?.timeLimit.value ?? 2, 1, 30),
      returnToStart: el('input', { id: 'planner-return', type: 'checkbox', checked: this.settings?.returnToStart.checked ?? false }),
      startTime: el('input', { id: 'planner-start-time', type: 'time', value: this.settings?.startTime.value ?? '08:30' }),
      lunchStart: el('input', { id: 'planner-lunch-start', type: 'time', value: this.settings?.lunchStart.value ?? '12:00' }),
      lunchEnd: el('input', { id: 'planner-lunch-end', type: 'time', value: this.settings?.lunchEnd.value ?? '13:30' }),
      endTime: el('input', { id: 'planner-end-time', type: 'time', value: this.settings?.endTime.value ?? '17:30' }),
      from: el('input', { id: 'planner-from', type: 'date', value: this.settings?.from.value ?? nextMonday(this.context().asOf ?? new Date().toISOString().slice(0, 10)) }),
      to: el('input', { id: 'planner-to', type: 'date', value: this.settings?.to.value || null }),
      includeDue: el('input', { id: 'planner-include-due', type: 'checkbox', checked: this.settings?.includeDue.checked ?? true }),
      startDepot: el('select', { id: 'planner-start-depot', onchange: () => this.depotChosen() }),
      endDepot: el('select', { id: 'planner-end-depot' }),
    };
    const s = this.settings;
    if (!s.to.value) s.to.value = addDays(s.from.value, 4); // Monday to Friday
    s.to.addEventListener('change', () => this.loadDue());
    const field = (key, input, className = 'field') => el('label', { className }, el('span', {}, t(key)), input);
    const mode = (value) => el('label', { className: 'check' },
      el('input', { type: 'radio', name: 'planner-mode', id: `planner-mode-${value}`, value, checked: this.mode === value, onchange: () => this.setMode(value) }),
      ' ', t(`planner.mode.${value}`));
    const element = el('section', { className: 'planner-settings' },
      el('h3', {}, t('planner.settings')),
      el('div', { className: 'checks planner-mode', role: 'radiogroup' }, mode('day'), mode('week')),
      el('div', { className: 'grid3 week-only' },
        field('planner.from', s.from), field('planner.to', s.to), field('planner.endTime', s.endTime)),
      el('div', { className: 'week-only' },
        el('label', { className: 'check' }, s.includeDue, ' ', t('planner.includeDue')),
        el('div', { id: 'planner-due', className: 'meta' })),
      el('div', { className: 'grid3' },
        field('planner.teams', s.teams), field('planner.hours', s.hours, 'field day-only'), field('planner.service', s.service),
        field('planner.speed', s.speed), field('planner.timeLimit', s.timeLimit)),
      el('div', { className: 'grid3' },
        field('planner.startTime', s.startTime), field('planner.lunchStart', s.lunchStart), field('planner.lunchEnd', s.lunchEnd)),
      el('div', { className: 'grid2 week-only' }, field('planner.startDepot', s.startDepot), field('planner.endDepot', s.endDepot)),
      el('div', { className: 'start-row' },
        el('button', { id: 'planner-pick-start', type: 'button', className: this.picking ? 'active' : '', onclick: () => this.setPicking(!this.picking) }, t('planner.pickStart')),
        el('span', { id: 'planner-start', className: 'meta' }, this.startText())),
      el('label', { className: 'check' }, s.returnToStart, ' ', t('planner.returnToStart')),
      el('div', { className: 'buttons' }, el('button', { id: 'planner-plan', type: 'button', className: 'primary', onclick: () => this.planRoutes(false) }, t('planner.plan'))));
    this.fillDepots();
    this.renderDue();
    return element;
  }

  /** Switches between a one-day plan and a week schedule; each keeps its own answer. */
  setMode(mode) {
    this.mode = mode;
    this.panel.dataset.mode = mode;
    if (mode === 'week' && !this.due) this.loadDue();
    this.renderResult();
  }

  /** The district's depots (GET /routes/depots), offered as the schedule's start and end. */
  async loadDepots() {
    try {
      this.depots = (await api.depots({ district: this.context().district })).items;
      this.fillDepots();
    } catch (error) {
      this.showError(error);
    }
  }

  /** The depot choices: a clicked point (start) or none (end), then the depots by name; the choices made are kept. */
  fillDepots() {
    const s = this.settings;
    if (!s) return;
    const fill = (select, emptyKey) => {
      const chosen = select.value;
      clear(select);
      append(select, el('option', { value: '' }, t(emptyKey)), this.depots.map((d) => el('option', { value: String(d.id) }, d.name)));
      select.value = this.depots.some((d) => String(d.id) === chosen) ? chosen : '';
    };
    fill(s.startDepot, 'planner.depot.clicked');
    fill(s.endDepot, 'planner.depot.none');
  }

  /** A depot chosen as the start stands for the clicked point until "a clicked point" is chosen again. */
  depotChosen() {
    const label = this.panel.querySelector('#planner-start');
    const depot = this.depots.find((d) => String(d.id) === this.settings.startDepot.value);
    if (label) label.textContent = depot ? depot.name : this.startText();
  }

  /** The clicked start as the panel shows it (longitude, latitude to 5 decimals), or that none is chosen. */
  startText() {
    return this.start ? `${this.start.lng.toFixed(5)}, ${this.start.lat.toFixed(5)}` : t('planner.noStart');
  }

  /** The enterprises due by the visiting cadence on the schedule's last day (GET /routes/due), counted and listed. */
  async loadDue() {
    const ctx = this.context();
    const asOf = this.settings?.to.value;
    if (!asOf) return;
    try {
      this.due = await api.routesDue({ asOf, district: ctx.district, township: ctx.locked || null }, { signal: this.dueRequest.start() });
    } catch (error) {
      if (isAbort(error)) return;
      this.due = null;
      this.showError(error);
    }
    this.renderDue();
  }

  renderDue() {
    const box = this.panel.querySelector('#planner-due');
    if (!box) return;
    clear(box);
    if (!this.due) return;
    const { count, asOf, items } = this.due;
    box.dataset.count = String(count);
    append(box, el('span', { className: 'due-count' }, t('planner.due', { n: count, date: asOf })),
      items.length
        ? el('details', {}, el('summary', {}, t('planner.dueList')),
          el('ol', { className: 'due-list' }, items.map((d) => el('li', { dataset: { enterprise: d.enterpriseId } },
            el('b', {}, d.name), d.townshipName ? ` · ${d.townshipName}` : '', ' · ',
            d.dueOn ? t('planner.dueSince', { date: d.dueOn, days: d.daysOverdue }) : t('planner.neverInspected'),
            ' · ', t('planner.cadence', { days: d.intervalDays })))))
        : null);
  }

  setPicking(on) {
    this.picking = on;
    this.map.getContainer().classList.toggle('picking', on);
    this.panel.querySelector('#planner-pick-start')?.classList.toggle('active', on);
  }

  /** A map click while picking sets the start point. */
  pick(latlng) {
    if (!this.picking) return;
    this.start = { lat: latlng.lat, lng: latlng.lng };
    this.layer.setStart(latlng);
    this.setPicking(false);
    if (this.settings) this.settings.startDepot.value = '';
    const label = this.panel.querySelector('#planner-start');
    if (label) label.textContent = this.startText();
    this.panel.dataset.start = 'set';
  }

  /** Shows a failure (the server's messages as sent) or a message of the planner's own; null clears. */
  showError(failure) {
    const box = this.panel.querySelector('#planner-error');
    if (!box) return;
    clear(box);
    if (!failure) return;
    if (typeof failure === 'string') { box.append(failure); return; }
    const fields = fieldErrors(failure);
    append(box, errorText(failure), fields.length ? el('ul', {}, fields.map(([name, message]) => el('li', {}, `${name}: ${message}`))) : null);
  }

  async findCandidates() {
    this.showError(null);
    this.panel.dataset.state = 'loading';
    try {
      const list = await api.routeCandidates(candidateQuery(this.form, this.context()));
      this.candidates = list.items;
      this.total = list.total;
      this.selected = new Set(list.items.map((c) => c.enterpriseId));
      this.mandatory = new Set(list.items.filter((c) => c.suggestMandatory).map((c) => c.enterpriseId));
      this.plan = null;
      this.routes = [];
      this.renderCandidates();
      this.renderResult();
      const bounds = this.layer.bounds();
      if (bounds) this.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 14 });
      this.panel.dataset.state = 'candidates';
    } catch (error) {
      this.showError(error);
      this.panel.dataset.state = 'error';
    }
  }

  renderCandidates() {
    const box = this.panel.querySelector('#planner-candidates');
    if (!box) return;
    clear(box);
    this.layer.setCandidates(this.candidates, this.selected, (item, latlng) => {
      if (this.picking) this.pick(latlng);
      else this.panel.querySelector(`li[data-enterprise='${item.enterpriseId}']`)?.scrollIntoView({ block: 'nearest' });
    });
    if (!this.candidates.length) {
      if (this.total === 0) box.append(el('p', { className: 'meta' }, t('planner.noCandidates')));
      return;
    }
    const toggleAll = (on) => {
      for (const c of this.candidates) { if (on) this.selected.add(c.enterpriseId); else this.selected.delete(c.enterpriseId); }
      this.renderCandidates();
    };
    append(box,
      el('h3', {}, t('planner.candidates', { n: this.candidates.length, total: this.total })),
      el('div', { className: 'meta' }, t('planner.scoreHint'), ' ',
        el('button', { type: 'button', className: 'small', onclick: () => toggleAll(true) }, t('planner.all')), ' ',
        el('button', { type: 'button', className: 'small', onclick: () => toggleAll(false) }, t('planner.none'))),
      el('ol', { className: 'candidates' }, this.candidates.map((c) => this.candidateItem(c))));
  }

  candidateItem(c) {
    const chosen = el('input', { type: 'checkbox', className: 'choose', checked: this.selected.has(c.enterpriseId), title: t('planner.include') });
    chosen.addEventListener('change', () => {
      if (chosen.checked) this.selected.add(c.enterpriseId); else this.selected.delete(c.enterpriseId);
      this.layer.setSelected(c.enterpriseId, chosen.checked);
    });
    const must = el('input', { type: 'checkbox', className: 'must', checked: this.mandatory.has(c.enterpriseId) });
    must.addEventListener('change', () => { if (must.checked) this.mandatory.add(c.enterpriseId); else this.mandatory.delete(c.enterpriseId); });
    const badges = [
      c.openMajor ? el('span', { className: 'badge Major' }, t('planner.major', { n: c.openMajor })) : null,
      c.openGeneral ? el('span', { className: 'badge General' }, t('planner.general', { n: c.openGeneral })) : null,
      c.overdueMajor + c.overdueGeneral ? el('span', { className: 'badge overdue' }, t('planner.overdueN', { n: c.overdueMajor + c.overdueGeneral })) : null,
      c.supervisedMajor ? el('span', { className: 'badge' }, t('detail.supervised')) : null,
      c.flags.map((f) => el('span', { className: 'badge flag' }, t(`planner.flag.${f}`))),
    ];
    return el('li', {
      dataset: { enterprise: c.enterpriseId },
      onmouseenter: () => this.layer.highlight(c.enterpriseId, true),
      onmouseleave: () => this.layer.highlight(c.enterpriseId, false),
    },
    el('span', { className: 'rank', style: `background:${candidateColor(c)}` }, String(c.rank)),
    el('div', { className: 'what' },
      el('b', {}, c.name),
      el('div', { className: 'meta' }, sectorName(c.sector), c.townshipName ? ` · ${c.townshipName}` : '', ' · ',
        c.lastInspectedOn ? t('planner.lastInspected', { days: c.daysSinceInspection }) : t('planner.neverInspected'),
        ' · ', t('planner.score', { score: formatNumber(c.score, 0) })),
      el('div', {}, badges)),
    el('label', { className: 'pick' }, chosen, t('planner.include')),
    el('label', { className: 'pick' }, must, t('planner.mandatory')));
  }

  /** The plan request: optimise the chosen candidates, or (keepOrder) measure the edited routes as they are. */
  request(keepOrder) {
    const ctx = this.context();
    const s = this.settings;
    const start = { longitude: this.start.lng, latitude: this.start.lat };
    const stops = keepOrder
      ? this.routes.flatMap((visits, i) => visits.map((v) => ({ enterpriseId: v.enterpriseId, mandatory: v.mandatory, team: i + 1 })))
      : this.candidates.filter((c) => this.selected.has(c.enterpriseId))
        .map((c) => ({ enterpriseId: c.enterpriseId, mandatory: this.mandatory.has(c.enterpriseId) }));
    return {
      start,
      end: s.returnToStart.checked ? start : null,
      stops,
      teams: keepOrder ? this.routes.length : Number(s.teams.value),
      workingTimeSeconds: s.hours.value ? Math.round(Number(s.hours.value) * 3600) : null,
      serviceTimeSeconds: Math.round(Number(s.service.value || 0) * 60),
      speedKmh: Number(s.speed.value),
      timeLimitSeconds: Number(s.timeLimit.value),
      startTime: s.startTime.value ? `${s.startTime.value}:00` : null,
      lunchStart: s.lunchStart.value ? `${s.lunchStart.value}:00` : null,
      lunchEnd: s.lunchEnd.value ? `${s.lunchEnd.value}:00` : null,
      keepOrder,
      asOf: ctx.asOf,
      district: ctx.district,
      crs: ctx.crs,
    };
  }

  async planRoutes(keepOrder) {
    if (this.mode === 'week' && !keepOrder) { await this.planSchedule(); return; }
    this.showError(null);
    if (!this.start) { this.showError(t('planner.needStart')); return; }
    if (!keepOrder && !this.candidates.some((c) => this.selected.has(c.enterpriseId))) { this.showError(t('planner.needStops')); return; }
    await this.solve(() => api.planRoutes(this.request(keepOrder)), (plan) => {
      this.plan = plan;
      this.routes = plan.teams.map((team) => team.visits.slice());
      this.edited = false;
    }, 'planned');
  }

  /**
   * Runs a planning request while the plan button says so: `keep(answer)` takes the answer, then the result is shown and the
   * panel's state becomes `done`; a failure is shown with the server's messages.
   */
  async solve(send, keep, done) {
    this.panel.dataset.state = 'planning';
    const button = this.panel.querySelector('#planner-plan');
    if (button) { button.disabled = true; button.textContent = t('planner.planning'); }
    try {
      keep(await send());
      this.renderResult();
      this.panel.querySelector('#planner-result')?.scrollIntoView({ block: 'start' });
      this.panel.dataset.state = done;
    } catch (error) {
      this.showError(error);
      this.panel.dataset.state = 'error';
    } finally {
      if (button) { button.disabled = false; button.textContent = t('planner.plan'); }
    }
  }

  /** The schedule request: the date range, the depots or the clicked point, the chosen candidates beside the due enterprises. */
  scheduleRequest() {
    const ctx = this.context();
    const s = this.settings;
    const startDepotId = s.startDepot.value ? Number(s.startDepot.value) : null;
    const endDepotId = s.endDepot.value ? Number(s.endDepot.value) : null;
    const start = startDepotId ? null : { longitude: this.start.lng, latitude: this.start.lat };
    const back = s.returnToStart.checked && !endDepotId;
    const time = (input) => (input.value ? `${input.value}:00` : null);
    return {
      from: s.from.value || null,
      to: s.to.value || null,
      start,
      startDepotId,
      end: back && start ? start : null,
      endDepotId: endDepotId ?? (back ? startDepotId : null),
      teams: Number(s.teams.value),
      startTime: time(s.startTime),
      endTime: time(s.endTime),
      lunchStart: time(s.lunchStart),
      lunchEnd: time(s.lunchEnd),
      serviceTimeSeconds: Math.round(Number(s.service.value || 0) * 60),
      speedKmh: Number(s.speed.value),
      timeLimitSeconds: Number(s.timeLimit.value),
      stops: this.candidates.filter((c) => this.selected.has(c.enterpriseId))
        .map((c) => ({ enterpriseId: c.enterpriseId, mandatory: this.mandatory.has(c.enterpriseId) })),
      includeDue: s.includeDue.checked,
      district: ctx.district,
      crs: ctx.crs,
    };
  }

  async planSchedule() {
    this.showError(null);
    const s = this.settings;
    if (!this.start && !s.startDepot.value) { this.showError(t('planner.needStartOrDepot')); return; }
    if (!s.includeDue.checked && !this.candidates.some((c) => this.selected.has(c.enterpriseId))) { this.showError(t('planner.needStops')); return; }
    await this.solve(() => api.scheduleRoutes(this.scheduleRequest()), (schedule) => {
      this.schedule = schedule;
      // The first day with visits opens first.
      this.dayIndex = Math.max(0, schedule.days.findIndex((d) => d.teams.some((team) => team.visits.length)));
    }, 'scheduled');
  }

  /** Shows one day of the schedule: in the list, on the map and with its teams' exports. */
  showDay(index) {
    this.dayIndex = index;
    this.renderResult();
  }

  renderSchedule(box) {
    const schedule = this.schedule;
    const day = schedule.days[this.dayIndex];
    const visits = (plan) => plan.teams.reduce((n, team) => n + team.visits.length, 0);
    this.layer.setPlan(day ?? null, day ? day.teams.map((team) => team.visits) : []);
    if (day) this.layer.setStart([day.start.latitude, day.start.longitude]);
    const place = (name, point) => name ?? (point ? `${point.longitude.toFixed(5)}, ${point.latitude.toFixed(5)}` : null);
    append(box,
      el('h3', {}, t('planner.schedule.result')),
      el('p', { id: 'planner-summary', className: 'summary' },
        t('planner.schedule.summary', { days: schedule.days.length, stops: schedule.days.reduce((n, d) => n + visits(d), 0), mandatory: schedule.mandatoryCount }),
        ' · ', t(`planner.status.${schedule.status}`)),
      el('p', { className: 'meta distance-kind', dataset: { kind: schedule.distanceKind } }, t(`planner.distance.${schedule.distanceKind}`)),
      schedule.skippedDays.length
        ? el('p', { id: 'planner-skipped', className: 'meta' }, t('planner.skipped', {
          days: schedule.skippedDays.map((d) => `${dayLabel(d.day)}（${t(`planner.skip.${d.reason}`)}）`).join('、'),
        }))
        : null,
      el('ol', { id: 'planner-days', className: 'schedule-days' }, schedule.days.map((d, i) => el('li', {},
        el('button', {
          type: 'button', className: `planner-day${i === this.dayIndex ? ' active' : ''}`, dataset: { day: d.asOf }, 'aria-pressed': String(i === this.dayIndex),
          onclick: () => this.showDay(i),
        }, el('b', {}, dayLabel(d.asOf)), ' ', t('planner.dayVisits', { n: visits(d) }))))),
      day
        ? el('section', { id: 'planner-day', dataset: { day: day.asOf } },
          el('h4', {}, dayLabel(day.asOf)),
          el('p', { id: 'planner-day-start', className: 'meta' }, t('planner.dayStart', { place: place(day.startName, day.start), time: (day.hours?.startTime ?? '').slice(0, 5) }),
            day.end ? ` · ${t('planner.dayEnd', { place: place(day.endName, day.end) })}` : ''),
          day.teams.map((team, i) => this.teamSection(team, team.visits, i, false)))
        : null,
      schedule.dropped.length
        ? el('div', { id: 'planner-dropped' }, el('h4', {}, t('planner.dropped', { n: schedule.dropped.length })),
          el('ul', {}, schedule.dropped.map((d) => el('li', { dataset: { enterprise: d.enterpriseId } },
            el('b', {}, d.name), d.mandatory ? ` (${t('planner.mandatory')})` : '', ' — ', d.explanation || t(`planner.reason.${d.reason}`)))))
        : null);
  }

  move(team, index, delta) {
    const visits = this.routes[team];
    const to = index + delta;
    if (to < 0 || to >= visits.length) return;
    [visits[index], visits[to]] = [visits[to], visits[index]];
    this.edited = true;
    this.renderResult();
  }

  /** Moves a visit to another place, in its team or another one (drag and drop); `to` past the end appends. */
  moveTo(fromTeam, from, toTeam, to) {
    const source = this.routes[fromTeam];
    const target = this.routes[toTeam];
    if (!source || !target || from < 0 || from >= source.length) return;
    const [visit] = source.splice(from, 1);
    // Dropping further down the same list: the removal shifted the places after it up by one.
    const at = Math.max(0, Math.min(fromTeam === toTeam && to > from ? to - 1 : to, target.length));
    target.splice(at, 0, visit);
    if (fromTeam === toTeam && at === from) return;
    this.edited = true;
    this.renderResult();
  }

  /** Drag-and-drop handlers for a drop zone: a stop (`position` its index) or a whole team list (`position` its end). */
  dropZone(team, position) {
    const over = (e) => {
      if (!e.dataTransfer.types.includes('application/x-riskmap-stop')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      e.currentTarget.classList.add('drop-target');
    };
    return {
      ondragover: over,
      ondragenter: over,
      ondragleave: (e) => e.currentTarget.classList.remove('drop-target'),
      ondrop: (e) => {
        const data = e.dataTransfer.getData('application/x-riskmap-stop');
        e.currentTarget.classList.remove('drop-target');
        if (!data) return;
        e.preventDefault();
        e.stopPropagation();
        const [fromTeam, from] = data.split(':').map(Number);
        this.moveTo(fromTeam, from, team, position(e));
      },
    };
  }

  remove(team, index) {
    const [visit] = this.routes[team].splice(index, 1);
    this.selected.delete(visit.enterpriseId);
    this.layer.setSelected(visit.enterpriseId, false);
    const row = this.panel.querySelector(`li[data-enterprise='${visit.enterpriseId}'] input.choose`);
    if (row) row.checked = false;
    this.edited = true;
    this.renderResult();
  }

  renderResult() {
    const box = this.panel.querySelector('#planner-result');
    if (!box) return;
    clear(box);
    if (this.mode === 'week') {
      if (this.schedule) { this.renderSchedule(box); return; }
      this.layer.setPlan(null, []);
      this.layer.setStart(this.start);
      return;
    }
    this.layer.setPlan(this.plan, this.routes);
    this.layer.setStart(this.start);
    if (!this.plan) return;
    const plan = this.plan;
    const visits = this.routes.reduce((n, r) => n + r.length, 0);
    append(box,
      el('h3', {}, t('planner.result')),
      el('p', { id: 'planner-summary', className: 'summary' },
        t('planner.summary', { stops: visits, teams: plan.teams.length, km: km(plan.totalDistanceMetres) }), ' · ',
        t(`planner.status.${plan.status}`), plan.mode === 'KeptOrder' ? ` · ${t('planner.keptOrder')}` : ''),
      el('p', { className: 'meta distance-kind', dataset: { kind: plan.distanceKind } }, t(`planner.distance.${plan.distanceKind}`)),
      this.edited ? el('p', { className: 'notice-edited' }, t('planner.edited')) : null,
      this.routes.map((team, i) => this.teamSection(plan.teams[i], team, i)),
      plan.dropped.length
        ? el('div', { id: 'planner-dropped' }, el('h4', {}, t('planner.dropped', { n: plan.dropped.length })),
          el('ul', {}, plan.dropped.map((d) => el('li', {}, el('b', {}, d.name), d.mandatory ? ` (${t('planner.mandatory')})` : '', ' — ', t(`planner.reason.${d.reason}`)))))
        : null,
      el('div', { className: 'buttons' },
        el('button', { id: 'planner-replan-order', type: 'button', onclick: () => this.planRoutes(true) }, t('planner.replanOrder')),
        el('button', { id: 'planner-replan', type: 'button', onclick: () => this.planRoutes(false) }, t('planner.replan'))));
  }

  /** A team's visits and exports; editable (one-day plans) with move, remove and drag, read-only for a schedule's day. */
  teamSection(team, visits, index, editable = true) {
    const color = teamColor(team.team);
    const stale = editable && this.edited; // exports describe the stored plan, not unsaved edits
    const link = (href, key, className, download) => el('a', { href, className, download: download ? '' : null, target: download ? null : '_blank', rel: 'noopener', 'aria-disabled': stale ? 'true' : null }, t(key));
    return el('section', { className: 'planner-team', dataset: { team: team.team } },
      el('h4', {}, el('span', { className: 'swatch', style: `background:${color}` }), t('planner.team', { n: team.team }), ' · ',
        t('planner.teamSummary', { n: team.visits.length, km: km(team.totalDistanceMetres), time: clock(team.totalTimeSeconds) }),
        team.exceedsWorkingTime ? el('span', { className: 'badge overdue' }, t('planner.overTime')) : null),
      el('div', { className: 'exports' },
        link(team.exports.gpx, 'planner.gpx', 'export-gpx', true), link(team.exports.csv, 'planner.csv', 'export-csv', true),
        link(team.exports.sheet, 'planner.sheet', 'export-sheet', false)),
      visits.length && !editable
        ? el('ol', { className: 'stops' }, visits.map((v, i) => el('li', { dataset: { enterprise: v.enterpriseId } },
          el('span', { className: 'route-number inline', style: `background:${color}` }, String(i + 1)),
          el('div', { className: 'what' }, el('b', {}, v.name), v.mandatory ? el('span', { className: 'badge Major' }, t('planner.mandatory')) : null,
            v.flags.map((f) => el('span', { className: 'badge flag' }, t(`planner.flag.${f}`))),
            el('div', { className: 'meta visit-times' }, t('planner.visitTimes', { km: km(v.legDistanceMetres), from: clockTime(v.arrivalTime), to: clockTime(v.departureTime) }))))))
        : visits.length
        ? el('ol', { className: 'stops', ...this.dropZone(index, () => visits.length) }, visits.map((v, i) => el('li', {
          dataset: { enterprise: v.enterpriseId },
          draggable: 'true',
          title: t('planner.drag'),
          ondragstart: (e) => {
            e.dataTransfer.setData('application/x-riskmap-stop', `${index}:${i}`);
            e.dataTransfer.effectAllowed = 'move';
            e.currentTarget.classList.add('dragging');
          },
          ondragend: (e) => e.currentTarget.classList.remove('dragging'),
          // In the upper half of a stop: before it; in the lower half: after it.
          ...this.dropZone(index, (e) => {
            const box = e.currentTarget.getBoundingClientRect();
            return e.clientY < box.top + box.height / 2 ? i : i + 1;
          }),
        },
          el('span', { className: 'route-number inline', style: `background:${color}` }, String(i + 1)),
          el('div', { className: 'what' }, el('b', {}, v.name), v.mandatory ? el('span', { className: 'badge Major' }, t('planner.mandatory')) : null,
            v.flags.map((f) => el('span', { className: 'badge flag' }, t(`planner.flag.${f}`))),
            el('div', { className: 'meta' }, this.edited ? v.address ?? '' : t('planner.leg', { km: km(v.legDistanceMetres), time: v.arrivalTime ? clockTime(v.arrivalTime) : clock(v.arrivalSeconds) }))),
          el('span', { className: 'stop-buttons' },
            el('button', { type: 'button', className: 'small up', title: t('planner.up'), disabled: i === 0, onclick: () => this.move(index, i, -1) }, '↑'),
            el('button', { type: 'button', className: 'small down', title: t('planner.down'), disabled: i === visits.length - 1, onclick: () => this.move(index, i, 1) }, '↓'),
            el('button', { type: 'button', className: 'small remove', title: t('planner.remove'), onclick: () => this.remove(index, i) }, '✕')))))
        : el('p', { className: 'meta empty-team', ...(editable ? this.dropZone(index, () => 0) : {}) }, t('planner.noVisits')));
  }
}
