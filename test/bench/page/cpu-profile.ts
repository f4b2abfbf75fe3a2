/** The parts of a CDP `Profiler.Profile` this benchmark reads. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { url: string; functionName: string }; children?: number[] }>;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSplit {
  /** Sampled time with a content-script frame anywhere on the stack (our JS and the DOM work it calls). */
  contentScriptMs: number;
  /** Of contentScriptMs: inside geometry reads (getBoundingClientRect), i.e. the style and layout they force. */
  contentGeometryMs: number;
  /** Sampled time not idle: page scripts, ours, GC, style and layout. */
  busyMs: number;
  /** Where the content script's time went: its frames' own time (with what they call natively), largest first. */
  topContentFrames: Array<{ frame: string; ms: number }>;
  sampleCount: number;
}

/**
 * Splits a CPU profile of the page's renderer main thread: the content script runs in the page's V8
 * isolate (its own world), so its frames carry the extension's `content.js` URL. Native work called
 * from our frames (layout forced by a geometry read, DOM writes) lands under them too.
 */
/** DOM calls that force style and layout to be up to date (their native time shows under these names). */
const GEOMETRY_READS = new Set(['getBoundingClientRect', 'getClientRects', 'getComputedStyle']);

export function splitProfile(profile: CpuProfile, contentScriptUrlPart: string): ProfileSplit {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const ours = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    const known = ours.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const answer = Boolean(node?.callFrame.url.includes(contentScriptUrlPart)) || (up !== undefined && isOurs(up));
    ours.set(id, answer);
    return answer;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let contentUs = 0;
  let geometryUs = 0;
  const byFrame = new Map<string, number>();
  /** The innermost frame of the content script on the stack (native callees are charged to it). */
  const nearestOwnFrame = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame?.url.includes(contentScriptUrlPart)) return `${frame.functionName || '(anonymous)'}`;
    }
    return '(unknown)';
  };
  let busyUs = 0;
  // timeDeltas[i] is the time before sample i; the interval it measures ran the previous sample's stack.
  for (let i = 1; i < samples.length; i++) {
    const id = samples[i - 1]!;
    const us = deltas[i] ?? 0;
    if (byId.get(id)?.callFrame.functionName === '(idle)') continue;
    busyUs += us;
    if (!isOurs(id)) continue;
    contentUs += us;
    const frame = nearestOwnFrame(id);
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + us);
    if (GEOMETRY_READS.has(byId.get(id)?.callFrame.functionName ?? '')) geometryUs += us;
  }
  return {
    contentScriptMs: contentUs / 1000,
    contentGeometryMs: geometryUs / 1000,
    busyMs: busyUs / 1000,
    topContentFrames: [...byFrame]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([frame, us]) => ({ frame, ms: Math.round(us / 100) / 10 })),
    sampleCount: samples.length,
  };
}
