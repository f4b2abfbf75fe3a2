import jsone from 'json-e';
import type { ActionsJson, HookAction } from '../ci/schemas/actions';

export interface ActionContext {
  /** The decision task id (= the push's task group id). */
  taskGroupId: string;
  /** The task acted on; null for push-level actions. */
  taskId: string | null;
  /** The action's input; null when the action has no schema. */
  input: unknown;
}

export class PayloadRenderError extends Error {
  override readonly name = 'PayloadRenderError';
}

/**
 * Renders the action's hookPayload with JSON-e, with the same context Treeherder builds: the
 * actions.json variables, overridden by taskGroupId, taskId and input.
 */
export function renderHookPayload(
  action: HookAction,
  actionsJson: Pick<ActionsJson, 'variables'>,
  context: ActionContext,
): Record<string, unknown> {
  const jsoneContext = {
    ...actionsJson.variables,
    taskGroupId: context.taskGroupId,
    taskId: context.taskId,
    input: context.input,
  };
  let rendered: unknown;
  try {
    rendered = jsone(action.hookPayload, jsoneContext);
  } catch (error) {
    throw new PayloadRenderError(
      `Could not render the "${action.name}" action's payload: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof rendered !== 'object' || rendered === null || Array.isArray(rendered)) {
    throw new PayloadRenderError(`The "${action.name}" action's payload did not render to an object.`);
  }
  return rendered as Record<string, unknown>;
}
