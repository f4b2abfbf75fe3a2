export { hawkAuthorizationHeader, hawkNormalizedString, hawkPayloadHash, taskclusterExt } from './sign';
export type { HawkCredentials, HawkSignInput, NormalizedStringParts } from './sign';
export { bytesToBase64, utf8ToBase64 } from './base64';
