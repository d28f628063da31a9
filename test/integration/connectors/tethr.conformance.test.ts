import { expect } from 'vitest';
import { sessionIdOf } from '../../../main/core/connectors/tethr/call-info.ts';
import { tethr } from '../../../main/core/connectors/tethr/tethr.ts';
import { DEFAULT_CLIENT, startTethrEmulator } from '../../emulators/tethr/tethr-emulator.ts';
import { diceInjector, type ConformanceSubject } from './conformance-subject.ts';
import { describeConformance } from './conformance.ts';

/**
 * Tethr's receipt carries the session id Call Courier derives from the content hash (what
 * the status API is asked by), so the emulator's "id the platform gave it" is the session
 * id the call was archived under, not Tethr's call id.
 */
const subject: ConformanceSubject = {
  connector: tethr,
  recording: {
    fileName: (n) => `call-${n}.wav`,
    channels: 2,
    metadata: {
      startTime: '2024-01-31T20:59:00+02:00',
      agentId: '1001',
      agentFirstName: 'John',
      agentLastName: 'Doe',
      clientId: '+44 20 7946 0958',
      direction: 'IN',
      agentChannel: 1,
      callId: 'sip-2545684745',
      did: '5555551234',
      queue: 'Service-Change',
    },
  },
  faults: new Set([
    'unavailable',
    'too-many-requests',
    'drop-after-store',
    'reject',
    'expire-tokens',
  ]),
  async start() {
    const emulator = await startTethrEmulator();
    return {
      profile: (options = {}) => ({
        id: 'tethr',
        connector: 'tethr',
        allowInsecureHttp: false,
        options: {
          baseUrl: emulator.url,
          clientId: DEFAULT_CLIENT.clientId,
          heartbeat: true,
          useRecordingSettings: false,
          ...options,
        },
      }),
      secrets: { clientSecret: DEFAULT_CLIENT.clientSecret },
      wrongSecrets: { clientSecret: 'not the secret' },
      received: () =>
        emulator.calls.map((call) => ({
          remoteId: call.sessionId,
          fileName: call.fileName,
          sizeBytes: call.bytes,
          sha256: call.sha256,
          contentType: call.contentType,
          fields: { info: call.info },
        })),
      inject: diceInjector(emulator, 'archive', {
        status: 422,
        detail: 'The audio could not be decoded',
      }),
      tokensIssued: () => emulator.tokensIssued,
      completeProcessing: (remoteId) => emulator.completeProcessing(remoteId),
      close: () => emulator.close(),
    };
  },
  expectFields(received, job) {
    expect(received.contentType).toBe('audio/wav');
    const seconds = job.audio?.durationSec ?? Number.NaN;
    expect(received.fields).toEqual({
      info: {
        sessionId: sessionIdOf(job),
        masterCallId: 'sip-2545684745',
        audio: { format: 'wav' },
        startTime: '2024-01-31T18:59:00Z',
        endTime: new Date(Date.parse('2024-01-31T18:59:00Z') + seconds * 1000)
          .toISOString()
          .replace('.000Z', 'Z'),
        direction: 'Inbound',
        numberDialed: '5555551234',
        contacts: [
          { type: 'agent', channel: 1, referenceId: '1001', firstName: 'John', lastName: 'Doe' },
          {
            type: 'customer',
            channel: 0,
            referenceId: '+44 20 7946 0958',
            phoneNumber: '+44 20 7946 0958',
          },
        ],
        metaData: { fileName: job.fileName, callQueue: 'Service-Change' },
      },
    });
  },
};

describeConformance(subject);
