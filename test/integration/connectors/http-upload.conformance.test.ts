import { expect } from 'vitest';
import { httpUpload } from '../../../main/core/connectors/http-upload/http-upload.ts';
import { startHttpUploadEmulator } from '../../emulators/http-upload/http-upload-emulator.ts';
import { diceInjector, type ConformanceSubject } from './conformance-subject.ts';
import { describeConformance } from './conformance.ts';

/** The platform this suite describes: OAuth 2 client credentials plus a subscription key header. */
const CLIENT = {
  id: 'call-courier',
  secret: 'client secret / with + signs',
  scope: 'recordings:write',
};
const API_KEY = 'sub-key-0123456789';

const metadata = {
  startTime: '2024-01-31T20:59:00Z',
  agentId: 'A-17',
  clientId: '+15551234567',
  direction: 'IN',
  agentChannel: 0,
  extra: { ringGroup: 'sales' },
} as const;

const subject: ConformanceSubject = {
  connector: httpUpload,
  recording: {
    fileName: (n) => `call ${n} (A-17).wav`,
    channels: 2,
    metadata,
  },
  faults: new Set([
    'unavailable',
    'too-many-requests',
    'drop-after-store',
    'reject',
    'expire-tokens',
  ]),
  async start() {
    const emulator = await startHttpUploadEmulator({
      path: '/v1/agents/A-17/recordings',
      query: { source: 'pbx', group: 'sales' },
      auth: {
        kind: 'oauth2',
        clientId: CLIENT.id,
        clientSecret: CLIENT.secret,
        scope: CLIENT.scope,
        clientAuthentication: 'basic',
        tokenLifetimeSeconds: 3600,
      },
      headers: { 'X-Api-Key': API_KEY },
      fileField: 'audio',
      fields: ['agent', 'direction', 'startedAt', 'metadata'],
      jsonFields: ['metadata'],
    });
    return {
      profile: (options = {}) => ({
        id: 'acme',
        connector: 'http',
        allowInsecureHttp: false,
        options: {
          url: `${emulator.url}/v1/agents/{agentId}/recordings?source=pbx&group={extra:ringGroup}`,
          method: 'POST',
          fileField: 'audio',
          fields: {
            agent: '{agentId}',
            direction: '{direction}',
            startedAt: '{startTime}',
            metadata: '{metadataJson}',
          },
          headers: { 'X-Api-Key': '{secret:apiKey}' },
          auth: 'oauth2-client-credentials',
          tokenUrl: emulator.tokenUrl,
          clientId: CLIENT.id,
          scope: CLIENT.scope,
          tokenClientAuth: 'basic',
          responseIdPath: 'data.id',
          ...options,
        },
      }),
      secrets: { clientSecret: CLIENT.secret, apiKey: API_KEY },
      wrongSecrets: { clientSecret: 'not the secret', apiKey: API_KEY },
      received: () =>
        emulator.stored.map((stored) => ({
          remoteId: stored.id,
          fileName: stored.fileName,
          sizeBytes: stored.bytes,
          sha256: stored.sha256,
          contentType: stored.contentType,
          fields: { ...stored.fields, partOrder: stored.partOrder, query: stored.query },
        })),
      inject: diceInjector(emulator, 'upload', {
        status: 422,
        detail: 'The audio could not be decoded',
      }),
      tokensIssued: () => emulator.tokensIssued,
      close: () => emulator.close(),
    };
  },
  expectFields(received, job) {
    expect(received.contentType).toBe('audio/wav');
    expect(received.fields).toEqual({
      agent: 'A-17',
      direction: 'IN',
      startedAt: '2024-01-31T20:59:00Z',
      metadata: JSON.stringify(job.metadata),
      partOrder: ['agent', 'direction', 'startedAt', 'metadata', 'audio'],
      query: { source: 'pbx', group: 'sales' },
    });
    expect(JSON.parse(String(received.fields.metadata))).toEqual(metadata);
  },
};

describeConformance(subject);
