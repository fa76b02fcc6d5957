// What chapters render for <SFTLab />: a static placeholder until it nears the viewport.
import type { UiLocale } from '@/components/ui/useLocale';
import { LazyWidget } from '@/components/widgets/shared/LazyWidget';
import { WidgetPlaceholder } from '@/components/widgets/shared/WidgetPlaceholder';
import type { SFTLabProps } from './SFTLab';
import { STRINGS } from './strings';

export default function SFTLabLazy({ locale, ...props }: SFTLabProps & { locale: UiLocale }) {
  const t = STRINGS[locale];
  return <LazyWidget name="SFTLab" props={props} placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.placeholderFacts(t.models[props.checkpoint ?? 'en-shakespeare'])} minHeight="44rem" />} />;
}
