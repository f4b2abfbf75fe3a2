/**
 * npm run bench — the Treeherder page at production scale (issue 17), in headless Chromium with the
 * development build on the fake CI's jobs page (scenario "scale": about 10,000 runnable labels per push, about
 * 1,000 jobs on an ordinary push and 5,000 on a backstop), under production-like network models
 * (test/fake-ci/network-model.ts: latency per service from arrival, so requests overlap; a bandwidth; decision
 * artifacts served gzip-encoded). Every figure names the model and page size it ran under.
 *
 * Each run (one model, one page size) uses a fresh browser profile:
 *  1. cold visit: badges in the viewport (and all badges) after the page's own data, as a ratio to the page's
 *     own load time; bytes the extension and the page downloaded;
 *  2. re-render batches over polls with changing jobs: content-script time per batch (CPU profile) and its
 *     share of the busy main thread;
 *  3. warm visit after the worker was stopped ("after the first visit"): the same badges and bytes;
 *  4. on the 50-push page under the 150 ms model, an hour of polling (60 polls, a push landing every 5 min):
 *     bytes per hour and the service worker's JS heap (CDP, after a full GC).
 * Prints the targets met/missed, writes bench-results/page.json and bench-results/page.md. Misses are misses.
 *
 * Options: --no-build (reuse dist/dev-chrome), --no-write (print only), --quick (one model, 10 and 50 pushes,
 * no hour), --polls <n> (8), --scenario <name> (scale).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDevExtension } from '../../scripts/demo/build';
import { devBuildDir } from '../e2e/harness/browsers';
import { describeNetworkModel, parseNetworkModel, type NetworkModelSpec } from '../fake-ci/network-model';
import { kb } from './page/network-census';
import { formatTable, markdownTable, ms, type TargetRow } from './page/report';
import { runPageSize, type RunResult } from './page/run';

/** Production as seen from Europe/US-east: Treeherder's API, Taskcluster's queue, its redirect, storage, hg. */
const PROD_150 = parseNetworkModel(
  'prod-150:treeherder=150±30,taskcluster=100±20,taskcluster-redirect=80±15,artifact=40±10,hg=120±20,bandwidth=10MB',
);
/** A near network (or a fast office line): the same shape at a fifth of the latency. */
const NEAR_30 = parseNetworkModel(
  'near-30:treeherder=30±6,taskcluster=20±4,taskcluster-redirect=15±3,artifact=10±2,hg=25±5,bandwidth=50MB',
);

const TARGET_VIEWPORT_MS = 1000;
const TARGET_BYTES_SHARE = 0.5;
const TARGET_BATCH_MS = 5;
const TARGET_BATCH_SHARE = 0.1;
const TARGET_HEAP_BYTES = 50e6;

const root = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    polls: { type: 'string', default: '8' },
    scenario: { type: 'string', default: 'scale' },
  },
});

interface Plan {
  model: NetworkModelSpec;
  pushes: number;
  hour: boolean;
  warm: boolean;
}

const plans: Plan[] = args.quick
  ? [
      { model: PROD_150, pushes: 10, hour: false, warm: true },
      { model: PROD_150, pushes: 50, hour: false, warm: true },
    ]
  : [
      { model: PROD_150, pushes: 10, hour: false, warm: true },
      { model: PROD_150, pushes: 50, hour: true, warm: true },
      // The 200-push page takes the fake's page about a minute to load: batches and growth only.
      { model: PROD_150, pushes: 200, hour: false, warm: false },
      { model: NEAR_30, pushes: 10, hour: false, warm: true },
      { model: NEAR_30, pushes: 50, hour: false, warm: true },
    ];

