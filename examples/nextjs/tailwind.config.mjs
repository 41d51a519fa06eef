// Tailwind 3 with flowbite-react 0.10's plugin, as the dashboard sets it up: `darkMode: 'class'`, so
// the `dark` class on <html> switches Tailwind, flowbite-react and (through
// mk-widgets/themes/flowbite.css) the widgets alike.
import * as flowbite from 'flowbite-react/tailwind';

/** @type {import('tailwindcss').Config} */
const config = {
  content: ['./app/**/*.{ts,tsx}', flowbite.content()],
  darkMode: 'class',
  theme: { extend: {} },
  plugins: [flowbite.plugin()],
};

export default config;
