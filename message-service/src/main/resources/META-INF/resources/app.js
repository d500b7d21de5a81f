// The chat page: REST calls to message-service, live entries from the push-gateway WebSocket,
// following the client rule of docs/protocol.md. No build step, no dependencies.

const PAGE_SIZE = 50;
const SYNC_PAGE_SIZE = 200;
const RECONNECT_BASE_MS = 500;
const RECONNECT_CAP_MS = 30000;
const GAP_RETRY_MS = 1000;
const LIST_REFRESH_MS = 150;
const ERROR_SHOWN_MS = 12000;
const REQUEST_TIMEOUT_MS = 20000;

// ---------------------------------------------------------------------------------------------
// DOM helpers

const el = (testId, root = document) => root.querySelector(`[data-testid="${testId}"]`);

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'testid') node.dataset.testid = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key.startsWith('data-')) node.setAttribute(key, String(value));
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const enc = encodeURIComponent;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function newClientMsgId() {
  if (globalThis.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const random = new Uint32Array(4);
  crypto.getRandomValues(random);
  return 'c-' + Date.now().toString(36) + '-' + Array.from(random, (n) => n.toString(36)).join('');
}

// ---------------------------------------------------------------------------------------------
// State

const state = {
  session: null, // {userId, token}, per tab
  gatewayUrl: null,
  cursor: { epoch: null, lastSeq: 0 }, // the client rule's (epoch, lastSeq)
  conversations: new Map(), // id -> {id, access, history, lastSeq, readSeq, unread, lastMessage}
  order: [], // conversation ids, most recent activity first
  views: new Map(), // id -> conversation view, kept once opened
  openId: null,
  selectedMessageId: null,
  pending: new Map(), // clientMsgId -> {clientMsgId, cid, text, status, error}
  reading: new Map(), // cid -> highest seq a mark-read call is on its way for
};

function newView() {
  return {
    byId: new Map(), // message id -> message: de-duplicates history pages and chain entries
    hidden: new Set(), // seqs deleted for me
    recalled: new Set(), // seqs recalled
    oldest: null, // lowest seq fetched by paging; what is older is fetched on demand
    hasMore: false,
    loading: false,
    members: [],
    ownerId: null,
    notices: [], // {afterSeq, text}: joins and leaves seen while open
  };
}

// ---------------------------------------------------------------------------------------------
// Session storage: who this tab is, and its place in the user chain

const SESSION_KEY = 'im.session';
const cursorKey = (userId) => 'im.cursor.' + userId;

function readJson(key) {
  try {
    return JSON.parse(sessionStorage.getItem(key));
  } catch {
    return null;
  }
}

function saveSession() {
  if (state.session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(state.session));
  else sessionStorage.removeItem(SESSION_KEY);
}

function saveCursor() {
  if (state.session) {
    sessionStorage.setItem(cursorKey(state.session.userId), JSON.stringify(state.cursor));
  }
}

// ---------------------------------------------------------------------------------------------
// REST

class ApiError extends Error {
  constructor(status, message, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

async function api(method, path, body, { auth = true, renew = true } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (auth && state.session) headers.Authorization = 'Bearer ' + state.session.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      signal: AbortSignal.timeout ? AbortSignal.timeout(REQUEST_TIMEOUT_MS) : undefined,
    });
  } catch (e) {
    throw new ApiError(0, 'Cannot reach the server: ' + e.message, null);
  }
  if (response.status === 401 && auth && renew && state.session) {
    await renewToken();
    return api(method, path, body, { auth, renew: false });
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const detail =
      (json && (json.detail || json.title)) || text || response.statusText || 'Request failed';
    throw new ApiError(response.status, detail, json);
  }
  return json;
}

async function issueToken(userId) {
  const answer = await api('POST', '/v1/dev/tokens', { userId }, { auth: false });
  return answer.token;
}

async function renewToken() {
  const userId = state.session.userId;
  const token = await issueToken(userId);
  if (state.session && state.session.userId === userId) {
    state.session.token = token;
    saveSession();
  }
}

// ---------------------------------------------------------------------------------------------
// Errors

let errorTimer = null;

function showError(error, context) {
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  const status = error instanceof ApiError && error.status ? ` (${error.status})` : '';
  el('error-text').textContent = (context ? context + ': ' : '') + message + status;
  el('error').hidden = false;
  clearTimeout(errorTimer);
  errorTimer = setTimeout(() => (el('error').hidden = true), ERROR_SHOWN_MS);
}

