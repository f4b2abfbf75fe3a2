/**
 * Names on the waste chart's axis (issue 16, item 8): each bar says which job type it is, not "#1…#20". Long
 * Taskcluster labels keep their start (kind and platform) and their end (suite and chunk), the parts that tell
 * job types apart; the full name is in the tooltip and the table.
 */

/** The axis has room for about this many characters at the chart's font size. */
export const AXIS_LABEL_CHARS = 44;

/** `label` cut in the middle to at most `max` characters, with "…" where it was cut. */
export function shortJobTypeName(label: string, max = AXIS_LABEL_CHARS): string {
  if (label.length <= max) return label;
  const tail = Math.floor((max - 1) / 2);
  const head = max - 1 - tail;
  return `${label.slice(0, head)}…${label.slice(label.length - tail)}`;
}

/**
 * One axis name per row; rows whose short names collide (same label on two platforms or options) get the option
 * and, if still needed, the platform added, so no two bars read the same.
 */
export function jobTypeAxisNames(rows: readonly { label: string; platform: string; option: string }[]): string[] {
  const short = rows.map((r) => shortJobTypeName(r.label));
  const count = (names: string[], name: string) => names.filter((n) => n === name).length;
  const withOption = short.map((name, i) =>
    count(short, name) > 1 ? shortJobTypeName(`${rows[i]!.label} ${rows[i]!.option}`) : name,
  );
  return withOption.map((name, i) =>
    count(withOption, name) > 1 ? shortJobTypeName(`${rows[i]!.label} ${rows[i]!.platform} ${rows[i]!.option}`) : name,
  );
}
