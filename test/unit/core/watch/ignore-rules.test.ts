import { describe, expect, it } from 'vitest';
import {
  isRecordingFileName,
  isSidecarName,
  isWatchedFolderName,
  watchedFileKind,
} from '../../../../main/core/watch/ignore-rules.ts';

describe('which names are recordings', () => {
  it('recordings are the audio extensions recorders write, in any case', () => {
    for (const name of ['a.wav', 'a.WAV', 'a.mp3', 'a.ogg', 'a.opus', 'a.M4a', 'a.mp4']) {
      expect(isRecordingFileName(name), name).toBe(true);
    }
  });

  it('files that are not audio, or have no extension, are not recordings', () => {
    for (const name of ['a.txt', 'a.json', 'a.wav.json', 'wav', 'a.flac.bak', 'a']) {
      expect(isRecordingFileName(name), name).toBe(false);
    }
  });

  it('hidden, temporary and partial files are not recordings even with an audio extension', () => {
    const names = ['.a.wav', '~a.wav', '~$a.wav', 'a.wav.part', 'a.wav.PART', 'a.tmp'];
    for (const name of [...names, 'a.wav.crdownload', 'a.wav.filepart']) {
      expect(isRecordingFileName(name), name).toBe(false);
    }
  });

  it('a sidecar is any .json file, in any case, that is not hidden, temporary or partial', () => {
    for (const name of ['call.wav.json', 'call.json', 'CALL.JSON', 'settings.json']) {
      expect(isSidecarName(name), name).toBe(true);
      expect(watchedFileKind(name), name).toBe('sidecar');
    }
    const skipped = ['.call.json', '~call.json', 'call.json.tmp', 'call.wav.json.part'];
    for (const name of [...skipped, 'call.json.crdownload', 'call.jsonl', 'json', 'call.wav']) {
      expect(isSidecarName(name), name).toBe(false);
    }
  });

  it('a file is a recording, a sidecar, or nothing the watcher looks at', () => {
    expect(watchedFileKind('call.wav')).toBe('recording');
    expect(watchedFileKind('call.wav.json')).toBe('sidecar');
    expect(watchedFileKind('notes.txt')).toBeUndefined();
    expect(watchedFileKind('.call.json')).toBeUndefined();
  });

  it('folders are looked into unless hidden, temporary, a recycle bin, or named like a recording', () => {
    expect(isWatchedFolderName('2025-01-02')).toBe(true);
    expect(isWatchedFolderName('agent.7')).toBe(true);
    for (const name of [
      '.git',
      '~tmp',
      'x.wav',
      'X.MP3',
      '$RECYCLE.BIN',
      'System Volume Information',
    ]) {
      expect(isWatchedFolderName(name), name).toBe(false);
    }
  });
});
