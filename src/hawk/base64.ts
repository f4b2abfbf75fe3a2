/**
 * Base64 with `globalThis.btoa`, which exists in MV3 service workers and Node ≥ 16 (unlike
 * `window.btoa` or Node's Buffer).
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000; // keep String.fromCharCode's argument list small
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return globalThis.btoa(binary);
}

/** Base64 of the UTF-8 bytes of `text` (plain btoa would throw on non-Latin-1 characters). */
export function utf8ToBase64(text: string): string {
  return bytesToBase64(new TextEncoder().encode(text));
}
