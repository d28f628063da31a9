import type { Connector } from '../connector.ts';
import { baseUrlOption, httpConnectionOptions } from '../common-options.ts';
import { BehavioralSignalsClient } from './client.ts';
import { legacyRecordingProblems } from './legacy-query.ts';
import { legacyQuery } from './legacy-query.ts';
import { v5Fields } from './requests.ts';

/**
 * Behavioral Signals' Oliver API (seed 004, API-NOTES): v5, or the legacy form with the
 * call details as query parameters. A static project token; processing status is polled.
 */
export const behavioralSignals: Connector = {
  id: 'behavioralsignals',
  label: 'Behavioral Signals',
  docsUrl: 'https://behavioralsignals.readme.io/',
  summary: 'Submits calls to the Oliver API for processing and follows their status.',
  options: [
    baseUrlOption(
      'Oliver API address. For the legacy API version, the address of your older Oliver deployment.',
      'https://api.behavioralsignals.com/v5',
      'https://api.behavioralsignals.com/v5',
    ),
    {
      name: 'projectId',
      label: 'Project (client) id',
      type: 'string',
      required: true,
      help: "The ID (client id, cid) of your Behavioral Signals project: the number shown with the project's secret.",
      examples: ['10000123'],
    },
    {
      name: 'token',
      label: 'API token',
      type: 'string',
      secret: true,
      required: true,
      help: "The project's secret (API token), sent as X-Auth-Token. Kept in the system keychain.",
    },
    {
      name: 'apiVersion',
      label: 'API version',
      type: 'enum',
      default: 'v5',
      advanced: true,
      choices: [
        { value: 'v5', label: 'v5 (current)' },
        { value: 'legacy', label: 'Legacy (query parameters)' },
      ],
      help: 'v5 sends the call details as a JSON `meta` field. Legacy (older Oliver deployments) sends them as query parameters and needs the call direction and a one- or two-channel recording.',
    },
    ...httpConnectionOptions,
  ],
  callDetails: (recording, options) =>
    options.apiVersion === 'legacy' ? { query: legacyQuery(recording) } : v5Fields(recording),
  callDetailsVariants: [
    { label: 'v5', options: { apiVersion: 'v5' } },
    { label: 'legacy', options: { apiVersion: 'legacy' } },
  ],
  capabilities: {
    formats: [
      { container: 'wav' },
      { container: 'mp3' },
      { container: 'ogg' },
      { container: 'mp4' },
    ],
    requiresStereo: false,
    lookup: false,
    metadataUpdate: false,
    statusPolling: true,
    heartbeat: false,
  },
  checkRecording: legacyRecordingProblems,
  open: (context) => new BehavioralSignalsClient(context),
};
