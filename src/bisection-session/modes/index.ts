/**
 * Every bisection mode, one line each. A new mode is one file in this folder (its session fields, declared into
 * `SessionKinds`, and its `BisectionMode` object) plus its line here; `../registry` lists them for the runner.
 */
export { failureMode } from './failure';
export { retriggerUntilFailMode } from './retrigger-until-fail';
export { perfMode } from './perf';
export { newBaselineMode } from './new-baseline';
