/** The sentence a page shows for a failed call: the error's own message (the background words it). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
