import { describe, expect, it } from 'vitest';
import '../../../src/zod-setup';
import { applySettingsPatch, DEFAULT_SETTINGS, resolveServiceUrls, settingsPatchSchema } from '../../../src/settings';

describe('settings', () => {
  it('defaults to production URLs and the page-discovered URLs win over them', () => {
    expect(resolveServiceUrls({}, DEFAULT_SETTINGS)).toEqual({
      treeherderUrl: 'https://treeherder.mozilla.org',
      taskclusterRootUrl: 'https://firefox-ci-tc.services.mozilla.com',
      hgUrl: 'https://hg.mozilla.org',
    });
    const local = resolveServiceUrls(
      { treeherderUrl: 'http://127.0.0.1:5000/', taskclusterRootUrl: 'http://127.0.0.1:5000' },
      DEFAULT_SETTINGS,
    );
    expect(local.treeherderUrl).toBe('http://127.0.0.1:5000');
    expect(local.hgUrl).toBe('https://hg.mozilla.org');
  });

  it('overrides win, and an empty override clears', () => {
    const s = applySettingsPatch(DEFAULT_SETTINGS, { overrides: { taskclusterRootUrl: 'https://stage.example' } });
    expect(resolveServiceUrls({ taskclusterRootUrl: 'http://page' }, s).taskclusterRootUrl).toBe(
      'https://stage.example',
    );
    const cleared = applySettingsPatch(s, { overrides: { taskclusterRootUrl: '' } });
    expect(cleared.overrides).toEqual({});
  });

  it('rejects out-of-range budgets, unknown keys and non-http URLs', () => {
    expect(settingsPatchSchema.safeParse({ dailyTaskCap: 0 }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ dailyTaskCap: 300 }).success).toBe(true);
    expect(settingsPatchSchema.safeParse({ accessToken: 'x' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ overrides: { hgUrl: 'javascript:alert(1)' } }).success).toBe(false);
  });
});
