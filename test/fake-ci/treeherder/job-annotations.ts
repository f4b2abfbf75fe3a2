import type { App } from '../app';
import { isoNoZ } from '../clock';
import { json, thBadRequest, type Reply } from '../http';
import type { Router } from '../router';
import { jobById, type JobView } from './job-view';
import { repoOr404 } from './pushes';

/**
 * What the details panel reads about a job's classification: its notes and its bug links, under
 * `/api/project/<repo>/`. Shapes from mozilla/treeherder `treeherder/webapp/api/note.py` (NoteViewSet.list,
 * `job_id` mandatory) with `JobNoteSerializer` {id, job_id, failure_classification_id, created, who, text},
 * and `bug.py` (BugJobMapViewSet.list, `job_id` repeatable) with `BugJobMapSerializer` {job_id, bug_id,
 * bug_internal_id, created, who}. The fake classifies no job by hand and links no bug, so a job has a note
 * only when its classification is not "not classified" (id 1), and no bug link.
 */
export function registerJobAnnotationRoutes(router: Router, app: App): void {
  router.get(/^\/api\/project\/([^/]+)\/note\/?$/, (ctx) => {
    const repo = repoOr404(app, ctx.params[0]);
    const raw = ctx.query.get('job_id');
    if (!raw) return thBadRequest('The job_id parameter is mandatory for this endpoint');
    if (!/^\d+$/.test(raw)) return thBadRequest('The job_id parameter must be an integer');
    const job = jobById(app.world, Number(raw), app.now());
    if (!job || job.task.repo !== repo.info.name) return json([]);
    return json(notesOf(job));
  });
  router.get(/^\/api\/project\/([^/]+)\/bug-job-map\/?$/, (ctx): Reply => {
    repoOr404(app, ctx.params[0]);
    const ids = ctx.query.getAll('job_id');
    if (ids.some((id) => !/^\d+$/.test(id))) return json({ message: 'Valid job_id required' }, 400);
    if (ids.length === 0) return json({ message: 'At least one job_id is required' }, 400);
    return json([]);
  });
}

function notesOf(job: JobView): unknown[] {
  if (job.failure_classification_id === 1) return [];
  return [
    {
      id: job.id,
      job_id: job.id,
      failure_classification_id: job.failure_classification_id,
      created: isoNoZ(job.endMs ?? job.lastModifiedMs),
      who: 'sheriff@example.org',
      text: '',
    },
  ];
}
