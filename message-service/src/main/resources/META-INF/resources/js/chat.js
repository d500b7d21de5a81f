// The signed-in user's conversations: what user-chain entries and REST answers change, the
// user's actions (open, page back, read, send, recall, delete, join), and when to redraw.

import * as api from './api.js';
import { currentSession, isMine } from './session.js';
import { newView, state } from './state.js';
import { renderConversationList } from './views/conversation-list.js';
import {
  focusComposerOnWideScreens,
  holdScrollPosition,
  renderChatHeader,
  renderMessageList,
  scrolledToBottom,
  showPane,
} from './views/conversation-pane.js';
import { directChatId } from './views/format.js';
import { showError } from './views/status.js';

const LIST_REFRESH_MS = 150;

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

export function renderList() {
  dirty.list = false;
  renderConversationList({ open: openConversation });
}

export function renderHeader() {
  dirty.header = false;
  renderChatHeader();
}

const messageActions = {
  select(messageId) {
    state.selectedMessageId = messageId;
    state.armed = null;
    renderMessages();
  },
  arm(messageId, action) {
    state.armed = { messageId, action };
    renderMessages();
  },
  recall,
  deleteForMe,
  edit: startEdit,
  toggleReaction,
  pick(messageId) {
    state.pickerFor = messageId;
    renderMessages();
  },
  retry: deliver,
};

