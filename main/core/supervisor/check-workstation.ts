import type { Dispatcher } from 'undici';
import type { WorkstationInfo, WorkstationRow } from '../../../preload/api.ts';
import { askWorkstation, type WorkstationAnswer } from './ask-workstation.ts';
import { largestSample } from './metric-samples.ts';
import { isStatusAnswer, readHealth } from './workstation-health.ts';

/** How long a workstation may take to answer before its row says "unreachable". */
export const WORKSTATION_TIMEOUT_MS = 5_000;

/** What checking one workstation needs besides its address. */
export interface CheckOptions {
  /** Its monitor token, or why there is none ("no monitor token is stored…"). */
  readonly token: string | { readonly missing: string };
  readonly dispatcher?: Dispatcher;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

/**
 * Asks one workstation for its status and metrics (in parallel, with a short timeout) and makes
 * its row of the supervisor table. Never throws: a workstation that does not answer, refuses the
 * token or answers something else gets a row that says so.
 */
export async function checkWorkstation(
  workstation: WorkstationInfo,
  options: CheckOptions,
): Promise<WorkstationRow> {
  const now = options.now ?? Date.now;
  const blank = {
    ...pick(workstation),
    backlog: null,
    failed: null,
    oldestWaitingSeconds: null,
    lastDeliveryAt: null,
    alarms: [],
    checkedAt: new Date(now()).toISOString(),
  } as const;
  const down = (problem: string): WorkstationRow => ({ ...blank, health: 'unreachable', problem });
  if (typeof options.token !== 'string') return down(options.token.missing);
  const address = new URL(workstation.address);
  const signal = AbortSignal.timeout(options.timeoutMs ?? WORKSTATION_TIMEOUT_MS);
  const ask = (path: string) =>
    askWorkstation(address, path, options.token as string, {
      signal,
      ...(options.dispatcher && { dispatcher: options.dispatcher }),
    });
  const [statusAnswer, metricsAnswer] = await Promise.all([ask('/api/v1/status'), ask('/metrics')]);
  const refused = answerProblem(statusAnswer);
  if (refused !== null) return down(refused);
  const status = parseJson((statusAnswer as { text: string }).text);
  if (!isStatusAnswer(status)) {
    return down('unreachable: it answered, but not as Call Courier does (is the address right?)');
  }
  const reading = readHealth(status);
  const metrics = metricsAnswer.ok && metricsAnswer.status === 200 ? metricsAnswer.text : '';
  const oldest = largestSample(metrics, 'call_courier_oldest_queued_age_seconds');
  const last = largestSample(metrics, 'call_courier_last_upload_timestamp_seconds');
  return {
    ...blank,
    health: reading.health,
    problem: reading.problem,
    backlog: reading.backlog,
    failed: reading.failed,
    alarms: reading.alarms,
    oldestWaitingSeconds: reading.backlog > 0 && oldest !== null ? Math.round(oldest) : null,
    lastDeliveryAt: last !== null && last > 0 ? new Date(last * 1000).toISOString() : null,
  };
}

/** What is wrong with a status answer, or null when it is a 200 to read. */
function answerProblem(answer: WorkstationAnswer): string | null {
  if (!answer.ok) return answer.problem;
  switch (answer.status) {
    case 200:
      return null;
    case 401:
      return "monitor token refused: copy the monitor-token file from that workstation's data folder again (remove the workstation, then add it with the new token)";
    case 403:
      return 'unreachable: it refused the request (is the address right?)';
    case 421:
      return 'unreachable: it does not answer to this address; use the address it listens on (see its "Allow supervisor monitoring" setting)';
    default:
      return `unreachable: it answered HTTP ${answer.status} (is the address right?)`;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function pick(workstation: WorkstationInfo): WorkstationInfo {
  return { id: workstation.id, label: workstation.label, address: workstation.address };
}
