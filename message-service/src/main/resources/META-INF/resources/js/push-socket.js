// The live connection to the push-gateway: connects with the session's token, passes on the
// hello and entry frames, and reconnects with back-off whenever the connection drops.

import { renewToken, route } from './api.js';
import { parseJsonOrNull } from './json.js';
import { currentSession } from './session.js';

const RECONNECT_BASE_MS = 500;
const RECONNECT_CAP_MS = 30000;
// The gateway closes with this code when another gateway serves the user (docs/protocol.md).
const MOVED = 4001;

/** The gateway that serves the user, as GET /v1/route says; without an answer, the fallback. */
async function gatewayFor(fallback) {
  try {
    return (await route()).url;
  } catch {
    return fallback;
  }
}

/**
 * Where the push-gateway listens when GET /v1/route has no answer: as the page settings say, else
 * this host's port 8081.
 */
export function gatewayUrl(configured) {
  if (configured) return configured;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.hostname}:8081/v1/ws`;
}

export class PushSocket {
  #url;
  #onHello;
  #onEntry;
  #onSignal;
  #onStatus;
  #onError;
  #socket = null;
  #generation = 0; // one per connection: what an older one reports is ignored
  #attempt = 0;
  #timer = null;
  #helloSeen = false;

  /**
   * @param {object} options
   * @param {string} options.url the gateway's WebSocket URL when GET /v1/route has no answer
   * @param {(link) => Promise<boolean>} options.onHello catches up; true once it did
   * @param {(frame: object, link) => void} options.onEntry a pushed user-chain entry
   * @param {(frame: object) => void} options.onSignal an ephemeral frame (typing, receipt)
   * @param {(kind: string, text: string) => void} options.onStatus offline, connecting, syncing,
   *     online or reconnecting, with the text to show
   * @param {(error: Error, context: string) => void} options.onError
   *
   * A link, {isCurrent(), reconnect()}, stands for one connection: current until the next one
   * starts; reconnect() closes it, so that the next one pulls again.
   */
  constructor({ url, onHello, onEntry, onSignal, onStatus, onError }) {
    this.#url = url;
    this.#onHello = onHello;
    this.#onEntry = onEntry;
    this.#onSignal = onSignal;
    this.#onStatus = onStatus;
    this.#onError = onError;
  }

  async connect() {
    clearTimeout(this.#timer);
    const generation = ++this.#generation;
    if (!currentSession()) return;
    this.#onStatus('connecting', 'connecting…');
    const base = await gatewayFor(this.#url);
    const session = currentSession();
    if (generation !== this.#generation || !session) return;
    const url =
      base + (base.includes('?') ? '&' : '?') + 'access_token=' + encodeURIComponent(session.token);
    let socket;
    try {
      socket = new WebSocket(url);
    } catch (e) {
      this.#onError(e, 'Opening the live connection to ' + base);
      this.#scheduleReconnect(generation, false);
      return;
    }
    this.#socket = socket;
    this.#helloSeen = false;
    const link = {
      isCurrent: () => generation === this.#generation,
      reconnect: () => socket.close(4000, 'pull failed'),
    };
    socket.onmessage = (event) => {
      if (!link.isCurrent()) return;
      const frame = parseJsonOrNull(event.data);
      if (frame === null) return;
      if (frame.type === 'hello') this.#greeted(link);
      else if (frame.type === 'entry') this.#onEntry(frame, link);
      else if (['typing', 'receipt', 'presence'].includes(frame.type)) this.#onSignal(frame);
    };
    socket.onclose = (event) => {
      if (!link.isCurrent()) return;
      this.#socket = null;
      // 1008: the token expired or was refused; closed before hello: the upgrade was refused.
      // 4001: another gateway serves the user; the next attempt asks the route again.
      const renew = event.code === 1008 || (!this.#helloSeen && event.code !== MOVED);
      this.#scheduleReconnect(generation, renew);
    };
  }

  /** After the browser went back online: connects now, if there is no connection. */
  reconnectIfClosed() {
    if (!currentSession() || this.#socket) return;
    this.#attempt = 0;
    this.connect();
  }

  disconnect() {
    this.#generation++;
    clearTimeout(this.#timer);
    if (this.#socket) this.#socket.close(1000, 'signed out');
    this.#socket = null;
    this.#onStatus('offline', 'offline');
  }

  #greeted(link) {
    this.#helloSeen = true;
    this.#onStatus('syncing', 'syncing…');
    this.#onHello(link).then((caughtUp) => {
      if (!caughtUp) return;
      this.#attempt = 0;
      if (link.isCurrent()) this.#onStatus('online', 'online');
    });
  }

  /** Exponential back-off with full jitter: a random wait between 0 and min(cap, base * 2^n). */
  #scheduleReconnect(generation, renew) {
    if (generation !== this.#generation || !currentSession()) return;
    const ceiling = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** this.#attempt);
    const delay = Math.round(Math.random() * ceiling);
    this.#attempt = Math.min(this.#attempt + 1, 20);
    this.#onStatus('reconnecting', `reconnecting in ${Math.max(1, Math.ceil(delay / 1000))} s…`);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(async () => {
      if (generation !== this.#generation || !currentSession()) return;
      if (renew) {
        try {
          await renewToken();
        } catch {
          // the next attempt tries again
        }
      }
      if (generation === this.#generation) this.connect();
    }, delay);
  }
}
