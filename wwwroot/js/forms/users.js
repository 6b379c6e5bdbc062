// Admin: the list of users, a form to create one, and password resets.
import { api } from '../api.js';
import { el } from '../dom.js';
import { t } from '../i18n.js';
import { openDialog } from './dialog.js';
import { user } from '../session.js';

const ROLES = ['Admin', 'DistrictLeader', 'DepartmentOfficer', 'TownshipChief', 'Inspector'];

export async function manageUsers() {
  const users = await api.users();
  const rows = users.map((u) => el('tr', { dataset: { user: u.userName } },
    el('td', {}, u.userName), el('td', {}, u.displayName ?? ''), el('td', {}, u.roles.map((r) => t(`role.${r}`)).join('、')),
    el('td', {}, [...u.townships, u.department].filter(Boolean).join(' ')),
    el('td', {}, u.lockedOutUntil ? t('users.locked') : ''),
    el('td', {}, el('button', { type: 'button', className: 'small', onclick: () => { close(); resetPassword(u.userName); } }, t('users.reset')))));
  const table = el('table', { className: 'users', id: 'users-table' },
    el('thead', {}, el('tr', {}, ['users.userName', 'users.displayName', 'users.role', 'users.area', 'users.status', ''].map((k) => el('th', {}, k ? t(k) : '')))),
    el('tbody', {}, rows));
  const { dialog, close } = openDialog({
    id: 'users-dialog', title: t('users.title'), intro: table, fields: [], submitLabel: t('users.create'),
    submit: async () => null, onDone: () => createUser(),
  });
  dialog.classList.add('wide');
}

function createUser() {
  openDialog({
    id: 'user-form',
    title: t('users.create'),
    submitLabel: t('form.save'),
    fields: [
      { name: 'userName', label: t('users.userName'), maxLength: 64 },
      { name: 'displayName', label: t('users.displayName'), maxLength: 100 },
      { name: 'password', label: t('login.password'), type: 'password', autocomplete: 'new-password' },
      { name: 'role', label: t('users.role'), type: 'select', options: ROLES.map((r) => [r, t(`role.${r}`)]) },
      { name: 'townships', label: t('users.townships'), maxLength: 500 },
      { name: 'department', label: t('users.department'), maxLength: 32 },
    ],
    validate(v) {
      const e = {};
      if (!v.userName) e.userName = t('validation.required');
      if (v.password.length < 10) e.password = t('validation.password');
      return e;
    },
    submit: (v) => api.createUser({
      userName: v.userName, displayName: v.displayName || null, password: v.password, role: v.role,
      townships: v.townships ? v.townships.split(/[\s,，]+/).filter(Boolean) : [], department: v.department || null,
    }),
    onDone: () => manageUsers(),
  });
}

function resetPassword(userName) {
  // The server asks an admin setting their own password for the current one too.
  const own = user()?.userName === userName;
  openDialog({
    id: 'reset-form',
    title: t('users.resetTitle', { name: userName }),
    submitLabel: t('form.save'),
    fields: [
      ...(own ? [{ name: 'currentPassword', label: t('users.currentPassword'), type: 'password', autocomplete: 'current-password' }] : []),
      { name: 'newPassword', label: t('users.newPassword'), type: 'password', autocomplete: 'new-password' },
    ],
    validate(v) {
      const e = {};
      if (own && !v.currentPassword) e.currentPassword = t('validation.required');
      if (v.newPassword.length < 10) e.newPassword = t('validation.password');
      return e;
    },
    submit: (v) => api.resetPassword(userName, v.newPassword, own ? v.currentPassword : undefined),
    onDone: () => manageUsers(),
  });
}
