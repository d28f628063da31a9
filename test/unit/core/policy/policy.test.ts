import { describe, expect, it } from 'vitest';
import { applyPolicy, lockedChanges } from '../../../../main/core/policy/apply-policy.ts';
import type { Policy } from '../../../../main/core/policy/load-policy.ts';
import { policyFilePath } from '../../../../main/core/policy/policy-path.ts';

const POLICY: Policy = {
  file: '/etc/call-courier/policy.json',
  settings: {
    upload: {
      concurrency: 3,
      bandwidthLimit: '256KB/s',
      schedule: [{ from: '08:00', to: '18:00' }],
    },
    profiles: [{ id: 'et', connector: 'enderturing', options: {} }],
  },
  locked: ['upload.bandwidthLimit', 'profiles'],
  reason: 'Set by IT',
};

describe('where the machine policy file is', () => {
  it('is the system-wide place of each OS, unless CALL_COURIER_POLICY_FILE names another', () => {
    expect(policyFilePath({}, 'linux')).toBe('/etc/call-courier/policy.json');
    expect(policyFilePath({}, 'darwin')).toBe(
      '/Library/Application Support/Call Courier/policy.json',
    );
    expect(policyFilePath({ ProgramData: 'C:\\ProgramData' }, 'win32')).toMatch(
      /^C:\\ProgramData[\\/]Call Courier[\\/]policy\.json$/,
    );
    expect(policyFilePath({ CALL_COURIER_POLICY_FILE: '/tmp/p.json' }, 'win32')).toBe(
      '/tmp/p.json',
    );
  });
});

describe('settings under a policy', () => {
  it('presets fill only what the user left out; lists are taken whole; locks always win', () => {
    const own = {
      upload: { concurrency: 1, bandwidthLimit: '10MB/s', schedule: [] },
      profiles: [],
    };
    expect(applyPolicy(own, POLICY)).toEqual({
      upload: { concurrency: 1, bandwidthLimit: '256KB/s', schedule: [] },
      profiles: POLICY.settings.profiles,
    });
    expect(applyPolicy({}, POLICY)).toEqual(POLICY.settings);
  });

  it('a change to a locked setting, or leaving it out, is named with the reason', () => {
    const same = applyPolicy({}, POLICY);
    expect(lockedChanges(same, POLICY)).toEqual([]);
    const changes = lockedChanges({ upload: { bandwidthLimit: 'off' } }, POLICY);
    expect(changes.map((c) => c.path)).toEqual(['upload.bandwidthLimit', 'profiles']);
    expect(changes[0]?.message).toContain('Set by IT');
  });
});
