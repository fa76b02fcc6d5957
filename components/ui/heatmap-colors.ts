// Colour scales for heatmaps: a diverging blue–neutral–red scale for signed values (its middle is
// the page background, so zero disappears in both themes) and a sequential one for [0, max].
export type Rgb = [number, number, number];

export function parseColor(css: string, fallback: Rgb): Rgb {
  const hex = /^#([0-9a-f]{6})$/i.exec(css.trim());
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16)) as Rgb;
  const rgb = /rgba?\((\d+)[,\s]+(\d+)[,\s]+(\d+)/.exec(css);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return fallback;
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

export interface ColorScale {
  /** RGB for a value (clamped to the scale's domain). */
  color(value: number): Rgb;
  min: number;
  max: number;
}

export function divergingScale(limit: number, mid: Rgb, dark: boolean): ColorScale {
  const neg: Rgb = dark ? [96, 165, 250] : [33, 102, 172];
  const pos: Rgb = dark ? [248, 113, 113] : [178, 24, 43];
  return {
    min: -limit,
    max: limit,
    color: (v) => {
      const t = Math.max(-1, Math.min(1, v / (limit || 1)));
      return t < 0 ? mix(mid, neg, -t) : mix(mid, pos, t);
    },
  };
}

export function sequentialScale(max: number, low: Rgb, dark: boolean): ColorScale {
  const high: Rgb = dark ? [147, 197, 253] : [29, 78, 216];
  return { min: 0, max, color: (v) => mix(low, high, Math.max(0, Math.min(1, v / (max || 1)))) };
}

export const cssRgb = (c: Rgb) => `rgb(${Math.round(c[0])} ${Math.round(c[1])} ${Math.round(c[2])})`;
