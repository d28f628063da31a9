import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  debouncedLatest,
  type LatestResult,
} from '../../../renderer/src/views/settings/debounced-latest.ts';
import {
  namingChoice,
  namingMode,
  withNamingMode,
} from '../../../renderer/src/views/settings/folder-naming.ts';
import { metadataRows } from '../../../renderer/src/views/settings/metadata-rows.ts';

afterEach(() => vi.useRealTimers());

describe("a folder's naming, as the settings form edits it", () => {
  it('reads the mode from the folder: a template wins, then a preset, else every preset', () => {
    expect(namingMode({ path: '/r' })).toBe('auto');
    expect(namingMode({ preset: '3cx' })).toBe('preset:3cx');
    expect(namingMode({ preset: '3cx', template: '{agentId}' })).toBe('template');
  });

  it('switches the mode, keeping the template typed so far and the other folder settings', () => {
    const folder = { path: '/r', preset: '3cx', timeZone: 'Europe/Kyiv', extraKey: 1 };
    const template = withNamingMode(folder, 'template');
    expect(template).toEqual({ path: '/r', template: '', timeZone: 'Europe/Kyiv', extraKey: 1 });
    expect(withNamingMode({ ...template, template: '{agentId}' }, 'preset:freepbx')).toEqual({
      path: '/r',
      preset: 'freepbx',
      timeZone: 'Europe/Kyiv',
      extraKey: 1,
    });
    expect(withNamingMode(folder, 'auto')).not.toHaveProperty('preset');
    expect(namingChoice(folder)).toEqual({ preset: '3cx', timeZone: 'Europe/Kyiv' });
  });

  it('lists what a name preview read, in words, with the start time in the folder time zone', () => {
    const rows = metadataRows(
      {
        startTime: '2024-04-01T15:20:00+03:00',
        agentId: 'Agent99',
        direction: 'IN',
        agentChannel: 0,
        extra: { branch: 'north' },
      },
      { timeZone: 'Europe/Kyiv', locale: 'en-GB' },
    );
    expect(rows.map((r) => r.label)).toEqual([
      'Call started',
      'Agent',
      'Direction',
      'Agent on channel',
      'branch',
    ]);
    expect(rows[0]?.value).toBe('1 Apr 2024, 15:20');
    expect(rows.slice(1).map((r) => r.value)).toEqual(['Agent99', 'Inbound', 'left (0)', 'north']);
  });
});

describe('the live preview while a person types', () => {
  it('asks once typing pauses, and only with the latest text', async () => {
    vi.useFakeTimers();
    const asked: string[] = [];
    const results: LatestResult<string, string>[] = [];
    const preview = debouncedLatest<string, string>({
      delayMs: 300,
      run: async (text) => (asked.push(text), `read ${text}`),
      onResult: (result) => results.push(result),
    });
    preview.request('2024');
    await vi.advanceTimersByTimeAsync(100);
    preview.request('20240401');
    await vi.advanceTimersByTimeAsync(100);
    preview.request('20240401_1520');
    await vi.advanceTimersByTimeAsync(300);
    expect(asked).toEqual(['20240401_1520']);
    expect(results).toEqual([{ ok: true, input: '20240401_1520', value: 'read 20240401_1520' }]);
  });

  it('drops an answer that arrives after a newer question was asked', async () => {
    vi.useFakeTimers();
    const answers = new Map<string, (value: string) => void>();
    const results: LatestResult<string, string>[] = [];
    const preview = debouncedLatest<string, string>({
      delayMs: 10,
      run: (text) => new Promise((resolve) => answers.set(text, resolve)),
      onResult: (result) => results.push(result),
    });
    preview.request('old');
    await vi.advanceTimersByTimeAsync(10);
    preview.request('new');
    await vi.advanceTimersByTimeAsync(10);
    answers.get('new')?.('read new');
    answers.get('old')?.('read old');
    await vi.advanceTimersByTimeAsync(0);
    expect(results).toEqual([{ ok: true, input: 'new', value: 'read new' }]);
  });

  it('drops the answer on its way when the sample is cleared, and asks again later', async () => {
    vi.useFakeTimers();
    const answers: ((value: string) => void)[] = [];
    const results: LatestResult<string, string>[] = [];
    const preview = debouncedLatest<string, string>({
      delayMs: 10,
      run: (text) => new Promise((resolve) => answers.push(() => resolve(`read ${text}`))),
      onResult: (result) => results.push(result),
    });
    preview.request('old');
    await vi.advanceTimersByTimeAsync(10);
    preview.cancel();
    answers[0]?.('');
    await vi.advanceTimersByTimeAsync(0);
    expect(results).toEqual([]);
    preview.request('new');
    await vi.advanceTimersByTimeAsync(10);
    answers[1]?.('');
    await vi.advanceTimersByTimeAsync(0);
    expect(results).toEqual([{ ok: true, input: 'new', value: 'read new' }]);
  });

  it('reports nothing after the form is closed', async () => {
    vi.useFakeTimers();
    const results: unknown[] = [];
    const preview = debouncedLatest<string, string>({
      delayMs: 10,
      run: async (text) => text,
      onResult: (result) => results.push(result),
    });
    preview.request('a');
    preview.dispose();
    await vi.advanceTimersByTimeAsync(50);
    expect(results).toEqual([]);
  });
});
