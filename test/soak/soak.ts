/**
 * `npm run soak`: seeded, bounded trials of "one click is one trigger" against the fake CI in real browsers
 * (issue 15). Each trial sends one intent from the Treeherder page's content script, while the fake CI may act
 * and then fail (5xx after acting, an answer after the client's timeout, a cut-off body), the background may
 * be stopped at a point of the trigger, two identical clicks may race, or a page script may click the
 * extension's own controls. Trials run in segments, one per clock of Taskcluster (right, 5 minutes ahead,
 * 5 minutes behind); each segment ends by letting the extension settle, then scores intents against what the
 * fake CI received (tally.ts). Not a timed test: numbers, not pass/fail.
 *
 *   npm run soak -- [--trials 200] [--seed 1] [--browsers chromium,firefox] [--out bench-results]
 *
 * Needs the development build (node scripts/build.mjs --dev).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { selectors } from '../../content/selectors';
import { pasteClient, sendFromExtensionPage } from '../e2e/extension-pages';
import { jobsOfPush } from '../e2e/fake-data';
import { BROWSERS, launch, type BrowserName } from '../e2e/harness/browsers';
import type { E2eBrowser, E2ePage } from '../e2e/harness/types';
import { sendFromContentScript } from '../e2e/helpers';
import { hashString, Rng } from '../fake-ci/rng';
import { startFakeCi, type FakeCi } from '../fake-ci/server';
import {
  replyIsWrong,
  soakTable,
  tallyTrials,
  type FinalRecord,
  type HookCall,
  type IntentRecord,
  type Reply,
  type SoakTally,
} from './tally';

const { values: args } = parseArgs({
  options: {
    trials: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    browsers: { type: 'string', default: BROWSERS.join(',') },
    out: { type: 'string', default: 'bench-results' },
  },
});
const TOTAL_TRIALS = Number(args.trials);
const SEED = Number(args.seed);
const BROWSER_NAMES = args.browsers
  .split(',')
  .filter((b): b is BrowserName => (BROWSERS as readonly string[]).includes(b));
const SKEWS = [
  { name: 'clock right', ms: 0 },
  { name: 'clock +5 min', ms: 5 * 60_000 },
  { name: 'clock −5 min', ms: -5 * 60_000 },
];
/** A reply that takes longer than this was lost to a stopped background. */
const REPLY_TIMEOUT_MS = 40_000;

type Fault = 'none' | 'error-after-acting' | 'malformed-after-acting' | 'late-after-timeout';
type Stop = 'none' | 'after-network' | 'mid-call';
type Kind = 'click' | 'race' | 'synthetic';

interface TrialPlan {
  kind: Kind;
  fault: Fault;
  stop: Stop;
  label: string;
  times: number;
}

interface ExtApi {
  storage: { local: { set(values: Record<string, unknown>): Promise<void> } };
}

/** The seeded plan of one trial: what kind, which fault, where the background stops. */
function planTrial(rng: Rng, key: { label: string; times: number }): TrialPlan {
  const kindDraw = rng.next();
  const kind: Kind = kindDraw < 0.05 ? 'synthetic' : kindDraw < 0.17 ? 'race' : 'click';
  const faultDraw = rng.next();
  let fault: Fault =
    faultDraw < 0.4
      ? 'none'
      : faultDraw < 0.62
        ? 'error-after-acting'
        : faultDraw < 0.84
          ? 'malformed-after-acting'
          : faultDraw < 0.9
            ? 'late-after-timeout'
            : 'none';
  const stopDraw = rng.next();
  const stop: Stop =
    kind !== 'click' ? 'none' : stopDraw < 0.15 ? 'after-network' : stopDraw < 0.3 ? 'mid-call' : 'none';
  if (stop !== 'none' && fault === 'late-after-timeout') fault = 'none';
  return { kind, fault, stop, ...key };
}

const keyOf = (label: string, times: number) => `${label} ×${times}`;

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function toReply(raw: { ok: boolean; result?: unknown; error?: string } | 'timeout'): Reply {
  if (raw === 'timeout') return { kind: 'interrupted' };
  if (raw.ok) return { kind: 'outcome', status: String((raw.result as { status?: unknown })?.status) };
  const message = raw.error ?? '';
  // What each browser says when the background stops before answering (Firefox: the promise "went out of scope").
  if (
    /message (channel|port) closed|Receiving end|context invalidated|did not answer|Extension context|went out of scope/i.test(
      message,
    )
  )
    return { kind: 'interrupted' };
  return { kind: 'error', message };
}