function guarded(context, task) {
  return async (...args) => {
    try {
      return await task(...args);
    } catch (e) {
      showError(e, context);
      return undefined;
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering is batched: a pull applies a page of entries, then the page is drawn once.

const dirty = { list: false, header: false, messages: false };
let drawQueued = false;

function invalidate(...parts) {
  for (const part of parts) dirty[part] = true;
  if (!drawQueued) {
    drawQueued = true;
    queueMicrotask(draw);
  }
}

function draw() {
  drawQueued = false;
  if (dirty.list) renderList();
  if (dirty.header) renderHeader();
  if (dirty.messages) renderMessages();
}

// ---------------------------------------------------------------------------------------------
// Conversation list

function summary(cid) {
  let c = state.conversations.get(cid);
  if (!c) {
    c = { id: cid, lastSeq: 0, readSeq: 0, unread: 0, lastMessage: null };
    state.conversations.set(cid, c);
    state.order.unshift(cid);
  }
  return c;
}

function toFront(cid) {
  const index = state.order.indexOf(cid);
  if (index > 0) {
    state.order.splice(index, 1);
    state.order.unshift(cid);
  }
}

let listRefresh = { timer: null, running: false, again: false };

/** Reloads the list soon; calls that come while one runs make one more run after it. */
function scheduleListRefresh(delay = LIST_REFRESH_MS) {
  if (listRefresh.running) {
    listRefresh.again = true;
    return;
  }
  clearTimeout(listRefresh.timer);
  listRefresh.timer = setTimeout(runListRefresh, delay);
}

async function runListRefresh() {
  if (!state.session) return;
  listRefresh.running = true;
  listRefresh.again = false;
  try {
    await refreshList();
  } catch (e) {
    if (e.status !== 0) showError(e, 'Loading your conversations');
  } finally {
    listRefresh.running = false;
    if (listRefresh.again) scheduleListRefresh(0);
  }
}

let listTicket = 0;
let listShown = 0;

/** Reloads the list; an answer older than one already shown is dropped. */
async function refreshList() {
  const userId = state.session.userId;
  const ticket = ++listTicket;
  const answer = await api('GET', '/v1/conversations');
  if (!state.session || state.session.userId !== userId || ticket < listShown) return;
  listShown = ticket;
  const seen = new Set();
  for (const c of answer.conversations) {
    seen.add(c.id);
    const known = state.conversations.get(c.id);
    const reading = state.reading.get(c.id) || 0;
    const next = { ...c, lastMessage: c.lastMessage || null };
    if (known) {
      if (known.lastSeq > c.lastSeq) {
        // Entries applied here are newer than this answer.
        next.lastSeq = known.lastSeq;
        next.lastMessage = known.lastMessage;
        next.unread = known.unread;
      }
      next.readSeq = Math.max(c.readSeq, known.readSeq);
      // A mark-read still on its way keeps the badge cleared.
      if (reading >= next.lastSeq || next.readSeq >= next.lastSeq) next.unread = 0;
    }
    state.conversations.set(c.id, next);
  }
  for (const id of [...state.conversations.keys()]) {
    if (!seen.has(id)) state.conversations.delete(id);
  }
  state.order = answer.conversations.map((c) => c.id);
  renderList();
  // Leaving closes the open conversation through the membership entry, not here: this answer
  // may be older than a join that just happened.
  if (state.openId) maybeMarkRead(state.openId);
}

// ---------------------------------------------------------------------------------------------
// Applying user-chain entries (from the sync pull and from pushes alike)

function applyEntry(entry) {
  const cid = entry.conversationId;
  switch (entry.kind) {
    case 'message':
      onMessage(entry.message);
      break;
    case 'read':
      onRead(cid, entry.readSeq);
      break;
    case 'recall':
      onRecall(cid, entry.messageSeq);
      break;
    case 'delete':
      onDelete(cid, entry.messageSeq);
      break;
    case 'membership':
      onMembership(cid, entry.userId, entry.change);
      break;
    default:
      return; // a kind this page does not know yet
  }
  scheduleListRefresh();
}

function isMine(message) {
  return state.session && message.senderId === state.session.userId;
}

/** A message from a chain entry, a send response or a history page: de-duplicated by id. */
function onMessage(message) {
  const cid = message.conversationId;
  const c = summary(cid);
  if (message.seq > c.lastSeq) {
    c.lastSeq = message.seq;
    c.lastMessage = message;
    if (isMine(message)) {
      // Sending moves the sender's read position: own messages are never unread.
      c.readSeq = Math.max(c.readSeq, message.seq);
      c.unread = 0;
    } else if (message.seq > c.readSeq && message.state === 'normal') {
      c.unread += 1;
    }
    toFront(cid);
  }
  const view = state.views.get(cid);
  if (view) addMessage(view, message);
  if (isMine(message) && message.clientMsgId) state.pending.delete(message.clientMsgId);
  invalidate('list');
  if (state.openId === cid) {
    invalidate('messages');
    maybeMarkRead(cid);
  }
}

function addMessage(view, message) {
  if (view.hidden.has(message.seq)) return;
  let m = message;
  if (view.recalled.has(m.seq) && m.state !== 'recalled') {
    m = { ...m, state: 'recalled', content: null };
  }
  const known = view.byId.get(m.id);
  if (known && known.state === 'recalled') return;
  view.byId.set(m.id, m);
}

function onRead(cid, readSeq) {
  const c = state.conversations.get(cid);
  if (!c) return;
  c.readSeq = Math.max(c.readSeq, readSeq);
  if (c.readSeq >= c.lastSeq) c.unread = 0;
  invalidate('list');
}

function findBySeq(view, seq) {
  for (const m of view.byId.values()) if (m.seq === seq) return m;
  return null;
}

function onRecall(cid, seq) {
  const c = state.conversations.get(cid);
  const view = state.views.get(cid);
  let message = null;
  if (view) {
    view.recalled.add(seq);
    message = findBySeq(view, seq);
    if (message) view.byId.set(message.id, { ...message, state: 'recalled', content: null });
  }
  if (c) {
    message = message || (c.lastMessage && c.lastMessage.seq === seq ? c.lastMessage : null);
    if (message && message.state === 'normal' && !isMine(message) && seq > c.readSeq) {
      c.unread = Math.max(0, c.unread - 1);
    }
    if (c.lastMessage && c.lastMessage.seq === seq) {
      c.lastMessage = { ...c.lastMessage, state: 'recalled', content: null };
    }
  }
  invalidate('list');
  if (state.openId === cid) invalidate('messages');
}

function onDelete(cid, seq) {
  const c = state.conversations.get(cid);
  const view = state.views.get(cid);
  let message = null;
  if (view) {
    view.hidden.add(seq);
    message = findBySeq(view, seq);
    if (message) view.byId.delete(message.id);
    if (state.selectedMessageId && message && message.id === state.selectedMessageId) {
      state.selectedMessageId = null;
    }
  }
  if (c) {
    message = message || (c.lastMessage && c.lastMessage.seq === seq ? c.lastMessage : null);
    if (message && message.state === 'normal' && !isMine(message) && seq > c.readSeq) {
      c.unread = Math.max(0, c.unread - 1);
    }
    if (c.lastMessage && c.lastMessage.seq === seq) {
      c.lastMessage = view ? latestShown(view) : null;
    }
  }
  invalidate('list');
  if (state.openId === cid) invalidate('messages');
}

function latestShown(view) {
  let latest = null;
  for (const m of view.byId.values()) if (!latest || m.seq > latest.seq) latest = m;
  return latest;
}

function onMembership(cid, userId, change) {
  const me = state.session.userId;
  const view = state.views.get(cid);
  if (userId === me) {
    if (change === 'joined') {
      summary(cid);
    } else {
      state.conversations.delete(cid);
      state.order = state.order.filter((id) => id !== cid);
      if (state.openId === cid) {
        closeConversation();
        showError(change === 'removed' ? `You were removed from ${cid}` : `You left ${cid}`);
      }
    }
    invalidate('list');
    return;
  }
  if (!view) return;
  if (change === 'joined' && !view.members.includes(userId)) {
    view.members = [...view.members, userId].sort();
  } else if (change !== 'joined') {
    view.members = view.members.filter((id) => id !== userId);
  }
  const latest = latestShown(view);
  const verb = change === 'joined' ? 'joined' : change === 'removed' ? 'was removed' : 'left';
  view.notices.push({ afterSeq: latest ? latest.seq : 0, text: `${userId} ${verb}` });
  if (state.openId === cid) invalidate('header', 'messages');
}

// ---------------------------------------------------------------------------------------------
// The client rule: WebSocket first, then pull; each pushed entry is dropped, applied, or held
// until a pull fills the gap before it. Every step runs in one queue, one at a time.

const sync = {
  socket: null,
  generation: 0,
  attempt: 0,
  timer: null,
  helloSeen: false,
  held: new Map(), // seq -> pushed frame waiting for what comes before it
  gapTimer: null,
  deadEpochs: new Set(),
  queue: Promise.resolve(),
};

function enqueue(task) {
  const run = sync.queue.then(task);
  sync.queue = run.catch(() => {});
  return run;
}

function setConnection(kind, text) {
  const node = el('connection-state');
  node.dataset.state = kind;
  node.textContent = text || kind;
}

function gatewayUrl() {
  if (state.gatewayUrl) return state.gatewayUrl;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.hostname}:8081/v1/ws`;
}

function connect() {
  clearTimeout(sync.timer);
  const generation = ++sync.generation;
  const session = state.session;
  if (!session) return;
  setConnection('connecting', 'connecting…');
  const base = gatewayUrl();
  const url = base + (base.includes('?') ? '&' : '?') + 'access_token=' + enc(session.token);
  let socket;
  try {
    socket = new WebSocket(url);
  } catch (e) {
    showError(e, 'Opening the live connection to ' + base);
    scheduleReconnect(generation, false);
    return;
  }
  sync.socket = socket;
  sync.helloSeen = false;
  socket.onmessage = (event) => {
    if (generation !== sync.generation) return;
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch {
      return;
    }
    if (frame.type === 'hello') {
      sync.helloSeen = true;
      setConnection('syncing', 'syncing…');
      enqueue(async () => {
        if (generation !== sync.generation) return;
        try {
          await pull();
          sync.attempt = 0;
          if (generation === sync.generation) setConnection('online', 'online');
        } catch (e) {
          showError(e, 'Catching up');
          if (generation === sync.generation) socket.close(4000, 'pull failed');
        }
      });
    } else if (frame.type === 'entry') {
      enqueue(() => onPushed(frame, generation, socket));
    }
  };
  socket.onclose = (event) => {
    if (generation !== sync.generation) return;
    sync.socket = null;
    // 1008: the token expired or was refused; closed before hello: the upgrade was refused.
    scheduleReconnect(generation, event.code === 1008 || !sync.helloSeen);
  };
}

/** Exponential back-off with full jitter: a random wait between 0 and min(cap, base * 2^n). */
function scheduleReconnect(generation, renew) {
  if (generation !== sync.generation || !state.session) return;
  const ceiling = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** sync.attempt);
  const delay = Math.round(Math.random() * ceiling);
  sync.attempt = Math.min(sync.attempt + 1, 20);
  setConnection('reconnecting', `reconnecting in ${Math.max(1, Math.ceil(delay / 1000))} s…`);
  clearTimeout(sync.timer);
  sync.timer = setTimeout(async () => {
    if (generation !== sync.generation || !state.session) return;
    if (renew) {
      try {
        await renewToken();
      } catch {
        // the next attempt tries again
      }
    }
    if (generation === sync.generation) connect();
  }, delay);
}

function disconnect() {
  sync.generation++;
  clearTimeout(sync.timer);
  clearTimeout(sync.gapTimer);
  if (sync.socket) sync.socket.close(1000, 'signed out');
  sync.socket = null;
  sync.held.clear();
  setConnection('offline', 'offline');
}

async function onPushed(frame, generation, socket) {
  if (generation !== sync.generation || !state.session) return;
  const cursor = state.cursor;
  if (cursor.epoch !== null && frame.epoch !== cursor.epoch) {
    if (sync.deadEpochs.has(frame.epoch)) return;
    // The chain was reset: start over from 0.
    const old = cursor.epoch;
    await resync(socket);
    if (cursor.epoch !== old) sync.deadEpochs.add(old);
    if (frame.epoch !== cursor.epoch) {
      sync.deadEpochs.add(frame.epoch);
      return;
    }
  }
  if (frame.seq <= cursor.lastSeq) return; // a duplicate
  if (cursor.epoch !== null && frame.prevSeq === cursor.lastSeq) {
    applyAt(frame.seq, frame.entry);
    drainHeld();
    return;
  }
  // A gap: hold this one, pull what comes before it, then apply what was held.
  sync.held.set(frame.seq, frame);
  try {
    await pull();
  } catch (e) {
    showError(e, 'Catching up');
    socket.close(4000, 'pull failed');
  }
}

function applyAt(seq, entry) {
  applyEntry(entry);
  state.cursor.lastSeq = seq;
  saveCursor();
}

/** Pulls the user chain after lastSeq until hasMore is false, then applies what was held. */
async function pull() {
  const cursor = state.cursor;
  for (;;) {
    if (!state.session) return;
    const userId = state.session.userId;
    const page = await api('GET', `/v1/sync?after=${cursor.lastSeq}&limit=${SYNC_PAGE_SIZE}`);
    if (!state.session || state.session.userId !== userId) return;
    if (cursor.epoch !== null && page.epoch !== cursor.epoch) {
      await resetChain();
      continue;
    }
    cursor.epoch = page.epoch;
    const before = cursor.lastSeq;
    for (const entry of page.entries) {
      if (entry.seq > cursor.lastSeq) applyAt(entry.seq, entry);
    }
    saveCursor();
    if (!page.hasMore || cursor.lastSeq === before) break;
  }
  drainHeld();
}

function drainHeld() {
  clearTimeout(sync.gapTimer);
  const cursor = state.cursor;
  let progressed = true;
  while (progressed && sync.held.size > 0) {
    progressed = false;
    for (const seq of [...sync.held.keys()].sort((a, b) => a - b)) {
      const frame = sync.held.get(seq);
      if (seq <= cursor.lastSeq || frame.epoch !== cursor.epoch) {
        sync.held.delete(seq);
      } else if (frame.prevSeq === cursor.lastSeq) {
        sync.held.delete(seq);
        applyAt(seq, frame.entry);
        progressed = true;
      }
    }
  }
  if (sync.held.size > 0) {
    // The pull did not reach the held entries yet: try again shortly.
    const generation = sync.generation;
    sync.gapTimer = setTimeout(
      () =>
        enqueue(async () => {
          if (generation !== sync.generation) return;
          try {
            await pull();
          } catch (e) {
            showError(e, 'Catching up');
          }
        }),
      GAP_RETRY_MS,
    );
  }
}

/** Forgets the chain position and what was derived from it, and reloads from the server. */
async function resetChain() {
  state.cursor.epoch = null;
  state.cursor.lastSeq = 0;
  sync.held.clear();
  saveCursor();
  state.views.clear();
  await refreshList();
  if (state.openId) {
    await loadLatest(state.openId);
    invalidate('header', 'messages');
  }
}

async function resync(socket) {
  await resetChain();
  try {
    await pull();
  } catch (e) {
    showError(e, 'Catching up');
    socket.close(4000, 'pull failed');
  }
}

// ---------------------------------------------------------------------------------------------
// Opening a conversation: history, paging, read position

async function openConversation(cid) {
  state.openId = cid;
  state.selectedMessageId = null;
  document.body.dataset.view = 'chat';
  if (!state.views.has(cid)) state.views.set(cid, newView());
  renderList();
  renderHeader();
  renderMessages({ toBottom: true });
  const view = state.views.get(cid);
  try {
    await loadLatest(cid);
  } catch (e) {
    showError(e, `Opening ${cid}`);
    return;
  }
  if (state.openId !== cid) return;
  renderMessages({ toBottom: true });
  markRead(cid);
  api('GET', `/v1/conversations/${enc(cid)}`)
    .then((info) => {
      view.members = info.members;
      view.ownerId = info.ownerId;
      if (state.openId === cid) {
        renderHeader();
        renderMessages();
      }
    })
    .catch((e) => showError(e, `Reading the members of ${cid}`));
  if (matchMedia('(min-width: 720px)').matches) el('message-input').focus({ preventScroll: true });
}

async function loadLatest(cid) {
  const view = state.views.get(cid) || newView();
  state.views.set(cid, view);
  view.loading = true;
  try {
    const page = await api('GET', `/v1/conversations/${enc(cid)}/messages?limit=${PAGE_SIZE}`);
    mergePage(view, page, true);
  } finally {
    view.loading = false;
  }
}

async function loadOlder() {
  const cid = state.openId;
  const view = cid && state.views.get(cid);
  if (!view || view.loading || view.oldest === null) return;
  view.loading = true;
  const list = el('message-list');
  const height = list.scrollHeight;
  try {
    const page = await api(
      'GET',
      `/v1/conversations/${enc(cid)}/messages?before=${view.oldest}&limit=${PAGE_SIZE}`,
    );
    mergePage(view, page, false);
  } catch (e) {
    showError(e, 'Loading older messages');
  } finally {
    view.loading = false;
  }
  if (state.openId === cid) {
    renderMessages();
    list.scrollTop += list.scrollHeight - height;
  }
}

function mergePage(view, page, latest) {
  for (const m of page.messages) addMessage(view, m);
  const first = page.messages.length ? page.messages[0].seq : null;
  if (latest) {
    // Shown from the latest page on; older pages are fetched (again) on demand, so nothing
    // between what was kept from an earlier visit and this page can be missing.
    view.oldest = first === null ? page.lastSeq + 1 : first;
    view.hasMore = page.hasMore;
  } else {
    if (first !== null) view.oldest = Math.min(view.oldest, first);
    view.hasMore = page.hasMore;
  }
  const c = state.conversations.get(page.conversationId);
  if (c) {
    c.readSeq = Math.max(c.readSeq, page.readSeq);
    if (page.lastSeq > c.lastSeq) c.lastSeq = page.lastSeq;
  }
}

function maybeMarkRead(cid) {
  if (state.openId === cid && document.visibilityState === 'visible') markRead(cid);
}

function markRead(cid) {
  const c = state.conversations.get(cid);
  if (!c) return;
  const seq = c.lastSeq;
  if (seq <= c.readSeq && c.unread === 0) return;
  if ((state.reading.get(cid) || 0) >= seq) return;
  state.reading.set(cid, seq);
  c.unread = 0;
  invalidate('list');
  api('POST', `/v1/conversations/${enc(cid)}/read`, { seq })
    .then((answer) => onRead(cid, answer.readSeq))
    .catch((e) => {
      showError(e, `Marking ${cid} read`);
      scheduleListRefresh(0);
    })
    .finally(() => {
      if (state.reading.get(cid) === seq) state.reading.delete(cid);
    });
}

function closeConversation() {
  state.openId = null;
  state.selectedMessageId = null;
  document.body.dataset.view = 'list';
  renderList();
  renderHeader();
  renderMessages();
}

// ---------------------------------------------------------------------------------------------
// Sending, recalling, deleting

async function send(cid, text) {
  const pending = { clientMsgId: newClientMsgId(), cid, text, status: 'sending', error: null };
  state.pending.set(pending.clientMsgId, pending);
  renderMessages({ toBottom: true });
  await deliver(pending);
}

/** Sends, retrying what may not have arrived with the same clientMsgId: never a second copy. */
async function deliver(pending) {
  pending.status = 'sending';
  pending.error = null;
  if (state.openId === pending.cid) invalidate('messages');
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await api('POST', `/v1/conversations/${enc(pending.cid)}/messages`, {
        clientMsgId: pending.clientMsgId,
        content: { text: pending.text },
      });
      state.pending.delete(pending.clientMsgId);
      onMessage(answer.message);
      return;
    } catch (e) {
      if ((e.status === 0 || e.status === 503) && attempt < 3) {
        await sleep(400 * 2 ** attempt);
        continue;
      }
      if (!state.pending.has(pending.clientMsgId)) return; // arrived through the chain meanwhile
      pending.status = 'failed';
      pending.error = e.message;
      if (state.openId === pending.cid) renderMessages();
      showError(e, 'Sending');
      return;
    }
  }
}

async function recall(cid, seq) {
  await api('POST', `/v1/conversations/${enc(cid)}/messages/${seq}/recall`);
  onRecall(cid, seq);
  scheduleListRefresh();
}

async function deleteForMe(cid, seq) {
  await api('DELETE', `/v1/conversations/${enc(cid)}/messages/${seq}`);
  onDelete(cid, seq);
  scheduleListRefresh();
}

// ---------------------------------------------------------------------------------------------
// Rendering

function previewText(message) {
  if (!message) return 'No messages yet';
  const who = isMine(message) ? 'You' : message.senderId;
  return `${who}: ${messageText(message)}`;
}

function messageText(message) {
  if (message.state === 'recalled') return 'message recalled';
  const content = message.content;
  if (content && typeof content.text === 'string') return content.text;
  return content ? JSON.stringify(content) : '';
}

function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString([], {
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      });
}

/** Keyed rendering: a node is rebuilt only when what it shows changed, else reused. */
function keyedNodes(cache, entries) {
  const next = new Map();
  const nodes = entries.map(({ key, sig, build }) => {
    const known = cache.get(key);
    const node = known && known.sig === sig ? known.node : build();
    next.set(key, { sig, node });
    return node;
  });
  cache.clear();
  for (const [key, value] of next) cache.set(key, value);
  return nodes;
}

/** Puts exactly these nodes under the parent, in order, moving as few as possible (focus stays). */
function reconcile(parent, nodes) {
  const wanted = new Set(nodes);
  for (const child of [...parent.childNodes]) if (!wanted.has(child)) child.remove();
  let cursor = parent.firstChild;
  for (const node of nodes) {
    if (node === cursor) cursor = cursor.nextSibling;
    else parent.insertBefore(node, cursor);
  }
}

const listNodes = new Map();
const messageNodes = new Map();

function renderList() {
  dirty.list = false;
  const conversations = state.order.map((id) => state.conversations.get(id)).filter(Boolean);
  const nodes = keyedNodes(
    listNodes,
    conversations.map((c) => ({
      key: c.id,
      sig: JSON.stringify([c.unread, previewText(c.lastMessage), c.id === state.openId]),
      build: () => conversationNode(c),
    })),
  );
  reconcile(el('conversation-list'), nodes);
  el('conversation-list-empty').hidden = nodes.length > 0;
  const unread = conversations.reduce((sum, c) => sum + c.unread, 0);
  document.title = (unread > 0 ? `(${unread}) ` : '') + 'IM chat';
}

function conversationNode(c) {
  const recalled = c.lastMessage && c.lastMessage.state === 'recalled';
  return h(
    'li',
    {
      testid: 'conversation-item',
      'data-conversation-id': c.id,
      'data-unread': c.unread,
      class: c.id === state.openId ? 'active' : '',
    },
    h(
      'button',
      { type: 'button', class: 'conversation', onclick: () => openConversation(c.id) },
      h('span', { class: 'conversation-name', testid: 'conversation-name' }, c.id),
      c.unread > 0
        ? h(
            'span',
            { class: 'badge', testid: 'unread-badge', 'aria-label': `${c.unread} unread` },
            c.unread > 99 ? '99+' : c.unread,
          )
        : null,
      h(
        'span',
        { class: 'preview' + (recalled ? ' muted' : ''), testid: 'conversation-preview' },
        previewText(c.lastMessage),
      ),
    ),
  );
}

function renderHeader() {
  dirty.header = false;
  const open = state.openId !== null;
  el('chat-empty').hidden = open;
  document.querySelector('.chat-open').hidden = !open;
  if (!open) return;
  const view = state.views.get(state.openId);
  el('chat-title').textContent = state.openId;
  const members = view ? view.members : [];
  el('chat-members').textContent = members.length
    ? `${members.length} member${members.length === 1 ? '' : 's'}: ${members.join(', ')}`
    : '';
}

function renderMessages({ toBottom = false } = {}) {
  dirty.messages = false;
  const container = el('message-list');
  const items = el('message-items');
  const cid = state.openId;
  const view = cid && state.views.get(cid);
  if (!view) {
    reconcile(items, keyedNodes(messageNodes, []));
    el('load-older').hidden = true;
    return;
  }
  const nearBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 60;
  const me = state.session.userId;
  const messages = [...view.byId.values()]
    .filter((m) => view.oldest === null || m.seq >= view.oldest)
    .sort((a, b) => a.seq - b.seq);
  const notices = view.notices.map((notice, index) => ({ ...notice, index }));
  const entries = [];
  const addNotices = (upTo) => {
    while (notices.length && notices[0].afterSeq <= upTo) {
      const notice = notices.shift();
      entries.push({
        key: `n:${notice.index}`,
        sig: notice.text,
        build: () => h('li', { class: 'notice', testid: 'notice' }, notice.text),
      });
    }
  };
  for (const m of messages) {
    addNotices(m.seq - 1);
    const mine = m.senderId === me;
    const canRecall = m.state !== 'recalled' && (mine || view.ownerId === me);
    const selected = state.selectedMessageId === m.id;
    entries.push({
      key: `m:${m.id}`,
      sig: JSON.stringify([m.state, messageText(m), mine, canRecall, selected, formatTime(m.sentAt)]),
      build: () => messageNode(m, { mine, canRecall, selected }),
    });
  }
  addNotices(Infinity);
  for (const p of state.pending.values()) {
    if (p.cid !== cid) continue;
    entries.push({
      key: `p:${p.clientMsgId}`,
      sig: JSON.stringify([p.status, p.error]),
      build: () => pendingNode(p),
    });
  }
  if (!entries.length && !view.loading) {
    entries.push({
      key: 'empty',
      sig: '',
      build: () => h('li', { class: 'notice', testid: 'no-messages' }, 'No messages yet. Say hi!'),
    });
  }
  reconcile(items, keyedNodes(messageNodes, entries));
  el('load-older').hidden = !(view.hasMore && view.oldest !== null && view.oldest > 1);
  if (toBottom || nearBottom) container.scrollTop = container.scrollHeight;
}

function messageNode(m, { mine, canRecall, selected }) {
  const recalled = m.state === 'recalled';
  const cid = m.conversationId;
  return h(
    'li',
    {
      testid: 'message',
      class: ['message', mine ? 'mine' : 'theirs', recalled ? 'recalled' : '', selected ? 'selected' : '']
        .filter(Boolean)
        .join(' '),
      'data-seq': m.seq,
      'data-message-id': m.id,
      'data-sender': m.senderId,
      'data-state': m.state,
    },
    h(
      'div',
      {
        class: 'bubble',
        tabindex: '0',
        testid: 'message-bubble',
        onclick: (event) => {
          if (event.target.closest('button')) return;
          state.selectedMessageId = selected ? null : m.id;
          renderMessages();
        },
      },
      mine ? null : h('span', { class: 'sender', testid: 'message-sender' }, m.senderId),
      h('p', { class: 'text', testid: 'message-text' }, messageText(m)),
      h(
        'span',
        { class: 'meta' },
        h('time', { datetime: m.sentAt, testid: 'message-time' }, formatTime(m.sentAt)),
      ),
      h(
        'span',
        { class: 'actions' },
        canRecall
          ? h(
              'button',
              {
                type: 'button',
                testid: 'recall-button',
                onclick: guarded('Recalling', () => recall(cid, m.seq)),
              },
              'Recall',
            )
          : null,
        h(
          'button',
          {
            type: 'button',
            testid: 'delete-button',
            onclick: guarded('Deleting', () => deleteForMe(cid, m.seq)),
          },
          'Delete for me',
        ),
      ),
    ),
  );
}

function pendingNode(p) {
  return h(
    'li',
    {
      testid: 'pending-message',
      class: 'message mine pending ' + p.status,
      'data-state': p.status,
      'data-client-msg-id': p.clientMsgId,
    },
    h(
      'div',
      { class: 'bubble' },
      h('p', { class: 'text', testid: 'message-text' }, p.text),
      h(
        'span',
        { class: 'meta' },
        p.status === 'failed' ? `not sent: ${p.error}` : 'sending…',
        p.status === 'failed'
          ? h(
              'button',
              { type: 'button', class: 'link', testid: 'retry-button', onclick: () => deliver(p) },
              'Retry',
            )
          : null,
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Signing in and out

async function signIn(userId) {
  const token = await issueToken(userId);
  startSession({ userId, token });
}

function startSession(session) {
  state.session = session;
  saveSession();
  const cursor = readJson(cursorKey(session.userId));
  state.cursor =
    cursor && typeof cursor.lastSeq === 'number'
      ? { epoch: cursor.epoch ?? null, lastSeq: cursor.lastSeq }
      : { epoch: null, lastSeq: 0 };
  el('sign-in').hidden = true;
  el('app').hidden = false;
  el('current-user').hidden = false;
  el('current-user').textContent = session.userId;
  el('sign-out-button').hidden = false;
  renderList();
  renderHeader();
  // The list first, for something to look at; then the live connection, then the pull.
  refreshList()
    .catch((e) => showError(e, 'Loading your conversations'))
    .finally(() => connect());
}

function signOut() {
  disconnect();
  state.session = null;
  saveSession();
  state.conversations.clear();
  state.order = [];
  state.views.clear();
  state.pending.clear();
  state.reading.clear();
  state.openId = null;
  document.body.dataset.view = 'list';
  el('sign-in').hidden = false;
  el('app').hidden = true;
  el('current-user').hidden = true;
  el('sign-out-button').hidden = true;
  document.title = 'IM chat';
}

// ---------------------------------------------------------------------------------------------
// Wiring

async function main() {
  try {
    const config = await api('GET', '/v1/web/config', undefined, { auth: false });
    state.gatewayUrl = config && config.gatewayUrl ? config.gatewayUrl : null;
  } catch (e) {
    showError(e, 'Reading the page settings');
  }

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
  el('error-dismiss').addEventListener('click', () => (el('error').hidden = true));

  el('join-form').addEventListener(
    'submit',
    guarded('Joining', async (event) => {
      event.preventDefault();
      const input = el('conversation-id-input');
      const cid = input.value.trim();
      if (!cid) return;
      await api('PUT', `/v1/conversations/${enc(cid)}/members/${enc(state.session.userId)}`);
      input.value = '';
      summary(cid);
      toFront(cid);
      await openConversation(cid);
      scheduleListRefresh(0);
    }),
  );

  const input = el('message-input');
  const fitInput = () => {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight + 2, 128) + 'px';
  };
  input.addEventListener('input', fitInput);
  el('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || !state.openId) return;
    input.value = '';
    fitInput();
    send(state.openId, text);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      el('composer').requestSubmit();
    }
  });
  el('load-older').addEventListener('click', loadOlder);
  el('back-button').addEventListener('click', closeConversation);

  document.addEventListener('visibilitychange', () => {
    if (state.openId) maybeMarkRead(state.openId);
  });
  window.addEventListener('online', () => {
    if (state.session && !sync.socket) {
      sync.attempt = 0;
      connect();
    }
  });

  const saved = readJson(SESSION_KEY);
  if (saved && saved.userId && saved.token) startSession(saved);
  else el('user-id-input').focus();
}

main();
