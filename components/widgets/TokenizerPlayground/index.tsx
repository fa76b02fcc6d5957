// What chapters render for <TokenizerPlayground />: a static placeholder until it nears the
// viewport, then the widget's code (and, inside it, the BPE worker).
import type { UiLocale } from '@/components/ui/useLocale';
import { LazyWidget } from '@/components/widgets/shared/LazyWidget';
import { WidgetPlaceholder } from '@/components/widgets/shared/WidgetPlaceholder';
import type { TokenizerPlaygroundProps } from './TokenizerPlayground';
import { STRINGS } from './strings';

export default function TokenizerPlaygroundLazy({ locale, ...props }: TokenizerPlaygroundProps & { locale: UiLocale }) {
  const t = STRINGS[locale];
  return (
    <LazyWidget name="TokenizerPlayground" props={props} placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.corpora[props.corpus ?? 'tiny-shakespeare']} minHeight="36rem" />} />
  );
}
