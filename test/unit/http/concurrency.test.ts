import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestHttp, jsonResponse } from './fake-fetch';

const Any = z.looseObject({});
const what = { source: 'treeherder' as const, endpoint: '/api/jobs/', what: 'jobs' };

describe('per-host concurrency limit', () => {
  it('runs at most N requests at once against one host, without blocking other hosts', async () => {
    const active = new Map<string, number>();
    const peak = new Map<string, number>();
    const t = createTestHttp(
      async (request) => {
        const host = new URL(request.url).host;
        active.set(host, (active.get(host) ?? 0) + 1);
        peak.set(host, Math.max(peak.get(host) ?? 0, active.get(host)!));
        await new Promise((resolve) => setTimeout(resolve, 5));
        active.set(host, active.get(host)! - 1);
        return jsonResponse({});
      },
      { perHostConcurrency: 2 },
    );
    const work = [];
    for (let i = 0; i < 6; i += 1) work.push(t.http.getJson(`https://th.example/api/jobs/?page=${i}`, Any, what));
    for (let i = 0; i < 3; i += 1) work.push(t.http.getJson(`https://tc.example/task/${i}`, Any, what));
    await Promise.all(work);
    expect(peak.get('th.example')).toBe(2);
    expect(peak.get('tc.example')).toBe(2);
    expect(t.fake.requests).toHaveLength(9);
  });
});
