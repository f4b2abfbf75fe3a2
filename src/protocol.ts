/**
 * The one message protocol between content scripts, extension pages and the background.
 * Each entry: trust tier, zod schema of its data (validated by the receiver), result type.
 * Add a message here, then a handler in background/handlers; the compiler insists on both.
 */
import { z } from 'zod';
import { defineMessage } from './messaging/define';
import { settingsPatchSchema, type Settings } from './settings';

export interface CredentialsStatus {
  signedIn: boolean;
  clientId?: string;
  /** ISO time the credentials expire, when known. */
  expires?: string;
  expired?: boolean;
  source?: 'treeherder' | 'pasted' | 'oauth';
  /** Where they are kept: session (cleared with the browser) or local (remembered on this device). */
  storage?: 'session' | 'local';
}

export interface PingResult {
  version: string;
  /** Where the sender is, as the background saw it. */
  fromExtensionPage: boolean;
}

const pastedCredentials = z.object({
  clientId: z.string().trim().min(1).max(300),
  accessToken: z.string().trim().min(10).max(500),
});

export const protocol = {
  /** Liveness and a round trip; anyone may send it. */
  ping: defineMessage<PingResult>()('any', z.object({}).strict()),

  getSettings: defineMessage<Settings>()('extension', z.object({}).strict()),
  updateSettings: defineMessage<Settings>()('extension', settingsPatchSchema),

  getCredentialsStatus: defineMessage<CredentialsStatus>()('extension', z.object({}).strict()),
  setPastedCredentials: defineMessage<CredentialsStatus>()('extension', pastedCredentials),
  clearCredentials: defineMessage<CredentialsStatus>()('extension', z.object({}).strict()),
} as const;

export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
