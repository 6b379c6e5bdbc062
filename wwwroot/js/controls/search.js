// The map's search box: enterprises (name, address, credit code) and townships (name) through GET /api/v1/search, as
// the caller types. An enterprise opens its page (enterprise.html); a township opens its panel on the map.
import { api, errorText, isAbort, LatestRequest } from '../api.js';
import { el, clear, append } from '../dom.js';
import { t } from '../i18n.js';
import { set } from '../state.js';

/** Wires the search input (#search) and its result list (#search-results). */
export function initSearch() {
  const input = document.getElementById('search');
  const list = document.getElementById('search-results');
  const requests = new LatestRequest();
  let timer = 0;

  const choose = (hit) => {
    list.hidden = true;
    if (hit.kind === 'Enterprise') location.href = `enterprise.html?id=${encodeURIComponent(hit.id)}`;
    else set({ selected: hit.code });
  };

  const show = (answer) => {
    clear(list);
    if (!answer.items.length) append(list, el('li', { className: 'meta' }, t('search.none')));
    for (const hit of answer.items) {
      append(list, el('li', {
        className: 'clickable', tabindex: 0, dataset: { kind: hit.kind, id: hit.id ?? hit.code },
        onclick: () => choose(hit), onkeydown: (e) => { if (e.key === 'Enter') choose(hit); },
      },
      el('b', {}, hit.name), ' ',
      el('span', { className: 'meta' }, hit.kind === 'Township' ? t('search.township') : [hit.townshipName, hit.address].filter(Boolean).join(' · '))));
    }
    list.hidden = false;
  };

  const run = async () => {
    const q = input.value.trim();
    if (!q) { requests.start(); list.hidden = true; return; }
    try {
      show(await api.search(q, { signal: requests.start() }));
    } catch (error) {
      if (isAbort(error)) return;
      clear(list);
      append(list, el('li', { className: 'error' }, errorText(error)));
      list.hidden = false;
    }
  };

  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 250); });
  input.addEventListener('keydown', (e) => { if (e.key === 'Escape') list.hidden = true; });
  input.placeholder = t('search.placeholder');
}
