// Signing in and out: the sign-in form, and who is signed in in the top bar.

import { el } from './dom.js';
import { showUnreadInTitle } from './conversation-list.js';
import { showPane } from './conversation-pane.js';
import { guarded } from './status.js';

/**
 * signIn(userId) starts the session; signOut() ends it in every tab; switchAccount() leaves it in
 * this tab only.
 */
export function wireSignIn({ signIn, signOut, switchAccount }) {
  el('sign-in-form').addEventListener(
    'submit',
    guarded('Signing in', async (event) => {
      event.preventDefault();
      const input = el('user-id-input');
      await signIn(input.value.trim());
      input.value = '';
    }),
  );
  el('sign-out-button').addEventListener('click', signOut);
  el('switch-account-button').addEventListener('click', switchAccount);
}

export function focusSignIn() {
  el('user-id-input').focus();
}

export function showSignedIn(userId) {
  el('sign-in').hidden = true;
  el('app').hidden = false;
  el('current-user').hidden = false;
  el('current-user').textContent = userId;
  el('sign-out-button').hidden = false;
  el('switch-account-button').hidden = false;
}

export function showSignedOut() {
  showPane('list');
  el('sign-in').hidden = false;
  el('app').hidden = true;
  el('current-user').hidden = true;
  el('sign-out-button').hidden = true;
  el('switch-account-button').hidden = true;
  showUnreadInTitle(0);
}
