// The time slider: replays the map's as-of state month by month over the headline period (play/pause). Each step only
// sets the as-of day; the page loads the choropleth for it as for any as-of change (the newer request aborting the older).
import { el, clear, append } from '../dom.js';
import { t } from '../i18n.js';

const L = window.L;

/** The last day of every month from the month of `from` to the month of `to`, the last one being `to` itself. */
export function monthEnds(from, to) {
  if (!from || !to || to < from) return [];
  const days = [];
  let [year, month] = from.split('-').map(Number);
  for (;;) {
    const end = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    if (end >= to) { days.push(to); break; }
    days.push(end);
    if (++month > 12) { month = 1; year += 1; }
  }
  return days;
}

export const TimeSliderControl = L.Control.extend({
  options: { position: 'bottomleft', stepMilliseconds: 1200 },

  /** period(): { from, to, asOf } of the page; onDay(day): the page moves its as-of day; isBusy(): the map is loading. */
  initialize({ period, onDay, isBusy }, options) {
    L.setOptions(this, options);
    Object.assign(this, { period, onDay, isBusy, days: [], timer: null });
  },

  onAdd() {
    this.container = el('div', { className: 'leaflet-control time-slider', id: 'time-slider' });
    L.DomEvent.disableClickPropagation(this.container);
    L.DomEvent.disableScrollPropagation(this.container);
    this.render();
    return this.container;
  },

  onRemove() { this.pause(); },

  /** Draws the control for the page's period and as-of day (labels in the page's language). */
  render() {
    const { from, to, asOf } = this.period();
    this.days = monthEnds(from, to);
    clear(this.container);
    this.button = el('button', { type: 'button', className: 'play', id: 'time-slider-play', onClick: () => (this.timer ? this.pause() : this.play()) },
      t(this.timer ? 'slider.pause' : 'slider.play'));
    this.range = el('input', {
      type: 'range', id: 'time-slider-range', min: 0, max: Math.max(0, this.days.length - 1), step: 1,
      'aria-label': t('slider.label'), onInput: (e) => { this.pause(); this.onDay(this.days[Number(e.target.value)]); },
    });
    this.label = el('span', { className: 'day', id: 'time-slider-day' });
    append(this.container, this.button, this.range, this.label);
    this.show(asOf);
  },

  /** Puts the handle on the month of `asOf` (the last month end on or before it, else the first). */
  show(asOf) {
    if (!this.range) return;
    let index = 0;
    this.days.forEach((day, i) => { if (day <= asOf) index = i; });
    this.range.value = String(index);
    this.label.textContent = t('slider.asOf', { date: asOf });
    this.container.dataset.asOf = asOf;
  },

  /** Steps a month at a time from the handle (from the start when it is at the end), waiting for each map to load. */
  play() {
    if (!this.days.length) return;
    if (Number(this.range.value) >= this.days.length - 1) this.onDay(this.days[0]);
    this.timer = setInterval(() => {
      if (this.isBusy()) return;
      const next = Number(this.range.value) + 1;
      if (next >= this.days.length) { this.pause(); return; }
      this.onDay(this.days[next]);
    }, this.options.stepMilliseconds);
    this.button.textContent = t('slider.pause');
    this.container.dataset.playing = 'true';
  },

  pause() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.button) this.button.textContent = t('slider.play');
    if (this.container) this.container.dataset.playing = 'false';
  },
});
