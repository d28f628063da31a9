// The tray and app icons: committed PNGs match their SVG sources, have the right sizes, and the
// tray states can be told apart by shape alone on light and dark menu bars.
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  iconTargets,
  renderIcon,
  TRAY_STATES,
  type IconTarget,
  type RenderedIcon,
} from '../../../build/rendered-icons.ts';
import { TRAY_STATES as APP_TRAY_STATES } from '../../../main/electron/tray/tray-state.ts';
import { REPO_ROOT } from './repo-root.ts';
import { pngSize } from './png.ts';

const targets = iconTargets();

/** A tray icon rendered in memory from its SVG. */
function trayIcon(state: string, theme: 'light' | 'dark'): Promise<RenderedIcon> {
  const target = targets.find((t) => t.path === `build/icons/tray/${state}-${theme}.png`);
  if (!target) throw new Error(`no tray icon for ${state}-${theme}`);
  return renderIcon(target, REPO_ROOT);
}

/** The alpha channel of RGBA pixels: the shape, whatever the colour. */
function alpha(icon: RenderedIcon): number[] {
  return [...icon.pixels].filter((_, index) => index % 4 === 3);
}

/** Mean brightness (0 black … 1 white) of the visible pixels. */
function glyphBrightness(icon: RenderedIcon): number {
  let sum = 0;
  let weight = 0;
  for (let i = 0; i < icon.pixels.length; i += 4) {
    const a = icon.pixels[i + 3] ?? 0;
    if (a === 0) continue;
    // resvg's pixels are premultiplied: divide by alpha to get the colour back.
    const [r, g, b] = [0, 1, 2].map((c) => (icon.pixels[i + c] ?? 0) / a);
    sum += (0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)) * a;
    weight += a;
  }
  return sum / weight;
}

/** Every PNG under build/icons, as repository paths. */
async function committedPngs(): Promise<readonly string[]> {
  const entries = await readdir(new URL('build/icons/', REPO_ROOT), { recursive: true });
  return entries
    .filter((entry) => entry.endsWith('.png'))
    .map((entry) => `build/icons/${entry.replaceAll('\\', '/')}`)
    .sort();
}

describe('icons', () => {
  it.each(targets.map((target) => [target.path, target] as [string, IconTarget]))(
    '%s is up to date with its SVG source (run `npm run icons`)',
    async (path, target) => {
      const committed = await readFile(new URL(path, REPO_ROOT));
      const rendered = await renderIcon(target, REPO_ROOT);
      expect(committed.equals(rendered.png)).toBe(true);
      expect(pngSize(committed)).toEqual({ width: target.size, height: target.size });
    },
  );

  it('build/icons holds no PNG that the SVG sources do not produce', async () => {
    expect(await committedPngs()).toEqual(targets.map((target) => target.path).sort());
  });

  it('the icons cover exactly the tray states the app shows', () => {
    expect([...TRAY_STATES]).toEqual([...APP_TRAY_STATES]);
  });

  it('every tray state comes at 16 px and 32 px (@2x) for light and dark menu bars', () => {
    for (const state of TRAY_STATES) {
      for (const name of [`${state}-light`, `${state}-dark`]) {
        const sizes = targets
          .filter((t) => t.path.startsWith(`build/icons/tray/${name}`))
          .map((t) => [t.path.slice('build/icons/tray/'.length), t.size]);
        expect(sizes).toEqual([
          [`${name}.png`, 16],
          [`${name}@2x.png`, 32],
        ]);
      }
    }
  });

  it('each tray state has its own shape at 16 px, so it is told apart without colour', async () => {
    const shapes = await Promise.all(
      TRAY_STATES.map(async (state) => ({ state, alpha: alpha(await trayIcon(state, 'light')) })),
    );
    for (const [index, a] of shapes.entries()) {
      for (const b of shapes.slice(index + 1)) {
        const differing = a.alpha.filter((value, i) => Math.abs(value - (b.alpha[i] ?? 0)) >= 128);
        // At least an eighth of the 256 pixels differ clearly between any two states.
        expect(differing.length, `${a.state} vs ${b.state}`).toBeGreaterThanOrEqual(32);
      }
    }
  });

  it('each tray glyph fills the 16 px square rather than a corner of it', async () => {
    for (const state of TRAY_STATES) {
      const shape = alpha(await trayIcon(state, 'light'));
      const solid = shape.flatMap((value, i) =>
        value >= 128 ? [[i % 16, Math.floor(i / 16)]] : [],
      );
      const xs = solid.map(([x]) => x ?? 0);
      const ys = solid.map(([, y]) => y ?? 0);
      const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
      expect(extent + 1, state).toBeGreaterThanOrEqual(12);
    }
  });

  it('light menu bars get a dark glyph and dark menu bars a light one, in the same shape', async () => {
    for (const state of TRAY_STATES) {
      const light = await trayIcon(state, 'light');
      const dark = await trayIcon(state, 'dark');
      expect(alpha(light), state).toEqual(alpha(dark));
      expect(glyphBrightness(light), state).toBeLessThan(0.1);
      expect(glyphBrightness(dark), state).toBeGreaterThan(0.9);
    }
  });
});
