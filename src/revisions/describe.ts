import { REVISION_PATTERN } from '../ids';
import type { BackoutInfo } from './types';

/**
 * Reading hg descriptions the way sheriffs write them (e.g. "Backed out changeset 1a2b3c4d5e6f (bug
 * 1234567) for causing mochitest failures", "Backed out 3 changesets (bug 1, bug 2) for …", "Backout
 * bug 123 …"). The pushlog's own `backsoutnodes` win when present.
 */

const BACKOUT_FIRST_LINE = /^\s*(?:backed\s*out|back\s*out|backout|revert(?:ed)?)\b/i;
const CHANGESET_HASH = new RegExp(
  String.raw`\b(?:changeset|changesets?|rev(?:ision)?)\s+(${REVISION_PATTERN})\b`,
  'gi',
);
const BUG = /\bbug\s*#?\s*(\d{3,9})\b/gi;

export function firstLine(description: string): string {
  const line = description.split(/\r?\n/, 1)[0] ?? '';
  return line.trim();
}

/** Bug numbers mentioned in the description, in order of first mention. */
export function bugsIn(description: string): string[] {
  return unique(Array.from(description.matchAll(BUG), (m) => m[1]!));
}

export function backoutOf(
  description: string,
  backsOutNodes: readonly string[] = [],
  backedOutBy?: string,
): BackoutInfo {
  const fromDescription = BACKOUT_FIRST_LINE.test(firstLine(description))
    ? Array.from(description.matchAll(CHANGESET_HASH), (m) => m[1]!.toLowerCase())
    : [];
  const all = unique([...backsOutNodes.map((n) => n.toLowerCase()), ...fromDescription]);
  // The description names 12-character hashes, the pushlog full ones: keep one of each commit.
  const backsOut = all.filter((hash) => !all.some((other) => other !== hash && other.startsWith(hash)));
  return {
    isBackout: backsOutNodes.length > 0 || BACKOUT_FIRST_LINE.test(firstLine(description)),
    backsOut,
    ...(backedOutBy ? { backedOutBy } : {}),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
