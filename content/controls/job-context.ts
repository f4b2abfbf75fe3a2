import type { FeatureContext } from '../feature';

/**
 * Everything one job's controls and their popovers need: the features' context, the job (its
 * repository read when the controls were made) and `host`, the layer widget the popovers hang from.
 */
export interface JobControlsContext extends Omit<FeatureContext, 'repo'> {
  host: HTMLElement;
  repo: string;
  jobId: number;
}
