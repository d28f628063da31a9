// The icon PNGs the repository commits, each rendered from its SVG source in build/icons/.
// `npm run icons` writes them (build/render-icons.ts); a test re-renders them and compares.
import { readFile } from 'node:fs/promises';
import { Resvg } from '@resvg/resvg-js';

/** Tray states, in the order the tray shows them (see main/electron). */
export const TRAY_STATES = ['idle', 'uploading', 'problem', 'paused', 'offline'] as const;

/** A tray state: all delivered, uploading, needs a person, paused, destination offline. */
export type TrayState = (typeof TRAY_STATES)[number];

/** Glyph colour per menu-bar theme: `light` is a dark glyph for light menu bars, and the reverse. */
export const TRAY_THEMES = { light: '#000000', dark: '#ffffff' } as const;

/** A menu-bar theme the tray icons come in. */
export type TrayTheme = keyof typeof TRAY_THEMES;

/** Sizes of the Linux icon set (build/icons/linux/<n>x<n>.png). */
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;

/** Size of build/icons/icon.png, from which electron-builder makes the .ico and .icns. */
export const APP_ICON_SIZE = 1024;

/** One committed PNG: where it goes, which SVG it comes from, its size and glyph colour. */
export interface IconTarget {
  /** Path of the PNG in the repository. */
  readonly path: string;
  /** Path of the SVG source in the repository. */
  readonly source: string;
  /** Width and height in pixels. */
  readonly size: number;
  /** Colour that `currentColor` stands for in the source, when the source uses it. */
  readonly color?: string;
}

/** A rendered icon: the PNG file and its raw RGBA pixels. */
export interface RenderedIcon {
  readonly png: Buffer;
  readonly pixels: Buffer;
  readonly width: number;
  readonly height: number;
}

/** Every PNG rendered from build/icons/*.svg, tray icons first. */
export function iconTargets(): readonly IconTarget[] {
  const tray = TRAY_STATES.flatMap((state) =>
    (Object.keys(TRAY_THEMES) as TrayTheme[]).flatMap((theme) =>
      [1, 2].map((scale) => ({
        path: `build/icons/tray/${state}-${theme}${scale === 1 ? '' : `@${scale}x`}.png`,
        source: `build/icons/tray-${state}.svg`,
        size: 16 * scale,
        color: TRAY_THEMES[theme],
      })),
    ),
  );
  const app = { path: 'build/icons/icon.png', source: 'build/icons/icon.svg', size: APP_ICON_SIZE };
  const linux = LINUX_ICON_SIZES.map((size) => ({
    path: `build/icons/linux/${size}x${size}.png`,
    source: 'build/icons/icon.svg',
    size,
  }));
  return [...tray, app, ...linux];
}

/** Renders one target from its SVG source (read relative to the repository root). */
export async function renderIcon(target: IconTarget, root: URL): Promise<RenderedIcon> {
  const svg = await readFile(new URL(target.source, root), 'utf8');
  const coloured =
    target.color === undefined ? svg : svg.replace('<svg ', `<svg color="${target.color}" `);
  const image = new Resvg(coloured, {
    fitTo: { mode: 'width', value: target.size },
    font: { loadSystemFonts: false },
  }).render();
  return { png: image.asPng(), pixels: image.pixels, width: image.width, height: image.height };
}
