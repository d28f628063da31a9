import { describe, expect, it } from 'vitest';
import { authenticx } from '../../../../main/core/connectors/authenticx/authenticx.ts';
import { behavioralSignals } from '../../../../main/core/connectors/behavioralsignals/behavioralsignals.ts';
import { callDetailsMapping } from '../../../../main/core/connectors/call-details-mapping.ts';
import { enderTuringSftp } from '../../../../main/core/connectors/enderturing-sftp/enderturing-sftp.ts';
import { tethr } from '../../../../main/core/connectors/tethr/tethr.ts';

function targets(mapping: ReturnType<typeof callDetailsMapping>, field: string) {
  return mapping?.find((m) => m.field === field)?.targets;
}

describe('how each call detail reaches a platform, read from the connector itself', () => {
  it('finds where a detail goes, including renamed and translated ones', () => {
    const mapping = callDetailsMapping(authenticx, {});
    expect(targets(mapping, 'startTime')).toEqual(['metadata.InteractionDate']);
    expect(targets(mapping, 'direction')).toEqual(['metadata.CallDirection']);
    expect(targets(mapping, 'extra')).toEqual(['metadata.ExtendedMetadataValues.ticket']);
  });

  it('shows a detail that needs another to be read (Tethr end time from the start)', () => {
    expect(targets(callDetailsMapping(tethr, {}), 'startTime')).toEqual([
      'info.endTime',
      'info.startTime',
    ]);
  });

  it('says "not sent" for details a set-up drops, and follows the options given', () => {
    const legacy = callDetailsMapping(behavioralSignals, { apiVersion: 'legacy' });
    expect(targets(legacy, 'agentFirstName')).toEqual([]);
    expect(targets(legacy, 'direction')).toEqual(['query.calltype']);
    const v5 = callDetailsMapping(behavioralSignals, { apiVersion: 'v5' });
    expect(targets(v5, 'agentFirstName')).toEqual(['meta.agentFirstName']);
  });

  it('has nothing to map for a platform that reads the name alone', () => {
    expect(callDetailsMapping(enderTuringSftp, {})).toBeUndefined();
  });
});
