// Reference for the size report: @lit/localize's runtime mode.
export { configureLocalization, localized, msg, str } from '@lit/localize';
