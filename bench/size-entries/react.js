// Reference for the size report: what a React 19 dashboard ships before its first component.
export * from 'react';
export { createRoot, hydrateRoot } from 'react-dom/client';
