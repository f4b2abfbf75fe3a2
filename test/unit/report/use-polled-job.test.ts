// @vitest-environment happy-dom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { type PolledJobCalls, usePolledJob } from '../../../report/use-polled-job';

interface Status {
  id: string;
  step: number;
  found: string[];
}

/** A fake background: each job runs `steps` polls, bringing one item per poll; records every call. */
function fakeBackground(steps: number, failAtStep?: number) {
  const log: string[] = [];
  let jobs = 0;
  const calls: PolledJobCalls<{ name: string }, Status, string> = {
    start: async ({ name }) => {
      const id = `${name}-${++jobs}`;
      log.push(`start ${id}`);
      return { id, step: 0, found: [] };
    },
    poll: async ({ id, step }) => {
      log.push(`poll ${id} ${step + 1}`);
      if (step + 1 === failAtStep) throw new Error('The background restarted. Load it again.');
      return { id, step: step + 1, found: [`${id}#${step + 1}`] };
    },
    pollAgain: (status) => status.step < steps,
    itemsOf: (status) => status.found,
    stop: async ({ id }) => log.push(`stop ${id}`),
    pollMs: 1,
  };
  return { calls, log };
}

type Seen = ReturnType<typeof usePolledJob<{ name: string }, Status, string>>;

function mount(calls: PolledJobCalls<{ name: string }, Status, string>) {
  const root = document.createElement('div');
  let seen: Seen | undefined;
  function Probe(props: { request: { name: string } | undefined; run: number }) {
    seen = usePolledJob(calls, props.request, [props.run]);
    return null;
  }
  const show = (request: { name: string } | undefined, run: number) =>
    act(() => render(h(Probe, { request, run }), root));
  return { show, seen: () => seen!, unmount: () => act(() => render(null, root)) };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await act(() => new Promise((resolve) => setTimeout(resolve, 2)));
  expect(check()).toBe(true);
};

describe('usePolledJob', () => {
  it('does nothing without a request', async () => {
    const { calls, log } = fakeBackground(3);
    const page = mount(calls);
    await page.show(undefined, 0);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log).toEqual([]);
    expect(page.seen().status).toBeUndefined();
  });

  it('starts the job, polls until told to stop polling, and gathers the streamed items in order', async () => {
    const { calls, log } = fakeBackground(3);
    const page = mount(calls);
    await page.show({ name: 'waste' }, 1);
    await until(() => page.seen().status?.step === 3);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log).toEqual(['start waste-1', 'poll waste-1 1', 'poll waste-1 2', 'poll waste-1 3']);
    expect(page.seen().items).toEqual(['waste-1#1', 'waste-1#2', 'waste-1#3']);
    expect(page.seen().error).toBeUndefined();
  });

  it('shows a failed poll as an error sentence and keeps the items so far', async () => {
    const { calls } = fakeBackground(5, 2);
    const page = mount(calls);
    await page.show({ name: 'search' }, 1);
    await until(() => page.seen().error !== undefined);
    expect(page.seen().error).toBe('The background restarted. Load it again.');
    expect(page.seen().items).toEqual(['search-1#1']);
  });

  it('a new run stops the old job and starts afresh; leaving the page stops the job; stop() stops it', async () => {
    const { calls, log } = fakeBackground(1000);
    const page = mount(calls);
    await page.show({ name: 'search' }, 1);
    await until(() => (page.seen().status?.step ?? 0) >= 1);
    await page.show({ name: 'search' }, 2);
    await until(() => page.seen().status?.id === 'search-2');
    expect(log).toContain('stop search-1');
    expect(page.seen().items.every((item) => item.startsWith('search-2'))).toBe(true);
    page.seen().stop();
    await until(() => log.includes('stop search-2'));
    await page.unmount();
    const stops = log.filter((line) => line === 'stop search-2').length;
    expect(stops).toBe(2);
    const polls = log.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log.length).toBe(polls);
  });
});
