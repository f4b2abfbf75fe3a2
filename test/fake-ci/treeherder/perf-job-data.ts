import type { App } from '../app';
import { isoNoZ } from '../clock';
import { json } from '../http';
import type { Router } from '../router';
import { perfReplicates, perfValue } from '../scenario/perf-values';
import { optionHash } from './job-detail';
import { jobById } from './job-view';
import { repoOr404 } from './pushes';

const OPTIONS = ['opt', 'debug', 'asan', 'tsan', 'ccov', 'shippable'];

/**
 * The performance data of one job, which the details panel's Performance tab reads, and the option
 * collections it names. Shapes from mozilla/treeherder `treeherder/webapp/api/performance_data.py`
 * (PerformanceJobViewSet.list: `{job_id, push_id, push_timestamp, revision, data: [{id, signature_data,
 * value}]}`, or HTTP 400 `{"message": "No data found for job_id=N"}` when the job reported nothing) and
 * `refdata.py` (OptionCollectionHashViewSet.list: `[{option_collection_hash, options: [{name}]}]`).
 */
export function registerPerfJobDataRoutes(router: Router, app: App): void {
  router.get(/^\/api\/project\/([^/]+)\/performance\/job-data\/?$/, (ctx) => {
    const repo = repoOr404(app, ctx.params[0]);
    const raw = ctx.query.get('job_id') ?? '';
    if (!/^\d+$/.test(raw)) return json({ message: 'Job id must be specified as integers' }, 400);
    const job = jobById(app.world, Number(raw), app.now());
    const perf = job?.task.spec.perf;
    if (!job || !perf || job.task.repo !== repo.info.name || job.state !== 'completed') {
      return json({ message: `No data found for job_id=${raw}` }, 400);
    }
    const push = app.world.pushOfTask(job.task);
    return json({
      job_id: job.id,
      push_id: push.id,
      push_timestamp: isoNoZ(push.timestamp * 1000).slice(0, 19),
      revision: push.revision,
      data: [
        {
          id: job.id * 3 + 1,
          signature_data: {
            id: perf.signatureId,
            signature_hash: perf.signatureHash,
            framework_id: perf.frameworkId,
            option_collection_hash: optionHash(job.task.spec.option),
            machine_platform: job.task.spec.platform,
            suite: perf.suite,
            should_alert: null,
            lower_is_better: perf.lowerIsBetter,
            test: null,
            extra_options: ['e10s', 'fission', 'stylo', 'webrender'],
            measurement_unit: 'ms',
          },
          value: perfValue(perfReplicates(app.world, app.scenario.truth, job.task)),
        },
      ],
    });
  });
  router.get(/^\/api\/optioncollectionhash\/?$/, () =>
    json(OPTIONS.map((name) => ({ option_collection_hash: optionHash(name), options: [{ name }] }))),
  );
}
