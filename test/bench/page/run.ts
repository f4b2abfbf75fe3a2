import type { CDPSession, Page } from 'playwright-core';
import { OBSERVE_STATS_ATTRIBUTE } from '../../../content/dev-observe-stats';
import { NetworkModel, type NetworkModelSpec } from '../../fake-ci/network-model';
import { startFakeCi, type FakeCi } from '../../fake-ci/server';
import { launchBenchBrowser, type BenchBrowser } from './browser';
import { splitProfile, type CpuProfile, type ProfileSplit } from './cpu-profile';
import { censusOfJobsFetches } from './jobs-fetches';
import { census, type Census } from './network-census';
import type { WatcherState } from './page-watcher';
import { serviceWorkerHeap, stopServiceWorkers, type HeapUsage } from './worker-heap';

/** One page size under one network model: a cold visit, re-render batches, a warm visit, maybe an hour. */
export interface RunConfig {
  model: NetworkModelSpec;
  pushes: number;
  /** Polls with changed jobs whose re-render batches are measured. */
  polls: number;
  /** Also keep the warm visit open for an hour of simulated polling (background memory, bytes per hour). */
  hour: boolean;
  /** Also a warm visit (after the first, worker stopped). */
  warm: boolean;
  extensionDir: string;
  scenario: string;
}

export interface VisitResult {
  /** The page's own load time: navigation start to its data being in (`#push-list > span.ready`). */
  readyAtMs: number;
  /** After readyAt: the end of the page's first frame with its data (its own rendering, before which nothing of ours can run). */
  paintedMs: number | null;
  viewportBadges: number;
  /** After readyAt; null when some were not final by the timeout. */
  viewportDoneMs: number | null;
  allBadges: number;
  allDoneMs: number | null;
  pending: number;
  errors: Record<string, string>;
  /** Requests and bytes from navigation until every badge was final (or the timeout), plus a settle. */
  census: Census;
  /** Logical /api/jobs/ list fetches per push by the extension (issue 6: at most one). */
  extensionJobsFetchesMaxPerPush: number;
}

export interface BatchResult {
  polls: number;
  rerendered: number;
  changedJobs: number[];
  observe: { batches: number; totalMs: number; maxMs: number; meanMs: number };
  profile: ProfileSplit;
  /** Content-script time (CPU profile, everything it ran) per observe batch. */
  contentPerBatchMs: number;
  /** Content script's share of the busy main thread in the poll window (page + extension + GC + layout). */
  contentShareOfBusy: number;
  /** Off-screen badges were still loading when the polls began (their replies count here too). */
  badgesStillLoading?: boolean;
}

export interface HourResult {
  simulatedMinutes: number;
  polls: number;
  landedPushes: number;
  census: Census;
  heapBefore: HeapUsage;
  heapAfter: HeapUsage;
  /** Off-screen badges of the visit were still loading when the hour began. */
  badgesStillLoading: boolean;
}

export interface RunResult {
  model: NetworkModelSpec;
  pushes: number;
  setup: {
    jobsScheduled: number;
    failingJobs: number;
    jobButtons: number;
    runnableLabels: number;
    fakeStartMs: number;
  };
  cold: VisitResult;
  batches: BatchResult;
  warm: VisitResult | null;
  hour: HourResult | null;
}

const EPOCH_MS = Date.UTC(2026, 10, 20, 12);
/** The page polls this often while batches are measured (Treeherder: 60 s). */
const POLL_MS = 2000;
/** Simulated time moved before each measured poll, so running jobs change state. */
const ADVANCE_PER_POLL_MS = 4 * 60_000;
const SETTLE_MS = 800;
/** After the badges in view: how long a visit waits for the off-screen ones (loaded on idle). */
const ALL_BADGES_WAIT_MS = 30_000;
const WARM_ALL_BADGES_WAIT_MS = 10_000;
/** Before measuring re-render batches, off-screen badges may finish loading for this long more. */
const SETTLE_BEFORE_BATCHES_MS = 20_000;
/** The hour: 60 polls of the real 60 s interval, played one per second of wall time. */
const HOUR_POLL_MS = 1000;
const HOUR_POLLS = 60;
/** A push lands on autoland every few minutes at busy times. */
const LAND_EVERY_POLLS = 5;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function watcher(page: Page): Promise<WatcherState> {
  return page.evaluate(() => (window as unknown as { __citBench: WatcherState }).__citBench);
}

