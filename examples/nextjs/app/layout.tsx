import type { Metadata } from 'next';
import type { ReactNode } from 'react';
// The widgets in flowbite's gray palette, light and dark under the `dark` class, before the page's
// own CSS (so a page rule of the host may still override a --mk-* colour).
import 'mk-widgets/themes/flowbite.css';
import './globals.css';

export const metadata: Metadata = {
  title: 'mk-widgets in a dashboard-shaped Next.js app',
  description: 'The MigrateKit job-visibility widgets through mk-widgets/react in a Next.js app shaped like the MigrateKit dashboard.',
};

// A server component: it renders no widget itself, so it needs no 'use client'. The dark-mode
// switch (app/theme-toggle.tsx) sets the `dark` class on <html> in the browser; React does not
// own that class, hence suppressHydrationWarning.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen bg-gray-50 text-gray-900 antialiased dark:bg-gray-900 dark:text-white">{children}</body>
    </html>
  );
}
