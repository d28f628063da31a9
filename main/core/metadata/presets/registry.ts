import type { NameParser } from '../name-parse.ts';
import { parse3cxName } from './3cx.ts';
import { parseEnderTuringName } from './enderturing.ts';
import { parseFreePbxName } from './freepbx.ts';

/** A built-in way of reading names. */
export type PresetId = 'enderturing' | 'freepbx' | '3cx';

/** A preset: its name for people, and its parser. */
export interface Preset {
  readonly label: string;
  readonly parse: NameParser;
}

/** Every preset, most specific first: the order they are tried in when a folder names none. */
export const PRESET_IDS: readonly PresetId[] = ['3cx', 'freepbx', 'enderturing'];

/** The presets by id. */
export const PRESETS: Readonly<Record<PresetId, Preset>> = {
  '3cx': { label: '3CX', parse: parse3cxName },
  freepbx: { label: 'FreePBX', parse: parseFreePbxName },
  enderturing: { label: 'Ender Turing', parse: parseEnderTuringName },
};
