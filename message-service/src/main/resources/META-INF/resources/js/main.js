// The chat page: REST calls to message-service, live entries from the push-gateway WebSocket,
// following the client rule of docs/protocol.md. Native modules, no build step, no dependencies.
// This module wires them: the session's lifecycle, the live connection, and the page's controls.

import * as api from './api.js';
import { ChainFollower } from './chain-follower.js';
import * as chat from './chat.js';
import { PushSocket, gatewayUrl } from './push-socket.js';
import {
  beginSession,
  endSession,
  leaveSession,
  onSignedOutElsewhere,
  savedCursor,
  saveCursor,
  savedSession,
} from './session.js';
import { wireJoinForm, wireNewConversation } from './views/conversation-list.js';
import { wireConversationPane } from './views/conversation-pane.js';
import { focusSignIn, showSignedIn, showSignedOut, wireSignIn } from './views/sign-in.js';
import { showConnectionState, showError, wireErrorBanner } from './views/status.js';

let socket = null;
let follower = null; // the signed-in user's chain

async function pageSettings() {
  try {
    return (await api.webConfig()) || {};
  } catch (e) {
    showError(e, 'Reading the page settings');
    return {};
  }
}

function followChain(userId) {
  return new ChainFollower({
    cursor: savedCursor(userId),
    fetchPage: api.syncAfter,
    apply: chat.applyEntry,
    save: (cursor) => saveCursor(userId, cursor),
    reload: chat.reloadFromServer,
    reportError: (e) => showError(e, 'Catching up'),
  });
}

async function signIn(userId) {
  startSession({ userId, token: await api.issueToken(userId) });
}

function startSession(session) {
  beginSession(session);
  follower = followChain(session.userId);
  showSignedIn(session.userId);
  chat.renderList();
  chat.renderHeader();
  // The list first, for something to look at; then the live connection, then the pull.
  chat
    .refreshList()
    .catch((e) => showError(e, 'Loading your conversations'))
    .finally(() => {
      socket.connect();
      chat.openFromLink();
    });
}

function stopSession({ keepAddress = false } = {}) {
  follower.stop();
  socket.disconnect();
  chat.forgetAll({ keepAddress });
  showSignedOut();
}

function signOut() {
  endSession();
  stopSession();
}

/**
 * This tab shows the sign-in form again; the browser's other tabs keep their accounts. The address
 * stays: a link followed in the wrong account opens once signed in as the right one.
 */
function leaveThisTab() {
  leaveSession();
  stopSession({ keepAddress: true });
}

async function main() {
  const settings = await pageSettings();
  chat.useSettings(settings);
  socket = new PushSocket({
    url: gatewayUrl(settings.gatewayUrl || null),
    onHello: (link) => follower.catchUp(link),
    onEntry: (frame, link) => follower.receive(frame, link),
    onSignal: chat.applySignal,
    onStatus: showConnectionState,
    onError: showError,
  });

  wireSignIn({ signIn, signOut, switchAccount: leaveThisTab });
  onSignedOutElsewhere(leaveThisTab);
  wireErrorBanner();
  wireJoinForm({ join: chat.join, open: chat.openJoined });
  wireNewConversation({ startChat: chat.startDirectChat, createGroup: chat.createGroup });
  wireConversationPane({
    send: chat.send,
    typing: chat.typing,
    saveEdit: chat.saveEdit,
    cancelEdit: chat.cancelEdit,
    loadOlder: chat.loadOlder,
    back: chat.closeConversation,
    setMuted: chat.setMuted,
    addMember: chat.addMember,
    leave: chat.leave,
    removeMember: chat.removeMember,
    reachedBottom: chat.markOpenReadIfVisible,
  });
  document.addEventListener('visibilitychange', chat.markOpenReadIfVisible);
  window.addEventListener('online', () => socket.reconnectIfClosed());
  window.addEventListener('hashchange', chat.openFromLink);

  const saved = savedSession();
  if (saved) {
    startSession(saved);
  } else {
    showSignedOut();
    focusSignIn();
  }
}

main();
