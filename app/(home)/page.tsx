import { LanguagePicker } from '@/components/site/LanguagePicker';

export default function Home() {
  return <LanguagePicker />;
}
