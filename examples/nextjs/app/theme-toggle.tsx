'use client';
// The dashboard's dark mode: the `dark` class on <html> (Tailwind's `darkMode: 'class'`). Tailwind,
// flowbite-react and the widgets (through mk-widgets/themes/flowbite.css) all follow it.
import { Button } from 'flowbite-react';
import { useEffect, useState } from 'react';

export function ThemeToggle() {
  const [dark, setDark] = useState(false);
  useEffect(() => setDark(document.documentElement.classList.contains('dark')), []);
  const toggle = () => {
    const next = !dark;
    document.documentElement.classList.toggle('dark', next);
    setDark(next);
  };
  return (
    <Button color="gray" size="xs" onClick={toggle} aria-pressed={dark} data-testid="dark-toggle">
      {dark ? 'Light mode' : 'Dark mode'}
    </Button>
  );
}
