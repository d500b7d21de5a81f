// What the page knows about the signed-in user's conversations: changed by chat.js from REST
// answers and user-chain entries, drawn by the views.

export const state = {
  conversations: new Map(), // id -> a summary of GET /v1/conversations, kept current by entries
  order: [], // conversation ids, most recent activity first
  views: new Map(), // id -> conversation view, kept once opened
  openId: null,
  selectedMessageId: null,
  pending: new Map(), // clientMsgId -> {clientMsgId, cid, text, status, error}
  reading: new Map(), // cid -> highest seq a mark-read call is on its way for
  editing: null, // {cid, seq}: the own message the composer is editing
  pickerFor: null, // id of the message whose reaction picker is open
  armed: null, // {messageId, action: 'recall' | 'delete'}: clicked once, a second click does it
  editWindowMs: 15 * 60 * 1000, // from GET /v1/web/config
  recallWindowMs: 2 * 60 * 1000, // from GET /v1/web/config
  typingSentAt: new Map(), // cid -> when this page last told the others it types
  presence: new Map(), // user -> {online, lastSeenAt}: 1:1 peers (peerId), from GET /v1/presence and frames
};

export function newView() {
  return {
    byId: new Map(), // message id -> message: de-duplicates history pages and chain entries
    hidden: new Set(), // seqs deleted for me
    recalled: new Map(), // seq recalled -> who recalled it
    oldest: null, // lowest seq fetched by paging; what is older is fetched on demand
    hasMore: false,
    loading: false,
    members: [],
    ownerId: null,
    notices: [], // {afterSeq, text}: joins and leaves seen while open
    receipts: new Map(), // other member -> read seq, from GET …/receipts and receipt frames
    typing: new Map(), // member -> until when (ms) they are shown typing
    unreadAfter: null, // the read position when it was opened with unread: the divider goes after it
    newBelow: false, // messages came while scrolled up: "New messages ↓" is shown
  };
}
