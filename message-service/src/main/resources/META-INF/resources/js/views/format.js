// How messages read on the page.

import { isMine } from '../session.js';

/** A chat started with "Chat with": its id names both users, in order. */
export function directChatId(me, peer) {
  return 'dm:' + [me, peer].sort().join(':');
}

/** What a conversation is called on the page: the other user of a direct chat, else its id. */
export function conversationName(id, me) {
  const parts = id.split(':');
  if (parts.length === 3 && parts[0] === 'dm' && parts.includes(me)) {
    return parts[1] === me ? parts[2] : parts[1];
  }
  return id;
}

/** Content this page cannot show (an image, a card…): sent by a newer client. */
export const UNSUPPORTED = 'unsupported message';

/** A message whose content has no text this page can show. */
export function isUnsupported(message) {
  return message.state !== 'recalled' && !(message.content && typeof message.content.text === 'string');
}

export function messageText(message) {
  if (message.state === 'recalled') return 'message recalled';
  const content = message.content;
  if (content && typeof content.text === 'string') return content.text;
  return UNSUPPORTED;
}

export function previewText(message) {
  if (!message) return 'No messages yet';
  const who = isMine(message) ? 'You' : message.senderId;
  return `${who}: ${messageText(message)}`;
}

/** "Today", "Yesterday" or the date: what a day separator says. */
export function formatDay(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (date.toDateString() === today.toDateString()) return 'Today';
  if (date.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return date.toLocaleDateString([], {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: date.getFullYear() === today.getFullYear() ? undefined : 'numeric',
  });
}

export function formatTime(iso) {
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
