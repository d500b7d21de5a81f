// The open conversation: its header, the messages with their actions, and the composer.

import { currentSession } from '../session.js';
import { state } from '../state.js';
import { el, h, keyedNodes, reconcile } from './dom.js';
import { conversationName, formatDay, formatTime, isUnsupported, messageText } from './format.js';
import { guarded } from './status.js';

const messageNodes = new Map();
const GROUP_WITHIN_MS = 5 * 60 * 1000; // a sender's messages this close share one name
const NEAR_BOTTOM_PX = 60;

/** Whether the message list shows its end: what arrives there is seen. */
export function scrolledToBottom() {
  const list = el('message-list');
  return list.scrollHeight - list.scrollTop - list.clientHeight < NEAR_BOTTOM_PX;
}
const PICKER = ['👍', '❤️', '😂', '😮', '😢', '🎉'];

/** 'list' or 'chat': on a phone only that one is shown. */
export function showPane(name) {
  document.body.dataset.view = name;
}

export function focusComposerOnWideScreens() {
  if (matchMedia('(min-width: 720px)').matches) el('message-input').focus({ preventScroll: true });
}

/** removeMember(cid, userId) for the owner's × beside a member; set by wireConversationPane. */
const actions = { removeMember: () => {} };

export function renderChatHeader() {
  const open = state.openId !== null;
  el('chat-empty').hidden = open;
  document.querySelector('.chat-open').hidden = !open;
  if (!open) return;
  const view = state.views.get(state.openId);
  const me = currentSession().userId;
  el('chat-title').textContent = conversationName(state.openId, me);
  el('chat-title').title = state.openId;
  const members = view ? view.members : [];
  const owner = view && view.ownerId === me;
  el('chat-members').replaceChildren(
    ...(members.length
      ? [
          `${members.length} member${members.length === 1 ? '' : 's'}: `,
          ...members.flatMap((member, i) => [
            i > 0 ? ', ' : '',
            h(
              'span',
              { class: 'member', testid: 'member', 'data-user-id': member },
              member,
              owner && member !== me
                ? h(
                    'button',
                    {
                      type: 'button',
                      class: 'link remove-member',
                      testid: 'remove-member',
                      'aria-label': `Remove ${member}`,
                      onclick: () => actions.removeMember(state.openId, member),
                    },
                    '×',
                  )
                : null,
            ),
          ]),
        ]
      : []),
  );
  const leave = el('leave-button');
  if (leave.dataset.armedFor !== state.openId) {
    delete leave.dataset.armedFor;
    leave.textContent = 'Leave conversation';
  }
  const muted = state.conversations.get(state.openId)?.muted === true;
  const toggle = el('mute-toggle');
  toggle.setAttribute('aria-checked', String(muted));
  toggle.textContent = muted ? 'Unmute notifications' : 'Mute notifications';
  const peer = members.length === 2 ? members.find((m) => m !== me) : null;
  const presence = peer ? state.presence.get(peer) : null;
  const dot = el('peer-presence');
  dot.hidden = !presence;
  if (presence) {
    dot.dataset.online = presence.online ? 'true' : 'false';
    dot.textContent = presence.online
      ? 'online'
      : presence.lastSeenAt
        ? `last seen ${formatTime(presence.lastSeenAt)}`
        : 'offline';
  }
}

/** Whether the signed-in sender may still edit this message. */
function editable(m, mine) {
  return (
    mine &&
    m.state === 'normal' &&
    !isUnsupported(m) &&
    Date.now() - Date.parse(m.sentAt) < state.editWindowMs
  );
}

/** Whether the signed-in user may recall it: its sender within the window, the owner any time. */
function recallable(m, mine, owner) {
  if (m.state === 'recalled') return false;
  return owner || (mine && Date.now() - Date.parse(m.sentAt) < state.recallWindowMs);
}

/**
 * actions: select(messageId or null), arm(messageId, action), recall(cid, seq),
 * deleteForMe(cid, seq), edit(cid, seq),
 * toggleReaction(cid, seq, reaction), pick(messageId or null), retry(pending).
 * Stays at the bottom when it was near it, or when toBottom.
 */
