import { expect, fixture } from '@open-wc/testing';
import { html, LitElement } from 'lit';
import { LOCALE_STATUS_EVENT, localized, msg, str, type LocaleStatusEventDetail } from '@lit/localize';
import { formatBytes, formatDuration, formatPercent, formatRelativeTime } from '../../src/i18n/format.js';
import { getWidgetLocale, setWidgetLocale } from '../../src/i18n/index.js';

/** The smallest localized element: a heading that follows the active locale. */
@localized()
class I18nProbe extends LitElement {
  protected override render() {
    return html`<h2>${msg('Recent Operations')}</h2>`;
  }
}
customElements.define('mk-i18n-probe', I18nProbe);

const heading = (el: I18nProbe) => el.shadowRoot?.querySelector('h2')?.textContent ?? '';

/** Resolves with the next `lit-localize-status` event whose status is "ready". */
function nextReady(): Promise<LocaleStatusEventDetail> {
  return new Promise((resolve) => {
    const listener = (event: Event) => {
      const detail = (event as CustomEvent<LocaleStatusEventDetail>).detail;
      if (detail.status !== 'ready') return;
      window.removeEventListener(LOCALE_STATUS_EVENT, listener);
      resolve(detail);
    };
    window.addEventListener(LOCALE_STATUS_EVENT, listener);
  });
}

describe('i18n/locale switch', () => {
  afterEach(async () => {
    await setWidgetLocale('en');
  });

  it('starts in English', () => {
    expect(getWidgetLocale()).to.equal('en');
    expect(msg('Recent Operations')).to.equal('Recent Operations');
    expect(formatDuration(1999)).to.equal('33 min 19 sec');
  });

  it('switches strings and Intl formatting to German', async () => {
    await setWidgetLocale('de');
    expect(getWidgetLocale()).to.equal('de');
    expect(msg('Recent Operations')).to.equal('Letzte Vorgänge');
    expect(msg('Try Live Failover')).to.equal('Live-Failover versuchen');
    expect(formatDuration(25)).to.equal('25 Sek.');
    expect(formatDuration(1999)).to.equal('33 Min. 19 Sek.');
    expect(formatDuration(7500)).to.equal('2 Std. 5 Min.');
    expect(formatBytes(26.4e9)).to.equal('26,4\u00a0GB');
    expect(formatPercent(59.99)).to.equal('59\u00a0%');
    const now = Date.now();
    expect(formatRelativeTime(new Date(now - 10_000), now)).to.equal('gerade eben');
    expect(formatRelativeTime(new Date(now - 180_000), now)).to.equal('vor 3 Minuten');
  });

  it('translates messages with placeholders, keeping the values', async () => {
    await setWidgetLocale('de');
    const name = 'Replikation';
    const done = 3;
    const total = 5;
    const percent = '60 %';
    expect(msg(str`${name} failed`)).to.equal('Replikation fehlgeschlagen');
    // The German sentence moves "fehlgeschlagen" to the end; every value stays in place.
    expect(msg(str`${name} failed at step ${done} of ${total} (${percent})`)).to.equal(
      'Replikation bei Schritt 3 von 5 fehlgeschlagen (60 %)',
    );
  });

  it('switches back to English', async () => {
    await setWidgetLocale('de');
    await setWidgetLocale('en');
    expect(getWidgetLocale()).to.equal('en');
    expect(msg('Recent Operations')).to.equal('Recent Operations');
    expect(formatDuration(25)).to.equal('25 sec');
    expect(formatRelativeTime(new Date(Date.now()), Date.now())).to.equal('just now');
  });

  it('falls back to English for an unsupported locale', async () => {
    await setWidgetLocale('de');
    await setWidgetLocale('fr');
    expect(getWidgetLocale()).to.equal('en');
    expect(msg('Recent Operations')).to.equal('Recent Operations');
    await setWidgetLocale('xx-invalid');
    expect(getWidgetLocale()).to.equal('en');
  });

  it('re-renders a @localized() element when the locale changes', async () => {
    const el = await fixture<I18nProbe>(html`<mk-i18n-probe></mk-i18n-probe>`);
    expect(heading(el)).to.equal('Recent Operations');

    const ready = nextReady();
    await setWidgetLocale('de');
    expect(await ready).to.deep.equal({ status: 'ready', readyLocale: 'de' });
    await el.updateComplete;
    expect(heading(el)).to.equal('Letzte Vorgänge');

    await setWidgetLocale('en');
    await el.updateComplete;
    expect(heading(el)).to.equal('Recent Operations');
  });
});

describe('i18n/one wording for replaced server text', () => {
  afterEach(async () => {
    await setWidgetLocale('en');
  });

  it('a technical display name is named by its type in the active language; a technical message by the plain sentence', async () => {
    const { readJob } = await import('../../src/model/pipeline.js');
    const { guardedText, operationTitle } = await import('../../src/model/view/words.js');
    const job = readJob({
      job_id: 'j1',
      job_type: 'test_failover',
      status: 'failed',
      display_name: 'virt-v2v-in-place /dev/vdc handler.go:223',
      error_message: 'nbdkit: /dev/vdc: qemu-img failed at handler.go:223',
      error_category: 'storage',
    }).data!;
    expect(job.displayName?.fallback, 'the guard replaced the name').to.be.a('string');
    expect(operationTitle(job)).to.equal('Test Failover');
    expect(guardedText(job.errorMessage)).to.equal('The operation failed because of a storage problem.');
    await setWidgetLocale('de');
    expect(operationTitle(job)).to.equal(msg('Test Failover'));
    expect(operationTitle(job)).not.to.equal('Test Failover');
    expect(guardedText(job.errorMessage)).to.match(/^Der Vorgang ist wegen eines Speicherproblems/);
  });
});
