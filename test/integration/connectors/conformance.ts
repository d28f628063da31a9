import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorSession, UploadJob } from '../../../main/core/connectors/connector.ts';
import {
  AuthError,
  ConfigurationError,
  RejectedError,
  TransientError,
} from '../../../main/core/connectors/errors.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import {
  conformanceAudio,
  type ConformanceEmulator,
  type ConformanceSubject,
} from './conformance-subject.ts';

/**
 * The behaviour every connector owes the durable queue, run against the connector's
 * strict emulator: credentials and their refresh, the exact upload, retryable answers,
 * refused files, the look-up after a lost answer, and processing status.
 */
export function describeConformance(subject: ConformanceSubject): void {
  const { connector, recording } = subject;
  const capabilities = connector.capabilities;

  describe(`${connector.label} (${connector.id}) conformance`, () => {
    let emulator: ConformanceEmulator;
    let dir: string;
    let sequence = 0;
    const sessions: ConnectorSession[] = [];
    const signal = new AbortController().signal;

    beforeAll(async () => {
      dir = await tempDirForSuite(`call-courier-conformance-${connector.id}-`);
      emulator = await subject.start();
    });
    afterEach(async () => {
      await Promise.all(sessions.splice(0).map((s) => s.close()));
    });
    afterAll(async () => {
      await emulator?.close();
    });

    function open(secrets: Readonly<Record<string, string>> = emulator.secrets): ConnectorSession {
      const session = connector.open({
        profile: emulator.profile(),
        secret: async (field) => secrets[field] ?? null,
      });
      sessions.push(session);
      return session;
    }

    /** A new recording (distinct bytes each time) and its upload job. */
    async function newJob(): Promise<UploadJob> {
      sequence += 1;
      const sub = join(dir, String(sequence));
      await mkdir(sub);
      // A different length each time, so that every job's content (and hash) is its own.
      const fileName = recording.fileName(sequence);
      const path = await writeWav(join(sub, fileName), {
        channels: recording.channels,
        seconds: 2 + sequence / 100,
      });
      const bytes = await readFile(path);
      return {
        id: sequence,
        path,
        fileName,
        sizeBytes: (await stat(path)).size,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        audio: conformanceAudio(recording.channels),
        metadata: recording.metadata,
        attempt: 1,
      };
    }

    async function failure(promise: Promise<unknown>): Promise<Error> {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, 'expected the call to fail').toBeInstanceOf(Error);
      return error as Error;
    }

    function receivedFor(job: UploadJob) {
      return emulator.received().filter((r) => r.sha256 === job.sha256);
    }

    it('says a good connection is good, and a refused credential is refused', async () => {
      const good = await open().testConnection(signal);
      expect(good.ok, good.message).toBe(true);
      const bad = await open(emulator.wrongSecrets).testConnection(signal);
      expect(bad.ok).toBe(false);
      expect(bad.message).toMatch(/refused|denied|rejected|invalid|not accepted/i);
    });

    it('delivers the exact bytes under the original name with the documented fields', async () => {
      const job = await newJob();
      let lastProgress = 0;
      const receipt = await open().upload(job, signal, (sent) => {
        expect(sent).toBeGreaterThanOrEqual(lastProgress);
        lastProgress = sent;
      });
      const [arrived, ...more] = receivedFor(job);
      expect(more).toEqual([]);
      expect(arrived).toBeDefined();
      if (!arrived) return;
      expect(receipt.remoteId).toBe(arrived.remoteId);
      expect(arrived.sizeBytes).toBe(job.sizeBytes);
      expect(arrived.fileName).toBe(job.fileName);
      expect(lastProgress).toBe(job.sizeBytes);
      subject.expectFields(arrived, job);
    });

    it('refuses to start without its secrets, naming the command that stores them', async () => {
      const error = await failure(open({}).upload(await newJob(), signal, () => undefined));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).toMatch(/call-courier secret set/);
    });

    it('reports refused credentials as an AuthError, and sends nothing', async () => {
      const job = await newJob();
      const error = await failure(open(emulator.wrongSecrets).upload(job, signal, () => undefined));
      expect(error).toBeInstanceOf(AuthError);
      expect(receivedFor(job)).toEqual([]);
    });

    if (subject.faults.has('unavailable')) {
      it('reports 503 as transient with the Retry-After the platform asked for', async () => {
        const job = await newJob();
        const session = open();
        emulator.inject('unavailable');
        const error = await failure(session.upload(job, signal, () => undefined));
        expect(error).toBeInstanceOf(TransientError);
        expect((error as TransientError).retryAfterMs).toBe(7000);
        expect((error as TransientError).uncertain).toBe(false);
        expect(receivedFor(job)).toEqual([]);
        await session.upload(job, signal, () => undefined);
        expect(receivedFor(job)).toHaveLength(1);
      });
    }

    if (subject.faults.has('too-many-requests')) {
      it('reports 429 as transient with its Retry-After', async () => {
        const job = await newJob();
        emulator.inject('too-many-requests');
        const error = await failure(open().upload(job, signal, () => undefined));
        expect(error).toBeInstanceOf(TransientError);
        expect((error as TransientError).retryAfterMs).toBe(3000);
        expect(receivedFor(job)).toEqual([]);
      });
    }

    if (subject.faults.has('expire-tokens')) {
      it('logs in again when its token stops working, without failing the upload', async () => {
        const session = open();
        await session.upload(await newJob(), signal, () => undefined);
        const before = emulator.tokensIssued();
        emulator.inject('expire-tokens');
        const job = await newJob();
        await session.upload(job, signal, () => undefined);
        expect(receivedFor(job)).toHaveLength(1);
        expect(emulator.tokensIssued()).toBe((before ?? 0) + 1);
      });
    }

    if (subject.faults.has('reject')) {
      it('reports a refused file as rejected, with the platform reason', async () => {
        const job = await newJob();
        emulator.inject('reject');
        const error = await failure(open().upload(job, signal, () => undefined));
        expect(error).toBeInstanceOf(RejectedError);
        expect(error.message).toContain(connector.label);
        expect(error.message.length).toBeGreaterThan(connector.label.length + 10);
      });
    }

    if (subject.faults.has('drop-after-store')) {
      it('treats a lost answer as uncertain, and finds the recording on look-up', async () => {
        const job = await newJob();
        const session = open();
        emulator.inject('drop-after-store');
        const error = await failure(session.upload(job, signal, () => undefined));
        expect(error).toBeInstanceOf(TransientError);
        expect((error as TransientError).uncertain).toBe(true);
        const [stored] = receivedFor(job);
        expect(stored).toBeDefined();
        if (capabilities.lookup) {
          expect(session.lookup, 'capabilities.lookup without lookup()').toBeDefined();
          const found = await session.lookup?.(job, signal);
          expect(found?.remoteId).toBe(stored?.remoteId);
        }
      });
    }

    if (capabilities.lookup) {
      it('answers null on look-up of a recording the platform never got', async () => {
        const session = open();
        expect(session.lookup).toBeDefined();
        expect(await session.lookup?.(await newJob(), signal)).toBeNull();
      });
    }

    if (capabilities.statusPolling) {
      it('follows processing until the platform has finished', async () => {
        const session = open();
        expect(session.pollStatus, 'capabilities.statusPolling without pollStatus()').toBeDefined();
        expect(emulator.completeProcessing).toBeDefined();
        const job = await newJob();
        const receipt = await session.upload(job, signal, () => undefined);
        const delivered = [{ id: job.id, remoteId: receipt.remoteId }];
        const before = await session.pollStatus?.(delivered, signal);
        expect(before?.get(job.id)).toEqual({ state: 'processing' });
        emulator.completeProcessing?.(receipt.remoteId);
        const after = await session.pollStatus?.(delivered, signal);
        expect(after?.get(job.id)).toEqual({ state: 'processed' });
      });
    }

    it('declares what it implements', () => {
      const session = open();
      expect(typeof session.lookup === 'function').toBe(capabilities.lookup);
      expect(typeof session.pollStatus === 'function').toBe(capabilities.statusPolling);
      expect(typeof session.heartbeat === 'function').toBe(capabilities.heartbeat);
      expect(typeof session.updateMetadata === 'function').toBe(capabilities.metadataUpdate);
    });
  });
}
