import { satisfiesExpression } from 'taskcluster-lib-scopes';
import type { HookAction } from '../ci/schemas/actions';

/** The scope a decision task must hold for an action's hook to be legitimate (the actions spec). */
export function hookActionScope(action: Pick<HookAction, 'hookGroupId' | 'hookId'>): string {
  return `in-tree:hook-action:${action.hookGroupId}/${action.hookId}`;
}

/** The scope the user's client needs to trigger the hook. */
export function triggerHookScope(action: Pick<HookAction, 'hookGroupId' | 'hookId'>): string {
  return `hooks:trigger-hook:${action.hookGroupId}/${action.hookId}`;
}

/** True when the decision task's (expanded) scopes vouch for the action's hook. */
export function decisionTaskMayUseHook(
  expandedScopes: string[],
  action: Pick<HookAction, 'hookGroupId' | 'hookId'>,
): boolean {
  return satisfiesExpression(expandedScopes, hookActionScope(action));
}

/** The scopes from `needed` that `held` does not satisfy, for an error that names them. */
export function missingScopes(held: string[], needed: string[]): string[] {
  return needed.filter((scope) => !satisfiesExpression(held, scope));
}
