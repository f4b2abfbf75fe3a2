/**
 * Glob patterns over Taskcluster artifact names (`public/build/target.tar.xz`,
 * `public/test_info/crashes/<uuid>.dmp`). Artifact names are `/`-separated paths, so the rules are the
 * usual path-glob ones:
 *
 * - `*` matches any run of characters within one path segment (never `/`);
 * - `?` matches one character other than `/`;
 * - `**` as a whole segment matches zero or more segments (`**\/*.dmp` also matches `a.dmp`);
 * - `[abc]`, `[a-z]`, `[!abc]` / `[^abc]` match one character of (or not of) a set, never `/`;
 * - `{a,b}` matches either alternative (alternatives may hold wildcards and `/`, not nested braces);
 * - `\x` matches `x` literally.
 *
 * A pattern (alternative) without any `/` is matched against the base name only (`*.dmp` finds crash
 * dumps in any folder), because that is what a person typing a file name means. Matching is
 * case-sensitive, like the names themselves.
 *
 * No regular expressions: the matcher is the two-pointer wildcard algorithm, once over characters and
 * once over path segments, so a pattern like `*a*a*a*b` cannot backtrack catastrophically on the
 * thousands of names of a 2,000-task push.
 */

export interface CompiledGlob {
  readonly pattern: string;
  /** True when every alternative has no `/` and so is matched against the base name. */
  readonly basenameOnly: boolean;
  test(name: string): boolean;
}

export class GlobSyntaxError extends Error {
  override readonly name = 'GlobSyntaxError';
}

const MAX_PATTERN_LENGTH = 500;
const MAX_ALTERNATIVES = 100;

type CharToken =
  | { kind: 'literal'; char: string }
  | { kind: 'any' }
  | { kind: 'set'; negated: boolean; ranges: Array<readonly [string, string]> }
  | { kind: 'star' };

type SegmentPattern = { kind: 'globstar' } | { kind: 'segment'; tokens: CharToken[] };

interface Alternative {
  basenameOnly: boolean;
  segments: SegmentPattern[];
}

/** Compiles a glob; throws GlobSyntaxError with a sentence for the user when it is malformed. */
export function compileGlob(pattern: string): CompiledGlob {
  const trimmed = pattern.trim();
  if (trimmed === '') throw new GlobSyntaxError('Type a pattern, for example **/*.dmp or public/build/target.*');
  if (trimmed.length > MAX_PATTERN_LENGTH)
    throw new GlobSyntaxError(`The pattern is longer than ${MAX_PATTERN_LENGTH} characters.`);
  const alternatives = expandBraces(trimmed).map(compileAlternative);
  return {
    pattern: trimmed,
    basenameOnly: alternatives.every((a) => a.basenameOnly),
    test(name: string): boolean {
      return alternatives.some((alternative) => matchAlternative(alternative, name));
    },
  };
}

/** True when `name` matches `pattern` (compile once with compileGlob when testing many names). */
export function matchesGlob(pattern: string, name: string): boolean {
  return compileGlob(pattern).test(name);
}

// ---------------------------------------------------------------- braces

/** `a{b,c}d{e,f}` → abde, abdf, acde, acdf. Braces inside `[…]` and escaped ones are literal. */
function expandBraces(pattern: string): string[] {
  const open = findUnescaped(pattern, '{', 0);
  if (open === -1) return [pattern];
  const parts: string[] = [];
  let current = '';
  let close = -1;
  for (let i = open + 1; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\' && i + 1 < pattern.length) {
      current += char + pattern[i + 1];
      i++;
    } else if (char === '[') {
      const end = classEnd(pattern, i);
      current += pattern.slice(i, end + 1);
      i = end;
    } else if (char === '{') {
      throw new GlobSyntaxError('Braces { } cannot be nested in a pattern.');
    } else if (char === ',') {
      parts.push(current);
      current = '';
    } else if (char === '}') {
      parts.push(current);
      close = i;
      break;
    } else {
      current += char;
    }
  }
  if (close === -1) throw new GlobSyntaxError('A { in the pattern has no closing }.');
  const head = pattern.slice(0, open);
  const tails = expandBraces(pattern.slice(close + 1));
  const out: string[] = [];
  for (const part of parts) {
    for (const tail of tails) {
      out.push(head + part + tail);
      if (out.length > MAX_ALTERNATIVES)
        throw new GlobSyntaxError(`The pattern expands to more than ${MAX_ALTERNATIVES} alternatives.`);
    }
  }
  return out;
}

/** Index of the first `char` not escaped and not inside `[…]`, or -1. */
function findUnescaped(pattern: string, char: string, from: number): number {
  for (let i = from; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(pattern, i);
    else if (c === char) return i;
  }
  return -1;
}

/** Index of the `]` closing the set that opens at `start`. */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++; // a ']' first is a member
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  throw new GlobSyntaxError('A [ in the pattern has no closing ].');
}

// ---------------------------------------------------------------- tokens

type RawToken = CharToken | { kind: 'stars'; count: number } | { kind: 'separator' };

