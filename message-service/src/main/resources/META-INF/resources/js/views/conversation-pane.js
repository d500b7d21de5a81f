// The open conversation: its header, the messages with their actions, and the composer.

import { currentSession } from '../session.js';
import { state } from '../state.js';
import { el, h, keyedNodes, reconcile } from './dom.js';
import { formatTime, messageText } from './format.js';
import { guarded } from './status.js';

const messageNodes = new Map();

/** 'list' or 'chat': on a phone only that one is shown. */
export function showPane(name) {
  document.body.dataset.view = name;
}

export function focusComposerOnWideScreens() {
  if (matchMedia('(min-width: 720px)').matches) el('message-input').focus({ preventScroll: true });
}

export function renderChatHeader() {
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

/**
 * actions: select(messageId or null), recall(cid, seq), deleteForMe(cid, seq), retry(pending).
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
  const nearBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 60;
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
  for (const m of messages) {
    addNotices(m.seq - 1);
    const mine = m.senderId === me;
    const canRecall = m.state !== 'recalled' && (mine || view.ownerId === me);
    const selected = state.selectedMessageId === m.id;
    entries.push({
      key: `m:${m.id}`,
      sig: JSON.stringify([m.state, messageText(m), mine, canRecall, selected, formatTime(m.sentAt)]),
      build: () => messageNode(m, { mine, canRecall, selected }, actions),
    });
  }
  addNotices(Infinity);
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
  el('load-older').hidden = !(view.hasMore && view.oldest !== null && view.oldest > 1);
  if (toBottom || nearBottom) container.scrollTop = container.scrollHeight;
}

function messageNode(m, { mine, canRecall, selected }, actions) {
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
          if (!event.target.closest('button')) actions.select(selected ? null : m.id);
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
                onclick: guarded('Recalling', () => actions.recall(cid, m.seq)),
              },
              'Recall',
            )
          : null,
        h(
          'button',
          {
            type: 'button',
            testid: 'delete-button',
            onclick: guarded('Deleting', () => actions.deleteForMe(cid, m.seq)),
          },
          'Delete for me',
        ),
      ),
    ),
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

/** send(cid, text) for the open conversation; loadOlder(); back() to the list. */
export function wireConversationPane({ send, loadOlder, back }) {
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
  el('back-button').addEventListener('click', back);
}