async function observeStats(page: Page): Promise<{ batches: number; totalMs: number; maxMs: number }> {
  const raw = await page.evaluate((name) => document.documentElement.getAttribute(name), OBSERVE_STATS_ATTRIBUTE);
  if (!raw) throw new Error(`<html> has no ${OBSERVE_STATS_ATTRIBUTE}: is the extension a development build?`);
  return JSON.parse(raw) as { batches: number; totalMs: number; maxMs: number };
}

export async function runPageSize(config: RunConfig, log: (line: string) => void): Promise<RunResult> {
  const network = new NetworkModel(config.model);
  const started = Date.now();
  const fake = await startFakeCi({
    scenario: config.scenario,
    pushes: config.pushes,
    timeScale: 0,
    pollIntervalMs: POLL_MS,
    epochMs: EPOCH_MS,
    network,
  });
  const fakeStartMs = Date.now() - started;
  const browser = await launchBenchBrowser(config.extensionDir);
  try {
    const url = (pollMs: number) => `${fake.url}/jobs?repo=${fake.truth.repo}&count=${config.pushes}&poll=${pollMs}`;
    /** The page's own load grows with its pushes (about 60 s for 200 on this machine). */
    const timeoutMs = 30_000 + config.pushes * 400;

    const cold = await visit(browser, fake, network, url(POLL_MS), timeoutMs, ALL_BADGES_WAIT_MS);
    const jobButtons = await cold.page.evaluate(
      () => document.querySelectorAll('#push-list button.job-btn[data-job-id]').length,
    );
    const onPage = new Set(cold.state.pushIds.map(Number));
    const setup = {
      jobsScheduled: fake.truth.pushes.filter((p) => onPage.has(p.id)).reduce((sum, p) => sum + p.scheduled, 0),
      failingJobs: cold.state.failingJobIds.length,
      jobButtons,
      runnableLabels: fake.truth.runnableLabels,
      fakeStartMs,
    };
    log(
      `  cold: page data in ${Math.round(cold.result.readyAtMs)} ms; viewport badges (${cold.result.viewportBadges}) +${fmt(cold.result.viewportDoneMs)}, all (${cold.result.allBadges}) +${fmt(cold.result.allDoneMs)}; ` +
        `${setup.jobsScheduled} jobs, ${setup.failingJobs} failing; extension ${cold.result.census.extension.requests} requests, page ${cold.result.census.page.requests}`,
    );

    // Re-render batches only: the off-screen badges still loading on idle would count as batch work.
    const settleDeadline = Date.now() + SETTLE_BEFORE_BATCHES_MS;
    let settled = cold.state;
    while (settled.doneAt === null && Date.now() < settleDeadline) {
      await sleep(500);
      settled = await watcher(cold.page);
    }
    const batches = await measureBatches(cold.page, cold.cdp, fake, config.polls, browser.extensionId);
    batches.badgesStillLoading = settled.doneAt === null;
    log(
      `  batches: ${batches.observe.batches} in ${batches.polls} polls; observe mean ${batches.observe.meanMs.toFixed(2)} ms, content script ${batches.contentPerBatchMs.toFixed(2)} ms per batch, ${(batches.contentShareOfBusy * 100).toFixed(1)} % of the busy main thread; ${batches.profile.topContentFrames
        .slice(0, 4)
        .map((f) => `${f.frame} ${f.ms} ms`)
        .join(', ')}`,
    );
    await stopServiceWorkers(cold.cdp);
    await cold.page.close();
    if (!config.warm)
      return { model: config.model, pushes: config.pushes, setup, cold: cold.result, batches, warm: null, hour: null };

    const warm = await visit(
      browser,
      fake,
      network,
      url(config.hour ? HOUR_POLL_MS : POLL_MS),
      timeoutMs,
      WARM_ALL_BADGES_WAIT_MS,
    );
    log(
      `  warm: page data in ${Math.round(warm.result.readyAtMs)} ms; viewport +${fmt(warm.result.viewportDoneMs)}, all +${fmt(warm.result.allDoneMs)}; extension ${warm.result.census.extension.requests} requests ${Math.round(warm.result.census.extension.bytes / 1000)} KB, page ${Math.round(warm.result.census.page.bytes / 1000)} KB`,
    );
    const hour = config.hour ? await simulateHour(warm.page, warm.cdp, fake, network, browser, log) : null;
    await warm.page.close();
    return { model: config.model, pushes: config.pushes, setup, cold: cold.result, batches, warm: warm.result, hour };
  } finally {
    await browser.close();
    await fake.close();
  }
}

