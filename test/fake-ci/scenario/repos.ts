import { createHash } from 'node:crypto';
import type { RepoInfo } from '../model/types';

interface RepoMeta extends Omit<RepoInfo, 'hookHash'> {
  /** First Treeherder push id. */
  pushIdStart: number;
  /** Default first hg pushlog id (a scenario may set its own for its main repository). */
  pushlogIdStart: number;
}

const REPOS: Record<string, RepoMeta> = {
  autoland: {
    id: 77,
    name: 'autoland',
    path: 'integration/autoland',
    level: '3',
    isTry: false,
    description: 'The destination for automatically landed Firefox commits.',
    performanceAlertsEnabled: true,
    pushIdStart: 1_600_001,
    pushlogIdStart: 262_001,
  },
  'mozilla-central': {
    id: 1,
    name: 'mozilla-central',
    path: 'mozilla-central',
    level: '3',
    isTry: false,
    description: '',
    performanceAlertsEnabled: true,
    pushIdStart: 1_580_001,
    pushlogIdStart: 42_001,
  },
  try: {
    id: 4,
    name: 'try',
    path: 'try',
    level: '1',
    isTry: true,
    description: '',
    performanceAlertsEnabled: false,
    pushIdStart: 1_590_001,
    pushlogIdStart: 510_001,
  },
};

export function repoMeta(name: string): RepoMeta {
  const meta = REPOS[name];
  if (!meta) throw new Error(`the fake CI knows repositories ${Object.keys(REPOS).join(', ')}, not "${name}"`);
  return meta;
}

export function repoInfo(name: string): RepoInfo {
  const { pushIdStart: _a, pushlogIdStart: _b, ...info } = repoMeta(name);
  return { ...info, hookHash: hookHash(info.path, info.level) };
}

/** First 10 hex of a sha256, like the hash Gecko puts in in-tree action hook ids. */
function hookHash(path: string, level: string): string {
  return createHash('sha256').update(`${path}/.taskcluster.yml level ${level}`).digest('hex').slice(0, 10);
}