export function renderMessageList(actions, { toBottom = false } = {}) {
  const container = el('message-list');
  const items = el('message-items');
  const cid = state.openId;
  const view = cid && state.views.get(cid);
  if (!view) {
    reconcile(items, keyedNodes(messageNodes, []));
    el('load-older').hidden = true;
    return;
  }
  const nearBottom = scrolledToBottom();
  const me = currentSession().userId;
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
  let previous = null;
  let divided = false;
  for (const m of messages) {
    const noticesBefore = entries.length;
    addNotices(m.seq - 1);
    const day = formatDay(m.sentAt);
    const newDay = !previous || formatDay(previous.sentAt) !== day;
    if (newDay) {
      entries.push({
        key: `d:${day}:${m.seq}`,
        sig: day,
        build: () => h('li', { class: 'day', testid: 'day-separator' }, day),
      });
    }
    const mine = m.senderId === me;
    const unreadStarts =
      !divided && view.unreadAfter !== null && m.seq > view.unreadAfter && !mine;
    if (unreadStarts) {
      divided = true;
      entries.push({
        key: 'unread-divider',
        sig: '',
        build: () => h('li', { class: 'unread-divider', testid: 'unread-divider' }, 'New messages'),
      });
    }
    const continued =
      !newDay &&
      !unreadStarts &&
      entries.length === noticesBefore &&
      previous.senderId === m.senderId &&
      Date.parse(m.sentAt) - Date.parse(previous.sentAt) < GROUP_WITHIN_MS;
    previous = m;
    const canRecall = recallable(m, mine, view.ownerId === me);
    const canEdit = editable(m, mine);
    const selected = state.selectedMessageId === m.id;
    const editing = state.editing !== null && state.editing.seq === m.seq;
    const picking = state.pickerFor === m.id;
    const armed = state.armed !== null && state.armed.messageId === m.id ? state.armed.action : null;
    const flags = { mine, canRecall, canEdit, selected, editing, picking, continued, armed };
    entries.push({
      key: `m:${m.id}`,
      sig: JSON.stringify([m.state, messageText(m), m.editedAt, m.reactions, m.recalledBy, flags, formatTime(m.sentAt)]),
      build: () => messageNode(m, flags, actions),
    });
  }
  addNotices(Infinity);
  addSeen(entries, messages, view, me);
  for (const p of state.pending.values()) {
    if (p.cid !== cid) continue;
    entries.push({
      key: `p:${p.clientMsgId}`,
      sig: JSON.stringify([p.status, p.error]),
      build: () => pendingNode(p, actions),
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
  renderComposerMode(view);
  renderTyping(view);
  el('load-older').hidden = !(view.hasMore && view.oldest !== null && view.oldest > 1);
  if (toBottom || nearBottom) container.scrollTop = container.scrollHeight;
  el('new-messages-button').hidden = !view.newBelow;
}

/** "Seen" (1:1) or "Seen by N" under the caller's last message that others have read. */
function addSeen(entries, messages, view, me) {
  const mine = messages.filter((m) => m.senderId === me && m.state === 'normal');
  const last = mine[mine.length - 1];
  if (!last) return;
  const seenBy = [...view.receipts.entries()].filter(
    ([user, readSeq]) => user !== me && readSeq >= last.seq && view.members.includes(user),
  ).length;
  if (!seenBy) return;
  const text = view.members.length <= 2 ? 'Seen' : `Seen by ${seenBy}`;
  const at = entries.findIndex((e) => e.key === `m:${last.id}`);
  entries.splice(at + 1, 0, {
    key: 'seen',
    sig: text,
    build: () => h('li', { class: 'seen', testid: 'seen' }, text),
  });
}

function renderTyping(view) {
  const now = Date.now();
  const typists = [...view.typing.entries()].filter(([, until]) => until > now).map(([user]) => user);
  const line = el('typing-indicator');
  line.textContent =
    typists.length === 0
      ? ''
      : typists.length === 1
        ? `${typists[0]} is typing…`
        : `${typists.slice(0, -1).join(', ')} and ${typists[typists.length - 1]} are typing…`;
  line.hidden = typists.length === 0;
}

/** The composer sends, or saves the edit of the message it was given. */
function renderComposerMode(view) {
  const editing = state.editing;
  const banner = el('editing-banner');
  const wasEditing = !banner.hidden;
  banner.hidden = editing === null;
  el('send-button').textContent = editing ? 'Save' : 'Send';
  if (editing && !wasEditing) {
    const message = [...view.byId.values()].find((m) => m.seq === editing.seq);
    const input = el('message-input');
    input.value = message ? messageText(message) : '';
    input.focus();
  }
}

/** The text, with each "@name" it mentions in a span of its own. */
function highlighted(m) {
  const text = messageText(m);
  const mentions = m.state === 'normal' && m.content && Array.isArray(m.content.mentions) ? m.content.mentions : [];
  if (!mentions.length) return [text];
  const names = new Set(mentions.map((u) => (u === '@all' ? 'all' : u)));
  const me = currentSession().userId;
  return text.split(/(@[A-Za-z0-9_@-]+(?:\.[A-Za-z0-9_@-]+)*)/).map((part) => {
    if (!part.startsWith('@') || !names.has(part.slice(1))) return part;
    const mine = part.slice(1) === me || part === '@all';
    return h('span', { class: mine ? 'mention me' : 'mention', testid: 'mention' }, part);
  });
}

function reactionChips(m, actions) {
  if (m.state === 'recalled' || !m.reactions || !m.reactions.length) return null;
  return h(
    'div',
    { class: 'reactions', testid: 'reactions' },
    ...m.reactions.map((r) =>
      h(
        'button',
        {
          type: 'button',
          class: r.me ? 'chip me' : 'chip',
          testid: 'reaction-chip',
          'data-reaction': r.reaction,
          'data-count': r.count,
          'aria-pressed': r.me ? 'true' : 'false',
          onclick: guarded('Reacting', () => actions.toggleReaction(m.conversationId, m.seq, r.reaction)),
        },
        `${r.reaction} ${r.count}`,
      ),
    ),
  );
}

function reactionPicker(m, actions) {
  return h(
    'div',
    { class: 'picker', testid: 'reaction-picker' },
    ...PICKER.map((reaction) =>
      h(
        'button',
        {
          type: 'button',
          testid: 'pick-reaction',
          'data-reaction': reaction,
          onclick: guarded('Reacting', async () => {
            actions.pick(null);
            await actions.toggleReaction(m.conversationId, m.seq, reaction);
          }),
        },
        reaction,
      ),
    ),
  );
}

function messageNode(m, { mine, canRecall, canEdit, selected, editing, picking, continued, armed }, actions) {
  const recalled = m.state === 'recalled';
  const cid = m.conversationId;
  return h(
    'li',
    {
      testid: 'message',
      class: [
        'message',
        mine ? 'mine' : 'theirs',
        recalled ? 'recalled' : '',
        selected ? 'selected' : '',
        editing ? 'editing' : '',
        continued ? 'continued' : '',
      ]
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
          if (!event.target.closest('button')) actions.select(selected ? null : m.id);
        },
      },
      mine || continued ? null : h('span', { class: 'sender', testid: 'message-sender' }, m.senderId),
      h(
        'p',
        { class: isUnsupported(m) ? 'text unsupported' : 'text', testid: 'message-text' },
        ...highlighted(m),
      ),
      reactionChips(m, actions),
      picking && !recalled ? reactionPicker(m, actions) : null,
      h(
        'span',
        { class: 'meta' },
        m.editedAt && !recalled
          ? h('span', { class: 'edited', testid: 'edited-mark', title: formatTime(m.editedAt) }, 'edited')
          : null,
        recalled && m.recalledBy
          ? h(
              'span',
              { class: 'recalled-by', testid: 'recalled-by' },
              m.recalledBy === currentSession().userId ? 'by you' : `by ${m.recalledBy}`,
            )
          : null,
        h('time', { datetime: m.sentAt, testid: 'message-time' }, formatTime(m.sentAt)),
      ),
      h(
        'span',
        { class: 'actions' },
        recalled
          ? null
          : h(
              'button',
              {
                type: 'button',
                testid: 'react-button',
                'aria-label': 'React',
                onclick: () => actions.pick(picking ? null : m.id),
              },
              '☺+',
            ),
        canEdit
          ? h(
              'button',
              { type: 'button', testid: 'edit-button', onclick: () => actions.edit(cid, m.seq) },
              'Edit',
            )
          : null,
        canRecall
          ? confirmedButton(m, armed, actions, {
              action: 'recall',
              testid: 'recall-button',
              label: 'Recall',
              question: 'Recall for everyone?',
              context: 'Recalling',
              run: () => actions.recall(cid, m.seq),
            })
          : null,
        confirmedButton(m, armed, actions, {
          action: 'delete',
          testid: 'delete-button',
          label: 'Delete for me',
          question: 'Delete for me?',
          context: 'Deleting',
          run: () => actions.deleteForMe(cid, m.seq),
        }),
      ),
    ),
  );
}

/**
 * A button for what cannot be taken back: the first click asks (the button reads the question),
 * the second does it; selecting a message asks no more.
 */
function confirmedButton(m, armed, actions, { action, testid, label, question, context, run }) {
  const asking = armed === action;
  return h(
    'button',
    {
      type: 'button',
      testid,
      class: asking ? 'armed' : '',
      'data-armed': String(asking),
      onclick: asking ? guarded(context, run) : () => actions.arm(m.id, action),
    },
    asking ? question : label,
  );
}

function pendingNode(p, actions) {
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
              { type: 'button', class: 'link', testid: 'retry-button', onclick: () => actions.retry(p) },
              'Retry',
            )
          : null,
      ),
    ),
  );
}

