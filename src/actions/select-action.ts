import type { Action, ActionsJson, HookAction } from '../ci/schemas/actions';

/** The task an action would act on: its id and its tags (from queue.task). Null for push-level. */
export interface ActionTarget {
  taskId: string;
  tags: Record<string, string>;
}

export class ActionUnavailableError extends Error {
  override readonly name = 'ActionUnavailableError';
}

/** A task matches a tag-set when its tags include every entry of the set (`{}` matches any task). */
export function tagSetMatches(tagSet: Record<string, string>, tags: Record<string, string>): boolean {
  return Object.entries(tagSet).every(([key, value]) => tags[key] === value);
}

/**
 * The actions offered for a push (no task) or a task, the way Treeherder filters them: kinds
 * hook/task only, the first entry per name wins, push-level needs an empty context, task-level needs
 * a tag-set that the task's tags satisfy.
 */
export function availableActions(actionsJson: ActionsJson, target: ActionTarget | null): Action[] {
  const seen = new Set<string>();
  const out: Action[] = [];
  for (const action of actionsJson.actions) {
    const applies =
      target === null
        ? action.context.length === 0
        : action.context.some((tagSet) => tagSetMatches(tagSet, target.tags));
    if (!applies || seen.has(action.name)) continue;
    seen.add(action.name);
    out.push(action);
  }
  return out;
}

/** Finds the named hook action for the target or says in a sentence why it is not there. */
export function selectHookAction(actionsJson: ActionsJson, name: string, target: ActionTarget | null): HookAction {
  const action = availableActions(actionsJson, target).find((candidate) => candidate.name === name);
  if (!action) {
    const where = target ? `task ${target.taskId}` : 'this push';
    const offered = availableActions(actionsJson, target).map((a) => a.name);
    throw new ActionUnavailableError(
      `The decision task offers no "${name}" action for ${where}` +
        (offered.length ? ` (it offers: ${offered.join(', ')}).` : '.'),
    );
  }
  if (action.kind !== 'hook') {
    throw new ActionUnavailableError(
      `The "${name}" action is a legacy task action; only hook actions can be triggered.`,
    );
  }
  return action;
}
