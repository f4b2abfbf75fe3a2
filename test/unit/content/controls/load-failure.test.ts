import { describe, expect, it } from 'vitest';
import { describeLoadFailure } from '../../../../content/controls/load-failure';

describe('describeLoadFailure', () => {
  it.each([
    ['Could not reach tc.example to load the task: the network request failed. Check your connection.', 'offline'],
    ['tc.example did not answer in time for the task, even after 3 tries. Try again later.', 'timed out'],
    ['Push 12 has no decision task yet, so its runnable jobs are unknown.', 'no decision task'],
    [
      'Taskcluster did not accept your sign-in for the hook (HTTP 401): sign in to Taskcluster again.',
      'sign-in needed',
    ],
    ['Sign in to Taskcluster first (extension settings) to trigger jobs.', 'sign-in needed'],
    ['Not found: Taskcluster could not find the artifact (HTTP 404).', 'not found'],
    ['Treeherder had a server error (HTTP 503) loading the jobs of push 3. Try again later.', 'server error'],
    ['treeherder changed the shape of /api/jobs/: field "results[3]" is invalid', 'unexpected data'],
    ['Something nobody planned for', 'error'],
  ])('%s → %s', (message, short) => {
    expect(describeLoadFailure(new Error(message)).short).toBe(short);
  });

  it('drops the request line, keeps the sentence, and ends it with a full stop', () => {
    expect(
      describeLoadFailure(new Error('GET https://tc.example/api/queue/v1/task/x failed: Could not reach tc.example')),
    ).toEqual({ short: 'offline', sentence: 'Could not reach tc.example.' });
  });
});
