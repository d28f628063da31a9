import { describe, expect } from 'vitest';
import { behavioralSignals } from '../../../main/core/connectors/behavioralsignals/behavioralsignals.ts';
import {
  DEFAULT_PROJECT,
  startBehavioralSignalsEmulator,
  type ApiVersion,
} from '../../emulators/behavioralsignals/behavioralsignals-emulator.ts';
import { diceInjector, type ConformanceSubject } from './conformance-subject.ts';
import { describeConformance } from './conformance.ts';

/** Call details as a recording's name and sidecar would give them. */
const METADATA = {
  startTime: '2024-04-01T15:20:00+02:00',
  agentId: 'agent-7',
  clientId: '+15551234567',
  direction: 'IN',
  campaign: 'spring-renewals',
  skillGroup: 'retention',
} as const;

/** The subject for one API version; the token is static, so there is no token refresh case. */
function subject(version: ApiVersion): ConformanceSubject {
  return {
    connector: behavioralSignals,
    recording: {
      fileName: (n) => `support-call-${n}.wav`,
      channels: 2,
      metadata: METADATA,
    },
    faults: new Set(['unavailable', 'too-many-requests', 'drop-after-store', 'reject']),
    async start() {
      const emulator = await startBehavioralSignalsEmulator();
      return {
        profile: (options = {}) => ({
          id: 'bs',
          connector: 'behavioralsignals',
          allowInsecureHttp: false,
          options: {
            baseUrl: version === 'v5' ? emulator.v5Url : emulator.legacyUrl,
            projectId: DEFAULT_PROJECT.cid,
            apiVersion: version,
            ...options,
          },
        }),
        secrets: { token: DEFAULT_PROJECT.token },
        wrongSecrets: { token: 'not-the-project-token' },
        received: () =>
          emulator.processes().map((process) => ({
            remoteId: String(process.pid),
            fileName: process.fileName,
            sizeBytes: process.bytes,
            sha256: process.sha256,
            contentType: process.contentType,
            fields:
              process.version === 'v5'
                ? {
                    name: process.name,
                    ...(process.meta === undefined ? {} : { meta: process.meta }),
                    ...(process.embeddings === undefined ? {} : { embeddings: process.embeddings }),
                  }
                : { ...process.query },
          })),
        inject: diceInjector(emulator, 'upload', {
          status: 415,
          detail: 'The audio file could not be decoded',
        }),
        tokensIssued: () => null,
        completeProcessing: (remoteId) => emulator.completeProcessing(remoteId),
        close: () => emulator.close(),
      };
    },
    expectFields(received, job) {
      expect(received.contentType).toBe('audio/wav');
      if (version === 'v5') {
        expect(received.fields).toEqual({ name: job.fileName, meta: METADATA });
        return;
      }
      expect(received.fields).toEqual({
        channels: '2',
        calltype: 'incoming',
        name: job.fileName,
        agentId: 'agent-7',
        agentTeam: 'retention',
        customerId: '+15551234567',
        campaignId: 'spring-renewals',
        ANI: '+15551234567',
        calltime: '2024-04-01T15:20:00',
        timezone: '2',
      });
    },
  };
}

describe('Oliver API v5', () => describeConformance(subject('v5')));
describe('Oliver API, legacy form (seed 004)', () => describeConformance(subject('legacy')));
