// Chapter authors colour diagrams with `style X fill:#dcfce7,stroke:#16a34a` (or `classDef`),
// picking pale fills that suit the light page, and never a text colour. Mermaid's dark theme
// draws labels near-white, so on those pale fills the text vanished. This rewrites each
// `style`/`classDef` line for the theme being drawn: in dark mode a pale fill becomes a dark
// fill of the same hue (the colour still tells the groups apart) and a light stroke; in both
// themes the label colour is whichever of a near-black and a near-white contrasts more with the
// fill (an author's own `color:` is kept when it already reaches WCAG AA, 4.5:1).
import type { Theme } from '@/components/site/theme';

export const DARK_TEXT = '#111827';
export const LIGHT_TEXT = '#f9fafb';
/** WCAG AA for normal-size text. */
export const MIN_TEXT_CONTRAST = 4.5;

type Rgb = [number, number, number]; // 0–255 each

/** '#abc' or '#aabbcc' (alpha ignored) → RGB; anything else (a colour name) → undefined. */
export function parseHex(value: string): Rgb | undefined {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(value.trim())?.[1];
  if (!hex || ![3, 4, 6, 8].includes(hex.length)) return undefined;
  const full = hex.length <= 4 ? [...hex.slice(0, 3)].map((c) => c + c).join('') : hex.slice(0, 6);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
}

const toHex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** WCAG relative luminance, 0 (black) … 1 (white). */
export function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two colours, 1 … 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function toHsl([r, g, b]: Rgb): [number, number, number] {
  const [rs, gs, bs] = [r / 255, g / 255, b / 255];
  const max = Math.max(rs, gs, bs);
  const min = Math.min(rs, gs, bs);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === rs ? (gs - bs) / d + (gs < bs ? 6 : 0) : max === gs ? (bs - rs) / d + 2 : (rs - gs) / d + 4;
  return [h * 60, s, l];
}

function fromHsl(h: number, s: number, l: number): Rgb {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] = h < 60 ? [c, x, 0] : h < 120 ? [x, c, 0] : h < 180 ? [0, c, x] : h < 240 ? [0, x, c] : h < 300 ? [x, 0, c] : [c, 0, x];
  return [(r + m) * 255, (g + m) * 255, (b + m) * 255];
}

/** A pale fill's dark-page counterpart: same hue, dark, a little saturation so groups differ. */
function darkFill(rgb: Rgb): Rgb {
  if (luminance(rgb) < 0.18) return rgb; // already dark: the author meant it
  const [h, s] = toHsl(rgb);
  return fromHsl(h, Math.min(s, 0.45), 0.2);
}

/** A stroke that stays visible on a dark page: same hue, at least mid-light. */
function darkStroke(rgb: Rgb): Rgb {
  const [h, s, l] = toHsl(rgb);
  return l >= 0.6 ? rgb : fromHsl(h, s, 0.6);
}

/** The label colour to draw on `fill`: the author's if it is readable, else the better of two. */
function textOn(fill: Rgb, authored: string | undefined): string {
  const own = authored ? parseHex(authored) : undefined;
  if (authored && (!own || contrast(own, fill) >= MIN_TEXT_CONTRAST)) return authored;
  return contrast(parseHex(DARK_TEXT)!, fill) >= contrast(parseHex(LIGHT_TEXT)!, fill) ? DARK_TEXT : LIGHT_TEXT;
}

const STYLE_LINE = /^(\s*(?:style|classDef)\s+\S+\s+)([^;]*?)(\s*;?\s*)$/;

/** One `style`/`classDef` property list (`fill:#eef6ff,stroke:#3b82f6`) drawn for `theme`. */
export function adaptStyle(properties: string, theme: Theme): string {
  const entries = properties.split(',').map((p): [string, string | undefined] => {
    const colon = p.indexOf(':');
    return colon < 0 ? [p.trim(), undefined] : [p.slice(0, colon).trim(), p.slice(colon + 1).trim()];
  });
  const get = (key: string) => entries.find(([k]) => k === key)?.[1];
  let fill = get('fill') ? parseHex(get('fill')!) : undefined;
  if (!fill) return properties; // no fill (or a named colour): the theme's own colours apply
  if (theme === 'dark') fill = darkFill(fill);
  const stroke = get('stroke') ? parseHex(get('stroke')!) : undefined;
  const out = new Map<string, string | undefined>(entries);
  out.set('fill', toHex(fill));
  if (theme === 'dark' && stroke) out.set('stroke', toHex(darkStroke(stroke)));
  out.set('color', textOn(fill, get('color')));
  return [...out].map(([k, v]) => (v === undefined ? k : `${k}:${v}`)).join(',');
}

/** The diagram source with every `style`/`classDef` fill made readable in `theme`. */
export function adaptDiagramColors(source: string, theme: Theme): string {
  return source
    .split('\n')
    .map((line) => {
      const match = STYLE_LINE.exec(line);
      return match ? match[1] + adaptStyle(match[2], theme) + match[3] : line;
    })
    .join('\n');
}