function renderMessages(options) {
  dirty.messages = false;
  renderMessageList(messageActions, options);
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

const listRefresh = { timer: null, running: false, again: false };

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
  if (!currentSession()) return;
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
export async function refreshList() {
  const userId = currentSession().userId;
  const ticket = ++listTicket;
  const answer = await api.conversations();
  if (currentSession()?.userId !== userId || ticket < listShown) return;
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
  loadListPresence();
  // Leaving closes the open conversation through the membership entry, not here: this answer
  // may be older than a join that just happened.
  markOpenReadIfVisible();
}

// ---------------------------------------------------------------------------------------------
// Applying user-chain entries (from the sync pull and from pushes alike)

export function applyEntry(entry) {
  const cid = entry.conversationId;
  switch (entry.kind) {
    case 'message':
      onMessage(entry.message, entry.mentioned === true);
      break;
    case 'read':
      onRead(cid, entry.readSeq);
      break;
    case 'recall':
      onRecall(cid, entry.messageSeq, entry.userId);
      break;
    case 'edit':
      onEdit(cid, entry.messageSeq, entry.content, entry.editedAt);
      break;
    case 'reaction':
      onReaction(cid, entry.messageSeq, entry.userId, entry.reaction, entry.change === 'added');
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

/**
 * A message from a chain entry, a send response or a history page: de-duplicated by id.
 * mentioned: the entry says it mentions the signed-in user.
 */
function onMessage(message, mentioned = false) {
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
      if (mentioned) c.unreadMentions = (c.unreadMentions || 0) + 1;
    }
    toFront(cid);
  }
  const view = state.views.get(cid);
  if (view) {
    addMessage(view, message);
    view.typing.delete(message.senderId); // a message ends the "… is typing"
  }
  if (isMine(message) && message.clientMsgId) state.pending.delete(message.clientMsgId);
  invalidate('list');
  if (state.openId === cid) {
    invalidate('messages');
    markOpenReadIfVisible();
  }
}

function addMessage(view, message) {
  if (view.hidden.has(message.seq)) return;
  let m = message;
  if (view.recalled.has(m.seq) && m.state !== 'recalled') {
    m = { ...m, state: 'recalled', content: null, recalledBy: view.recalled.get(m.seq) };
  }
  const known = view.byId.get(m.id);
  if (known && known.state === 'recalled') return;
  view.byId.set(m.id, m);
}

function onRead(cid, readSeq) {
  const c = state.conversations.get(cid);
  if (!c) return;
  c.readSeq = Math.max(c.readSeq, readSeq);
  if (c.readSeq >= c.lastSeq) {
    c.unread = 0;
    c.unreadMentions = 0;
  }
  invalidate('list');
}

function findBySeq(view, seq) {
  for (const m of view.byId.values()) if (m.seq === seq) return m;
  return null;
}

function onRecall(cid, seq, recalledBy) {
  const c = state.conversations.get(cid);
  const view = state.views.get(cid);
  let message = null;
  if (view) {
    view.recalled.set(seq, recalledBy);
    message = findBySeq(view, seq);
    if (message) view.byId.set(message.id, { ...message, state: 'recalled', content: null, recalledBy });
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

function onEdit(cid, seq, content, editedAt) {
  const edited = (m) => ({ ...m, content, editedAt });
  const view = state.views.get(cid);
  const message = view && findBySeq(view, seq);
  if (message && message.state === 'normal') view.byId.set(message.id, edited(message));
  const c = state.conversations.get(cid);
  if (c && c.lastMessage && c.lastMessage.seq === seq && c.lastMessage.state === 'normal') {
    c.lastMessage = edited(c.lastMessage);
  }
  invalidate('list');
  if (state.openId === cid) invalidate('messages');
}

/** Applies one user's reaction change to the message, if the page holds it. */
function onReaction(cid, seq, userId, reaction, added) {
  const view = state.views.get(cid);
  const message = view && findBySeq(view, seq);
  if (!message) return;
  const mine = userId === currentSession().userId;
  const reactions = (message.reactions || []).map((r) => ({ ...r }));
  let shown = reactions.find((r) => r.reaction === reaction);
  if (mine && shown && shown.me === added) return; // the answer to our own call came first
  if (!shown) {
    if (!added) return;
    shown = { reaction, count: 0, me: false };
    reactions.push(shown);
  }
  shown.count += added ? 1 : -1;
  if (mine) shown.me = added;
  const kept = reactions.filter((r) => r.count > 0);
  view.byId.set(message.id, { ...message, reactions: kept });
  if (state.openId === cid) invalidate('messages');
}

/** Sets the message's reactions to what the server answered the caller. */
function showReactions(cid, seq, reactions) {
  const view = state.views.get(cid);
  const message = view && findBySeq(view, seq);
  if (message) view.byId.set(message.id, { ...message, reactions });
  if (state.openId === cid) invalidate('messages');
}

async function toggleReaction(cid, seq, reaction) {
  const view = state.views.get(cid);
  const message = view && findBySeq(view, seq);
  const had = !!(message && (message.reactions || []).some((r) => r.reaction === reaction && r.me));
  const answer = had ? await api.unreact(cid, seq, reaction) : await api.react(cid, seq, reaction);
  showReactions(cid, seq, answer.reactions);
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
  const me = currentSession().userId;
  const view = state.views.get(cid);
  if (userId === me) {
    if (change === 'joined') {
      summary(cid);
    } else {
      state.conversations.delete(cid);
      state.order = state.order.filter((id) => id !== cid);
      if (state.openId === cid) {
        closeConversation();
        if (change === 'removed') showError(`You were removed from ${cid}`);
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

/** The chain starts over: forgets what was derived from it, and reloads from the server. */
export async function reloadFromServer() {
  state.views.clear();
  await refreshList();
  if (state.openId) {
    await loadLatest(state.openId);
    invalidate('header', 'messages');
  }
}

// ---------------------------------------------------------------------------------------------
// Opening a conversation: history, paging, read position

const LINK = /^#\/c\/(.+)$/;

/** The conversation a link names (#/c/{cid}), or null. */
function linkedConversation() {
  const match = LINK.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

/** Opens what the address names: a deep link, or the conversation open before a reload. */
export function openFromLink() {
  const cid = linkedConversation();
  if (cid && cid !== state.openId && currentSession()) openConversation(cid);
}

function showInAddress(cid) {
  const hash = cid ? '#/c/' + encodeURIComponent(cid) : '';
  if (location.hash !== hash) history.replaceState(null, '', location.pathname + location.search + hash);
}

async function openConversation(cid) {
  showInAddress(cid);
  state.openId = cid;
  state.selectedMessageId = null;
  state.editing = null;
  showPane('chat');
  if (!state.views.has(cid)) state.views.set(cid, newView());
  const opened = state.views.get(cid);
  const known = state.conversations.get(cid);
  opened.unreadAfter = known && known.unread > 0 ? known.readSeq : null;
  opened.newBelow = false;
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
  api
    .conversation(cid)
    .then((info) => {
      view.members = info.members;
      view.ownerId = info.ownerId;
      loadPeerPresence(view);
      if (state.openId === cid) {
        renderHeader();
        renderMessages();
      }
    })
    .catch((e) => showError(e, `Reading the members of ${cid}`));
  loadReceipts(cid).catch((e) => showError(e, `Reading who has seen ${cid}`));
  focusComposerOnWideScreens();
}

async function loadLatest(cid) {
  const view = state.views.get(cid) || newView();
  state.views.set(cid, view);
  view.loading = true;
  try {
    mergePage(view, await api.latestMessages(cid), true);
  } finally {
    view.loading = false;
  }
}

export async function loadOlder() {
  const cid = state.openId;
  const view = cid && state.views.get(cid);
  if (!view || view.loading || view.oldest === null) return;
  view.loading = true;
  const restoreScroll = holdScrollPosition();
  try {
    mergePage(view, await api.messagesBefore(cid, view.oldest), false);
  } catch (e) {
    showError(e, 'Loading older messages');
  } finally {
    view.loading = false;
  }
  if (state.openId === cid) {
    renderMessages();
    restoreScroll();
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

/**
 * Marks the open conversation read if its end is in view; if not, what came stays unread and
 * "New messages ↓" is offered.
 */
export function markOpenReadIfVisible() {
  const cid = state.openId;
  if (!cid || document.visibilityState !== 'visible') return;
  const view = state.views.get(cid);
  const c = state.conversations.get(cid);
  if (!scrolledToBottom()) {
    if (view && c && c.unread > 0 && !view.newBelow) {
      view.newBelow = true;
      invalidate('messages');
    }
    return;
  }
  if (view && view.newBelow) {
    view.newBelow = false;
    invalidate('messages');
  }
  markRead(cid);
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
  api
    .markRead(cid, seq)
    .then((answer) => onRead(cid, answer.readSeq))
    .catch((e) => {
      showError(e, `Marking ${cid} read`);
      scheduleListRefresh(0);
    })
    .finally(() => {
      if (state.reading.get(cid) === seq) state.reading.delete(cid);
    });
}

export function closeConversation() {
  showInAddress(null);
  state.openId = null;
  state.selectedMessageId = null;
  state.editing = null;
  showPane('list');
  renderList();
  renderHeader();
  renderMessages();
}

// ---------------------------------------------------------------------------------------------
// Joining, sending, recalling, deleting

export function join(cid) {
  return api.join(cid, currentSession().userId);
}

const MAX_CONVERSATION_ID = 128;

/** Opens the direct chat with {@code peer}, creating it (invite-only) the first time. */
export async function startDirectChat(peer) {
  const me = currentSession().userId;
  const id = directChatId(me, peer);
  if (id.length > MAX_CONVERSATION_ID) {
    const created = await api.createConversation({ members: [peer], access: 'invite' });
    return openJoined(created.id);
  }
  try {
    await api.createConversation({ id, members: [peer], access: 'invite', history: 'full' });
  } catch (e) {
    if (e.status !== 409) throw e; // 409: it exists already, and is ours
  }
  return openJoined(id);
}

/** Creates a group of the caller and {@code members}; the server makes up an id if none. */
export async function createGroup({ id, members, access, history }) {
  const created = await api.createConversation({ id: id || undefined, members, access, history });
  return openJoined(created.id);
}

export function addMember(cid, userId) {
  return api.join(cid, userId);
}

/** The owner removes someone; the membership entry updates the page. */
export function removeMember(cid, userId) {
  return api.removeMember(cid, userId);
}

/** The caller leaves; the membership entry closes the conversation. */
export function leave(cid) {
  return api.removeMember(cid, currentSession().userId);
}

/** Shows a conversation just joined, before the list (reloaded next) has it. */
export async function openJoined(cid) {
  summary(cid);
  toFront(cid);
  await openConversation(cid);
  scheduleListRefresh(0);
}

function newClientMsgId() {
  if (globalThis.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const random = new Uint32Array(4);
  crypto.getRandomValues(random);
  return 'c-' + Date.now().toString(36) + '-' + Array.from(random, (n) => n.toString(36)).join('');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The members an "@name" in the text names (and "@all" for the owner): content.mentions. */
function mentionsIn(cid, text) {
  const view = state.views.get(cid);
  if (!view) return [];
  const me = currentSession().userId;
  const named = new Set([...text.matchAll(/(^|\s)@([A-Za-z0-9_@-]+(?:\.[A-Za-z0-9_@-]+)*)/g)].map((m) => m[2]));
  const mentions = view.members.filter((member) => member !== me && named.has(member));
  if (named.has('all') && view.ownerId === me) mentions.push('@all');
  return mentions;
}

export async function send(cid, text) {
  const pending = {
    clientMsgId: newClientMsgId(),
    cid,
    text,
    mentions: mentionsIn(cid, text),
    status: 'sending',
    error: null,
  };
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
      const answer = await api.send(pending.cid, pending.clientMsgId, pending.text, pending.mentions);
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

const TYPING_EVERY_MS = 2000;

/** An ephemeral frame: someone types, someone's read position moved, a peer came or went. */
export function applySignal(frame) {
  if (frame.type === 'presence') {
    state.presence.set(frame.userId, { online: frame.online, lastSeenAt: frame.lastSeenAt });
    invalidate('list', 'header');
    return;
  }
  const view = state.views.get(frame.conversationId);
  if (!view) return;
  if (frame.type === 'typing') {
    const until = Date.parse(frame.expiresAt);
    view.typing.set(frame.userId, until);
    setTimeout(() => {
      if (view.typing.get(frame.userId) === until) {
        view.typing.delete(frame.userId);
        if (state.openId === frame.conversationId) invalidate('messages');
      }
    }, Math.max(0, until - Date.now()) + 50);
  } else if (frame.type === 'receipt') {
    view.receipts.set(frame.userId, Math.max(view.receipts.get(frame.userId) || 0, frame.readSeq));
  }
  if (state.openId === frame.conversationId) invalidate('messages');
}

/** The user types in the open conversation: the others are told, at most every 2 s. */
export function typing(cid) {
  const last = state.typingSentAt.get(cid) || 0;
  if (Date.now() - last < TYPING_EVERY_MS) return;
  state.typingSentAt.set(cid, Date.now());
  api.typing(cid).catch(() => {}); // ephemeral: a lost one is not worth an error
}

const PRESENCE_ASK_AT_MOST = 100; // im.presence.max-users

/** Asks whether these users are online; presence frames keep the answer current. */
function loadPresence(userIds) {
  for (let i = 0; i < userIds.length; i += PRESENCE_ASK_AT_MOST) {
    api
      .presence(userIds.slice(i, i + PRESENCE_ASK_AT_MOST))
      .then((answer) => {
        for (const p of answer.presence) {
          state.presence.set(p.userId, { online: p.online, lastSeenAt: p.lastSeenAt });
        }
        invalidate('list', 'header');
      })
      .catch(() => {}); // the dot is a nicety: without it the page works
  }
}

/** The peers of the list's conversations of two whose presence the page does not know yet. */
function loadListPresence() {
  const peers = new Set();
  for (const c of state.conversations.values()) {
    if (c.peerId && !state.presence.has(c.peerId)) peers.add(c.peerId);
  }
  if (peers.size) loadPresence([...peers]);
}

/** In a 1:1 conversation, whether the peer is online, asked again at each opening. */
function loadPeerPresence(view) {
  const me = currentSession().userId;
  if (view.members.length === 2) loadPresence(view.members.filter((member) => member !== me));
}

/** The user's own notification setting for a conversation. */
export async function setMuted(cid, muted) {
  const answer = await api.setMuted(cid, muted);
  const c = state.conversations.get(cid);
  if (c) c.muted = answer.muted;
  invalidate('list', 'header');
}

async function loadReceipts(cid) {
  const answer = await api.receipts(cid);
  const view = state.views.get(cid);
  if (!view) return;
  for (const r of answer.receipts) {
    view.receipts.set(r.userId, Math.max(view.receipts.get(r.userId) || 0, r.readSeq));
  }
  if (state.openId === cid) invalidate('messages');
}

/** The page settings that change what it offers: how long a message may be edited. */
export function useSettings(settings) {
  if (Number.isFinite(settings.editWindowSeconds)) state.editWindowMs = settings.editWindowSeconds * 1000;
  if (Number.isFinite(settings.recallWindowSeconds)) {
    state.recallWindowMs = settings.recallWindowSeconds * 1000;
  }
}

function startEdit(cid, seq) {
  state.editing = { cid, seq };
  state.selectedMessageId = null;
  renderMessages();
}

export function cancelEdit() {
  state.editing = null;
  renderMessages();
}

export async function saveEdit(text) {
  const { cid, seq } = state.editing;
  const answer = await api.edit(cid, seq, text);
  state.editing = null;
  onEdit(cid, seq, answer.message.content, answer.message.editedAt);
}

async function recall(cid, seq) {
  state.armed = null;
  await api.recall(cid, seq);
  onRecall(cid, seq, currentSession().userId);
  scheduleListRefresh();
}

async function deleteForMe(cid, seq) {
  state.armed = null;
  await api.deleteForMe(cid, seq);
  onDelete(cid, seq);
  scheduleListRefresh();
}

/** Signed out: nothing of this user's conversations stays. */
export function forgetAll({ keepAddress = false } = {}) {
  state.conversations.clear();
  state.order = [];
  state.views.clear();
  state.pending.clear();
  state.reading.clear();
  state.presence.clear();
  state.openId = null;
  if (!keepAddress) showInAddress(null);
}