/** Keeps what is shown in place while older messages go in above it: call the result after. */
export function holdScrollPosition() {
  const list = el('message-list');
  const height = list.scrollHeight;
  return () => {
    list.scrollTop += list.scrollHeight - height;
  };
}

function showMenu(shown) {
  el('conversation-menu').hidden = !shown;
  el('conversation-menu-button').setAttribute('aria-expanded', String(shown));
}

/** The header's menu: opens on its button, closes on a pick, a click elsewhere or Escape. */
function wireConversationMenu({ setMuted, addMember, leave }) {
  el('add-member-form').addEventListener(
    'submit',
    guarded('Adding a member', async (event) => {
      event.preventDefault();
      const input = el('add-member-input');
      const userId = input.value.trim();
      if (!userId || !state.openId) return;
      await addMember(state.openId, userId);
      input.value = '';
      showMenu(false);
    }),
  );
  // Leaving takes a second click on the same item, so that one stray click does not.
  el('leave-button').addEventListener(
    'click',
    guarded('Leaving', async () => {
      const item = el('leave-button');
      const cid = state.openId;
      if (!cid) return;
      if (item.dataset.armedFor !== cid) {
        item.dataset.armedFor = cid;
        item.textContent = 'Click again to leave';
        return;
      }
      delete item.dataset.armedFor;
      item.textContent = 'Leave conversation';
      showMenu(false);
      await leave(cid);
    }),
  );
  const button = el('conversation-menu-button');
  button.addEventListener('click', () => showMenu(el('conversation-menu').hidden));
  document.addEventListener('click', (event) => {
    if (!event.target.closest('.chat-menu')) showMenu(false);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !el('conversation-menu').hidden) {
      showMenu(false);
      button.focus();
    }
  });
  el('mute-toggle').addEventListener(
    'click',
    guarded('Changing the notification setting', async () => {
      showMenu(false);
      const cid = state.openId;
      if (cid) await setMuted(cid, state.conversations.get(cid)?.muted !== true);
    }),
  );
}

