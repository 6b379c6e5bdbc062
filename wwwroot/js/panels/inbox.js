// The notification inbox: the header's button with the unread count, and a dialog listing the notifications newest
// first. Opening one marks it read and shows its hazard; the map is moved to the enterprise by the caller's onOpen.
import { el, clear, append } from '../dom.js';
import { api } from '../api.js';
import { t } from '../i18n.js';

/** Kinds that say a deadline is near or past: a township chief's map opens on these. */
export const DEADLINE_KINDS = ['DueSoon', 'Overdue'];

export class Inbox {
  /** button: the header button; badge: its count; onOpen(item): show the notification's hazard; onError(error). */
  constructor({ button, badge, onOpen, onError }) {
    this.button = button;
    this.badge = badge;
    this.onOpen = onOpen;
    this.onError = onError;
    this.page = null;
    button.hidden = false;
    button.addEventListener('click', () => this.show().catch(onError));
  }

  /** Reads the first page of the inbox and updates the badge; returns the page. */
  async refresh() {
    this.page = await api.notifications({ pageSize: 50 });
    this.renderBadge();
    return this.page;
  }

  /** The unread notifications of the last page read whose kind is in kinds. */
  unread(kinds) {
    return (this.page?.items ?? []).filter((n) => !n.readAt && kinds.includes(n.kind));
  }

  renderBadge() {
    const n = this.page?.unread ?? 0;
    this.badge.textContent = n > 99 ? '99+' : String(n);
    this.badge.hidden = n === 0;
    this.button.title = t('inbox.unread', { n });
  }

  /** Opens the inbox dialog (the page read afresh). */
  async show() {
    await this.refresh();
    const dialog = el('dialog', { className: 'form-dialog inbox', id: 'inbox-dialog' });
    const list = el('ul', { className: 'inbox-list' });
    const close = () => { dialog.close(); dialog.remove(); };
    const markAll = el('button', { type: 'button', id: 'inbox-read-all', onclick: () => this.markAll(list).catch(this.onError) }, t('inbox.markAll'));
    append(dialog,
      el('h3', {}, t('inbox.title'), ' ', el('span', { className: 'meta', id: 'inbox-count' }, t('inbox.unread', { n: this.page.unread }))),
      list,
      el('div', { className: 'buttons' }, markAll, el('button', { type: 'button', onclick: close }, t('form.close'))));
    this.renderList(list, close);
    document.body.append(dialog);
    dialog.showModal();
  }

  renderList(list, close) {
    clear(list);
    if (this.page.items.length === 0) list.append(el('li', { className: 'meta' }, t('inbox.empty')));
    for (const n of this.page.items) {
      list.append(el('li', { className: n.readAt ? 'read' : 'unread', dataset: { kind: n.kind, hazard: n.hazardId } },
        el('button', {
          type: 'button', className: 'inbox-item',
          onclick: async () => {
            close();
            try {
              if (!n.readAt) await api.markNotificationRead(n.id);
              await this.refresh();
              this.onOpen(n);
            } catch (error) { this.onError(error); }
          },
        },
        el('b', {}, t(`inbox.kind.${n.kind}`)), ' · ', n.enterprise, n.township ? ` · ${n.township}` : '',
        el('div', { className: 'meta' }, `${n.hazardReference} · ${t(`inbox.level.${n.level}`)} · ${t('inbox.deadline', { date: n.deadline })} · ${n.day}`))));
    }
  }

  async markAll(list) {
    await api.markAllNotificationsRead();
    await this.refresh();
    const dialog = list.closest('dialog');
    dialog.querySelector('#inbox-count').textContent = t('inbox.unread', { n: this.page.unread });
    this.renderList(list, () => { dialog.close(); dialog.remove(); });
  }
}
