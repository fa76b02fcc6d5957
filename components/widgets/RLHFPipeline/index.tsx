// What chapters render for <RLHFPipeline />: a static placeholder until it nears the viewport,
// then the diagram (a server component: its strings stay out of the chapter's first-load JS).
import type { UiLocale } from '@/components/ui/useLocale';
import { LazyWidget } from '@/components/widgets/shared/LazyWidget';
import { WidgetPlaceholder } from '@/components/widgets/shared/WidgetPlaceholder';
import type { RLHFPipelineProps } from './RLHFPipeline';
import { STRINGS } from './strings';

export default function RLHFPipelineLazy({ locale, ...props }: RLHFPipelineProps & { locale: UiLocale }) {
  const t = STRINGS[locale];
  return <LazyWidget name="RLHFPipeline" props={props} placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.placeholderFacts} minHeight="34rem" />} />;
}
