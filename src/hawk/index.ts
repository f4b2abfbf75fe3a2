export {
  hawkAuthorizationHeader,
  hawkNormalizedString,
  hawkPayloadHash,
  hawkSignRequest,
  taskclusterExt,
} from './sign';
export type { HawkCredentials, HawkRequest, HawkSignInput, NormalizedStringParts } from './sign';
export { bytesToBase64, utf8ToBase64 } from './base64';
