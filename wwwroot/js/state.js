// The page state in one place: what the map and panels show (district, township, sector, metric, as-of day, headline
// period), the language, the open township panel and enterprise popup. It changes only through set(); whatever shows
// a part of it subscribes to the keys it depends on. The URL hash mirrors the keys a link can carry, so that a link
// reopens the same view; the language is kept in localStorage.

/** Keys a link carries in the URL hash (#sector=gas&asOf=2022-12-31…). */
const HASH_KEYS = ['metric', 'sector', 'asOf', 'township', 'from', 'to', 'selected', 'enterprise', 'district', 'scheme', 'clusters', 'quality'];
const LANGUAGE_KEY = 'riskmap.language';

const values = {
  district: '', // district shown when the database holds several ('' until the page picks the first)
  township: '', // township filter ('' = the whole district)
  sector: '', // sector filter ('' = every sector)
  metric: 'openMajor', // what colours the townships: openMajor | openGeneral | overdue
  scheme: 'sequential', // the colours: sequential | official (红/橙/黄/蓝)
  clusters: '', // enterprise clusters: show | hide | '' (the role's default: hidden for a district leader)
  quality: '', // questionable locations ringed on the map: show | '' (not shown)
  asOf: '', // the map's day, yyyy-MM-dd
  from: '', // the headline period, yyyy-MM-dd, both days included
  to: '',
  language: localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh',
  selected: '', // township whose panel is open
  enterprise: '', // enterprise whose popup is open
  revision: 0, // counts writes and imports: what shows data loads it again when the data changed
};

const params = new URLSearchParams(location.hash.slice(1));
for (const key of HASH_KEYS) if (params.has(key)) values[key] = params.get(key);

/** The current state, read-only (assigning a key throws): change it with set(). */
export const state = Object.freeze(Object.defineProperties({}, Object.fromEntries(
  Object.keys(values).map((key) => [key, { get: () => values[key], enumerable: true }]))));

const listeners = [];

/**
 * Calls listener(changedKeys) after every set() that changes one of keys. Listeners run in the order they subscribed.
 * Returns a function that ends the subscription.
 */
export function subscribe(keys, listener) {
  const entry = { keys, listener };
  listeners.push(entry);
  return () => listeners.splice(listeners.indexOf(entry), 1);
}

/** The URL hash of the state with changes applied (#key=value…; empty values left out). */
export function hashFor(changes = {}) {
  const next = { ...values, ...changes };
  const query = new URLSearchParams();
  for (const key of HASH_KEYS) if (next[key]) query.set(key, next[key]);
  return `#${query}`;
}

/**
 * Changes the state: writes the hash and the stored language when they changed, then tells the listeners of the
 * changed keys. Returns the set of keys that changed (empty when every value was already so). An unknown key throws.
 */
export function set(changes) {
  const changed = new Set();
  for (const [key, value] of Object.entries(changes)) {
    if (!(key in values)) throw new TypeError(`Unknown state key '${key}'.`);
    if (values[key] === value) continue;
    values[key] = value;
    changed.add(key);
  }
  if (!changed.size) return changed;
  if (HASH_KEYS.some((key) => changed.has(key))) history.replaceState(null, '', hashFor());
  if (changed.has('language')) localStorage.setItem(LANGUAGE_KEY, values.language);
  for (const { keys, listener } of [...listeners]) if (keys.some((key) => changed.has(key))) listener(changed);
  return changed;
}

/** Says that the data changed (a write, an import): everything subscribed to 'revision' loads again. */
export function dataChanged(changes = {}) {
  return set({ ...changes, revision: values.revision + 1 });
}
