/**
 * Storybook 10 for the mk-widgets web components (`npm run storybook`, `npm run build-storybook`).
 *
 * - Stories live in stories/ and mock the OMA with MSW (msw-storybook-addon) built from
 *   mock-oma/fixtures.ts; the worker file is .storybook/public/mockServiceWorker.js
 *   (`npx msw init .storybook/public --save`).
 * - Autodocs read custom-elements.json (`npm run analyze`, run by both scripts first).
 * - The project's vite.config.ts is for the demo server and the library build (lib mode, mock
 *   middleware): Storybook uses .storybook/vite.config.ts instead.
 */
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: {
    name: '@storybook/web-components-vite',
    options: { builder: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  staticDirs: ['./public'],
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
  docs: {
    defaultName: 'Docs',
  },
};

export default config;