const log = (line: string) => console.log(line);
const under = (r: RunResult) => `${r.model.name}, ${r.pushes} pushes`;
const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`;
const ratio = (x: number) => `${x.toFixed(2)}×`;

function viewportRows(runs: RunResult[]): TargetRow[] {
  return runs
    .filter((r) => r.pushes <= 50)
    .map((r) => {
      const { cold, warm } = r;
      const errors = Object.keys(cold.errors).length;
      const describe = (v: RunResult['cold'] | null, label: string) =>
        v === null
          ? `${label}: not run`
          : v.viewportDoneMs === null
            ? `${label}: not final in time`
            : `${label}: ${ms(v.viewportDoneMs)} after the page's data, which took ${ms(v.readyAtMs)} (ratio ${ratio(v.viewportDoneMs / v.readyAtMs)}; the page's own first frame with it took ${v.paintedMs === null ? '?' : ms(v.paintedMs)})`;
      return {
        metric: "every badge in the viewport final after the page's own data",
        under: under(r),
        target: r.model === PROD_150 ? `≤ ${TARGET_VIEWPORT_MS} ms` : `(context) ≤ ${TARGET_VIEWPORT_MS} ms`,
        measured:
          `${cold.viewportBadges} badges; ${describe(cold, 'cold')}; ${describe(warm, 'warm')}; ` +
          `all ${cold.allBadges} badges +${cold.allDoneMs === null ? `(${cold.pending} not final)` : ms(cold.allDoneMs)}; ${errors} in error`,
        met: cold.viewportDoneMs !== null && cold.viewportDoneMs <= TARGET_VIEWPORT_MS && errors === 0,
      };
    });
}

function bytesRows(runs: RunResult[]): TargetRow[] {
  const rows: TargetRow[] = runs
    .filter((r) => r.model === PROD_150 && r.warm !== null)
    .map((r) => {
      const w = (r.warm ?? r.cold).census;
      const share = w.extension.bytes / Math.max(1, w.pageData.bytes);
      return {
        metric: 'bytes the extension downloads per visit, after the first, vs the page’s own data',
        under: under(r),
        target: `≤ ${pct(TARGET_BYTES_SHARE)}`,
        measured:
          `${pct(share)}: extension ${kb(w.extension.bytes)} in ${w.extension.requests} requests, page data ${kb(w.pageData.bytes)} in ${w.pageData.requests} (+ ${kb(w.page.bytes - w.pageData.bytes)} of its HTML and script); ` +
          `first visit: extension ${kb(r.cold.census.extension.bytes)} (${pct(r.cold.census.extension.bytes / Math.max(1, r.cold.census.pageData.bytes))} of the page's data)`,
        met: share <= TARGET_BYTES_SHARE,
      };
    });
  for (const r of runs) {
    if (!r.hour) continue;
    const h = r.hour.census;
    const share = h.extension.bytes / Math.max(1, h.pageData.bytes);
    rows.push({
      metric: 'bytes the extension downloads per hour of an open tab vs the page’s own',
      under: `${under(r)}, 60 polls, ${r.hour.landedPushes} pushes landed`,
      target: `≤ ${pct(TARGET_BYTES_SHARE)}`,
      measured: `${pct(share)}: extension ${kb(h.extension.bytes)} in ${h.extension.requests} requests, page data ${kb(h.pageData.bytes)} in ${h.pageData.requests}${r.hour.badgesStillLoading ? ' (the visit’s off-screen badges were still loading when the hour began: their first downloads count here)' : ''}`,
      met: share <= TARGET_BYTES_SHARE,
    });
  }
  return rows;
}

function batchRows(runs: RunResult[]): TargetRow[] {
  return runs
    .filter((r) => r.model === PROD_150)
    .map((r) => {
      const b = r.batches;
      return {
        metric: 'content-script main-thread time per re-render batch, and its share of the batch’s',
        under: under(r),
        target: `< ${TARGET_BATCH_MS} ms and < ${pct(TARGET_BATCH_SHARE)}`,
        measured:
          `${ms(b.contentPerBatchMs)} per batch (CPU profile, all our work, of which ${ms(b.profile.contentGeometryMs / Math.max(1, b.observe.batches))} in geometry reads that force the page's pending layout; observe helper alone mean ${ms(b.observe.meanMs)}, max ${ms(b.observe.maxMs)}); ` +
          `${pct(b.contentShareOfBusy)} of ${ms(b.profile.busyMs)} busy main thread (Treeherder's page: ${ms(b.profile.busyMs - b.profile.contentScriptMs)}) over ${b.observe.batches} batches in ${b.polls} polls${b.badgesStillLoading ? ' (off-screen badges were still loading, so their replies count here too)' : ''}`,
        met:
          b.observe.batches > 0 && b.contentPerBatchMs < TARGET_BATCH_MS && b.contentShareOfBusy < TARGET_BATCH_SHARE,
      };
    });
}

function memoryRows(runs: RunResult[]): TargetRow[] {
  return runs.flatMap((r) =>
    r.hour
      ? [
          {
            metric: 'background (service worker) JS heap after an hour of polling',
            under: `${under(r)}, 60 polls`,
            target: `< ${TARGET_HEAP_BYTES / 1e6} MB`,
            measured: `${(r.hour.heapAfter.usedSize / 1e6).toFixed(1)} MB used after a full GC (${(r.hour.heapBefore.usedSize / 1e6).toFixed(1)} MB after the page loaded)`,
            met: r.hour.heapAfter.usedSize < TARGET_HEAP_BYTES,
          },
        ]
      : [],
  );
}

function growthRows(runs: RunResult[]): TargetRow[] {
  const sizes = runs.filter((r) => r.model === PROD_150).sort((a, b) => a.pushes - b.pushes);
  const rows: TargetRow[] = [];
  for (let i = 1; i < sizes.length; i++) {
    const small = sizes[i - 1]!;
    const big = sizes[i]!;
    const factor = big.pushes / small.pushes;
    const grow = (pick: (r: RunResult) => number) => pick(big) / Math.max(1, pick(small));
    const requests = grow((r) => r.cold.census.extension.requests);
    const bytes = grow((r) => r.cold.census.extension.bytes);
    rows.push({
      metric: 'cost growth: extension requests and bytes as pushes grow',
      under: `${big.model.name}, ${small.pushes} → ${big.pushes} pushes (×${factor})`,
      target: `each ≤ ×${factor}`,
      measured: `requests ×${requests.toFixed(2)} (${small.cold.census.extension.requests} → ${big.cold.census.extension.requests}), bytes ×${bytes.toFixed(2)} (${kb(small.cold.census.extension.bytes)} → ${kb(big.cold.census.extension.bytes)}); first visits, every badge`,
      met: requests <= factor && bytes <= factor,
    });
  }
  return rows;
}

