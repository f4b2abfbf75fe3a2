import type { ChangesetView } from '../src/revisions/types';
import { shortRevision } from './format';

const BUGZILLA = 'https://bugzilla.mozilla.org/show_bug.cgi?id=';

/** Changesets tip first: summary, author, bugs, backout markers (both directions) and files. */
export function ChangesetList(props: { changesets: readonly ChangesetView[]; repoUrl?: string | undefined }) {
  const link = (node: string) => (props.repoUrl ? `${props.repoUrl}/rev/${node}` : undefined);
  return (
    <ul class="plain">
      {props.changesets.map((c) => (
        <li
          key={c.node}
          class="changeset"
          data-testid="cit-changeset"
          data-node={c.node}
          data-backout={c.backout.isBackout ? 'true' : undefined}
        >
          <div>
            <a class="mono" href={link(c.node)} target="_blank" rel="noreferrer">
              {shortRevision(c.node)}
            </a>{' '}
            {c.backout.isBackout ? (
              <span
                class="tag backout"
                title={c.backout.backsOut.length ? `Backs out ${c.backout.backsOut.join(', ')}` : 'A backout'}
              >
                backout
              </span>
            ) : null}
            {c.backout.backedOutBy ? (
              <span class="tag backout" title={`Backed out by ${c.backout.backedOutBy}`}>
                backed out by {shortRevision(c.backout.backedOutBy)}
              </span>
            ) : null}
            <strong>{c.summary}</strong>
          </div>
          <div class="muted">
            {c.author || 'unknown author'}
            {c.bugs.length ? (
              <>
                {' '}
                ·{' '}
                {c.bugs.map((bug, i) => (
                  <span key={bug}>
                    {i ? ', ' : ''}
                    <a href={`${BUGZILLA}${bug}`} target="_blank" rel="noreferrer">
                      bug {bug}
                    </a>
                  </span>
                ))}
              </>
            ) : null}
            {c.backout.backsOut.length ? (
              <>
                {' '}
                · backs out{' '}
                {c.backout.backsOut.map((node, i) => (
                  <span key={node}>
                    {i ? ', ' : ''}
                    <a class="mono" href={link(node)} target="_blank" rel="noreferrer">
                      {shortRevision(node)}
                    </a>
                  </span>
                ))}
              </>
            ) : null}
          </div>
          {c.files.length ? <div class="files mono">{c.files.join(' · ')}</div> : null}
        </li>
      ))}
    </ul>
  );
}
