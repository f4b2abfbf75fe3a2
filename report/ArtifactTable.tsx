import { formatSize } from '../src/artifacts/entries';
import type { ArtifactEntry, ArtifactMatch } from '../src/artifacts/types';

/** Where a task run is shown: Treeherder's job (on its push) and Taskcluster's task page. */
export interface TaskRunLinks {
  treeherder?: ((taskId: string, runId: number) => string) | undefined;
  taskcluster?: ((taskId: string, runId: number) => string) | undefined;
}

/**
 * Artifacts as rows: name (linked through the Taskcluster queue), size, content type; matches also name their task,
 * linked to Treeherder and Taskcluster.
 */
export function ArtifactTable(props: {
  artifacts: ReadonlyArray<ArtifactEntry | ArtifactMatch>;
  testid: string;
  showTask?: boolean;
  links?: TaskRunLinks;
}) {
  const links = props.links ?? {};
  return (
    <div class="table-wrap">
      <table class="data" data-testid={props.testid}>
        <thead>
          <tr>
            {props.showTask ? <th scope="col">Task</th> : null}
            <th scope="col">Name</th>
            <th scope="col" class="num">
              Size
            </th>
            <th scope="col">Content type</th>
          </tr>
        </thead>
        <tbody>
          {props.artifacts.map((artifact) => (
            <tr
              key={artifact.url}
              data-testid="cit-artifact-row"
              data-name={artifact.name}
              data-task-id={'taskId' in artifact ? artifact.taskId : undefined}
            >
              {'taskId' in artifact && props.showTask ? (
                <td>
                  {links.treeherder ? (
                    <a
                      class="mono"
                      href={links.treeherder(artifact.taskId, artifact.runId)}
                      target="_blank"
                      rel="noreferrer"
                      title="This run in Treeherder"
                      data-testid="cit-artifact-treeherder"
                    >
                      {artifact.label}
                    </a>
                  ) : (
                    <span class="mono">{artifact.label}</span>
                  )}
                  <br />
                  {links.taskcluster ? (
                    <a
                      class="muted mono"
                      href={links.taskcluster(artifact.taskId, artifact.runId)}
                      target="_blank"
                      rel="noreferrer"
                      title="This run in Taskcluster"
                      data-testid="cit-artifact-taskcluster"
                    >
                      {artifact.taskId} run {artifact.runId}
                    </a>
                  ) : (
                    <span class="muted mono">
                      {artifact.taskId} run {artifact.runId}
                    </span>
                  )}
                </td>
              ) : null}
              <td class="mono">
                {artifact.storageType === 'error' ? (
                  <span title="An error artifact: the task recorded why it has no content.">
                    {artifact.name} <span class="muted">(error)</span>
                  </span>
                ) : (
                  <a href={artifact.url} target="_blank" rel="noreferrer">
                    {artifact.name}
                  </a>
                )}
              </td>
              <td class="num">{formatSize(artifact.size)}</td>
              <td class="muted">{artifact.contentType}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
