// How messages read on the page.

import { isMine } from '../session.js';

export function messageText(message) {
  if (message.state === 'recalled') return 'message recalled';
  const content = message.content;
  if (content && typeof content.text === 'string') return content.text;
  return content ? JSON.stringify(content) : '';
}

export function previewText(message) {
  if (!message) return 'No messages yet';
  const who = isMine(message) ? 'You' : message.senderId;
  return `${who}: ${messageText(message)}`;
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
