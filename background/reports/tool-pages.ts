import { browser } from '../../platform/browser';

export type ToolPage = 'waste' | 'artifacts' | 'revisions';

/**
 * Opens one of the report pages in a new tab, next to the sender's tab. Content scripts cannot open
 * extension pages themselves (they are not web-accessible), so they ask here.
 */
export async function openToolPage(
  page: ToolPage,
  params: Record<string, string>,
  openerTabId?: number,
): Promise<{ opened: true }> {
  const query = new URLSearchParams(params).toString();
  const url = browser.runtime.getURL(`report/${page}.html${query ? `?${query}` : ''}`);
  await browser.tabs.create({ url, ...(openerTabId !== undefined ? { openerTabId } : {}) });
  return { opened: true };
}
