// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { observe } from '../../../content/observe';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

describe('observe', () => {
  it('handles existing and later elements, and stops on abort', async () => {
    document.body.innerHTML = '<div id="push-list"><button class="job" data-id="1"></button></div>';
    const seen: string[] = [];
    const controller = new AbortController();
    observe(
      'button.job',
      (el) => {
        if (el.hasAttribute('data-done')) return; // idempotent callbacks mark what they handled
        el.setAttribute('data-done', '');
        seen.push(el.getAttribute('data-id')!);
      },
      { signal: controller.signal, name: 'test' },
    );
    expect(seen).toEqual(['1']);

    const added = document.createElement('button');
    added.className = 'job';
    added.dataset.id = '2';
    document.getElementById('push-list')!.append(added);
    await nextFrame();
    expect(seen).toEqual(['1', '2']);

    controller.abort();
    const late = added.cloneNode() as HTMLElement;
    late.dataset.id = '3';
    late.removeAttribute('data-done');
    document.getElementById('push-list')!.append(late);
    await nextFrame();
    expect(seen).toEqual(['1', '2']);
  });

  it('keeps other features running when one callback throws', async () => {
    document.body.innerHTML = '<p class="x"></p>';
    const controller = new AbortController();
    let calls = 0;
    observe(
      'p.x',
      () => {
        throw new Error('broken feature');
      },
      { signal: controller.signal, name: 'broken' },
    );
    observe(
      'p.x',
      () => {
        calls++;
      },
      { signal: controller.signal, name: 'fine' },
    );
    document.querySelector('p.x')!.append(document.createElement('span')); // a batch looks where the page changed
    await nextFrame();
    expect(calls).toBeGreaterThanOrEqual(2);
    controller.abort();
  });

  it('ignores changes inside its own overlay layer', async () => {
    document.body.innerHTML =
      '<div id="push-list"></div><div data-testid="cit-layer"><span class="badge"></span></div>';
    const controller = new AbortController();
    let calls = 0;
    observe(
      '#push-list',
      () => {
        calls++;
      },
      { signal: controller.signal, name: 'counter' },
    );
    const initial = calls;
    document.querySelector('.badge')!.textContent = '↶7';
    document.querySelector('[data-testid="cit-layer"]')!.append(document.createElement('div'));
    await nextFrame();
    expect(calls).toBe(initial);
    document.getElementById('push-list')!.append(document.createElement('div'));
    await nextFrame();
    expect(calls).toBe(initial + 1);
    controller.abort();
  });
});
