import { expect } from 'vitest';
import { authenticx } from '../../../main/core/connectors/authenticx/authenticx.ts';
import {
  DEFAULT_CLIENT,
  startAuthenticxEmulator,
} from '../../emulators/authenticx/authenticx-emulator.ts';
import { diceInjector, type ConformanceSubject } from './conformance-subject.ts';
import { describeConformance } from './conformance.ts';

const subject: ConformanceSubject = {
  connector: authenticx,
  recording: {
    fileName: (n) => `call-${n}.wav`,
    channels: 2,
    metadata: {
      startTime: '2024-01-31T20:59:00Z',
      agentId: '007',
      clientId: '800-555-5555',
      direction: 'IN',
      callId: '5CD1S',
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
    const emulator = await startAuthenticxEmulator();
    return {
      profile: (options = {}) => ({
        id: 'ax',
        connector: 'authenticx',
        allowInsecureHttp: false,
        options: {
          baseUrl: emulator.url,
          clientId: DEFAULT_CLIENT.clientId,
          localeId: '1033',
          applyHierarchyToAgent: false,
          ...options,
        },
      }),
      secrets: { clientSecret: DEFAULT_CLIENT.clientSecret },
      wrongSecrets: { clientSecret: 'not the secret' },
      received: () =>
        emulator.uploads.map((upload) => ({
          remoteId: upload.id,
          fileName: upload.fileName,
          sizeBytes: upload.bytes,
          sha256: upload.sha256,
          contentType: upload.contentType,
          fields: upload.metadata,
        })),
      inject: diceInjector(emulator, 'upload', {
        status: 422,
        detail: 'The audio file could not be decoded',
      }),
      tokensIssued: () => emulator.tokensIssued,
      close: () => emulator.close(),
    };
  },
  expectFields(received, job) {
    expect(received.contentType).toBe('audio/wav');
    expect(received.fields).toEqual({
      FileName: job.fileName,
      UploadType: 'Audio',
      CallDirection: 'Inbound',
      Phone: '800-555-5555',
      AgentCode: '007',
      InteractionDate: '2024-01-31T20:59:00Z',
      LocaleId: 1033,
      ClientCallId: '5CD1S',
    });
  },
};

describeConformance(subject);
