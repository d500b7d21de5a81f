// The chat page's client rule, without a browser: node --test message-service/src/test/js/
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import {
  ChainFollower,
  GAP_RETRY_MS,
} from '../../main/resources/META-INF/resources/js/chain-follower.js';

/** A user chain on the "server": sync pages of two entries, so catching up takes more than one. */
class Server {
  constructor(epoch = 'e1') {
    this.epoch = epoch;
    this.entries = [];
    this.pulls = [];
    this.failNext = null;
  }

  add(count = 1) {
    for (let i = 0; i < count; i++) {
      this.entries.push({ seq: this.entries.length + 1, kind: 'message' });
    }
    return this.entries.at(-1);
  }

  frame(entry, epoch = this.epoch) {
    return { epoch, seq: entry.seq, prevSeq: entry.seq - 1, entry };
  }

  async page(after) {
    this.pulls.push(after);
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    const entries = this.entries.filter((e) => e.seq > after).slice(0, 2);
    const hasMore = entries.length > 0 && entries.at(-1).seq < this.entries.length;
    return { epoch: this.epoch, entries, hasMore };
  }
}

let server;
let applied;
let saved;
let reloads;
let errors;

function follower(cursor = { epoch: null, lastSeq: 0 }) {
  return new ChainFollower({
    cursor,
    fetchPage: (after) => server.page(after),
    apply: (entry) => applied.push(entry.seq),
    save: (c) => saved.push(c),
    reload: async () => {
      reloads += 1;
      applied = [];
    },
    reportError: (e) => errors.push(e.message),
  });
}

function link() {
  return {
    current: true,
    reconnects: 0,
    isCurrent() {
      return this.current;
    },
    reconnect() {
      this.reconnects += 1;
    },
  };
}

beforeEach(() => {
  server = new Server();
  applied = [];
  saved = [];
  reloads = 0;
  errors = [];
});

test('catching up pulls until hasMore is false and keeps the cursor', async () => {
  server.add(5);
  const chain = follower();
  assert.equal(await chain.catchUp(link()), true);
  assert.deepEqual(applied, [1, 2, 3, 4, 5]);
  assert.deepEqual(server.pulls, [0, 2, 4]);
  assert.deepEqual(saved.at(-1), { epoch: 'e1', lastSeq: 5 });
});

test('catching up starts where the saved cursor left off', async () => {
  server.add(3);
  await follower({ epoch: 'e1', lastSeq: 2 }).catchUp(link());
  assert.deepEqual(server.pulls, [2]);
  assert.deepEqual(applied, [3]);
});

test('a push right after lastSeq is applied, a duplicate is dropped', async () => {
  server.add(2);
  const chain = follower();
  const live = link();
  await chain.catchUp(live);
  const third = server.add();
  await chain.receive(server.frame(third), live);
  await chain.receive(server.frame(third), live);
  await chain.receive(server.frame(server.entries[0]), live);
  assert.deepEqual(applied, [1, 2, 3]);
  assert.deepEqual(server.pulls, [0]);
});

test('a gap is pulled, then what was held is applied, each entry once', async () => {
  server.add(2);
  const chain = follower();
  const live = link();
  await chain.catchUp(live);
  server.add(3);
  // 5 comes first, then 3 and 4 as the pull answers them: 5 is held, then dropped as pulled.
  await chain.receive(server.frame(server.entries[4]), live);
  await chain.receive(server.frame(server.entries[2]), live);
  assert.deepEqual(applied, [1, 2, 3, 4, 5]);
  assert.deepEqual(server.pulls, [0, 2, 4]);
});

test('held entries the pull did not reach yet are applied when their turn comes', async () => {
  server.add(2);
  const chain = follower();
  const live = link();
  await chain.catchUp(live);
  const [third, fourth] = [server.add(), server.add()];
  server.entries.length = 2; // the server does not answer 3 and 4 yet
  await chain.receive(server.frame(fourth), live);
  assert.deepEqual(applied, [1, 2]);
  await chain.receive(server.frame(third), live);
  assert.deepEqual(applied, [1, 2, 3, 4]);
});

test('a gap the pull does not fill is pulled again after a while', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  server.add(2);
  const chain = follower();
  const live = link();
  await chain.catchUp(live);
  const fourth = server.frame({ seq: 4, kind: 'message' });
  await chain.receive(fourth, live);
  assert.deepEqual(server.pulls, [0, 2]);
  server.add(2);
  t.mock.timers.tick(GAP_RETRY_MS);
  await chain.receive(server.frame(server.entries[0]), live); // runs after the queued retry
  assert.deepEqual(server.pulls, [0, 2, 2]);
  assert.deepEqual(applied, [1, 2, 3, 4]);
});

test('another epoch starts over from 0, once', async () => {
  server.add(3);
  const chain = follower();
  const live = link();
  await chain.catchUp(live);
  server = Object.assign(new Server('e2'), { pulls: server.pulls });
  const first = server.add();
  await chain.receive(server.frame(first), live);
  assert.equal(reloads, 1);
  assert.deepEqual(applied, [1]);
  assert.deepEqual(saved.at(-1), { epoch: 'e2', lastSeq: 1 });
  // A late push from the old epoch is dropped without another reset.
  await chain.receive({ epoch: 'e1', seq: 4, prevSeq: 3, entry: { seq: 4 } }, live);
  assert.equal(reloads, 1);
  assert.deepEqual(applied, [1]);
});

test('a sync page of another epoch starts over from 0', async () => {
  server.add(2);
  const chain = follower({ epoch: 'old', lastSeq: 7 });
  await chain.catchUp(link());
  assert.equal(reloads, 1);
  assert.deepEqual(server.pulls, [7, 0]);
  assert.deepEqual(applied, [1, 2]);
});

test('a failed pull is reported and drops the link, so that it reconnects', async () => {
  server.add(1);
  server.failNext = new Error('Cannot reach the server');
  const chain = follower();
  const live = link();
  assert.equal(await chain.catchUp(live), false);
  assert.deepEqual(errors, ['Cannot reach the server']);
  assert.equal(live.reconnects, 1);
  assert.deepEqual(applied, []);
});

test('what comes from a link that is no longer current is ignored', async () => {
  server.add(2);
  const chain = follower();
  const old = link();
  old.current = false;
  assert.equal(await chain.catchUp(old), false);
  await chain.receive(server.frame(server.entries[0]), old);
  assert.deepEqual(server.pulls, []);
  assert.deepEqual(applied, []);
});

test('after stop, a pull on its way applies nothing', async () => {
  server.add(2);
  const chain = follower();
  const catchingUp = chain.catchUp(link());
  chain.stop();
  await catchingUp;
  assert.deepEqual(applied, []);
});
