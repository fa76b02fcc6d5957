import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Document } from '@/components/site/Document';
import '@/styles/globals.css';

export const metadata: Metadata = {
  title: 'Live LLM Book · 大语言模型教科书',
  description: 'A bilingual textbook on large language models / 双语大语言模型教科书',
};

export default function HomeLayout({ children }: { children: ReactNode }) {
  return <Document lang="zh-CN">{children}</Document>;
}
