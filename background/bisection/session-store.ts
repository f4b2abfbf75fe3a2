import type { BisectionSession } from '../../src/bisection-session/session';
import { type StoredSession, upgradeStoredSession } from '../../src/bisection-session/stored';
import { readKey, writeKey } from '../storage/storage';

const BISECTIONS_KEY = 'bisections';

/** Bisection sessions in `storage.local`; sessions stored by earlier versions are read in today's shape. */
export const sessionStore = {
  load: async (): Promise<BisectionSession[]> =>
    ((await readKey<StoredSession[]>('local', BISECTIONS_KEY)) ?? []).map(upgradeStoredSession),
  save: (sessions: BisectionSession[]) => writeKey('local', BISECTIONS_KEY, sessions),
};