async function setDevPause(browser: E2eBrowser, on: boolean): Promise<void> {
  const options = await browser.openExtensionPage('options/options.html');
  await options.waitFor('[data-testid="cit-settings-form"]', 15000);
  await options.evaluate(async (value) => {
    const api = ((globalThis as { browser?: ExtApi }).browser ?? (globalThis as { chrome?: ExtApi }).chrome)!;
    await api.storage.local.set({ devPauseAfterTrigger: value });
  }, on);
  await options.close();
}

async function waitForHookCalls(fake: FakeCi, atLeast: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (fake.state().hookTriggers.length < atLeast && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
}

/** A page script (main world) clicks the extension's Retrigger control of a failing job, then Go and Confirm. */
async function syntheticClick(page: E2ePage): Promise<boolean> {
  return page.evaluate(async (failing) => {
    // No named helpers in the page function (see openJobsPage); this one is a plain arrow.
    const wait = async (selector: string, ms = 5000) => {
      const deadline = Date.now() + ms;
      for (;;) {
        const el = document.querySelector<HTMLElement>(selector);
        if (el && !(el as HTMLButtonElement).disabled) return el;
        if (Date.now() > deadline) return null;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const job = document.querySelector(failing);
    if (!job) return false;
    job.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
    job.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0 }));
    const control = await wait('[data-testid="cit-retrigger"]');
    if (!control) return false;
    control.click();
    const go = await wait('[data-testid="cit-retrigger-popover-go"]');
    if (!go) return false;
    go.click();
    const confirm = await wait('[data-testid="cit-confirm"]', 1500);
    confirm?.click();
    return true;
  }, selectors.failingJobButton);
}

interface SegmentResult {
  tally: SoakTally;
  problems: unknown[];
  syntheticReached: number;
  kinds: Record<string, number>;
  faults: Record<string, number>;
  stops: Record<string, number>;
  seconds: number;
}

