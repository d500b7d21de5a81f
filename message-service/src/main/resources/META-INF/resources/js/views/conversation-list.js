// The sidebar: the join form and the conversation list, with unread badges and previews.

import { state } from '../state.js';
import { el, h, keyedNodes, reconcile } from './dom.js';
import { currentSession } from '../session.js';
import { conversationName, formatTime, previewText } from './format.js';
import { guarded } from './status.js';

const listNodes = new Map();

/** open(cid) is called when a conversation is picked. */
export function renderConversationList({ open }) {
  const conversations = state.order.map((id) => state.conversations.get(id)).filter(Boolean);
  const nodes = keyedNodes(
    listNodes,
    conversations.map((c) => ({
      key: c.id,
      sig: JSON.stringify([
        c.unread,
        c.unreadMentions,
        previewText(c.lastMessage),
        c.lastMessage ? formatTime(c.lastMessage.sentAt) : '',
        c.id === state.openId,
        c.muted === true,
        peerOnline(c),
      ]),
      build: () => conversationNode(c, open),
    })),
  );
  reconcile(el('conversation-list'), nodes);
  el('conversation-list-empty').hidden = nodes.length > 0;
  showUnreadInTitle(conversations.reduce((sum, c) => sum + c.unread, 0));
}

export function showUnreadInTitle(unread) {
  document.title = (unread > 0 ? `(${unread}) ` : '') + 'IM chat';
}

/** For a conversation of two: whether the peer is online, null when not known. */
function peerOnline(c) {
  const presence = c.peerId ? state.presence.get(c.peerId) : null;
  return presence ? presence.online : null;
}

function conversationNode(c, open) {
  const recalled = c.lastMessage && c.lastMessage.state === 'recalled';
  const online = peerOnline(c);
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
      { type: 'button', class: 'conversation', onclick: () => open(c.id) },
      h(
        'span',
        { class: 'conversation-name', testid: 'conversation-name' },
        online === null
          ? null
          : h('span', {
              class: 'presence-dot',
              testid: 'presence-dot',
              'data-online': String(online),
              'aria-label': online ? 'online' : 'offline',
            }),
        conversationName(c.id, currentSession().userId),
        c.muted
          ? h('span', { class: 'muted-mark', testid: 'muted-mark', 'aria-label': 'muted' }, '🔕')
          : null,
      ),
      c.unreadMentions > 0
        ? h(
            'span',
            { class: 'badge mention', testid: 'mention-badge', 'aria-label': 'mentioned' },
            '@',
          )
        : null,
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
      c.lastMessage
        ? h('span', { class: 'time', testid: 'conversation-time' }, formatTime(c.lastMessage.sentAt))
        : null,
    ),
  );
}

/** The user ids of a "bob, carol" list: trimmed, without blanks or repeats. */
function userIds(text) {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** startChat(userId) opens a direct chat; createGroup({id, members, access, history}) a group. */
export function wireNewConversation({ startChat, createGroup }) {
  el('new-chat-form').addEventListener(
    'submit',
    guarded('Starting the chat', async (event) => {
      event.preventDefault();
      const input = el('new-chat-user');
      const peer = input.value.trim();
      if (!peer) return;
      await startChat(peer);
      input.value = '';
      el('new-conversation').open = false;
    }),
  );
  el('new-group-form').addEventListener(
    'submit',
    guarded('Creating the group', async (event) => {
      event.preventDefault();
      await createGroup({
        id: el('new-group-id').value.trim(),
        members: userIds(el('new-group-members').value),
        access: el('new-group-access').value,
        history: el('new-group-history').value,
      });
      el('new-group-form').reset();
      el('new-conversation').open = false;
    }),
  );
}

/** join(cid) asks to be a member; the input is cleared once it answered, then open(cid). */
export function wireJoinForm({ join, open }) {
  el('join-form').addEventListener(
    'submit',
    guarded('Joining', async (event) => {
      event.preventDefault();
      const input = el('conversation-id-input');
      const cid = input.value.trim();
      if (!cid) return;
      await join(cid);
      input.value = '';
      await open(cid);
    }),
  );
}
