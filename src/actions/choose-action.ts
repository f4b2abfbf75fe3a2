import type { ActionsJson, HookAction } from '../ci/schemas/actions';
import type { TriggerPlan } from './plan-trigger';
import { availableActions, selectHookAction, type ActionTarget } from './select-action';

/** The hook action to trigger and the input to send, once the decision task's actions.json is known. */
export interface ChosenAction {
  action: HookAction;
  actionName: string;
  input: unknown;
  /** Why another action than the planned one is used, as a sentence. */
  fallback?: string | undefined;
}

/**
 * The planned action, or Treeherder's fallback: a push whose actions.json has no `retrigger-multiple` (older
 * pushes, e.g. old revisions pushed to try) is retriggered with `add-new-jobs` and the same labels
 * (mozilla/treeherder `ui/models/job.js`, `retrigger`). `times` goes along when that action takes it (gecko's
 * `add-new-jobs` does); Treeherder sends the labels alone.
 */
export function chooseAction(actionsJson: ActionsJson, plan: TriggerPlan, target: ActionTarget | null): ChosenAction {
  if (plan.actionName !== 'retrigger-multiple' || offers(actionsJson, 'retrigger-multiple', target))
    return {
      action: selectHookAction(actionsJson, plan.actionName, target),
      actionName: plan.actionName,
      input: plan.input,
    };
  const action = selectHookAction(actionsJson, 'add-new-jobs', null);
  const labels = [...new Set(plan.runs.map((run) => run.label))];
  const times = Math.max(1, ...plan.runs.map((run) => run.times));
  const input = times > 1 && takesTimes(action) ? { tasks: labels, times } : { tasks: labels };
  return {
    action,
    actionName: 'add-new-jobs',
    input,
    fallback:
      'This push offers no retrigger-multiple action, so the labels are added again with add-new-jobs, as Treeherder does.',
  };
}

function offers(actionsJson: ActionsJson, name: string, target: ActionTarget | null): boolean {
  return availableActions(actionsJson, target).some((action) => action.name === name);
}

function takesTimes(action: HookAction): boolean {
  const schema = action.schema;
  if (!schema || typeof schema !== 'object') return false;
  const properties = (schema as { properties?: unknown }).properties;
  return !!properties && typeof properties === 'object' && 'times' in properties;
}
