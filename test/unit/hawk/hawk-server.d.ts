// Minimal typing of the parts of the npm `hawk` package (dev dependency) these tests use.
declare module 'hawk' {
  interface HawkServerCredentials {
    id: string;
    key: string;
    algorithm: 'sha256' | 'sha1';
  }
  interface HawkRequestLike {
    method: string;
    url: string;
    headers: Record<string, string | undefined>;
  }
  interface HawkAuthenticateResult {
    credentials: HawkServerCredentials;
    artifacts: { ext?: string; hash?: string; resource: string; host: string; port: number | string };
  }
  const Hawk: {
    server: {
      authenticate(
        req: HawkRequestLike,
        credentialsFunc: (id: string) => Promise<HawkServerCredentials | undefined>,
        options?: { payload?: string; host?: string; port?: number; timestampSkewSec?: number },
      ): Promise<HawkAuthenticateResult>;
    };
  };
  export default Hawk;
}
