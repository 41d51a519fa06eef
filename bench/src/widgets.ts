/**
 * Scenario 4: `<mk-operation-error-banner>` first render, and `<mk-job-error-modal>` from `show()`
 * to first paint. Data already normalised (stub client), as for the list: rendering only.
 * Each is timed to layout done and to the next painted frame (which is frame-quantised).
 * Also the leak guard on 100 KB of hostile text per input (its test checks the output only).
 */
import '../../src/index.js';
import { adversarialTexts } from '../../mock-oma/adversarial-text.js';
import { redactTechnicalTerms } from '../../src/model/guard/redact-technical-terms.js';
import { pgtest1LastOperation, pgtest1VmContext } from './data.js';
import { forceLayout, nextPaint, settle, stage, StubClient } from './lib.js';

export interface PaintSample {
  layout: number;
  paint: number;
}

async function banner(rounds: number, warmup: number): Promise<PaintSample[]> {
  const client = new StubClient();
  client.vm = pgtest1VmContext();
  const samples: PaintSample[] = [];
  for (let round = -warmup; round < rounds; round += 1) {
    const container = stage();
    const provider = document.createElement('mk-oma-provider');
    provider.client = client.asClient();
    container.append(provider);
    await settle();
    const t0 = performance.now();
    const element = document.createElement('mk-operation-error-banner');
    element.vmName = 'pgtest1';
    provider.append(element);
    await element.updateComplete;
    forceLayout(container);
    const layout = performance.now() - t0;
    await nextPaint();
    const paint = performance.now() - t0;
    if (!element.shadowRoot?.querySelector('.banner')) throw new Error('banner: nothing rendered');
    if (round >= 0) samples.push({ layout, paint });
    container.replaceChildren();
  }
  return samples;
}

async function modal(rounds: number, warmup: number): Promise<PaintSample[]> {
  const client = new StubClient();
  const operation = pgtest1LastOperation();
  const samples: PaintSample[] = [];
  for (let round = -warmup; round < rounds; round += 1) {
    const container = stage();
    const provider = document.createElement('mk-oma-provider');
    provider.client = client.asClient();
    container.append(provider);
    const element = document.createElement('mk-job-error-modal');
    element.job = operation;
    element.vmName = 'pgtest1';
    provider.append(element);
    await element.updateComplete;
    await settle();
    const t0 = performance.now();
    element.show();
    await element.updateComplete;
    forceLayout(container);
    const layout = performance.now() - t0;
    await nextPaint();
    const paint = performance.now() - t0;
    if (!element.shadowRoot?.querySelector('dialog')?.open) throw new Error('modal: the dialog did not open');
    if (round >= 0) samples.push({ layout, paint });
    element.close();
    await element.updateComplete;
    container.replaceChildren();
  }
  return samples;
}

export interface GuardSample {
  label: string;
  chars: number;
  ms: number[];
}

/** redactTechnicalTerms on each adversarial input, `rounds` times (after one untimed warm-up). */
function guard(rounds: number): GuardSample[] {
  return adversarialTexts.map(({ label, text }) => {
    redactTechnicalTerms(text, { category: 'network' });
    const ms: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const t0 = performance.now();
      redactTechnicalTerms(text, { category: 'network' });
      ms.push(performance.now() - t0);
    }
    return { label, chars: text.length, ms };
  });
}

async function run(options: { rounds: number; warmup: number; guardRounds: number }): Promise<{ banner: PaintSample[]; modal: PaintSample[]; guard: GuardSample[] }> {
  localStorage.clear();
  // Interleaved: banner and modal alternate in blocks of one.
  const result = { banner: [] as PaintSample[], modal: [] as PaintSample[], guard: [] as GuardSample[] };
  result.banner.push(...(await banner(0, options.warmup)));
  result.modal.push(...(await modal(0, options.warmup)));
  for (let round = 0; round < options.rounds; round += 1) {
    result.banner.push(...(await banner(1, 0)));
    result.modal.push(...(await modal(1, 0)));
  }
  result.guard = guard(options.guardRounds);
  return result;
}

window.bench = { run: run as (options: never) => Promise<unknown> };
