/**
 * Vite config for Storybook only (see main.ts). The project's vite.config.ts brings the mock OMA
 * middleware (or a proxy to $OMA_URL) and the library build; the stories answer /api/v1 through MSW
 * in the browser instead, and Storybook sets the build options itself.
 */
import { defineConfig } from 'vite';

export default defineConfig({});
