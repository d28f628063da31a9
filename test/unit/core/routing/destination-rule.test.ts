import { describe, expect, it } from 'vitest';
import { ruleRefusal } from '../../../../main/core/routing/destination-rule.ts';
import { validateSettings } from '../../../../main/core/settings/load-settings.ts';

describe('a destination rule on call details', () => {
  it('takes a recording whose every named field has one of its values, whatever the case', () => {
    const rule = { direction: ['OUT'], queue: ['Sales', 'Support'] };
    expect(ruleRefusal('tethr', rule, { direction: 'OUT', queue: 'sales' })).toBeNull();
    expect(ruleRefusal('tethr', undefined, {})).toBeNull();
  });

  it('says which rule skipped a recording, and what the recording had', () => {
    const rule = { direction: ['OUT'], queue: ['Sales', 'Support'] };
    expect(ruleRefusal('tethr', rule, { direction: 'IN', queue: 'Sales' })).toBe(
      'tethr takes only recordings with direction OUT; this one has IN',
    );
    expect(ruleRefusal('tethr', rule, { direction: 'OUT' })).toBe(
      'tethr takes only recordings with queue Sales or Support, and this one has no queue',
    );
  });

  it('matches the agent channel as text', () => {
    expect(ruleRefusal('et', { agentChannel: ['1'] }, { agentChannel: 1 })).toBeNull();
  });
});

describe('the `when` of a profile in settings', () => {
  const settings = (when: unknown) => ({
    profiles: [
      {
        id: 'tethr',
        connector: 'tethr',
        when,
        options: { baseUrl: 'https://acme.audio.tethr.com', clientId: 'api-user' },
      },
    ],
  });

  it('accepts one value or a list, and keeps them as lists', () => {
    const result = validateSettings(settings({ direction: 'OUT', queue: ['Sales', 'Support'] }));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.settings.profiles[0]?.when).toEqual({
        direction: ['OUT'],
        queue: ['Sales', 'Support'],
      });
    }
  });

  it('refuses a field the rule cannot look at, and an empty rule, with the path', () => {
    const unknown = validateSettings(settings({ mood: 'happy' }));
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.errors.map((e) => e.path)).toContain('profiles[0].when.mood');
    const empty = validateSettings(settings({}));
    expect(empty.ok).toBe(false);
    if (!empty.ok) {
      expect(empty.errors.map((e) => e.message).join('\n')).toContain(
        'must name at least one call detail',
      );
    }
  });
});
