// What chapters render for <LoRALab />: a static placeholder (what the lab does, the default base
// and the exact trainable count of its default adapter, from the formula — no tfjs) until the lab
// nears the viewport; then the widget, which starts the engine's worker.
import type { UiLocale } from '@/components/ui/useLocale';
import { LazyWidget } from '@/components/widgets/shared/LazyWidget';
import { WidgetPlaceholder } from '@/components/widgets/shared/WidgetPlaceholder';
import { loraLinears, LORA_TARGETS } from '@/lib/model/lora-shapes';
import { BASES, type BaseName } from './params';
import { STRINGS } from './strings';
import type { LoRALabProps } from './LoRALab';

export default function LoRALabLazy({ locale, ...props }: LoRALabProps & { locale: UiLocale }) {
  const t = STRINGS[locale];
  const base: BaseName = props.base ?? 'en-shakespeare';
  const trainable = 4 * loraLinears(BASES[base].config, { targets: LORA_TARGETS }).reduce((n, l) => n + l.nIn + l.nOut, 0);
  return (
    <LazyWidget name="LoRALab" props={props} placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.placeholderFacts(t.bases[base], trainable.toLocaleString('en'))} minHeight="48rem" />} />
  );
}
