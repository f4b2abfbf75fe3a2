import { sendToBackground } from '../platform/messaging';
import type { WasteReportStatus } from '../src/waste/types';
import { type PolledJobCalls, usePolledJob } from './use-polled-job';

export interface WasteRequest {
  repo: string;
  pushes: number;
  /** Changes on each "Load" click; true asks the background to load afresh. */
  run: number;
  refresh: boolean;
}

/** The page never holds the jobs: the background tallies them batch by batch and sends progress, then the rows. */
const wasteReport: PolledJobCalls<WasteRequest, WasteReportStatus> = {
  async start({ repo, pushes, refresh }) {
    const { reportId } = await sendToBackground('startWasteReport', { repo, pushes, refresh });
    return sendToBackground('wasteReportStatus', { reportId });
  },
  poll: ({ reportId }) => sendToBackground('wasteReportStatus', { reportId }),
  pollAgain: (status) => status.state === 'loading',
  pollMs: 400,
};

/** Starts a report in the background and polls it until it is done or failed. */
export function useWasteReport(request: WasteRequest | undefined): { status?: WasteReportStatus; error?: string } {
  const { status, error } = usePolledJob(wasteReport, request, [request?.repo, request?.pushes, request?.run]);
  return { ...(status ? { status } : {}), ...(error ? { error } : {}) };
}
