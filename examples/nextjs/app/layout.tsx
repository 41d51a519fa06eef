import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'mk-widgets in Next.js',
  description: 'The MigrateKit job-visibility widgets through mk-widgets/react in a Next.js App Router app.',
};

// A server component: it renders no widget itself, so it needs no 'use client'.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