const fmt = (ms: number | null) => (ms === null ? 'not final' : `${Math.round(ms)} ms`);

async function visit(
  browser: BenchBrowser,
  fake: FakeCi,
  network: NetworkModel,
  url: string,
  timeoutMs: number,
  allWaitMs: number,
): Promise<{ page: Page; cdp: CDPSession; state: WatcherState; result: VisitResult }> {
  const logStart = network.log.length;
  const apiStart = fake.state().apiRequests.length;
  const { page, cdp } = await browser.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  // First the page's data and the badges in view, then (a while at most) every badge.
  const deadline = Date.now() + timeoutMs;
  let state = await watcher(page);
  while (state.viewportDoneAt === null && Date.now() < deadline) {
    await sleep(250);
    state = await watcher(page);
  }
  const allDeadline = Date.now() + allWaitMs;
  while (state.doneAt === null && Date.now() < allDeadline) {
    await sleep(250);
    state = await watcher(page);
  }
  if (state.readyAt === null) throw new Error(`The page's data was not in after ${timeoutMs / 1000} s (${url}).`);
  await sleep(500); // requests still in flight when the last badge settled
  const readyAt = state.readyAt;
  if (process.env['BENCH_TRACE']) {
    const readyEpoch = state.timeOrigin + readyAt;
    const rel = (t: number) => Math.round(performance.timeOrigin + t - readyEpoch);
    for (const e of network.log.slice(logStart)) {
      if (e.referer?.startsWith(`${fake.url}/jobs`) || e.service === 'page' || e.service === 'control') continue;
      console.log(
        `    ext ${rel(e.arrivedAt)}→${rel(e.sentAt)} ms ${e.service} ${e.path}?${e.query.slice(0, 60)} ${e.bytes} B${e.late ? ' LATE' : ''}`,
      );
    }
    console.log(
      `    painted +${state.paintedAt === null ? '?' : Math.round(state.paintedAt - readyAt)} ms; viewport keys ${state.viewportKeys.join(' ')}; final ${state.viewportKeys.map((k) => `${k}+${Math.round((state.finalAt[k] ?? Number.NaN) - readyAt)}`).join(' ')}`,
    );
  }
  const keys = [...state.failingJobIds.map((id) => `job:${id}`), ...state.pushIds.map((id) => `push:${id}`)];
  const jobs = censusOfJobsFetches(fake.state().apiRequests.slice(apiStart), `${fake.url}/jobs`);
  const onPage = state.pushIds.map(Number);
  return {
    page,
    cdp,
    state,
    result: {
      readyAtMs: readyAt,
      paintedMs: state.paintedAt === null ? null : state.paintedAt - readyAt,
      viewportBadges: state.viewportKeys.length,
      viewportDoneMs: state.viewportDoneAt === null ? null : Math.max(0, state.viewportDoneAt - readyAt),
      allBadges: keys.length,
      allDoneMs: state.doneAt === null ? null : Math.max(0, state.doneAt - readyAt),
      pending: keys.filter((k) => !(k in state.finalAt)).length,
      errors: state.errors,
      census: census(network.log.slice(logStart), `${fake.url}/jobs`),
      extensionJobsFetchesMaxPerPush: Math.max(0, ...onPage.map((id) => jobs.extension.perPush.get(id) ?? 0)),
    },
  };
}

