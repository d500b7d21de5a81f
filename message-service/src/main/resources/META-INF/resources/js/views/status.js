// The top bar's connection state and the error banner.

import { ApiError } from '../api.js';
import { el } from './dom.js';

const ERROR_SHOWN_MS = 12000;

let errorTimer = null;

/** kind: offline, connecting, syncing, online or reconnecting (the tests read data-state). */
export function showConnectionState(kind, text) {
  const node = el('connection-state');
  node.dataset.state = kind;
  node.textContent = text;
}

export function showError(error, context) {
  const message = error instanceof Error ? error.message : String(error);
  const status = error instanceof ApiError && error.status ? ` (${error.status})` : '';
  el('error-text').textContent = (context ? context + ': ' : '') + message + status;
  el('error').hidden = false;
  clearTimeout(errorTimer);
  errorTimer = setTimeout(hideError, ERROR_SHOWN_MS);
}

function hideError() {
  el('error').hidden = true;
}

/** The task, showing what it throws in the banner instead. */
export function guarded(context, task) {
  return async (...args) => {
    try {
      return await task(...args);
    } catch (e) {
      showError(e, context);
      return undefined;
    }
  };
}

export function wireErrorBanner() {
  el('error-dismiss').addEventListener('click', hideError);
}
