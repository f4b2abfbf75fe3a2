import 'fake-indexeddb/auto';
import '../../../src/zod-setup';
import { triggerIntentSchema } from '../../../src/actions/intents';
import type { StoredCredentials } from '../../../src/credentials';
import type { TriggerLogEntry } from '../../../src/log/entry';
import { DEFAULT_SETTINGS } from '../../../src/settings';
import { TriggerLog } from '../../../background/triggers/trigger-log';
import { createTriggerPipeline, type PipelineDeps } from '../../../background/triggers/pipeline';
import { createFakeTriggerCi } from './fake-trigger-ci';

export const push = { repo: 'autoland', pushId: 7, revision: 'abcdefabcdef' };
export const creds: StoredCredentials = { clientId: 'me/client', accessToken: 'secret-token-123', source: 'pasted' };

let dbCounter = 0;

/** A pipeline over a fresh log and an in-memory Taskcluster, on a clock the test moves. */
export function setupPipeline(overrides: Partial<PipelineDeps> = {}) {
  const clock = { now: Date.parse('2026-11-24T12:00:00Z') };
  const fake = createFakeTriggerCi(() => clock.now);
  const log = new TriggerLog(`trigger-test-${dbCounter++}-${Math.random()}`);
  const triggered: TriggerLogEntry[] = [];
  const schedules: boolean[] = [];
  let ids = 0;
  const deps: PipelineDeps = {
    ci: fake.ci,
    log,
    credentials: async () => creds,
    settings: async () => DEFAULT_SETTINGS,
    onTriggered: (e) => {
      triggered.push(e);
    },
    now: () => clock.now,
    newId: () => `log-${++ids}`,
    scheduleReconcile: (active) => {
      schedules.push(active);
    },
    ...overrides,
  };
  const advance = (ms: number) => {
    clock.now += ms;
  };
  /** The same log and Taskcluster, as after the background was stopped and started again. */
  const restart = (more: Partial<PipelineDeps> = {}) =>
    createTriggerPipeline({ ...deps, beforeNetwork: undefined, afterNetwork: undefined, ...more });
  return { deps, pipeline: createTriggerPipeline(deps), fake, log, triggered, schedules, clock, advance, restart };
}

export const retrigger = (times = 3, labels = ['test-a']) =>
  triggerIntentSchema.parse({ kind: 'retrigger', push, labels, times });

export const stopped = async () => {
  throw new Error('worker stopped');
};
