import { expect } from 'vitest';
import { enderTuring } from '../../../main/core/connectors/enderturing/enderturing.ts';
import {
  DEFAULT_USER,
  startEnderTuringEmulator,
} from '../../emulators/enderturing/enderturing-emulator.ts';
import { diceInjector, type ConformanceSubject } from './conformance-subject.ts';
import { describeConformance } from './conformance.ts';

const subject: ConformanceSubject = {
  connector: enderTuring,
  recording: {
    fileName: (n) => `20240131_2059_Agent${n}_12345678_IN_0.wav`,
    channels: 2,
    metadata: { clientId: '12345678', direction: 'IN', agentChannel: 0 },
  },
  faults: new Set([
    'unavailable',
    'too-many-requests',
    'drop-after-store',
    'reject',
    'expire-tokens',
  ]),
  async start() {
    const emulator = await startEnderTuringEmulator();
    return {
      profile: (options = {}) => ({
        id: 'et',
        connector: 'enderturing',
        allowInsecureHttp: false,
        options: {
          baseUrl: emulator.url,
          username: DEFAULT_USER.username,
          language: 'en',
          detailedRealtimeResults: false,
          advancedLanguageIdentification: false,
          allowMono: false,
          ...options,
        },
      }),
      secrets: { password: DEFAULT_USER.password },
      wrongSecrets: { password: 'not the password' },
      received: () =>
        emulator.uploads.map((upload) => ({
          remoteId: upload.sessionId,
          fileName: upload.fileName,
          sizeBytes: upload.bytes,
          sha256: upload.sha256,
          contentType: upload.contentType,
          fields: {
            language: upload.language,
            detailedRealtimeResults: upload.detailedRealtimeResults,
            advancedLanguageIdentification: upload.advancedLanguageIdentification,
          },
        })),
      inject: diceInjector(emulator, 'upload', {
        status: 422,
        detail: 'The audio file could not be decoded',
      }),
      tokensIssued: () => emulator.logins,
      close: () => emulator.close(),
    };
  },
  expectFields(received) {
    expect(received.contentType).toBe('audio/wav');
    expect(received.fields).toEqual({
      language: 'en',
      detailedRealtimeResults: false,
      advancedLanguageIdentification: false,
    });
  },
};

describeConformance(subject);