async function measureBatches(
  page: Page,
  cdp: CDPSession,
  fake: FakeCi,
  polls: number,
  extensionId: string,
): Promise<BatchResult> {
  await sleep(1500);
  await page.evaluate(() => window.postMessage({ citDevResetObserveStats: true }, '*'));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const changedJobs: number[] = [];
  let rerendered = 0;
  for (let poll = 1; poll <= polls; poll++) {
    const before = (await watcher(page)).renders;
    fake.advance(ADVANCE_PER_POLL_MS);
    const pollDeadline = Date.now() + POLL_MS * 3;
    let now = await watcher(page);
    while (now.renders === before && Date.now() < pollDeadline) {
      await sleep(100);
      now = await watcher(page);
    }
    if (now.renders > before) {
      rerendered += 1;
      changedJobs.push(now.renderedJobs.slice(before).reduce((a, b) => a + b, 0));
    }
    await sleep(SETTLE_MS);
  }
  const profile = splitProfile((await cdp.send('Profiler.stop')).profile as CpuProfile, `${extensionId}/content.js`);
  await sleep(1100); // the dev build publishes observeStats once a second
  const stats = await observeStats(page);
  return {
    polls,
    rerendered,
    changedJobs,
    observe: { ...stats, meanMs: stats.batches ? stats.totalMs / stats.batches : Number.NaN },
    profile,
    contentPerBatchMs: stats.batches ? profile.contentScriptMs / stats.batches : Number.NaN,
    contentShareOfBusy: profile.busyMs ? profile.contentScriptMs / profile.busyMs : Number.NaN,
  };
}

async function simulateHour(
  page: Page,
  cdp: CDPSession,
  fake: FakeCi,
  network: NetworkModel,
  browser: BenchBrowser,
  log: (line: string) => void,
): Promise<HourResult> {
  // An hour of an open tab, not the rest of the first load: off-screen badges finish first (a while at most).
  const settleDeadline = Date.now() + SETTLE_BEFORE_BATCHES_MS * 2;
  while ((await watcher(page)).doneAt === null && Date.now() < settleDeadline) await sleep(500);
  const stillLoading = (await watcher(page)).doneAt === null;
  const heapBefore = await serviceWorkerHeap(cdp, browser.extensionId);
  const logStart = network.log.length;
  let landed = 0;
  for (let poll = 1; poll <= HOUR_POLLS; poll++) {
    fake.advance(60_000);
    if (poll % LAND_EVERY_POLLS === 0) {
      fake.landPush();
      landed += 1;
    }
    await sleep(HOUR_POLL_MS);
  }
  await sleep(2000);
  const hourCensus = census(network.log.slice(logStart), `${fake.url}/jobs`);
  const heapAfter = await serviceWorkerHeap(cdp, browser.extensionId);
  log(
    `  hour: ${HOUR_POLLS} polls, ${landed} pushes landed; extension ${hourCensus.extension.requests} requests ${Math.round(hourCensus.extension.bytes / 1000)} KB, page ${hourCensus.page.requests} requests ${Math.round(hourCensus.page.bytes / 1000)} KB; worker heap ${(heapBefore.usedSize / 1e6).toFixed(1)} → ${(heapAfter.usedSize / 1e6).toFixed(1)} MB`,
  );
  return {
    simulatedMinutes: HOUR_POLLS,
    polls: HOUR_POLLS,
    landedPushes: landed,
    census: hourCensus,
    heapBefore,
    heapAfter,
    badgesStillLoading: stillLoading,
  };
}
