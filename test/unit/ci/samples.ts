/**
 * Access to the real API samples in ../shared/samples (read in place, never copied into this
 * repository). When the folder is absent, the suites that need it are skipped with a message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SAMPLES_DIR = fileURLToPath(new URL('../../../../shared/samples/', import.meta.url));
export const samplesAvailable = existsSync(SAMPLES_DIR);

/** Title suffix that explains a skip. */
export const samplesNote = samplesAvailable ? '' : ` (SKIPPED: sample folder ${SAMPLES_DIR} not found)`;

export function readSample(relativePath: string): unknown {
  return JSON.parse(readFileSync(`${SAMPLES_DIR}${relativePath}`, 'utf8'));
}
