// The 趋势 (trends) panel: one figure of GET /api/v1/statistics/series over the headline period, drawn per sector and
// per township with ECharts, and a ranking (排名) of the townships on that figure in one interval with its changes on
// the interval before (环比) and a year before (同比). Labels come from i18n.js; the server's messages are shown as sent.
import { api, errorText, fieldErrors, isAbort, LatestRequest } from '../api.js';
import { el, clear, append } from '../dom.js';
import { t, formatNumber } from '../i18n.js';
import { sectorName } from '../sectors.js';

/** ECharts (lib/echarts, restored by LibMan from npm), loaded the first time the panel opens. */
let echartsLoading = null;
function loadECharts() {
  echartsLoading ??= new Promise((resolve, reject) => {
    if (window.echarts) { resolve(window.echarts); return; }
    const script = el('script', { src: 'lib/echarts/echarts.min.js' });
    script.addEventListener('load', () => resolve(window.echarts));
    script.addEventListener('error', () => { echartsLoading = null; reject(new Error('echarts')); });
    document.head.append(script);
  });
  return echartsLoading;
}

/** The value of a figure path (generalHazards.found) in an interval's figures; null when absent. */
export function figureValue(figures, path) {
  return path.split('.').reduce((value, name) => (value == null ? null : value[name]), figures) ?? null;
}

/** An interval's label: 2020-03, 2020Q1 or 2020 (a clipped interval is named after the calendar interval it lies in). */
export function intervalLabel(interval, unit) {
  const [year, month] = interval.from.split('-');
  if (unit === 'year') return year;
  if (unit === 'quarter') return `${year}Q${Math.floor((Number(month) - 1) / 3) + 1}`;
  return `${year}-${month}`;
}

function percent(change) {
  if (!change || change.difference === null) return '—';
  const sign = change.difference > 0 ? '+' : '';
  const difference = `${sign}${formatNumber(change.difference, Number.isInteger(change.difference) ? 0 : 2)}`;
  return change.percent === null ? difference : `${difference} (${sign}${formatNumber(change.percent, 2)}%)`;
}

export class TrendsPanel {
  /**
   * panel: the aside; body: where the panel draws; context(): { district, from, to, township, sector } of the page;
   * onShow/onHide: what the page does when the panel opens and closes (the map's size).
   */
  constructor({ panel, body, context, onShow, onHide }) {
    Object.assign(this, { panel, body, context, onShow, onHide });
    this.requests = new LatestRequest();
    this.figure = 'generalHazards.found';
    this.interval = 'month';
    this.rankIndex = -1; // the ranked interval: the last one unless chosen
    this.charts = [];
    this.data = null;
  }

  isOpen() { return !this.panel.hidden; }

  open() {
    this.panel.hidden = false;
    this.onShow?.();
    return this.load();
  }

  close() {
    this.requests.start(); // nothing may fill a closed panel
    this.panel.hidden = true;
    for (const chart of this.charts) chart.dispose();
    this.charts = [];
    this.onHide?.();
  }

  /** Loads the series per sector and per township for the page's period and filters, then draws them. */
  async load() {
    if (!this.isOpen()) return;
    const signal = this.requests.start();
    const { district, from, to, township, sector } = this.context();
    this.panel.dataset.loading = 'true';
    const base = { district, from, to, interval: this.interval };
    try {
      const [echarts, bySector, byTownship] = await Promise.all([
        loadECharts(),
        api.statisticsSeries({ ...base, township: township || null, by: 'sector' }, { signal }),
        api.statisticsSeries({ ...base, sector: sector || null, by: 'township' }, { signal }),
      ]);
      if (signal.aborted) return;
      this.data = { echarts, bySector, byTownship };
      this.render();
    } catch (error) {
      if (isAbort(error)) return;
      this.data = null;
      this.render(error);
    } finally {
      if (!signal.aborted) this.panel.dataset.loading = 'false';
    }
  }

