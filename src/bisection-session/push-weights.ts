/**
 * Prior weights over the suspects from which files each push touched (the pushlog's file lists) and where the
 * failing test lives (its path in the failure line, Treeherder's bug suggestions `path_end`). A heuristic, not
 * fitted to data: a push that touched the test itself is 8× as likely a culprit a priori as one that touched
 * nothing near it, its directory 4×, its top-level component 2×. The planner's robustness guard keeps a wrong
 * weight from turning into a wrong verdict; it only costs jobs (bench: "file weights").
 */
export const TEST_FILE_WEIGHT = 8;
export const TEST_DIRECTORY_WEIGHT = 4;
export const COMPONENT_WEIGHT = 2;

/** The failing test's path: the first failure line that names one. */
export function failingTestPath(lines: readonly { path_end: string | null }[]): string | null {
  return lines.find((line) => line.path_end !== null && line.path_end.includes('/'))?.path_end ?? null;
}

const directoryOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('/')));
const componentOf = (path: string) => path.split('/').slice(0, 2).join('/');

/** One weight per suspect (1 when a push touched nothing near the test, or its files are unknown). */
export function pushWeightsFromFiles(testPath: string, filesPerSuspect: readonly (readonly string[])[]): number[] {
  const directory = directoryOf(testPath);
  const component = componentOf(testPath);
  return filesPerSuspect.map((files) => {
    let weight = 1;
    for (const file of files) {
      if (file === testPath) weight = Math.max(weight, TEST_FILE_WEIGHT);
      else if (directory && directoryOf(file) === directory) weight = Math.max(weight, TEST_DIRECTORY_WEIGHT);
      else if (component.includes('/') && componentOf(file) === component) weight = Math.max(weight, COMPONENT_WEIGHT);
    }
    return weight;
  });
}
