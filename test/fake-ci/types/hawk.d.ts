// Minimal typing for the parts of the hawk npm package the fake CI uses (the package ships no types).
declare module 'hawk' {
  import type { IncomingMessage } from 'node:http';

  export interface HawkCredentials {
    id: string;
    key: string;
    algorithm: 'sha256' | 'sha1';
    [extra: string]: unknown;
  }

  export interface HawkArtifacts {
    method?: string;
    host?: string;
    port?: number | string;
    resource?: string;
    ts?: string;
    nonce?: string;
    hash?: string;
    ext?: string;
    mac?: string;
    id?: string;
  }

  export interface ServerAuthenticateOptions {
    timestampSkewSec?: number;
    localtimeOffsetMsec?: number;
    payload?: string;
    host?: string;
    port?: number;
    hostHeaderName?: string;
  }

  export interface ClientHeaderOptions {
    credentials: HawkCredentials;
    ext?: string;
    timestamp?: number;
    nonce?: string;
    localtimeOffsetMsec?: number;
    payload?: string;
    contentType?: string;
    hash?: string;
  }

  export const server: {
    authenticate(
      req: IncomingMessage,
      credentialsFunc: (id: string) => Promise<HawkCredentials | null | undefined> | HawkCredentials | null | undefined,
      options?: ServerAuthenticateOptions,
    ): Promise<{ credentials: HawkCredentials; artifacts: HawkArtifacts }>;
    authenticatePayload(
      payload: string,
      credentials: HawkCredentials,
      artifacts: HawkArtifacts,
      contentType: string,
    ): void;
  };

  export const client: {
    header(
      uri: string | URL,
      method: string,
      options: ClientHeaderOptions,
    ): { header: string; artifacts: HawkArtifacts };
  };

  const Hawk: { server: typeof server; client: typeof client };
  export default Hawk;
}
