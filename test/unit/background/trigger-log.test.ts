import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TriggerLog } from '../../../background/triggers/trigger-log';
import { tasksUsedSince, toNdjson, type TriggerLogEntry } from '../../../src/log/entry';

const DAY = 86_400_000;
const entry = (id: string, createdAt: number, state: TriggerLogEntry['state'], expectedTasks = 3): TriggerLogEntry => ({
  id,
  createdAt,
  updatedAt: createdAt,
  operation: 'retrigger',
  actionName: 'retrigger-multiple',
  input: { requests: [] },
  push: { repo: 'autoland', pushId: 1, revision: 'abcdefabcdef' },
  summary: `entry ${id}`,
  dedupeKey: id,
  expectedTasks,
  machineMinutes: 30,
  state,
  createdTaskIds: [],
  origin: id === 'b' ? 'bisect:x:0:1' : undefined,
});

describe('trigger log', () => {
  it('keeps entries durably, finds by origin, lists newest first, and prunes past retention', async () => {
    const log = new TriggerLog('log-test-1');
    const now = 100 * DAY;
    await log.put(entry('old', now - 91 * DAY, 'triggered'));
    await log.put(entry('a', now - 2 * DAY, 'triggered'));
    await log.put(entry('b', now - DAY, 'pending'));
    expect((await log.recent(2)).map((e) => e.id)).toEqual(['b', 'a']);
    expect((await log.pending()).map((e) => e.id)).toEqual(['b']);
    expect((await log.byOrigin('bisect:x:0:1', 0))?.id).toBe('b');
    expect(await log.update('b', { state: 'triggered', actionTaskId: 'T' }, now)).toMatchObject({
      state: 'triggered',
      actionTaskId: 'T',
      updatedAt: now,
    });
    expect(await log.prune(90, now)).toBe(1);
    expect((await log.all()).map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('exports one JSON object per line, and counts sent or possibly sent tasks against the cap', () => {
    const entries = [
      entry('a', 10, 'triggered', 5),
      entry('b', 20, 'pending', 2),
      entry('c', 30, 'failed', 7),
      entry('d', 5, 'triggered', 9),
    ];
    const ndjson = toNdjson(entries);
    expect(ndjson.split('\n')).toHaveLength(5);
    expect(JSON.parse(ndjson.split('\n')[1]!)).toMatchObject({ id: 'b', state: 'pending' });
    expect(toNdjson([])).toBe('');
    expect(tasksUsedSince(entries, 10)).toBe(7);
  });

  it('a write resolves only once its transaction has committed: an aborted commit fails it', async () => {
    const log = new TriggerLog('log-test-commit');
    await log.put(entry('first', 1, 'triggered'));
    // Abort every readwrite transaction right after its request succeeded, before it can commit.
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = put.apply(this, args);
      request.addEventListener('success', () => this.transaction.abort());
      return request;
    };
    try {
      await expect(log.put(entry('second', 2, 'pending'))).rejects.toThrow();
      await expect(log.update('first', { state: 'failed' }, 3)).rejects.toThrow();
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect((await log.all()).map((e) => [e.id, e.state])).toEqual([['first', 'triggered']]);
  });

  it('keeps unsettled records past retention (they are evidence), and finds them', async () => {
    const log = new TriggerLog('log-test-unsettled');
    await log.put(entry('old-unclear', 1, 'unclear'));
    await log.put(entry('old-pending', 2, 'pending'));
    await log.put(entry('old-done', 3, 'triggered'));
    expect(await log.prune(1, 10 * DAY)).toBe(1);
    expect((await log.unsettled()).map((e) => e.id)).toEqual(['old-unclear', 'old-pending']);
  });
});
