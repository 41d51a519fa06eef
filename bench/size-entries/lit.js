// Reference for the size report: the Lit runtime the widgets build on.
export * from 'lit';
export * from 'lit/decorators.js';
export { repeat } from 'lit/directives/repeat.js';
export { ifDefined } from 'lit/directives/if-defined.js';
export { Task } from '@lit/task';
export { ContextProvider, ContextConsumer, createContext, consume, provide } from '@lit/context';
