// The REST calls to message-service: JSON in and out, the session's bearer token (renewed once
// on a 401), and problem+json answers turned into an ApiError.

import { parseJsonOrNull } from './json.js';
import { currentSession, replaceToken } from './session.js';

const REQUEST_TIMEOUT_MS = 20000;
const PAGE_SIZE = 50;
const SYNC_PAGE_SIZE = 200;

export class ApiError extends Error {
  /** status 0: the server could not be reached. */
  constructor(status, message, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

async function request(method, path, body, { auth = true, renew = true } = {}) {
  const session = currentSession();
  const headers = { Accept: 'application/json, application/problem+json' };
  if (auth && session) headers.Authorization = 'Bearer ' + session.token;
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
  if (response.status === 401 && auth && renew && currentSession()) {
    await renewToken();
    return request(method, path, body, { auth, renew: false });
  }
  const text = await response.text();
  const json = parseJsonOrNull(text);
  if (!response.ok) {
    const detail =
      (json && (json.detail || json.title)) || text || response.statusText || 'Request failed';
    throw new ApiError(response.status, detail, json);
  }
  return json;
}

const conversationPath = (cid) => `/v1/conversations/${encodeURIComponent(cid)}`;

export const webConfig = () => request('GET', '/v1/web/config', undefined, { auth: false });

export async function issueToken(userId) {
  const answer = await request('POST', '/v1/dev/tokens', { userId }, { auth: false });
  return answer.token;
}

export async function renewToken() {
  const { userId } = currentSession();
  replaceToken(userId, await issueToken(userId));
}

/** The WebSocket URL of the push-gateway that serves the signed-in user. */
export const route = () => request('GET', '/v1/route');

export const syncAfter = (seq) => request('GET', `/v1/sync?after=${seq}&limit=${SYNC_PAGE_SIZE}`);

/** Every conversation of the caller: the list's pages, followed to the last. */
export async function conversations() {
  const all = [];
  let after = null;
  do {
    const query = after ? `?after=${encodeURIComponent(after)}` : '';
    const page = await request('GET', `/v1/conversations${query}`);
    all.push(...page.conversations);
    after = page.hasMore ? page.next : null;
  } while (after);
  return { conversations: all };
}

export const conversation = (cid) => request('GET', conversationPath(cid));

export const createConversation = (body) => request('POST', '/v1/conversations', body);

export const removeMember = (cid, userId) =>
  request('DELETE', `${conversationPath(cid)}/members/${encodeURIComponent(userId)}`);

export const join = (cid, userId) =>
  request('PUT', `${conversationPath(cid)}/members/${encodeURIComponent(userId)}`);

export const latestMessages = (cid) =>
  request('GET', `${conversationPath(cid)}/messages?limit=${PAGE_SIZE}`);

export const messagesBefore = (cid, seq) =>
  request('GET', `${conversationPath(cid)}/messages?before=${seq}&limit=${PAGE_SIZE}`);

export const send = (cid, clientMsgId, text, mentions) =>
  request('POST', `${conversationPath(cid)}/messages`, {
    clientMsgId,
    content: mentions.length ? { text, mentions } : { text },
  });

export const edit = (cid, seq, text) =>
  request('PATCH', `${conversationPath(cid)}/messages/${seq}`, { content: { text } });

const reactionPath = (cid, seq, reaction) =>
  `${conversationPath(cid)}/messages/${seq}/reactions/${encodeURIComponent(reaction)}`;

export const react = (cid, seq, reaction) => request('PUT', reactionPath(cid, seq, reaction));

export const unreact = (cid, seq, reaction) => request('DELETE', reactionPath(cid, seq, reaction));

export const recall = (cid, seq) =>
  request('POST', `${conversationPath(cid)}/messages/${seq}/recall`);

export const deleteForMe = (cid, seq) =>
  request('DELETE', `${conversationPath(cid)}/messages/${seq}`);

export const typing = (cid) => request('POST', `${conversationPath(cid)}/typing`);

export const receipts = (cid) => request('GET', `${conversationPath(cid)}/receipts?limit=100`);

export const presence = (userIds) =>
  request('GET', `/v1/presence?userIds=${userIds.map(encodeURIComponent).join(',')}`);

export const setMuted = (cid, muted) =>
  request('PUT', `${conversationPath(cid)}/settings`, { muted });

export const markRead = (cid, seq) => request('POST', `${conversationPath(cid)}/read`, { seq });
