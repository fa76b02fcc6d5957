// How the calculator prints counts: as papers do in English (67.8B, 1.42T), and in 亿 / 万亿 in
// Chinese (678 亿, 1.42 万亿), which is how Chinese texts write model sizes.
import { compactNumber } from '@/components/ui/log-axis';
import type { UiLocale } from '@/components/ui/useLocale';

const sig3 = (v: number) => String(Number(v.toPrecision(3)));

export function formatCount(v: number, locale: UiLocale): string {
  if (locale === 'en') return compactNumber(v);
  if (v >= 1e16) return compactNumber(v);
  if (v >= 1e12) return `${sig3(v / 1e12)} 万亿`;
  if (v >= 1e8) return `${sig3(v / 1e8)} 亿`;
  if (v >= 1e4) return `${sig3(v / 1e4)} 万`;
  return sig3(v);
}

/** 989e12 → "989 TFLOP/s", 2.25e15 → "2.25 PFLOP/s". */
export function formatFlopRate(v: number): string {
  return v >= 1e15 ? `${sig3(v / 1e15)} PFLOP/s` : `${sig3(v / 1e12)} TFLOP/s`;
}

/** 1000000 → "1,000,000"; 2.5 → "2.5" (what a reader types back in). */
export function formatGrouped(v: number): string {
  if (v >= 1e15) return compactNumber(v);
  return Number(v.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 2 });
}
