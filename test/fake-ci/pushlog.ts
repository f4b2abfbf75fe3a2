import type { App } from './app';
import { json, text, type Reply } from './http';
import type { SimPush } from './model/types';
import type { RepoState } from './model/world';
import type { RequestContext, Router } from './router';

/**
 * hg.mozilla.org pushlog at `<fake>/<repo path>/json-pushes` (version 1 and 2, startID exclusive, endID
 * inclusive, changeset, fromchange/tochange, full, tipsonly) and `json-automationrelevance/<rev>`.
 */
export function registerPushlogRoutes(router: Router, app: App): void {
  router.get(/^\/(integration\/[^/]+|mozilla-central|try)\/json-pushes\/?$/, (ctx) => {
    const repo = repoByPath(app, ctx.params[0]);
    return repo ? jsonPushes(repo, ctx) : notFound(ctx.params[0]);
  });
  router.get(/^\/(integration\/[^/]+|mozilla-central|try)\/json-automationrelevance\/([0-9a-f]{6,40})\/?$/, (ctx) => {
    const repo = repoByPath(app, ctx.params[0]);
    return repo ? automationRelevance(repo, ctx.params[1] ?? '') : notFound(ctx.params[0]);
  });
  router.get(
    /^\/(integration\/[^/]+|mozilla-central|try)\/(?:rev|pushloghtml)(?:\/([0-9a-f]+))?\/?$/,
    (ctx) => {
      const repo = repoByPath(app, ctx.params[0]);
      if (!repo) return notFound(ctx.params[0]);
      const push = ctx.params[1] ? findPush(repo, ctx.params[1]) : undefined;
      const title = push ? `changeset ${ctx.params[1]} (push ${push.pushlogId})` : `pushlog of ${repo.info.path}`;
      return text(
        `<!doctype html><title>${title}</title><h1>${title}</h1><p>Served by the fake CI.</p>`,
        'text/html; charset=utf-8',
      );
    },
    'page',
  );
}

function repoByPath(app: App, path: string | undefined): RepoState | undefined {
  return [...app.world.repos.values()].find((r) => r.info.path === path);
}

function notFound(path: string | undefined): Reply {
  return text(`repository ${path ?? ''} not found`, 'text/plain', 404);
}

function findPush(repo: RepoState, rev: string): SimPush | undefined {
  return repo.pushes.find((p) => p.commits.some((c) => c.revision.startsWith(rev)));
}

function jsonPushes(repo: RepoState, ctx: RequestContext): Reply {
  const q = ctx.query;
  const version = q.get('version') === '2' ? 2 : 1;
  const full = q.get('full') === '1' || q.get('full') === 'true';
  const tipsOnly = q.get('tipsonly') === '1';
  let pushes = [...repo.pushes];
  const startId = q.get('startID');
  const endId = q.get('endID');
  const bounded = startId !== null || endId !== null || q.has('changeset') || q.has('fromchange') || q.has('tochange');
  if (startId !== null) pushes = pushes.filter((p) => p.pushlogId > Number(startId));
  if (endId !== null) pushes = pushes.filter((p) => p.pushlogId <= Number(endId));
  const fromchange = q.get('fromchange');
  if (fromchange) {
    const from = findPush(repo, fromchange);
    if (!from) return text(`unknown revision '${fromchange}'`, 'text/plain', 404);
    pushes = pushes.filter((p) => p.pushlogId > from.pushlogId);
  }
  const tochange = q.get('tochange');
  if (tochange) {
    const to = findPush(repo, tochange);
    if (!to) return text(`unknown revision '${tochange}'`, 'text/plain', 404);
    pushes = pushes.filter((p) => p.pushlogId <= to.pushlogId);
  }
  const changeset = q.get('changeset');
  if (changeset) pushes = pushes.filter((p) => p.commits.some((c) => c.revision.startsWith(changeset)));
  if (!bounded) pushes = pushes.slice(-10);

  const entries: Record<string, unknown> = {};
  for (const p of pushes) {
    const dagOrder = [...p.commits].reverse();
    const commits = tipsOnly ? dagOrder.slice(-1) : dagOrder;
    entries[String(p.pushlogId)] = {
      changesets: full
        ? commits.map((c) => ({
            node: c.revision,
            author: c.author,
            desc: c.comments,
            branch: 'default',
            tags: [],
            files: c.files,
            parents: [dagOrder[dagOrder.indexOf(c) - 1]?.revision ?? previousTip(repo, p)],
          }))
        : commits.map((c) => c.revision),
      date: p.timestamp,
      user: p.author,
    };
  }
  const last = repo.pushes[repo.pushes.length - 1];
  return json(version === 2 ? { lastpushid: last?.pushlogId ?? 0, pushes: entries } : entries);
}

function previousTip(repo: RepoState, push: SimPush): string {
  const prev = repo.pushes[repo.pushes.indexOf(push) - 1];
  return prev?.revision ?? '0000000000000000000000000000000000000000';
}

function automationRelevance(repo: RepoState, rev: string): Reply {
  const push = findPush(repo, rev);
  if (!push) return json({ error: `unknown revision '${rev}'` }, 404);
  const dagOrder = [...push.commits].reverse();
  const upTo = dagOrder.findIndex((c) => c.revision.startsWith(rev));
  const changesets = dagOrder.slice(0, upTo + 1).map((c, i) => ({
    node: c.revision,
    author: c.author,
    date: [push.timestamp, 0],
    desc: c.comments,
    files: c.files,
    parents: [dagOrder[i - 1]?.revision ?? previousTip(repo, push)],
    pushid: push.pushlogId,
    pushdate: [push.timestamp, 0],
    pushuser: push.author,
    pushhead: push.revision,
    pushnodes: dagOrder.map((x) => x.revision),
    bugs: [{ no: String(c.bug), url: `https://bugzilla.mozilla.org/show_bug.cgi?id=${c.bug}` }],
    backsoutnodes: [],
    branch: 'default',
    extra: { branch: 'default' },
    phase: 'public',
    reviewers: [
      {
        name: /r=(\S+)/.exec(c.comments)?.[1] ?? 'reviewer',
        revset: `reviewer(${/r=(\S+)/.exec(c.comments)?.[1] ?? 'reviewer'})`,
      },
    ],
    tags: [],
    treeherderrepo: repo.info.name,
    treeherderrepourl: `https://treeherder.mozilla.org/jobs?repo=${repo.info.name}`,
  }));
  return json({ changesets, visible: true });
}