async function runSegment(
  browserName: BrowserName,
  browser: E2eBrowser,
  skew: { name: string; ms: number },
  trials: number,
  seed: number,
): Promise<SegmentResult> {
  const started = Date.now();
  // A scenario seed of its own per segment: fakes with one seed reuse task ids, which real Taskcluster never does.
  const fake = await startFakeCi({
    scenario: 'default',
    clockSkewMs: skew.ms,
    seed: hashString(`${seed}|${browserName}|${skew.name}|scenario`) % 1_000_000,
  });
  try {
    let page = await openJobsPage(browser, fake);
    const options = await browser.openExtensionPage('options/options.html');
    await options.waitFor('[data-testid="cit-settings-form"]', 15000);
    // Remembered, so a Firefox add-on reload (which clears storage.session) keeps the sign-in.
    await sendFromExtensionPage(options, 'updateSettings', { rememberCredentials: true, dailyTaskCap: 5000 });
    await options.close();
    const signedIn = await pasteClient(browser, fake.credentials);
    if (!signedIn.startsWith('Saved client')) throw new Error(`sign-in failed: ${signedIn}`);

    const pushes = (await (await fetch(`${fake.url}/api/project/autoland/push/?count=1`)).json()) as {
      results: { id: number; revision: string }[];
    };
    const push = pushes.results[0]!;
    const labels = [
      ...new Set(
        (await jobsOfPush(fake, 'autoland', push.id)).map((j) => j.label).filter((l) => l.startsWith('test-')),
      ),
    ].slice(0, 40);
    const keys = labels.flatMap((label) => Array.from({ length: 9 }, (_, i) => ({ label, times: i + 1 })));
    const rng = new Rng(hashString(`${seed}|${browserName}|${skew.name}`));
    // Seeded shuffle of the unique (label, times) intents.
    for (let i = keys.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    }
    if (keys.length < trials) throw new Error(`only ${keys.length} distinct intents for ${trials} trials`);

    const intents: IntentRecord[] = [];
    const syntheticWindows: Array<{ key: string; from: number; to: number }> = [];
    const faults: Record<string, number> = {};
    const kinds: Record<string, number> = {};
    const stops: Record<string, number> = {};
    let syntheticReached = 0;

    for (let n = 0; n < trials; n++) {
      const plan = planTrial(rng.fork(`trial ${n}`), keys[n]!);
      faults[plan.fault] = (faults[plan.fault] ?? 0) + 1;
      kinds[plan.kind] = (kinds[plan.kind] ?? 0) + 1;
      stops[plan.stop] = (stops[plan.stop] ?? 0) + 1;
      const key = keyOf(plan.label, plan.times);
      const intent = {
        kind: 'retrigger',
        push: { repo: 'autoland', pushId: push.id, revision: push.revision },
        labels: [plan.label],
        times: plan.times,
      };
      const send = () =>
        withTimeout(sendFromContentScript(page, 'trigger', { intent, confirmed: false }), REPLY_TIMEOUT_MS).then(
          toReply,
        );
      fake.setAfterActingFaults({
        actThenErrorRate: plan.fault === 'error-after-acting' ? 1 : 0,
        actThenMalformedRate: plan.fault === 'malformed-after-acting' ? 1 : 0,
        actThenLateRate: plan.fault === 'late-after-timeout' || plan.stop === 'mid-call' ? 1 : 0,
        lateAnswerMs: plan.stop === 'mid-call' ? 3_000 : 32_000,
      });
      const before = fake.state().hookTriggers.length;

      if (plan.kind === 'synthetic') {
        const from = fake.state().hookTriggers.length;
        if (await syntheticClick(page).catch(() => false)) syntheticReached++;
        await new Promise((r) => setTimeout(r, 2000));
        syntheticWindows.push({ key: `synthetic ${n}`, from, to: fake.state().hookTriggers.length });
        intents.push({ key: `synthetic ${n}`, replies: [], synthetic: true });
      } else if (plan.kind === 'race') {
        const replies = await Promise.all([send(), send()]);
        intents.push({ key, replies });
      } else if (plan.stop === 'after-network') {
        await setDevPause(browser, true);
        const pending = send();
        await waitForHookCalls(fake, before + 1, 15_000);
        await setDevPause(browser, false);
        await browser.restartBackground();
        intents.push({
          key,
          replies: [
            await withTimeout(pending, 3000).then((r) => (r === 'timeout' ? ({ kind: 'interrupted' } as Reply) : r)),
          ],
        });
        page = await reopen(browser, page, fake);
      } else if (plan.stop === 'mid-call') {
        const pending = send();
        await waitForHookCalls(fake, before + 1, 15_000);
        await new Promise((r) => setTimeout(r, rng.int(100, 1500)));
        await browser.restartBackground();
        intents.push({
          key,
          replies: [
            await withTimeout(pending, 3000).then((r) => (r === 'timeout' ? ({ kind: 'interrupted' } as Reply) : r)),
          ],
        });
        page = await reopen(browser, page, fake);
      } else {
        intents.push({ key, replies: [await send()] });
      }
    }

    // Settle: no more faults, Taskcluster's clock past every window, then let the background reconcile.
    fake.setAfterActingFaults({ actThenErrorRate: 0, actThenMalformedRate: 0, actThenLateRate: 0 });
    await new Promise((r) => setTimeout(r, 2000));
    fake.advance(3 * 60_000);
    const popup = await browser.openExtensionPage('popup/popup.html');
    await popup.waitFor('[data-testid="cit-export-log"]', 20000);
    type Entry = {
      state: string;
      actionTaskId?: string;
      createdAt: number;
      input: { requests?: { tasks: string[]; times: number }[] } | null;
    };
    let entries: Entry[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      await sendFromExtensionPage(popup, 'pollTrackedNow', {});
      entries = await sendFromExtensionPage<Entry[]>(popup, 'listTriggerLog', { limit: 1000 });
      if (!entries.some((e) => e.state === 'pending' || e.state === 'unclear')) break;
      await new Promise((r) => setTimeout(r, 3000));
    }
    await popup.close();
    await page.close();

    const records = new Map<string, FinalRecord>();
    const rawByKey = new Map<string, Entry>();
    for (const entry of [...entries].sort((a, b) => a.createdAt - b.createdAt)) {
      const request = entry.input?.requests?.[0];
      if (!request?.tasks[0]) continue;
      const key = keyOf(request.tasks[0], request.times);
      if (entry.state !== 'merged' && entry.state !== 'refused') {
        records.set(key, { key, state: entry.state, actionTaskId: entry.actionTaskId });
        rawByKey.set(key, entry);
      }
    }
    const hookTriggers = fake.state().hookTriggers;
    const calls: HookCall[] = [];
    hookTriggers.forEach((call, index) => {
      if (call.statusCode !== 200 || !call.actionTaskId) return;
      const synthetic = syntheticWindows.find((w) => index >= w.from && index < w.to);
      const request = (call.payload as { user?: { input?: { requests?: { tasks: string[]; times: number }[] } } }).user
        ?.input?.requests?.[0];
      const key = synthetic?.key ?? (request?.tasks[0] ? keyOf(request.tasks[0], request.times) : `unknown ${index}`);
      calls.push({ key, actionTaskId: call.actionTaskId });
    });
    const tally = tallyTrials(trials, intents, calls, [...records.values()]);
    // What went wrong, intent by intent, so a non-zero cell can be looked into.
    const problems = intents
      .filter((intent) => !intent.synthetic)
      .map((intent) => {
        const received = calls.filter((c) => c.key === intent.key);
        const record = records.get(intent.key);
        const fine =
          received.length <= 1 &&
          !intent.replies.some((reply) => replyIsWrong(reply, received.length > 0)) &&
          (record?.state === 'triggered'
            ? received.some((c) => c.actionTaskId === record.actionTaskId)
            : received.length === 0);
        return fine
          ? undefined
          : { key: intent.key, replies: intent.replies, calls: received, record: rawByKey.get(intent.key) };
      })
      .filter((p) => p !== undefined);
    for (const problem of problems) {
      const created = await Promise.all(
        problem.calls.map(async (c) => {
          const res = await fetch(`${fake.url}/api/queue/v1/task/${c.actionTaskId}`);
          return { created: ((await res.json()) as { created: string }).created, date: res.headers.get('date') };
        }),
      );
      console.log(
        `  ${browserName}, ${skew.name}: ${JSON.stringify({ ...problem, created, simNow: new Date(fake.now()).toISOString() })}`,
      );
    }
    return {
      tally,
      problems,
      syntheticReached,
      kinds,
      faults,
      stops,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await fake.close();
  }
}

async function reopen(browser: E2eBrowser, page: E2ePage, fake: FakeCi): Promise<E2ePage> {
  await page.close().catch(() => undefined);
  return openJobsPage(browser, fake);
}

/**
 * The jobs page, ready. tsx keeps function names by wrapping them in `__name(…)`, which does not exist in
 * the page, so the e2e helpers' page functions get a do-nothing one there.
 */
async function openJobsPage(browser: E2eBrowser, fake: FakeCi): Promise<E2ePage> {
  const page = await browser.open(`${fake.url}/jobs?repo=autoland`);
  await page.waitFor('[data-testid="cit-status"][data-state="connected"]', 30000);
  await page.evaluate(() => {
    (globalThis as { __name?: unknown }).__name = (f: unknown) => f;
  });
  return page;
}

async function main(): Promise<void> {
  const segments = BROWSER_NAMES.length * SKEWS.length;
  const perSegment = Math.max(1, Math.ceil(TOTAL_TRIALS / segments));
  const rows: Array<{ name: string; tally: SoakTally }> = [];
  const details: Array<Record<string, unknown>> = [];
  for (const browserName of BROWSER_NAMES) {
    const browser = await launch(browserName);
    try {
      for (const skew of SKEWS) {
        const result = await runSegment(browserName, browser, skew, perSegment, SEED);
        const name = `${browserName}, ${skew.name}`;
        rows.push({ name, tally: result.tally });
        details.push({ name, ...result });
        console.log(`${name}: ${JSON.stringify(result.tally)} (${result.seconds} s)`);
      }
    } finally {
      await browser.close();
    }
  }
  const table = soakTable(rows);
  console.log(`\n${table}\n`);
  const out = resolve(args.out);
  await mkdir(out, { recursive: true });
  const when = new Date().toISOString();
  await writeFile(
    resolve(out, 'soak.json'),
    `${JSON.stringify({ when, seed: SEED, trials: TOTAL_TRIALS, perSegment, segments: details }, null, 2)}\n`,
  );
  await writeFile(
    resolve(out, 'soak.md'),
    `# Soak: exactly once (npm run soak)\n\n${when}, seed ${SEED}, ${perSegment} trials per browser and clock.\n\n${table}\n\n` +
      details
        .map(
          (d) =>
            `- ${d.name}: trials ${JSON.stringify(d.kinds)}, faults ${JSON.stringify(d.faults)}, stops ${JSON.stringify(d.stops)}, synthetic clicks that reached Go: ${d.syntheticReached}, ${d.seconds} s`,
        )
        .join('\n') +
      '\n',
  );
}

await main();
