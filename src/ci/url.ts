/** Appends query parameters to a URL that may already have some. */
export function withQuery(url: string, params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  if (!query) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/** Removes trailing slashes so paths can be appended with `/`. */
export function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}
