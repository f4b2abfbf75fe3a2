import { formatSize } from '../src/artifacts/entries';
import type { ArtifactEntry, ArtifactMatch } from '../src/artifacts/types';

/** Artifacts as rows: name (linked through the Taskcluster queue), size, content type; matches also name their task. */
export function ArtifactTable(props: {
  artifacts: ReadonlyArray<ArtifactEntry | ArtifactMatch>;
  testid: string;
  showTask?: boolean;
}) {
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
                  <span class="mono">{artifact.label}</span>
                  <br />
                  <span class="muted mono">
                    {artifact.taskId} run {artifact.runId}
                  </span>
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
