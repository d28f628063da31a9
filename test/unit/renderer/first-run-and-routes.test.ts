import { describe, expect, it } from 'vitest';
import { isFirstRun } from '../../../renderer/src/app/first-run.ts';
import { parseRoute, routeHref, routeOfDesktopView } from '../../../renderer/src/app/routes.ts';

describe('the first run', () => {
  it('is when there is no watch folder or no destination yet', () => {
    expect(isFirstRun({})).toBe(true);
    expect(isFirstRun(null)).toBe(true);
    expect(isFirstRun({ watch: [{ path: '/rec', destinations: ['et'] }], profiles: [] })).toBe(
      true,
    );
    expect(isFirstRun({ watch: [], profiles: [{ id: 'et', connector: 'enderturing' }] })).toBe(
      true,
    );
  });

  it('is over once both exist', () => {
    expect(
      isFirstRun({
        watch: [{ path: '/rec', destinations: ['et'] }],
        profiles: [{ id: 'et', connector: 'enderturing' }],
      }),
    ).toBe(false);
  });
});

describe('the window’s addresses', () => {
  it('name a view, and for settings the destination to open', () => {
    expect(parseRoute('#/problems')).toEqual({ view: 'problems' });
    expect(parseRoute('#/settings/et')).toEqual({ view: 'settings', param: 'et' });
    expect(parseRoute(routeHref('settings', 'sales team'))).toEqual({
      view: 'settings',
      param: 'sales team',
    });
  });

  it('leave the choice to the window when they name no view', () => {
    expect(parseRoute('')).toBeNull();
    expect(parseRoute('#token=abc')).toBeNull();
    expect(parseRoute('#/nowhere')).toBeNull();
  });

  it('follow the desktop app’s requests to show a view', () => {
    expect(routeOfDesktopView('problems')).toEqual({ view: 'problems' });
    expect(routeOfDesktopView('settings/et')).toEqual({ view: 'settings', param: 'et' });
  });
});