/**
 * send(cid, text) for the open conversation, typing(cid) as the user types, saveEdit(text) and
 * cancelEdit() for the message being edited; loadOlder(); back() to the list; setMuted(cid,
 * muted), addMember(cid, userId) and leave(cid) from the header's menu; removeMember(cid, userId)
 * from the owner's × beside a member; reachedBottom() once the end of the list is in view.
 */
export function wireConversationPane({
  send,
  typing,
  saveEdit,
  cancelEdit,
  loadOlder,
  back,
  setMuted,
  addMember,
  leave,
  removeMember,
  reachedBottom,
}) {
  actions.removeMember = guarded('Removing a member', removeMember);
  wireConversationMenu({ setMuted, addMember, leave });
  const input = el('message-input');
  const fitInput = () => {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight + 2, 128) + 'px';
  };
  input.addEventListener('input', fitInput);
  input.addEventListener('input', () => {
    if (input.value.trim() && state.openId && !state.editing) typing(state.openId);
  });
  el('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || !state.openId) return;
    if (state.editing) {
      guarded('Editing', async () => {
        await saveEdit(text);
        input.value = '';
        fitInput();
      })();
      return;
    }
    input.value = '';
    fitInput();
    send(state.openId, text);
  });
  el('cancel-edit').addEventListener('click', () => {
    input.value = '';
    fitInput();
    cancelEdit();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      el('composer').requestSubmit();
    }
  });
  el('load-older').addEventListener('click', loadOlder);
  el('message-list').addEventListener('scroll', () => {
    if (scrolledToBottom()) reachedBottom();
  });
  el('new-messages-button').addEventListener('click', () => {
    const list = el('message-list');
    list.scrollTop = list.scrollHeight;
    reachedBottom();
  });
  el('back-button').addEventListener('click', back);
}
