import { createBackgroundData, type BackgroundData } from './data/background-data';
import { repoOf } from './page-context';
import { createOverlayLayer, type OverlayLayer } from './ui/layer';

/** What every feature is given: one per content-script lifetime, shared by all features. */
export interface FeatureContext {
  /** Aborts when this content script stops (extension reloaded or replaced): everything a feature added goes. */
  readonly signal: AbortSignal;
  /** The one overlay layer every widget lives in (nothing enters React's nodes). */
  readonly layer: OverlayLayer;
  /** What widgets ask the background, cached and throttled. */
  readonly data: BackgroundData;
  /** The repository the page shows; read when needed, since Treeherder changes its URL without reloading. */
  repo(): string;
}

/** One feature of the page; `id` is its file name in content/features/ and names it in warnings. */
export interface ContentFeature {
  readonly id: string;
  start(ctx: FeatureContext): void;
}

export function createFeatureContext(signal: AbortSignal): FeatureContext {
  return {
    signal,
    layer: createOverlayLayer(signal),
    data: createBackgroundData(signal),
    repo: () => repoOf(location.href),
  };
}

/** Starts each feature on its own: one that throws is reported and skipped, and the others still start. */
export function startFeatures(features: ReadonlyArray<ContentFeature>, ctx: FeatureContext): void {
  for (const feature of features) {
    try {
      feature.start(ctx);
    } catch (error) {
      console.warn(`[CI Tools] The feature "${feature.id}" failed to start and is off on this page:`, error);
    }
  }
}
