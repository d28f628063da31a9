import { describe, expect, it } from 'vitest';
import {
  callLink,
  monitorMessage,
  processingStateOf,
  receiptOf,
  statusBatches,
} from '../../../../../main/core/connectors/tethr/call-status.ts';
import { recordingSettingsSkipReason } from '../../../../../main/core/connectors/tethr/recording-settings.ts';

describe('Tethr call status and heartbeats', () => {
  it('reads Complete as processed, Concluded and InProgress as processing, NotFound as nothing said', () => {
    expect(processingStateOf('Complete')).toEqual({ state: 'processed' });
    expect(processingStateOf('Concluded')).toEqual({ state: 'processing' });
    expect(processingStateOf('InProgress')).toEqual({ state: 'processing' });
    expect(processingStateOf('NotFound')).toBeNull();
    expect(processingStateOf('SomethingNew')).toBeNull();
  });

  it('asks about each session once, in batches of at most 100', () => {
    const delivered = Array.from({ length: 230 }, (_, i) => ({ id: i, remoteId: `s-${i % 210}` }));
    const batches = statusBatches(delivered);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 10]);
    expect(new Set(batches.flat()).size).toBe(210);
  });

  it('links to the call in the Tethr web app for a Tethr cloud instance only', () => {
    expect(callLink(new URL('https://acme.Audio.Tethr.com'), 'bbsnbcbe3')).toBe(
      'https://acme.tethr.com/calls/bbsnbcbe3',
    );
    expect(callLink(new URL('http://127.0.0.1:8080'), 'bbsnbcbe3')).toBeUndefined();
    expect(receiptOf('s-1', null, new URL('https://acme.audio.tethr.com'))).toEqual({
      remoteId: 's-1',
    });
  });

  it.each([
    ['healthy', 1],
    ['retrying', 10],
    ['needs-person', 20],
    ['paused', 30],
  ] as const)('reports %s health as heartbeat Status %i', (health, status) => {
    const message = monitorMessage(health, Date.parse('2017-07-25T21:35:15Z'), 'WIN-R2IH0DVK1Q4');
    expect(message).toEqual({
      Status: status,
      TimeStamp: '2017-07-25T21:35:15.000Z',
      Name: 'WIN-R2IH0DVK1Q4',
    });
  });
});

describe('Tethr recording settings', () => {
  const settings = [
    { refType: 'Agent', source: 'Chaz', lookupId: '1001', recordingSetting: 'None' },
    { refType: 'Agent', source: 'Chaz', lookupId: '1002', recordingSetting: 'Disabled' },
    { refType: 'Agent', source: 'Chaz', lookupId: 'Maria.K', recordingSetting: 'None' },
  ];

  it('sends calls of agents listed as None, matching the id without regard to case or spaces', () => {
    expect(recordingSettingsSkipReason(settings, { agentId: '1001' })).toBeNull();
    expect(recordingSettingsSkipReason(settings, { agentId: ' maria.k ' })).toBeNull();
  });

  it('skips an agent listed as Disabled, an agent not listed, and a call without an agent, saying which', () => {
    expect(recordingSettingsSkipReason(settings, { agentId: '1002' })).toMatch(
      /Disabled for agent 1002/,
    );
    expect(recordingSettingsSkipReason(settings, { agentId: '1003' })).toMatch(
      /agent 1003 is not listed in Tethr's recording settings/,
    );
    expect(recordingSettingsSkipReason(settings, {})).toMatch(/names no agent/);
  });
});
