import type { Artifact } from '../ci';
import type { ArtifactEntry } from './types';

/** A Taskcluster artifact as the finder shows it, linked through the queue's artifact URL of its run. */
export function artifactEntry(artifact: Artifact, url: string): ArtifactEntry {
  return {
    name: artifact.name,
    ...(artifact.contentLength !== undefined ? { size: artifact.contentLength } : {}),
    contentType: artifact.contentType,
    storageType: artifact.storageType,
    expires: artifact.expires,
    url,
  };
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → "1.5 KB"; undefined → "—". */
export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}
