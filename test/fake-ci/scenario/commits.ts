import { revision } from '../ids';
import type { Rng } from '../rng';
import type { Commit } from '../model/types';

const PEOPLE = [
  ['Ada Lovelace', 'alovelace@mozilla.com'],
  ['Grace Hopper', 'ghopper@mozilla.com'],
  ['Edsger Dijkstra', 'edijkstra@mozilla.com'],
  ['Barbara Liskov', 'bliskov@mozilla.com'],
  ['Donald Knuth', 'dknuth@mozilla.com'],
  ['Frances Allen', 'fallen@mozilla.com'],
  ['Ken Thompson', 'kthompson@mozilla.com'],
  ['Radia Perlman', 'rperlman@mozilla.com'],
] as const;

const REVIEWERS = ['smaug', 'emilio', 'jgraham', 'mconley', 'Gijs', 'jandem', 'nika', 'bholley'];

const AREAS: Array<{ component: string; dir: string; nouns: string[] }> = [
  {
    component: 'DOM',
    dir: 'dom/base',
    nouns: ['event dispatch', 'node cloning', 'attribute parsing', 'mutation observers'],
  },
  {
    component: 'Layout',
    dir: 'layout/generic',
    nouns: ['flex sizing', 'grid placement', 'line breaking', 'scroll anchoring'],
  },
  {
    component: 'Networking',
    dir: 'netwerk/protocol/http',
    nouns: ['HTTP/3 fallback', 'cache validation', 'proxy setup'],
  },
  { component: 'JavaScript Engine', dir: 'js/src/jit', nouns: ['inline caches', 'baseline compiler', 'GC barriers'] },
  {
    component: 'Graphics: WebRender',
    dir: 'gfx/wr/webrender/src',
    nouns: ['picture caching', 'blob rasterization', 'clip chains'],
  },
  {
    component: 'Frontend',
    dir: 'browser/components/tabbrowser',
    nouns: ['tab groups', 'session restore', 'urlbar results'],
  },
  { component: 'DevTools', dir: 'devtools/client/netmonitor', nouns: ['request panel', 'HAR export', 'throttling'] },
];

const VERBS = ['Fix', 'Refactor', 'Simplify', 'Speed up', 'Handle', 'Add telemetry for', 'Remove dead code in'];

export interface PushMeta {
  pusher: string;
  commits: Commit[];
}

/** 1–4 commits for a push, newest first (Treeherder order), with bug numbers, reviewers and files. */
export function makeCommits(rng: Rng, bugBase: number): PushMeta {
  const count = rng.int(1, 4);
  const [name, email] = rng.pick(PEOPLE);
  const commits: Commit[] = [];
  for (let i = 0; i < count; i++) {
    const area = rng.pick(AREAS);
    const bug = bugBase + rng.int(0, 99_999);
    const fileCount = rng.int(1, 4);
    const files: string[] = [];
    for (let f = 0; f < fileCount; f++)
      files.push(`${area.dir}/${rng.pick(['Core', 'Utils', 'Manager', 'Parent', 'Child'])}${rng.int(1, 9)}.cpp`);
    commits.push({
      revision: revision(rng),
      author: `${name} <${email}>`,
      comments: `Bug ${bug} - ${rng.pick(VERBS)} ${rng.pick(area.nouns)} (${area.component}). r=${rng.pick(REVIEWERS)}`,
      files,
      bug,
    });
  }
  return { pusher: email, commits };
}
