export { createHttpClient } from './client';
export type {
  FetchFunction,
  HttpClient,
  HttpClientOptions,
  RequestDescription,
  RequestOptions,
  SignableRequest,
} from './client';
export { HttpError, isNotFound, mayHaveActed, provablyNotSent, readServerMessage, userMessageFor } from './errors';
export { ServerClock } from './server-clock';
export type { HttpErrorDetails, HttpErrorKind } from './errors';
export { computeBackoffMs, DEFAULT_BACKOFF, isRetryableStatus, parseRetryAfterMs, retryDelayMs } from './backoff';
export type { BackoffPolicy } from './backoff';
export { TtlCache } from './ttl-cache';
export { HostLimiter } from './host-limiter';
export { pageHostBudget, TREEHERDER_READS_AT_ONCE } from './host-budget';
export { detectRuntime, EXTENSION_IDENTITY, identityHeaders } from './identity';
export type { ClientIdentity, Runtime } from './identity';