function compileAlternative(alternative: string): Alternative {
  const tokens = tokenize(alternative);
  const basenameOnly = !tokens.some((t) => t.kind === 'separator');
  // A leading '/' means nothing: artifact names never start with one.
  while (!basenameOnly && tokens[0]?.kind === 'separator') tokens.shift();
  const segments: SegmentPattern[] = [];
  let current: RawToken[] = [];
  const finish = () => {
    const only = current[0];
    if (current.length === 1 && only?.kind === 'stars' && only.count >= 2) segments.push({ kind: 'globstar' });
    else
      segments.push({
        kind: 'segment',
        tokens: current.map((t): CharToken => (t.kind === 'stars' ? { kind: 'star' } : (t as CharToken))),
      });
    current = [];
  };
  for (const token of tokens) {
    if (token.kind === 'separator') finish();
    else current.push(token);
  }
  finish();
  return { basenameOnly, segments };
}

function tokenize(pattern: string): RawToken[] {
  const chars = Array.from(pattern);
  const tokens: RawToken[] = [];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (char === '\\') {
      const next = chars[i + 1];
      if (next === undefined) throw new GlobSyntaxError('The pattern ends with a lone backslash.');
      tokens.push({ kind: 'literal', char: next });
      i++;
    } else if (char === '*') {
      let count = 1;
      while (chars[i + 1] === '*') {
        count++;
        i++;
      }
      tokens.push({ kind: 'stars', count });
    } else if (char === '?') {
      tokens.push({ kind: 'any' });
    } else if (char === '[') {
      const { token, end } = parseSet(chars, i);
      tokens.push(token);
      i = end;
    } else if (char === '/') {
      tokens.push({ kind: 'separator' });
    } else {
      tokens.push({ kind: 'literal', char });
    }
  }
  return tokens;
}

function parseSet(chars: string[], start: number): { token: CharToken; end: number } {
  let i = start + 1;
  let negated = false;
  if (chars[i] === '!' || chars[i] === '^') {
    negated = true;
    i++;
  }
  const members: string[] = [];
  let first = true;
  for (; i < chars.length; i++) {
    let char = chars[i]!;
    if (char === ']' && !first) return { token: { kind: 'set', negated, ranges: toRanges(members) }, end: i };
    first = false;
    if (char === '\\') {
      const next = chars[i + 1];
      if (next === undefined) break;
      char = `\\${next}`;
      i++;
    }
    members.push(char);
  }
  throw new GlobSyntaxError('A [ in the pattern has no closing ].');
}

/** Members as written (escaped ones as `\x`) → inclusive ranges; `a-z` is a range, a '-' at either end is literal. */
function toRanges(members: string[]): Array<readonly [string, string]> {
  const plain = (member: string) => (member.length > 1 && member.startsWith('\\') ? member.slice(1) : member);
  const ranges: Array<readonly [string, string]> = [];
  for (let i = 0; i < members.length; i++) {
    const from = plain(members[i]!);
    if (members[i + 1] === '-' && i + 2 < members.length) {
      const to = plain(members[i + 2]!);
      if (to < from) throw new GlobSyntaxError(`The range ${from}-${to} in a [ ] set runs backwards.`);
      ranges.push([from, to]);
      i += 2;
    } else {
      ranges.push([from, from]);
    }
  }
  return ranges;
}

// ---------------------------------------------------------------- matching

function matchAlternative(alternative: Alternative, name: string): boolean {
  const path = alternative.basenameOnly ? [name.slice(name.lastIndexOf('/') + 1)] : name.split('/');
  return matchSegments(
    alternative.segments,
    path.map((part) => Array.from(part)),
  );
}

/** Path segments against the pattern's segments, with `**` as the wildcard. */
function matchSegments(pattern: SegmentPattern[], parts: string[][]): boolean {
  return wildcardMatch(
    pattern,
    parts,
    (segment) => segment.kind === 'globstar',
    (segment, chars) => segment.kind === 'segment' && matchChars(segment.tokens, chars),
  );
}

/** The characters of one segment against its tokens, with `*` as the wildcard. */
function matchChars(tokens: CharToken[], chars: string[]): boolean {
  return wildcardMatch(
    tokens,
    chars,
    (token) => token.kind === 'star',
    (token, char) => token.kind !== 'star' && matchChar(token, char),
  );
}

/**
 * Two-pointer wildcard matching: a wildcard absorbs any number of items; on a mismatch, the last
 * wildcard takes one more item. O(items × pattern steps) item matches.
 */
function wildcardMatch<Step, Item>(
  pattern: readonly Step[],
  items: readonly Item[],
  isWildcard: (step: Step) => boolean,
  matches: (step: Step, item: Item) => boolean,
): boolean {
  let p = 0;
  let n = 0;
  let wildcardAt = -1;
  let resumeAt = 0;
  while (n < items.length) {
    const step = pattern[p];
    if (step !== undefined && isWildcard(step)) {
      wildcardAt = p;
      resumeAt = n;
      p++;
    } else if (step !== undefined && matches(step, items[n]!)) {
      p++;
      n++;
    } else if (wildcardAt >= 0) {
      p = wildcardAt + 1;
      resumeAt++;
      n = resumeAt;
    } else {
      return false;
    }
  }
  while (p < pattern.length && isWildcard(pattern[p]!)) p++;
  return p === pattern.length;
}

function matchChar(token: Exclude<CharToken, { kind: 'star' }>, char: string): boolean {
  switch (token.kind) {
    case 'literal':
      return token.char === char;
    case 'any':
      return true;
    case 'set': {
      const inSet = token.ranges.some(([from, to]) => char >= from && char <= to);
      return token.negated ? !inSet : inSet;
    }
  }
}
