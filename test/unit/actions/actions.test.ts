import { describe, expect, it } from 'vitest';
import '../../../src/zod-setup';
import { ActionsJsonSchema, type ActionsJson, type HookAction } from '../../../src/ci/schemas/actions';
import { renderHookPayload } from '../../../src/actions/render-payload';
import {
  decisionTaskMayUseHook,
  hookActionScope,
  missingScopes,
  triggerHookScope,
} from '../../../src/actions/scope-check';
import { ActionUnavailableError, availableActions, selectHookAction } from '../../../src/actions/select-action';
import { HAVE_SAMPLES, NO_SAMPLES_REASON, readSampleJson } from '../../samples';

describe.skipIf(!HAVE_SAMPLES)(
  `actions on the real 2020 autoland actions.json${HAVE_SAMPLES ? '' : ` (${NO_SAMPLES_REASON})`}`,
  () => {
    const actionsJson = (): ActionsJson => ActionsJsonSchema.parse(readSampleJson('treeherder/initialActions.json'));
    const task = () => readSampleJson<{ tags: Record<string, string> }>('treeherder/originalTask.json');

    it('filters by context exactly like Treeherder (matches reducedActions.json)', () => {
      const expected = readSampleJson<{ name: string }[]>('treeherder/reducedActions.json').map((a) => a.name);
      const names = availableActions(actionsJson(), { taskId: 'abcdefghijklmnopqrstuv', tags: task().tags }).map(
        (a) => a.name,
      );
      expect(names).toEqual(expected);
    });

    it('offers push-level actions only when there is no task', () => {
      const names = availableActions(actionsJson(), null).map((a) => a.name);
      expect(names).toEqual(
        expect.arrayContaining(['add-new-jobs', 'run-missing-tests', 'cancel-all', 'retrigger-multiple']),
      );
      expect(names).not.toContain('backfill');
    });

    it('renders the backfill payload with json-e: user fields from the context, decision fields fixed', () => {
      const json = actionsJson();
      const backfill = selectHookAction(json, 'backfill', { taskId: 'abcdefghijklmnopqrstuv', tags: task().tags });
      const payload = renderHookPayload(backfill, json, {
        taskGroupId: 'f7Jj_h6MTEKr5Ln_7aFqbw',
        taskId: 'abcdefghijklmnopqrstuv',
        input: { depth: 7, times: 1, inclusive: false, retrigger: true },
      });
      expect(payload).toMatchObject({
        decision: {
          action: { cb_name: 'backfill' },
          push: { pushlog_id: '109591' },
          repository: { project: 'autoland' },
        },
        user: {
          input: { depth: 7, times: 1, inclusive: false, retrigger: true },
          taskGroupId: 'f7Jj_h6MTEKr5Ln_7aFqbw',
          taskId: 'abcdefghijklmnopqrstuv',
        },
      });
    });

    it('explains which actions exist when the wanted one does not', () => {
      expect(() => selectHookAction(actionsJson(), 'backfill', null)).toThrow(ActionUnavailableError);
      expect(() => selectHookAction(actionsJson(), 'backfill', null)).toThrow(
        /offers no "backfill" action for this push \(it offers: .*add-new-jobs/,
      );
    });
  },
);

describe('scope checks', () => {
  const action = { hookGroupId: 'project-gecko', hookId: 'in-tree-action-3-generic/9353e8f146' } as Pick<
    HookAction,
    'hookGroupId' | 'hookId'
  >;
  it('accepts a decision task holding the level-wide hook-action scope', () => {
    expect(hookActionScope(action)).toBe('in-tree:hook-action:project-gecko/in-tree-action-3-generic/9353e8f146');
    expect(decisionTaskMayUseHook(['in-tree:hook-action:project-gecko/in-tree-action-3-*'], action)).toBe(true);
  });
  it('rejects a decision task of another level', () => {
    expect(decisionTaskMayUseHook(['in-tree:hook-action:project-gecko/in-tree-action-1-*'], action)).toBe(false);
  });
  it('names the trigger scope a client lacks', () => {
    expect(missingScopes(['hooks:trigger-hook:project-gecko/in-tree-action-1-*'], [triggerHookScope(action)])).toEqual([
      'hooks:trigger-hook:project-gecko/in-tree-action-3-generic/9353e8f146',
    ]);
    expect(missingScopes(['hooks:trigger-hook:*'], [triggerHookScope(action)])).toEqual([]);
  });
});
