// Next.js runs PostCSS on app/globals.css: Tailwind 3 as a PostCSS plugin.
const config = {
  plugins: { tailwindcss: {} },
};

export default config;
