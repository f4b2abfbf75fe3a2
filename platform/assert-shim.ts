/**
 * Browser stand-in for Node's `assert`, which taskcluster-lib-scopes requires. The library only calls
 * `assert(condition, message)`; the build aliases `assert` to this module.
 */
export default function assert(condition: unknown, message?: string): asserts condition {
  if (!condition) throw new Error(message ?? 'Assertion failed');
}
