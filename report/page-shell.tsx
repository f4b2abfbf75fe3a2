import type { ComponentChildren } from 'preact';
import { REPO_NAME_PATTERN } from '../src/ids';

export type ToolPageName = 'waste' | 'artifacts' | 'revisions';

const TITLES: Record<ToolPageName, string> = {
  waste: 'Waste report',
  artifacts: 'Artifact finder',
  revisions: 'Revisions',
};

/** Header and navigation shared by the three report pages. */
export function PageShell(props: { page: ToolPageName; children: ComponentChildren }) {
  const repo = queryParam('repo');
  return (
    <>
      <header class="page">
        <h1>CI Tools · {TITLES[props.page]}</h1>
        <nav class="tools" aria-label="Report pages">
          {(Object.keys(TITLES) as ToolPageName[]).map((page) => (
            <a
              key={page}
              href={`./${page}.html${repo ? `?repo=${encodeURIComponent(repo)}` : ''}`}
              aria-current={page === props.page ? 'page' : undefined}
            >
              {TITLES[page]}
            </a>
          ))}
        </nav>
      </header>
      <main>{props.children}</main>
    </>
  );
}

/** A query parameter of this page's URL, trimmed; undefined when absent or empty. */
export function queryParam(name: string): string | undefined {
  const value = new URLSearchParams(location.search).get(name)?.trim();
  return value ? value : undefined;
}

/** Writes the form's values into the URL so a reload or a shared link shows the same thing. */
export function replaceQuery(params: Record<string, string | number | undefined>): void {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') query.set(key, String(value));
  history.replaceState(null, '', `${location.pathname}?${query.toString()}`);
}

/** The repository a report page asks about; each keystroke changes it. */
export function RepositoryInput(props: { value: string; onChange: (repo: string) => void; testid?: string }) {
  return (
    <label>
      Repository{' '}
      <input
        value={props.value}
        pattern={REPO_NAME_PATTERN}
        required
        onInput={(e) => props.onChange(e.currentTarget.value.trim())}
        data-testid={props.testid}
      />
    </label>
  );
}
