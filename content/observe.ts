/**
 * The one DOM watcher for all features: a single MutationObserver, batched per animation frame.
 * Features register (selector, callback); each matching element is handed to the callback once per
 * batch in which it is new or was touched, and the callback must be idempotent (it checks its own
 * marker). Nothing here knows about Treeherder.
 */
type Callback = (element: Element) => void;
interface Registration {
  selector: string;
  callback: Callback;
  name: string;
}

const registrations = new Set<Registration>();
let observer: MutationObserver | undefined;
let scheduled = false;
/** Main-thread time spent in batches, for the page benchmark. */
export const observeStats = { batches: 0, totalMs: 0, maxMs: 0 };

export function observe(selector: string, callback: Callback, options: { signal: AbortSignal; name: string }): void {
  const registration: Registration = { selector, callback, name: options.name };
  registrations.add(registration);
  options.signal.addEventListener(
    'abort',
    () => {
      registrations.delete(registration);
      if (registrations.size === 0) {
        observer?.disconnect();
        observer = undefined;
      }
    },
    { once: true },
  );
  ensureObserver();
  runRegistration(registration, document);
}

function ensureObserver(): void {
  if (observer) return;
  observer = new MutationObserver((records) => {
    // Our own widgets changing (badge text, positions) is no reason to look at Treeherder's page again.
    if (records.every(isInsideOurUi)) return;
    scheduleBatch();
  });
  observer.observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['class', 'data-status', 'title'],
  });
}

function isInsideOurUi(record: MutationRecord): boolean {
  const target = record.target instanceof Element ? record.target : record.target.parentElement;
  return target?.closest('[data-testid="cit-layer"]') != null;
}

function scheduleBatch(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(runBatch);
}

function runBatch(): void {
  scheduled = false;
  const started = performance.now();
  for (const registration of registrations) runRegistration(registration, document);
  const spent = performance.now() - started;
  observeStats.batches++;
  observeStats.totalMs += spent;
  observeStats.maxMs = Math.max(observeStats.maxMs, spent);
}

function runRegistration(registration: Registration, root: ParentNode): void {
  for (const element of Array.from(root.querySelectorAll(registration.selector))) {
    try {
      registration.callback(element);
    } catch (error) {
      // One feature's failure must not stop the others or reach Treeherder's console as uncaught.
      console.warn(`[CI Tools] ${registration.name}:`, error);
    }
  }
}
