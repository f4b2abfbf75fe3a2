import type { Rng } from './rng';

/**
 * A Taskcluster "nice" slugid: a v4 UUID in URL-safe base64 without padding, first bit clear, so it matches
 * the queue's taskId pattern `^[A-Za-z0-9_-]{8}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$`.
 */
export function slugid(rng: Rng): string {
  const bytes = rng.bytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return Buffer.from(bytes).toString('base64url');
}

export const TASK_ID_PATTERN = /^[A-Za-z0-9_-]{8}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$/;

/** 40-char lowercase hex, the shape of an hg changeset id. */
export function revision(rng: Rng): string {
  return rng.hex(40);
}

/** Treeherder's `escapeId`: `:` `[` `]` `?` `,` `.` and whitespace become `-`. */
export function escapeId(id: string): string {
  return id.replace(/[:[\]?,.\s]/g, '-');
}
