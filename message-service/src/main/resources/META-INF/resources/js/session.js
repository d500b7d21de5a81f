// Who this tab is, and its place in the user chain. The sign-in is shared by the tabs of one
// browser: a new tab opens as the account signed in last (localStorage). Each tab also keeps its
// own account (sessionStorage), so a tab switched to another user stays that user on reload.
// Signing out ends the account in every tab of this browser.

import { parseJsonOrNull } from './json.js';

const SESSION_KEY = 'im.session';
const SIGNED_OUT_KEY = 'im.signed-out';
const cursorKey = (userId) => 'im.cursor.' + userId;

let current = null; // {userId, token}

const readJson = (storage, key) => parseJsonOrNull(storage.getItem(key));
const validSession = (saved) => (saved && saved.userId && saved.token ? saved : null);
const browserSession = () => validSession(readJson(localStorage, SESSION_KEY));

export const currentSession = () => current;

export function isMine(message) {
  return current !== null && message.senderId === current.userId;
}

/** This tab's session before a reload, else the browser's last sign-in, if any. */
export function savedSession() {
  return validSession(readJson(sessionStorage, SESSION_KEY)) ?? browserSession();
}

/** Makes the session this tab's, and the one new tabs of this browser open with. */
export function beginSession(session) {
  current = session;
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

/** Leaves the session in this tab only: the browser and its other tabs stay signed in. */
export function leaveSession() {
  current = null;
  sessionStorage.removeItem(SESSION_KEY);
}

/** Ends the session in this tab, and tells the other tabs signed in as the same user. */
export function endSession() {
  const userId = current?.userId;
  leaveSession();
  if (browserSession()?.userId === userId) localStorage.removeItem(SESSION_KEY);
  localStorage.setItem(SIGNED_OUT_KEY, JSON.stringify({ userId, at: Date.now() }));
}

/** Calls leave() when another tab of this browser signs this tab's user out. */
export function onSignedOutElsewhere(leave) {
  window.addEventListener('storage', (event) => {
    if (event.key !== SIGNED_OUT_KEY || event.storageArea !== localStorage) return;
    const signedOut = parseJsonOrNull(event.newValue);
    if (current && signedOut && signedOut.userId === current.userId) leave();
  });
}

/** Keeps a renewed token, unless the tab signed in as someone else meanwhile. */
export function replaceToken(userId, token) {
  if (!current || current.userId !== userId) return;
  current = { ...current, token };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(current));
  if (browserSession()?.userId === userId) localStorage.setItem(SESSION_KEY, JSON.stringify(current));
}

export function savedCursor(userId) {
  const cursor = readJson(sessionStorage, cursorKey(userId));
  return cursor && typeof cursor.lastSeq === 'number'
    ? { epoch: cursor.epoch ?? null, lastSeq: cursor.lastSeq }
    : { epoch: null, lastSeq: 0 };
}

export function saveCursor(userId, cursor) {
  sessionStorage.setItem(cursorKey(userId), JSON.stringify(cursor));
}
