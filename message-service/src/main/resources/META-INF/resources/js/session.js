// Who this tab is, and its place in the user chain: kept in sessionStorage, so every tab keeps
// its own session.

import { parseJsonOrNull } from './json.js';

const SESSION_KEY = 'im.session';
const cursorKey = (userId) => 'im.cursor.' + userId;

let current = null; // {userId, token}

const readJson = (key) => parseJsonOrNull(sessionStorage.getItem(key));

export const currentSession = () => current;

export function isMine(message) {
  return current !== null && message.senderId === current.userId;
}

/** The session this tab had before a reload, if any. */
export function savedSession() {
  const saved = readJson(SESSION_KEY);
  return saved && saved.userId && saved.token ? saved : null;
}

export function beginSession(session) {
  current = session;
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function endSession() {
  current = null;
  sessionStorage.removeItem(SESSION_KEY);
}

/** Keeps a renewed token, unless the tab signed in as someone else meanwhile. */
export function replaceToken(userId, token) {
  if (current && current.userId === userId) beginSession({ ...current, token });
}

export function savedCursor(userId) {
  const cursor = readJson(cursorKey(userId));
  return cursor && typeof cursor.lastSeq === 'number'
    ? { epoch: cursor.epoch ?? null, lastSeq: cursor.lastSeq }
    : { epoch: null, lastSeq: 0 };
}

export function saveCursor(userId, cursor) {
  sessionStorage.setItem(cursorKey(userId), JSON.stringify(cursor));
}
