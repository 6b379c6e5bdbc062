// The sign-in form. Resolves with the signed-in user.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { openDialog } from './dialog.js';

export function signIn() {
  return new Promise((resolve) => {
    const { dialog } = openDialog({
      id: 'login-form',
      title: t('login.title'),
      submitLabel: t('login.submit'),
      fields: [
        { name: 'userName', label: t('login.userName'), autocomplete: 'username' },
        { name: 'password', label: t('login.password'), type: 'password', autocomplete: 'current-password' },
      ],
      validate(v) {
        const e = {};
        if (!v.userName) e.userName = t('validation.required');
        if (!v.password) e.password = t('validation.required');
        return e;
      },
      submit: (v) => api.login(v.userName, v.password),
      onDone: resolve,
    });
    // Without an account the page shows nothing: the sign-in form cannot be dismissed.
    dialog.querySelector('.buttons button[type=button]').remove();
    dialog.addEventListener('cancel', (event) => event.preventDefault());
  });
}
