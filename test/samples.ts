import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The shared real-world samples live beside the repository and are never copied into it. */
export const SAMPLES_DIR = resolve(import.meta.dirname, '../../shared/samples');
export const HAVE_SAMPLES = existsSync(SAMPLES_DIR);
export const NO_SAMPLES_REASON = `real samples not found at ${SAMPLES_DIR} (../shared/samples); contract tests skipped`;
if (!HAVE_SAMPLES) console.warn(NO_SAMPLES_REASON);

export function readSample(relativePath: string): string {
  return readFileSync(resolve(SAMPLES_DIR, relativePath), 'utf8');
}

export function readSampleJson<T = unknown>(relativePath: string): T {
  return JSON.parse(readSample(relativePath)) as T;
}
