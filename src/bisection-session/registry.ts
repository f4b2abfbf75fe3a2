import type { BisectionMode } from './mode';
import * as registered from './modes';
import type { BisectionSession } from './session';

/** One of the registered modes. */
export type RegisteredMode = (typeof registered)[keyof typeof registered];

/** The modes the background runs, from the one-line-per-mode list in `modes/index.ts`. */
export const BISECTION_MODES: readonly BisectionMode<BisectionSession>[] = Object.values(registered);