function jobsFetchRows(runs: RunResult[]): TargetRow[] {
  return runs
    .filter((r) => r.model === PROD_150)
    .map((r) => ({
      metric: 'extra jobs-list fetches per push by the extension (issue 6)',
      under: under(r),
      target: '≤ 1',
      measured: `max ${r.cold.extensionJobsFetchesMaxPerPush} on the first visit`,
      met: r.cold.extensionJobsFetchesMaxPerPush <= 1,
    }));
}

async function main(): Promise<number> {
  if (!args['no-build']) {
    log('Building the development extension (node scripts/build.mjs --dev)…');
    await buildDevExtension();
  }
  const began = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const runs: RunResult[] = [];
  for (const plan of plans) {
    log(
      `Run: ${plan.model.name} (${describeNetworkModel(plan.model)}), ${plan.pushes} pushes${plan.hour ? ', then an hour' : ''}`,
    );
    runs.push(
      await runPageSize(
        {
          model: plan.model,
          pushes: plan.pushes,
          polls: Number(args.polls),
          hour: plan.hour,
          warm: plan.warm,
          extensionDir: devBuildDir('chromium'),
          scenario: args.scenario,
        },
        log,
      ),
    );
  }
  const rows = [
    ...viewportRows(runs),
    ...bytesRows(runs),
    ...batchRows(runs),
    ...memoryRows(runs),
    ...growthRows(runs),
    ...jobsFetchRows(runs),
  ];
  const wallS = Math.round((Date.now() - began) / 1000);
  // The machine is shared: its load says how far absolute times can be trusted (the ratios hold better).
  const load = `load average ${loadBefore.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end (2 cores)`;
  log('');
  log(formatTable(rows));
  log('');
  log(`${rows.filter((r) => r.met).length} of ${rows.length} targets met; ${wallS} s; ${load}.`);
  if (!args['no-write']) writeResults(runs, rows, wallS, load);
  return 0;
}

function writeResults(runs: RunResult[], rows: TargetRow[], wallS: number, load: string): void {
  const dir = resolve(root, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const date = new Date().toISOString();
  const models = [...new Map(runs.map((r) => [r.model.name, r.model])).values()];
  writeFileSync(
    resolve(dir, 'page.json'),
    `${JSON.stringify({ date, wallSeconds: wallS, load, scenario: args.scenario, models, targets: rows, runs }, null, 2)}\n`,
  );
  const setupLines = runs.map(
    (r) =>
      `- ${under(r)}: ${r.setup.runnableLabels.toLocaleString('en-US')} runnable labels per push, ${r.setup.jobsScheduled.toLocaleString('en-US')} jobs scheduled on the page's pushes ` +
      `(${r.setup.jobButtons.toLocaleString('en-US')} job buttons in the DOM), ${r.setup.failingJobs} failing jobs; ${r.cold.viewportBadges} badges in the first viewport of ${r.cold.allBadges}; ` +
      `fake responses later than the model (the fake was the bottleneck): ${r.cold.census.late} on the first visit.`,
  );
  writeFileSync(
    resolve(dir, 'page.md'),
    [
      '# Treeherder page benchmark (`npm run bench`)',
      '',
      `Headless Chromium, development build, fake CI scenario "${args.scenario}", run ${date.slice(0, 10)} in ${wallS} s on the project's 2-core machine (${load}). Network models:`,
      '',
      ...models.map((m) => `- **${m.name}**: ${describeNetworkModel(m)}`),
      '',
      markdownTable(rows),
      '',
      'Runs:',
      '',
      ...setupLines,
      '',
      'Times are read every 20 ms from the page (performance.now() since navigation). "The page\'s data" is the fake jobs page\'s `#push-list > span.ready` (pushes and every job list in); ' +
        "the ratio divides the extension's time after it by the page's own load time in the same run. Bytes are on the wire (compressed bodies and headers) from the network model's log: " +
        "the page's requests carry its URL as Referer, the extension's background sends none. A warm visit follows the first after the service worker was stopped. " +
        "Content-script time is sampled (CPU profile, 0.2 ms) over polls whose jobs changed; the busy main thread also holds the page's own rendering, GC, style and layout.",
      '',
    ].join('\n'),
  );
  log('Wrote bench-results/page.json and bench-results/page.md');
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return 1;
});
process.exit();
