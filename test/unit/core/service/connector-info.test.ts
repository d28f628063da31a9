import { describe, expect, it } from 'vitest';
import { CONNECTORS } from '../../../../main/core/connectors/registry.ts';
import { connectorInfos } from '../../../../main/core/service/connector-info.ts';

describe('connectors as the settings form sees them', () => {
  it('carries every declared option of every platform, in the declared order', () => {
    const infos = connectorInfos();
    expect(infos.map((c) => c.id)).toEqual(CONNECTORS.map((c) => c.id));
    for (const [i, connector] of CONNECTORS.entries()) {
      expect(infos[i]?.options).toStrictEqual(
        connector.options.map((o) => JSON.parse(JSON.stringify(o))),
      );
    }
  });

  it('is plain data that survives the trip through JSON or IPC unchanged', () => {
    const infos = connectorInfos();
    expect(JSON.parse(JSON.stringify(infos))).toStrictEqual(infos);
    expect(structuredClone(infos)).toStrictEqual(infos);
  });

  it('says in words which audio each platform takes, and its size limit when it has one', () => {
    const [enderTuring] = CONNECTORS;
    if (!enderTuring) throw new Error('no connectors');
    const [withLimit] = connectorInfos([
      {
        ...enderTuring,
        capabilities: {
          ...enderTuring.capabilities,
          formats: [{ container: 'wav', codecs: ['pcm', 'mulaw'] }, { container: 'mp3' }],
          maxBytes: 500 * 1024 * 1024,
        },
      },
    ]);
    expect(withLimit?.capabilities).toEqual({
      formats: 'WAV (PCM or μ-law) and MP3',
      requiresStereo: true,
      maxBytes: 500 * 1024 * 1024,
    });
    expect(connectorInfos()[0]?.capabilities).not.toHaveProperty('maxBytes');
  });
});
