import { z } from 'zod';

/**
 * Treeherder keeps the user's Taskcluster credentials in its localStorage under `userCredentials`,
 * keyed by Taskcluster root URL (reference/treeherder.md §8). This reads exactly one entry.
 */
const entrySchema = z.looseObject({
  expires: z.string(),
  credentials: z.looseObject({ clientId: z.string().min(1), accessToken: z.string().min(1) }),
});

export interface TreeherderLogin {
  clientId: string;
  accessToken: string;
  expires: string;
}

export function readTreeherderLogin(
  storedValue: string | null,
  rootUrl: string,
): TreeherderLogin | { problem: string } {
  if (!storedValue)
    return {
      problem:
        'You are not signed in to Taskcluster on this Treeherder page. Use "Login" in Treeherder first, then try again.',
    };
  let parsed: unknown;
  try {
    parsed = JSON.parse(storedValue);
  } catch {
    return { problem: "Treeherder's stored login could not be read." };
  }
  const root = rootUrl.replace(/\/+$/, '');
  const record = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  const raw = record[root] ?? record[`${root}/`];
  if (raw === undefined) return { problem: `Treeherder has no login for ${root}. Sign in to Treeherder again.` };
  const entry = entrySchema.safeParse(raw);
  if (!entry.success) return { problem: "Treeherder's stored login is not in the expected shape." };
  return {
    clientId: entry.data.credentials.clientId,
    accessToken: entry.data.credentials.accessToken,
    expires: entry.data.expires,
  };
}
