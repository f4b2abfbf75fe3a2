import { describe, expect, it } from 'vitest';
import { HostLimiter, pageHostBudget, TREEHERDER_READS_AT_ONCE } from '../../../src/http';

describe('per-host budget', () => {
  it('runs fewer requests at once against the page’s own host than against the others', async () => {
    const limiter = new HostLimiter(pageHostBudget((host) => host === 'treeherder.example'));
    const release: Array<() => void> = [];
    const hold = () => new Promise<void>((done) => release.push(done));
    const started = { treeherder: 0, taskcluster: 0 };
    const runs = [
      ...Array.from({ length: 8 }, () =>
        limiter.run('https://treeherder.example/api/jobs/', () => {
          started.treeherder += 1;
          return hold();
        }),
      ),
      ...Array.from({ length: 8 }, () =>
        limiter.run('https://tc.example/api/queue/v1/task/x', () => {
          started.taskcluster += 1;
          return hold();
        }),
      ),
    ];
    await new Promise((done) => setTimeout(done, 0));
    expect(started).toEqual({ treeherder: TREEHERDER_READS_AT_ONCE, taskcluster: 6 });
    expect(limiter.activeCount('treeherder.example')).toBe(TREEHERDER_READS_AT_ONCE);
    while (release.length) {
      for (const done of release.splice(0)) done();
      await new Promise((done) => setTimeout(done, 0));
    }
    await Promise.all(runs);
    expect(started).toEqual({ treeherder: 8, taskcluster: 8 });
  });
});
