// The client rule of docs/protocol.md for one user chain: keep (epoch, lastSeq), pull after
// the socket's hello until hasMore is false, and for each pushed entry: other epoch → resync
// from 0; seq <= lastSeq → duplicate, drop; prevSeq == lastSeq → apply; otherwise a gap →
// hold it, pull, then apply what was held. Every step runs in one queue, one at a time.
//
// No DOM and no network: the page passes in how to fetch a sync page, apply an entry, store the
// cursor, reload what it derived from the chain, and report a failed pull. Pushes and catch-ups
// come with the link they arrived on: {isCurrent(): boolean, reconnect(): void}.

export const GAP_RETRY_MS = 1000;

export class ChainFollower {
  #cursor;
  #fetchPage;
  #apply;
  #save;
  #reload;
  #reportError;
  #held = new Map(); // seq -> pushed frame waiting for what comes before it
  #deadEpochs = new Set();
  #queue = Promise.resolve();
  #gapTimer = null;
  #stopped = false;

  /**
   * @param {object} options
   * @param {{epoch: ?string, lastSeq: number}} options.cursor where this chain was left off
   * @param {(after: number) => Promise<{epoch: string, entries: object[], hasMore: boolean}>}
   *     options.fetchPage the sync page after a seq
   * @param {(entry: object) => void} options.apply applies one entry of the chain
   * @param {(cursor: {epoch: ?string, lastSeq: number}) => void} options.save keeps the cursor
   * @param {() => Promise<void>} options.reload forgets what was derived from the chain and
   *     loads it again: the chain starts over from 0
   * @param {(error: Error) => void} options.reportError a pull failed
   */
  constructor({ cursor, fetchPage, apply, save, reload, reportError }) {
    this.#cursor = { epoch: cursor.epoch, lastSeq: cursor.lastSeq };
    this.#fetchPage = fetchPage;
    this.#apply = apply;
    this.#save = save;
    this.#reload = reload;
    this.#reportError = reportError;
  }

  /** Pulls after the link's hello; resolves true once caught up. */
  catchUp(link) {
    return this.#enqueue(async () => this.#isLive(link) && this.#pullOrReconnect(link));
  }

  /** Takes one pushed frame {epoch, seq, prevSeq, entry}. */
  receive(frame, link) {
    return this.#enqueue(() => this.#onPushed(frame, link));
  }

  /** Signed out: nothing more is applied, and what was held is dropped. */
  stop() {
    this.#stopped = true;
    clearTimeout(this.#gapTimer);
    this.#held.clear();
  }

  #isLive(link) {
    return !this.#stopped && link.isCurrent();
  }

  #enqueue(task) {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => {});
    return run;
  }

  async #onPushed(frame, link) {
    if (!this.#isLive(link)) return;
    const cursor = this.#cursor;
    if (cursor.epoch !== null && frame.epoch !== cursor.epoch) {
      if (this.#deadEpochs.has(frame.epoch)) return;
      // The chain was reset: start over from 0.
      const old = cursor.epoch;
      await this.#startOver();
      await this.#pullOrReconnect(link);
      if (cursor.epoch !== old) this.#deadEpochs.add(old);
      if (frame.epoch !== cursor.epoch) {
        this.#deadEpochs.add(frame.epoch);
        return;
      }
    }
    if (frame.seq <= cursor.lastSeq) return; // a duplicate
    if (cursor.epoch !== null && frame.prevSeq === cursor.lastSeq) {
      this.#applyAt(frame.seq, frame.entry);
      this.#drainHeld(link);
      return;
    }
    // A gap: hold this one, pull what comes before it, then apply what was held.
    this.#held.set(frame.seq, frame);
    await this.#pullOrReconnect(link);
  }

  /** A failed pull drops the link: its reconnect's hello pulls again. */
  async #pullOrReconnect(link) {
    try {
      await this.#pull(link);
      return true;
    } catch (e) {
      this.#reportError(e);
      link.reconnect();
      return false;
    }
  }

  /** Pulls the chain after lastSeq until hasMore is false, then applies what was held. */
  async #pull(link) {
    const cursor = this.#cursor;
    for (;;) {
      if (this.#stopped) return;
      const page = await this.#fetchPage(cursor.lastSeq);
      if (this.#stopped) return;
      if (cursor.epoch !== null && page.epoch !== cursor.epoch) {
        await this.#startOver();
        continue;
      }
      cursor.epoch = page.epoch;
      const before = cursor.lastSeq;
      for (const entry of page.entries) {
        if (entry.seq > cursor.lastSeq) this.#applyAt(entry.seq, entry);
      }
      this.#saveCursor();
      if (!page.hasMore || cursor.lastSeq === before) break;
    }
    this.#drainHeld(link);
  }

  #applyAt(seq, entry) {
    this.#apply(entry);
    this.#cursor.lastSeq = seq;
    this.#saveCursor();
  }

  #saveCursor() {
    this.#save({ ...this.#cursor });
  }

  #drainHeld(link) {
    clearTimeout(this.#gapTimer);
    const cursor = this.#cursor;
    let progressed = true;
    while (progressed && this.#held.size > 0) {
      progressed = false;
      for (const seq of [...this.#held.keys()].sort((a, b) => a - b)) {
        const frame = this.#held.get(seq);
        if (seq <= cursor.lastSeq || frame.epoch !== cursor.epoch) {
          this.#held.delete(seq);
        } else if (frame.prevSeq === cursor.lastSeq) {
          this.#held.delete(seq);
          this.#applyAt(seq, frame.entry);
          progressed = true;
        }
      }
    }
    // The pull did not reach the held entries yet: try again shortly.
    if (this.#held.size > 0) this.#retryPullSoon(link);
  }

  #retryPullSoon(link) {
    this.#gapTimer = setTimeout(
      () =>
        this.#enqueue(async () => {
          if (!this.#isLive(link)) return;
          try {
            await this.#pull(link);
          } catch (e) {
            this.#reportError(e);
          }
        }),
      GAP_RETRY_MS,
    );
  }

  /** Forgets the chain position and what was derived from it, and reloads from the server. */
  async #startOver() {
    this.#cursor.epoch = null;
    this.#cursor.lastSeq = 0;
    this.#held.clear();
    this.#saveCursor();
    await this.#reload();
  }
}
