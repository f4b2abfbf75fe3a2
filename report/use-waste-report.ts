import { useEffect, useState } from 'preact/hooks';
import { sendToBackground } from '../platform/messaging';
import type { WasteReportStatus } from '../src/waste/types';
import { errorText } from './page-shell';

/** Often enough for a live progress bar, rare enough to cost nothing (each poll is one local message). */
const POLL_MS = 400;

export interface WasteRequest {
  repo: string;
  pushes: number;
  /** Changes on each "Load" click; true asks the background to load afresh. */
  run: number;
  refresh: boolean;
}

/**
 * Starts a report in the background and polls it until it is done or failed. The page never holds
 * the jobs: the background tallies them batch by batch and sends only progress, then the rows.
 */
export function useWasteReport(request: WasteRequest | undefined): { status?: WasteReportStatus; error?: string } {
  const [state, setState] = useState<{ status?: WasteReportStatus; error?: string }>({});
  useEffect(() => {
    if (!request) return undefined;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({});
    const poll = async (reportId: string) => {
      try {
        const status = await sendToBackground('wasteReportStatus', { reportId });
        if (!live) return;
        setState({ status });
        if (status.state === 'loading') timer = setTimeout(() => void poll(reportId), POLL_MS);
      } catch (error) {
        if (live) setState({ error: errorText(error) });
      }
    };
    sendToBackground('startWasteReport', { repo: request.repo, pushes: request.pushes, refresh: request.refresh })
      .then(({ reportId }) => {
        if (live) void poll(reportId);
      })
      .catch((error: unknown) => live && setState({ error: errorText(error) }));
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [request?.repo, request?.pushes, request?.run]);
  return state;
}