  /** Draws the controls, the two charts and the ranking from the loaded series (or the failure). */
  render(error = null) {
    for (const chart of this.charts) chart.dispose();
    this.charts = [];
    clear(this.body);
    const { from, to } = this.context();
    append(this.body, el('h2', {}, t('trends.title')), el('div', { className: 'meta' }, t('trends.period', { from, to })));
    const figures = this.data?.bySector.figures ?? [];
    const figureSelect = el('select', { id: 'trends-figure', onChange: (e) => { this.figure = e.target.value; this.render(); } },
      ...(figures.length ? figures : [{ name: this.figure }]).map((f) => el('option', { value: f.name }, t(`figure.${f.name}`))));
    figureSelect.value = this.figure;
    const intervalSelect = el('select', { id: 'trends-interval', onChange: (e) => { this.interval = e.target.value; this.rankIndex = -1; this.load(); } },
      ...['month', 'quarter', 'year'].map((unit) => el('option', { value: unit }, t(`trends.interval.${unit}`))));
    intervalSelect.value = this.interval;
    append(this.body, el('div', { className: 'grid2' },
      el('label', { className: 'field' }, el('span', {}, t('trends.figure')), figureSelect),
      el('label', { className: 'field' }, el('span', {}, t('trends.interval')), intervalSelect)));
    if (error) {
      // The server's title and detail, then what it said of each parameter, as it sent them.
      append(this.body, el('div', { className: 'error', id: 'trends-error', role: 'alert' },
        el('p', {}, errorText(error)),
        el('ul', {}, ...fieldErrors(error).map(([, message]) => el('li', {}, message)))));
      return;
    }
    if (!this.data) return;
    const kind = figures.find((f) => f.name === this.figure)?.kind;
    if (kind) append(this.body, el('p', { className: 'meta', id: 'trends-kind' }, t(`trends.kind.${kind}`)));
    append(this.body, el('h3', {}, t('trends.bySector')));
    const sectorChart = el('div', { className: 'chart', id: 'trends-by-sector' });
    append(this.body, sectorChart, el('h3', {}, t('trends.byTownship')));
    const townshipChart = el('div', { className: 'chart', id: 'trends-by-township' });
    append(this.body, townshipChart);
    this.draw(sectorChart, this.data.bySector, (s) => sectorName(s.sector));
    this.draw(townshipChart, this.data.byTownship, (s) => s.townshipName ?? s.township);
    this.renderRanking();
  }

  /** One line per series of the answer for the chosen figure; the legend names them. */
  draw(container, answer, name) {
    const chart = this.data.echarts.init(container, null, { renderer: 'canvas' });
    const labels = (answer.series[0]?.intervals ?? []).map((i) => intervalLabel(i, answer.interval));
    chart.setOption({
      animation: false,
      // Tooltips drawn in the canvas: HTML tooltips carry style attributes, which the page's policy refuses.
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 48, right: 12, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value' }, // the figure is named in the select above the charts
      series: answer.series.map((s) => ({
        type: 'line', name: name(s), showSymbol: false, connectNulls: false,
        data: s.intervals.map((i) => figureValue(i.figures, this.figure)),
      })),
    });
    container.dataset.series = String(answer.series.length);
    this.charts.push(chart);
  }

  /** The townships ranked on the chosen figure in one interval (highest first), with 环比 and 同比. */
  renderRanking() {
    const answer = this.data.byTownship;
    const intervals = answer.series[0]?.intervals ?? [];
    if (!intervals.length) return;
    const index = this.rankIndex >= 0 && this.rankIndex < intervals.length ? this.rankIndex : intervals.length - 1;
    const select = el('select', { id: 'trends-rank-interval', onChange: (e) => { this.rankIndex = Number(e.target.value); this.render(); } },
      ...intervals.map((i, n) => el('option', { value: n }, intervalLabel(i, answer.interval))));
    select.value = String(index);
    const rows = answer.series
      .map((s) => ({ s, interval: s.intervals[index] }))
      .map(({ s, interval }) => ({
        code: s.township, name: s.townshipName ?? s.township,
        value: figureValue(interval.figures, this.figure),
        previous: interval.changeOnPrevious[this.figure], yearBefore: interval.changeOnYearBefore[this.figure],
      }))
      .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.code.localeCompare(b.code));
    // Equal values share a rank (1, 2, 2, 4).
    let rank = 0;
    const ranked = rows.map((r, i) => ({ ...r, rank: i > 0 && rows[i - 1].value === r.value ? rank : (rank = i + 1) }));
    const digits = this.figure.endsWith('Rate') || this.figure === 'finesYuan' ? 2 : 0;
    append(this.body,
      el('h3', {}, t('trends.ranking')),
      el('label', { className: 'field' }, el('span', {}, t('trends.rankInterval')), select),
      el('table', { id: 'trends-ranking' },
        el('thead', {}, el('tr', {},
          el('th', { className: 'num' }, t('trends.rank')), el('th', {}, t('trends.township')),
          el('th', { className: 'num' }, t(`figure.${this.figure}`)),
          el('th', { className: 'num' }, t('trends.changeOnPrevious')), el('th', { className: 'num' }, t('trends.changeOnYearBefore')))),
        el('tbody', {}, ...ranked.map((r) => el('tr', { dataset: { township: r.code } },
          el('td', { className: 'num' }, String(r.rank)), el('td', {}, r.name),
          el('td', { className: 'num' }, formatNumber(r.value, digits)),
          el('td', { className: 'num' }, percent(r.previous)), el('td', { className: 'num' }, percent(r.yearBefore)))))));
  }
}
