import type { Connector } from '../connector.ts';
import { baseUrlOption, httpConnectionOptions } from '../common-options.ts';
import { TethrClient } from './client.ts';
import { callInfo } from './call-info.ts';

/** Tethr's archived call upload, call status, recording settings and heartbeats (seed 002, API-NOTES). */
export const tethr: Connector = {
  id: 'tethr',
  label: 'Tethr',
  docsUrl: 'https://support.tethr.com/hc/en-us/sections/115003048847-APIs',
  summary: 'Uploads archived calls to Tethr with their call details, and follows their processing.',
  options: [
    baseUrlOption('Your Tethr audio address.', 'https://INSTANCE.Audio.Tethr.com'),
    {
      name: 'clientId',
      label: 'API user',
      type: 'string',
      required: true,
      help: 'The API user Tethr gave you (the client id).',
    },
    {
      name: 'clientSecret',
      label: 'API secret',
      type: 'string',
      secret: true,
      required: true,
      help: 'Tethr API secrets expire after 365 days. Kept in the system keychain.',
    },
    {
      name: 'heartbeat',
      label: 'Send heartbeats',
      type: 'boolean',
      default: true,
      advanced: true,
      help: 'Tell Tethr every 5 minutes that the uploader is healthy, so that it can alert when it stops.',
    },
    {
      name: 'useRecordingSettings',
      label: 'Respect Tethr recording settings',
      type: 'boolean',
      default: false,
      advanced: true,
      help: 'Skip calls of agents that Tethr does not list, or lists as Disabled. Agents are matched by agent id; a call without one is skipped.',
    },
    ...httpConnectionOptions,
  ],
  callDetails: (recording) => ({
    info: callInfo({ ...recording, id: 0, path: '', attempt: 1 }, { fileModifiedMs: 0 }),
  }),
  capabilities: {
    formats: [
      { container: 'wav', codecs: ['pcm', 'mulaw'] },
      { container: 'mp3' },
      { container: 'ogg', codecs: ['opus'] },
    ],
    requiresStereo: true,
    lookup: true,
    metadataUpdate: false,
    statusPolling: true,
    heartbeat: true,
  },
  open: (context) => new TethrClient(context),
};
