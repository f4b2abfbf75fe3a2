/**
 * The one DOM watcher for all features: a single MutationObserver, batched per animation frame.
 * Features register (selector, callback); each matching element is handed to the callback once per
 * batch in which it is new or was touched, and the callback must be idempotent (it checks its own
 * marker). Nothing here knows about Treeherder.
 *
 * A batch looks only where the page changed (added subtrees and changed elements, and the elements around
 * them), not at the whole document: on a 200-push page the cost of a poll's re-render is that of the jobs
 * it changed, not of the 100,000 job buttons already there.
 */
type Callback = (element: Element) => void;
interface Registration {
  selector: string;
  callback: Callback;
  name: string;
  /** Searched in the whole document every batch (a single element that follows changes elsewhere). */
  wholePage: boolean;
}

const registrations = new Set<Registration>();
let observer: MutationObserver | undefined;
let scheduled = false;
/** Where the page changed since the last batch: searched within and around. */
const changed = new Set<Element>();
/** Parents of removed nodes: only the elements around them are handed out (a removal adds nothing new). */
const emptied = new Set<Element>();
/** Main-thread time spent in batches, for the page benchmark. */
export const observeStats = { batches: 0, totalMs: 0, maxMs: 0 };

export function observe(
  selector: string,
  callback: Callback,
  options: { signal: AbortSignal; name: string; wholePage?: boolean },
): void {
  const registration: Registration = { selector, callback, name: options.name, wholePage: options.wholePage ?? false };
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
  runRegistration(registration, [document], []);
}

function ensureObserver(): void {
  if (observer) return;
  observer = new MutationObserver((records) => {
    let relevant = false;
    for (const record of records) {
      // Our own widgets changing (badge text, positions) is no reason to look at Treeherder's page again.
      if (isInsideOurUi(record)) continue;
      relevant = true;
      if (record.type === 'attributes') {
        if (record.target instanceof Element) changed.add(record.target);
        continue;
      }
      for (const node of Array.from(record.addedNodes)) if (node instanceof Element) changed.add(node);
      const parent = record.target instanceof Element ? record.target : record.target.parentElement;
      if (parent && (record.removedNodes.length > 0 || record.addedNodes.length > 0)) emptied.add(parent);
    }
    if (relevant) scheduleBatch();
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
  const roots = outermost(changed);
  const around = [...emptied].filter((e) => e.isConnected);
  changed.clear();
  emptied.clear();
  for (const registration of registrations)
    runRegistration(registration, registration.wholePage ? [document] : roots, registration.wholePage ? [] : around);
  const spent = performance.now() - started;
  observeStats.batches++;
  observeStats.totalMs += spent;
  observeStats.maxMs = Math.max(observeStats.maxMs, spent);
}

/** Changed elements still in the page, without those inside another one (searched with it). */
function outermost(elements: ReadonlySet<Element>): Element[] {
  const out: Element[] = [];
  for (const element of elements) {
    if (!element.isConnected) continue;
    let inside = false;
    for (let up = element.parentElement; up && !inside; up = up.parentElement) inside = elements.has(up);
    if (!inside) out.push(element);
  }
  return out;
}

/**
 * Hands out, once each: matches within the changed roots (the roots included), and the nearest match around
 * each root or emptied parent (a change inside a job button or push header concerns that button or header).
 */
function runRegistration(
  registration: Registration,
  roots: ReadonlyArray<Element | Document>,
  around: Element[],
): void {
  const found = new Set<Element>();
  for (const root of roots) {
    if (root instanceof Element) {
      const enclosing = root.closest(registration.selector);
      if (enclosing) found.add(enclosing);
    }
    for (const element of Array.from(root.querySelectorAll(registration.selector))) found.add(element);
  }
  for (const element of around) {
    const enclosing = element.closest(registration.selector);
    if (enclosing) found.add(enclosing);
  }
  for (const element of found) {
    try {
      registration.callback(element);
    } catch (error) {
      // One feature's failure must not stop the others or reach Treeherder's console as uncaught.
      console.warn(`[CI Tools] ${registration.name}:`, error);
    }
  }
}
