import { describe, expect, it } from 'vitest';
import { presetInfos, previewName } from '../../../../main/core/service/name-preview.ts';

const ET_NAME = '20240401_1520_Agent99_12345678_IN_0.wav';

describe('the live preview of what a folder reads from a recording name', () => {
  it('reads every preset sample name with that preset, without a problem', () => {
    for (const preset of presetInfos()) {
      const preview = previewName(preset.example, { preset: preset.id });
      expect(preview.problems, preset.id).toEqual([]);
      expect(preview.preset).toBe(preset.id);
      expect(preview.metadata.startTime, preset.id).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
  });

  it('finds the preset that fits when the folder names none, as intake does', () => {
    expect(previewName(ET_NAME, {})).toEqual({
      metadata: {
        startTime: '2024-04-01T15:20:00Z',
        agentId: 'Agent99',
        clientId: '12345678',
        direction: 'IN',
        agentChannel: 0,
      },
      preset: 'enderturing',
      problems: [],
    });
  });

  it('reads times in the folder time zone', () => {
    const preview = previewName(ET_NAME, { preset: 'enderturing', timeZone: 'Europe/Kyiv' });
    expect(preview.metadata.startTime).toBe('2024-04-01T15:20:00+03:00');
  });

  it('cuts a pasted path down to the file name', () => {
    expect(previewName(`C:\\Recordings\\2024\\${ET_NAME}`, {}).preset).toBe('enderturing');
    expect(previewName(`/var/spool/${ET_NAME}`, {}).preset).toBe('enderturing');
  });

  it('uses the template over a preset, and says that only one of them should be given', () => {
    const preview = previewName(ET_NAME, {
      preset: '3cx',
      template: '{date:YYYYMMDD}_{time:HHmm}_{agentId}_{*}',
    });
    expect(preview.preset).toBe('template');
    expect(preview.metadata.agentId).toBe('Agent99');
    expect(preview.problems).toEqual([
      'give either a preset or a template, not both: the template is used',
    ]);
  });

  it('says where a name stops following the template', () => {
    const preview = previewName('20240401-1520.wav', { template: '{date:YYYYMMDD}_{time:HHmm}' });
    expect(preview).toEqual({
      metadata: {},
      preset: null,
      problems: [
        "the name does not follow the template: the name should have '_' after '20240401'",
      ],
    });
  });

  it('says why a template cannot be used at all', () => {
    const [problem] = previewName(ET_NAME, { template: '{date:YYYYMMDD}_{nosuchfield}' }).problems;
    expect(problem).toMatch(/^the template is not valid: .*nosuchfield/);
  });

  it('says why no preset reads a name, naming each one tried', () => {
    const [problem] = previewName('meeting.wav', {}).problems;
    expect(problem).toMatch(
      /^the name follows none of the presets \(3CX: .*; FreePBX: .*; Ender Turing: .*\)$/,
    );
  });

  it.each([
    ['', {}, 'type the name of one of the recordings'],
    [ET_NAME, { timeZone: 'Kyiv' }, "the time zone 'Kyiv' is not an IANA time zone name"],
    [
      ET_NAME,
      { preset: 'avaya' },
      'there is no preset "avaya": use one of 3cx, freepbx, enderturing',
    ],
  ])('answers a plain problem instead of a reading for %j with %j', (name, naming, problem) => {
    const preview = previewName(name, naming);
    expect(preview.metadata).toEqual({});
    expect(preview.preset).toBeNull();
    expect(preview.problems).toEqual([expect.stringContaining(problem)]);
  });
});
