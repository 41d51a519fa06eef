// `npm run bench`: speed and size of the widgets against a React 19 list and hand-written DOM, in
// one run. Builds bench/*.html with Vite (production), serves bench/dist on 127.0.0.1, drives
// headless Chromium (CHROME_PATH, or the system's) with puppeteer-core, prints the tables and
// saves bench/results/latest.json and latest.md. See docs/performance.md.
//
//   npm run bench                 the full run (about 2 minutes on 2 cores; scenario 7 is the fleet
//                                 of 500 <mk-vm-status>, bench/src/fleet.ts)
//   npm run bench -- --quick      a smoke run: few samples, numbers not worth quoting
//   npm run bench -- --check      exit 1 when a goal is missed
//   npm run bench -- --out FILE   save the JSON elsewhere (the .md goes beside it)
//   npm run bench -- --only coldstart   scenario 8 alone (the real page loads), with the size table
//   npm run bench -- --only coldstart --conditions cold-4 --rounds 10   some of its conditions
//
// Scenario 8 (cold start) loads four real pages per round, interleaved, each in its own browser
// context: the standalone bundle (bench/static/coldstart-mk.html: banner + list for pgtest1), the
// hand-written floor (coldstart-floor.html: the widgets' pipeline and markup by hand), the bare
// floor (coldstart-bare.html: raw JSON fields, plain markup, issue 15's kind of floor) and the
// React page (coldstart-react.html), all served
// with the same JSON bodies and the same API latency by one fake API (serveColdStart below), with
// the CPU throttled (CDP Emulation.setCPUThrottlingRate) and the cache cold or warm.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import { dirname, extname, join, normalize, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_FLAGS, ensureDependencies, findChromium } from '../scripts/ensure-setup.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH = join(ROOT, 'bench');
const DIST = join(BENCH, 'dist');

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const check = argv.includes('--check');
const outIndex = argv.indexOf('--out');
const outJson = resolve(outIndex >= 0 && argv[outIndex + 1] ? argv[outIndex + 1] : join(BENCH, 'results/latest.json'));
const outMd = outJson.replace(/\.json$/, '') + '.md';
/** The value after `name` on the command line. */
function option(name) {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
}
const only = option('--only');
if (only !== undefined && only !== 'coldstart') {
  console.error(`bench: --only knows 'coldstart', not '${only}'`);
  process.exit(2);
}

const PLAN = quick
  ? {
      sizes: [
        { count: 20, rounds: 6, warmup: 2 },
        { count: 500, rounds: 2, warmup: 1 },
      ],
      pipelinePolls: 3,
      widgets: { rounds: 5, warmup: 2, guardRounds: 1 },
      lifecycle: { warmup: 30, cycles: 200 },
      fleet: { rounds: 3, warmup: 1, polls: 2 },
      coldstart: { rounds: 2, warmup: 1, primes: 2 },
    }
  : {
      sizes: [
        { count: 20, rounds: 50, warmup: 10 },
        { count: 500, rounds: 15, warmup: 3 },
      ],
      pipelinePolls: 20,
      widgets: { rounds: 40, warmup: 5, guardRounds: 7 },
      lifecycle: { warmup: 30, cycles: 1000 },
      fleet: { rounds: 15, warmup: 3, polls: 10 },
      coldstart: { rounds: 15, warmup: 1, primes: 2 },
    };
if (option('--rounds')) PLAN.coldstart.rounds = Number(option('--rounds'));

const CHROME_ARGS = [
  ...CHROMIUM_FLAGS,
  // window.gc() for the forced GC before each timed step; no throttling of background pages.
  '--js-flags=--expose-gc',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

// ---- statistics -----------------------------------------------------------------------------

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/** Median and spread (interquartile range) of a sample. */
export function describe(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  return {
    n: sorted.length,
    median,
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/** Ratio a/b per round (the samples are interleaved, so round i of each ran side by side). */
function pairedRatio(a, b) {
  const n = Math.min(a.length, b.length);
  const ratios = [];
  for (let i = 0; i < n; i += 1) if (b[i] > 0) ratios.push(a[i] / b[i]);
  return describe(ratios);
}

const ms = (value) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const fmtMs = (d) => `${ms(d.median)} ms (${ms(d.p25)}–${ms(d.p75)})`;
const fmtRatio = (d) => `${d.median.toFixed(2)}× (${d.p25.toFixed(2)}–${d.p75.toFixed(2)})`;
const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

function table(headers, rows) {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => String(row[i] ?? '').length)));
  const line = (cells) => `| ${cells.map((cell, i) => String(cell ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

// ---- serving and driving ----------------------------------------------------------------------

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

function serve(root) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      // Cross-origin isolated: performance.now() at 5 µs instead of 100 µs.
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise) => server.listen(0, '127.0.0.1', () => resolvePromise(server)));
}

async function openPage(browser, base, name) {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (message) => {
    const type = message.type();
    if (type === 'info') console.log(message.text());
    else if (type === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/${name}.html`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.bench !== undefined, { timeout: 30_000 });
  const isolated = await page.evaluate(() => window.crossOriginIsolated);
  const gc = await page.evaluate(() => typeof window.gc === 'function');
  if (!gc) throw new Error('window.gc is missing: Chromium must run with --js-flags=--expose-gc');
  return { page, errors, isolated };
}

async function heapAfterGc(page) {
  const cdp = await page.createCDPSession();
  for (let i = 0; i < 3; i += 1) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  await cdp.detach();
  return { usedSize, nodes: dom.nodes, jsEventListeners: dom.jsEventListeners, documents: dom.documents };
}

/** Scenario 7: heap per VM (each contestant mounted alone on a fresh page), then the timed rounds. */
async function runFleet(browser, base) {
  const heapPage = await openPage(browser, base, 'fleet');
  const heap = {};
  // A warm-up mount of each first: module code, templates and icon caches are not per element.
  for (const contestant of FLEET_CONTESTANTS) {
    await heapPage.page.evaluate((options) => window.bench.mount(options), { contestant });
    await heapPage.page.evaluate(() => window.bench.unmount());
  }
  for (const contestant of FLEET_CONTESTANTS) {
    const before = await heapAfterGc(heapPage.page);
    await heapPage.page.evaluate((options) => window.bench.mount(options), { contestant });
    const after = await heapAfterGc(heapPage.page);
    await heapPage.page.evaluate(() => window.bench.unmount());
    heap[contestant] = { before, after };
  }
  if (heapPage.errors.length > 0) throw new Error(`fleet page errors:\n${heapPage.errors.join('\n')}`);
  await heapPage.page.close();

  const fleet = await openPage(browser, base, 'fleet');
  const result = await fleet.page.evaluate((options) => window.bench.run(options), PLAN.fleet);
  if (fleet.errors.length > 0) throw new Error(`fleet page errors:\n${fleet.errors.join('\n')}`);
  await fleet.page.close();
  return { ...result, heap };
}

// ---- scenario 8: cold start, real page loads ---------------------------------------------------

const COLD_PAGES = [
  { name: 'mk', label: 'mk-widgets (dist/mk-widgets.js)', path: '/coldstart-mk.html' },
  { name: 'floor', label: 'hand-written floor', path: '/coldstart-floor.html' },
  { name: 'bare', label: 'bare floor', path: '/coldstart-bare.html' },
  { name: 'react', label: 'React 19 page', path: '/coldstart-react.html' },
];
const COLD_CONDITIONS = [
  { cache: 'cold', cpu: 4 },
  { cache: 'cold', cpu: 1 },
  { cache: 'warm', cpu: 4 },
  { cache: 'warm', cpu: 1 },
].filter(({ cache, cpu }) => !option('--conditions') || option('--conditions').split(',').includes(`${cache}-${cpu}`));
/** Every API answer waits this long before it is sent (a LAN round trip to the OMA and its work). */
const API_LATENCY_MS = 40;
const PROBE = readFileSync(join(BENCH, 'coldstart-probe.js'), 'utf8');

/**
 * The cold-start pages' server: bench/dist (floor and React pages), the standalone bundle from
 * dist/, the mk page from bench/static, and a fake OMA answering pgtest1's VM context and recent
 * jobs with fixed bodies after API_LATENCY_MS. Scripts may be cached (the warm runs); the API never.
 */
function serveColdStart(bodies) {
  const routes = new Map([
    [`/api/v1/vm-contexts/${bodies.vmName}`, bodies.vmContext],
    [`/api/v1/vm-contexts/${encodeURIComponent(bodies.contextId)}/recent-jobs`, bodies.recentJobs],
    [`/api/v1/vm-contexts/${bodies.vmName}/recent-jobs`, bodies.recentJobs],
  ]);
  const files = (pathname) => {
    if (pathname === '/coldstart-mk.html') return join(BENCH, 'static/coldstart-mk.html');
    if (/^\/mk-widgets(\.[a-z-]+)?\.js$/.test(pathname)) return join(ROOT, 'dist', pathname);
    return normalize(join(DIST, pathname));
  };
  const isolation = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) {
      const body = routes.get(url.pathname);
      setTimeout(() => {
        res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json', 'cache-control': 'no-store', ...isolation });
        res.end(body ?? '{"error":"not found"}');
      }, API_LATENCY_MS);
      return;
    }
    const file = files(url.pathname);
    if (!(file.startsWith(DIST) || file.startsWith(join(ROOT, 'dist')) || file.startsWith(join(BENCH, 'static'))) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      // Pages are asked again; scripts are reused from the cache when the cache is warm.
      'cache-control': extname(file) === '.html' ? 'no-cache' : 'max-age=3600',
      ...isolation,
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise) => server.listen(0, '127.0.0.1', () => resolvePromise(server)));
}

const METRICS = ['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'TaskDuration', 'JSHeapUsedSize', 'Nodes'];

/** One page load in `context`: times from the probe, CDP metrics, the deep node count and the API requests. */
async function loadOnce(context, url, { cpu, cache }) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  try {
    await page.evaluateOnNewDocument(PROBE);
    const cdp = await page.createCDPSession();
    await cdp.send('Performance.enable');
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: cache === 'cold' });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.evaluate(
      () =>
        Promise.race([window.__probe.done, new Promise((_, reject) => setTimeout(() => reject(new Error('data never became visible')), 30_000))]),
    );
    const { metrics } = await cdp.send('Performance.getMetrics');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const probe = await page.evaluate(() => ({ fcp: window.__probe.fcp, visible: window.__probe.visible, ...window.__probe.count() }));
    if (errors.length > 0) throw new Error(`${url}: ${errors.join('\n')}`);
    const metric = Object.fromEntries(metrics.filter((m) => METRICS.includes(m.name)).map((m) => [m.name, m.value]));
    const context = probe.requests.find((r) => !r.url.endsWith('/recent-jobs'));
    const jobs = probe.requests.find((r) => r.url.endsWith('/recent-jobs'));
    return {
      visible: probe.visible,
      fcp: probe.fcp,
      scriptMs: metric.ScriptDuration * 1000,
      styleMs: metric.RecalcStyleDuration * 1000,
      layoutMs: metric.LayoutDuration * 1000,
      heap: metric.JSHeapUsedSize,
      nodes: probe.nodes,
      elements: probe.elements,
      shadowRoots: probe.shadowRoots,
      comments: probe.comments,
      blankText: probe.blankText,
      requests: probe.requests,
      contextStart: context?.start,
      contextEnd: context?.end,
      jobsStart: jobs?.start,
      // Negative: the jobs were asked before the context answered (in parallel).
      gap: context && jobs ? jobs.start - context.end : NaN,
    };
  } finally {
    await page.close();
  }
}

/** Scenario 8: every condition, rounds interleaved (each round starts with another page). */
async function runColdStart(browser, base) {
  const bodiesPage = await openPage(browser, base, 'coldstart-data');
  const bodies = await bodiesPage.page.evaluate(() => window.bench.bodies());
  await bodiesPage.page.close();
  const server = await serveColdStart(bodies);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const plan = PLAN.coldstart;
  const results = [];
  try {
    for (const condition of COLD_CONDITIONS) {
      console.log(`bench: scenario 8, ${condition.cache} cache, CPU ${condition.cpu}×…`);
      const samples = Object.fromEntries(COLD_PAGES.map((p) => [p.name, []]));
      // Warm: one browser context per page, loaded `primes` times first (HTTP cache, code cache, storage).
      const warm = new Map();
      if (condition.cache === 'warm') {
        for (const p of COLD_PAGES) {
          const context = await browser.createBrowserContext();
          for (let i = 0; i < plan.primes; i += 1) await loadOnce(context, origin + p.path, { cpu: 1, cache: 'warm' });
          warm.set(p.name, context);
        }
      }
      for (let round = -plan.warmup; round < plan.rounds; round += 1) {
        for (const p of rotate(COLD_PAGES, round + plan.warmup)) {
          const context = warm.get(p.name) ?? (await browser.createBrowserContext());
          try {
            const sample = await loadOnce(context, origin + p.path, condition);
            if (round >= 0) samples[p.name].push(sample);
          } finally {
            if (!warm.has(p.name)) await context.close();
          }
        }
      }
      for (const context of warm.values()) await context.close();
      results.push({ ...condition, samples });
    }
  } finally {
    server.close();
  }
  return { latencyMs: API_LATENCY_MS, vmName: bodies.vmName, jobs: JSON.parse(bodies.recentJobs).jobs.length, conditions: results };
}

function rotate(items, round) {
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

function summarizeColdStart(coldstart) {
  return coldstart.conditions.map(({ cache, cpu, samples }) => {
    const pick = (name, key) => samples[name].map((s) => s[key]);
    const pages = {};
    for (const { name } of COLD_PAGES) {
      pages[name] = Object.fromEntries(
        ['visible', 'fcp', 'scriptMs', 'styleMs', 'layoutMs', 'heap', 'nodes', 'elements', 'shadowRoots', 'comments', 'blankText', 'gap', 'contextStart', 'jobsStart'].map((key) => [key, describe(pick(name, key).filter((v) => Number.isFinite(v)))]),
      );
    }
    return {
      cache,
      cpu,
      pages,
      ratios: {
        visibleVsFloor: pairedRatio(pick('mk', 'visible'), pick('floor', 'visible')),
        visibleVsReact: pairedRatio(pick('mk', 'visible'), pick('react', 'visible')),
        fcpVsFloor: pairedRatio(pick('mk', 'fcp'), pick('floor', 'fcp')),
        nodesVsFloor: pages.mk.nodes.median / pages.floor.nodes.median,
        styleVsFloor: pairedRatio(pick('mk', 'styleMs'), pick('floor', 'styleMs')),
        visibleVsBare: pairedRatio(pick('mk', 'visible'), pick('bare', 'visible')),
        fcpVsBare: pairedRatio(pick('mk', 'fcp'), pick('bare', 'fcp')),
        nodesVsBare: pages.mk.nodes.median / pages.bare.nodes.median,
        styleVsBare: pairedRatio(pick('mk', 'styleMs'), pick('bare', 'styleMs')),
        scriptVsBare: pairedRatio(pick('mk', 'scriptMs'), pick('bare', 'scriptMs')),
        layoutVsBare: pairedRatio(pick('mk', 'layoutMs'), pick('bare', 'layoutMs')),
      },
    };
  });
}

function reportColdStart(summary, coldstart) {
  const out = [];
  out.push(
    `## Cold start: a real page load of pgtest1's page (banner + list of ${coldstart.jobs} jobs), same fake API for all (${coldstart.latencyMs} ms per answer)`,
  );
  out.push(
    'data visible: the first frame in which the banner\'s issue text and the 20th row are laid out (bench/coldstart-probe.js, through shadow roots), from navigation start. script/style/layout: CDP Performance metrics up to then (throttled time); nodes: elements, text and comments in the document and every shadow root; heap: JS heap used then (no GC). gap: from the VM context answer to the jobs request (Resource Timing; negative: asked in parallel).',
  );
  out.push(
    'hand-written floor: the widgets\' schema, leak guard, view models and markup, built by hand (the difference is delivery). bare floor: the fields read straight from the JSON, plain markup and stylesheet, no schema, guard or msg() (issue 15\'s kind of floor).',
  );
  const kbHeap = (d) => `${(d.median / 1e6).toFixed(2)} MB`;
  for (const s of summary) {
    const row = (label, key, format = fmtMs) => [label, ...COLD_PAGES.map((p) => format(s.pages[p.name][key]))];
    const rows = [
      [...row('data visible', 'visible'), fmtRatio(s.ratios.visibleVsFloor), fmtRatio(s.ratios.visibleVsBare), fmtRatio(s.ratios.visibleVsReact)],
      [...row('first contentful paint', 'fcp'), fmtRatio(s.ratios.fcpVsFloor), fmtRatio(s.ratios.fcpVsBare), ''],
      [...row('script', 'scriptMs'), '', fmtRatio(s.ratios.scriptVsBare), ''],
      [...row('style recalculation', 'styleMs'), fmtRatio(s.ratios.styleVsFloor), fmtRatio(s.ratios.styleVsBare), ''],
      [...row('layout', 'layoutMs'), '', fmtRatio(s.ratios.layoutVsBare), ''],
      [...row('DOM nodes (shadow roots included)', 'nodes', (d) => String(d.median)), `${s.ratios.nodesVsFloor.toFixed(2)}×`, `${s.ratios.nodesVsBare.toFixed(2)}×`, ''],
      [...row('… elements / comments / blank text', 'elements', (d) => String(d.median)).map((cell, i) => (i === 0 ? cell : `${cell} / ${s.pages[COLD_PAGES[i - 1].name].comments.median} / ${s.pages[COLD_PAGES[i - 1].name].blankText.median}`)), '', '', ''],
      [...row('JS heap used', 'heap', kbHeap), '', '', ''],
      [...row('context asked at', 'contextStart'), '', '', ''],
      [...row('jobs asked at', 'jobsStart'), '', '', ''],
      [...row('gap: context answer → jobs request', 'gap'), '', '', ''],
    ];
    out.push('');
    out.push(`### ${s.cache} cache, CPU ${s.cpu}× (${s.pages.mk.visible.n} rounds)`);
    out.push(table([`${s.cache}, CPU ${s.cpu}×`, ...COLD_PAGES.map((p) => p.label), 'mk ÷ floor', 'mk ÷ bare floor', 'mk ÷ React'], rows));
  }
  return out;
}

function gitCommit() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit} (src/ modified)` : commit;
  } catch {
    return 'unknown';
  }
}

// ---- summaries --------------------------------------------------------------------------------

const CONTESTANTS = ['lit', 'react', 'vanilla'];

function summarizeRender(render) {
  return render.sizes.map(({ count, contestants }) => {
    const mount = {};
    const identical = {};
    const change = {};
    for (const [name, samples] of Object.entries(contestants)) {
      mount[name] = describe(samples.mount);
      if (samples.identical.length > 0) {
        identical[name] = {
          time: describe(samples.identical.map((s) => s.ms)),
          mutations: describe(samples.identical.map((s) => s.mutations)),
          maxMutations: Math.max(...samples.identical.map((s) => s.mutations)),
        };
        const onlyThatRow = samples.change.every((s) => s.rows.length === 1 && s.rows[0] === s.expectedRow);
        change[name] = {
          time: describe(samples.change.map((s) => s.ms)),
          mutations: describe(samples.change.map((s) => s.mutations)),
          onlyThatRow,
          rowsTouched: [...new Set(samples.change.flatMap((s) => s.rows))].sort((a, b) => a - b),
        };
      }
    }
    const split = {};
    for (const [name, samples] of Object.entries(contestants)) {
      split[name] = { dom: describe(samples.mountDom), layout: describe(samples.mount.map((total, i) => total - samples.mountDom[i])) };
    }
    const lit = contestants.lit;
    const parity = {};
    for (const name of Object.keys(contestants)) {
      parity[name] = { sameText: contestants[name].text === lit.text, elements: contestants[name].elements };
    }
    return {
      count,
      mount,
      ratios: {
        litVsVanilla: pairedRatio(lit.mount, contestants.vanilla.mount),
        litVsReact: pairedRatio(lit.mount, contestants.react.mount),
        reactVsVanilla: pairedRatio(contestants.react.mount, contestants.vanilla.mount),
        litClientVsLit: pairedRatio(contestants['lit+client'].mount, lit.mount),
        shadowVsVanilla: pairedRatio(contestants['vanilla-shadow'].mount, contestants.vanilla.mount),
      },
      split,
      identical,
      change,
      parity,
    };
  });
}

const FLEET_CONTESTANTS = ['element', 'element+request', 'floor', 'floor-shadow'];

/** The fleet scenario's samples reduced to what the report and the goals need. */
function summarizeFleet(fleet) {
  const { render, polls, requests, heap, size } = fleet;
  const mount = {};
  const split = {};
  const parity = {};
  for (const name of FLEET_CONTESTANTS) {
    const samples = render[name];
    mount[name] = describe(samples.mount);
    split[name] = { dom: describe(samples.mountDom), layout: describe(samples.mount.map((total, i) => total - samples.mountDom[i])) };
    parity[name] = { elements: samples.elements, sameText: samples.text === render.floor.text, requests: [...new Set(samples.requests)] };
  }
  const summarizePolls = (kind, contestant = 'element') => {
    const samples = polls.filter((p) => p.kind === kind && p.contestant === contestant);
    return {
      n: samples.length,
      time: describe(samples.map((p) => p.ms)),
      requests: [...new Set(samples.map((p) => p.requests))],
      maxMutations: Math.max(...samples.map((p) => p.mutations)),
      mutations: describe(samples.map((p) => p.mutations)),
      maxElementsTouched: Math.max(...samples.map((p) => p.touched.length)),
      maxElementsRendered: Math.max(...samples.map((p) => p.rendered.length)),
      onlyThatElement: samples.every((p) => p.touched.length === 1 && p.touched[0] === p.expected && p.rendered.every((i) => i === p.expected)),
    };
  };
  const find = (elements, visibility, route = 'list') => requests.find((r) => r.elements === elements && r.visibility === visibility && r.route === route);
  const oneVisible = find(1, 'visible');
  const fleetVisible = find(size, 'visible');
  const oneHidden = find(1, 'hidden');
  const fleetHidden = find(size, 'hidden');
  const listOnly = [oneVisible, fleetVisible, oneHidden, fleetHidden].every((r) => r.requests === (r.byRoute['vm-list'] ?? 0));
  return {
    size,
    mount,
    split,
    parity,
    ratios: {
      elementVsFloor: pairedRatio(render.element.mount, render.floor.mount),
      requestVsFloor: pairedRatio(render['element+request'].mount, render.floor.mount),
      elementVsFloorShadow: pairedRatio(render.element.mount, render['floor-shadow'].mount),
      floorShadowVsFloor: pairedRatio(render['floor-shadow'].mount, render.floor.mount),
    },
    identical: summarizePolls('identical'),
    change: summarizePolls('change'),
    floorPolls: { identical: summarizePolls('identical', 'floor'), change: summarizePolls('change', 'floor') },
    changeVsFloor: pairedRatio(
      polls.filter((p) => p.kind === 'change' && p.contestant === 'element').map((p) => p.ms),
      polls.filter((p) => p.kind === 'change' && p.contestant === 'floor').map((p) => p.ms),
    ),
    requests: {
      cycles: fleetVisible.cycles,
      oneVisible: oneVisible.requests,
      fleetVisible: fleetVisible.requests,
      oneHidden: oneHidden.requests,
      fleetHidden: fleetHidden.requests,
      fallbackVisible: find(size, 'visible', 'fallback')?.requests,
      listOnly,
      // One request per cycle: as many as the cycles, the same for 1 element as for 500, only the list asked.
      onePerCycle: listOnly && fleetVisible.requests === oneVisible.requests && fleetVisible.requests <= fleetVisible.cycles && fleetHidden.requests <= 1,
    },
    heap: Object.fromEntries(
      Object.entries(heap).map(([name, h]) => [name, { bytesPerElement: (h.after.usedSize - h.before.usedSize) / size, nodesPerElement: (h.after.nodes - h.before.nodes) / size }]),
    ),
  };
}

function goalsOf(summary, lifecycle, sizes, widgets) {
  const goals = [];
  const coldFast = summary.coldstart?.find((s) => s.cache === 'cold' && s.cpu === 4);
  if (coldFast) {
    const f = coldFast.ratios.visibleVsFloor.median;
    const r = coldFast.ratios.visibleVsReact.median;
    const n = coldFast.ratios.nodesVsFloor;
    const b = coldFast.ratios.visibleVsBare.median;
    goals.push({ goal: 'cold start: data visible (cold cache, CPU 4×) ≤ 1.3× the hand-written floor (widgets\' pipeline and markup)', value: `${f.toFixed(2)}×`, met: f <= 1.3 });
    goals.push({ goal: 'cold start: data visible (cold cache, CPU 4×) ≤ 1.3× the bare floor (raw JSON, plain DOM: the issue\'s own kind of floor)', value: `${b.toFixed(2)}×`, met: b <= 1.3 });
    goals.push({ goal: 'cold start: data visible (cold cache, CPU 4×) ≤ 0.6× the React page', value: `${r.toFixed(2)}×`, met: r <= 0.6 });
    goals.push({ goal: 'cold start: DOM nodes (banner + 20 rows) ≤ 2× the floor', value: `${n.toFixed(2)}×`, met: n <= 2 });
  }
  const render = summary.render ?? [];
  const list20 = render.find((s) => s.count === 20);
  if (list20) {
    const v = list20.ratios.litVsVanilla.median;
    const r = list20.ratios.litVsReact.median;
    goals.push({ goal: 'list first render (20 jobs) ≤ 1.3× vanilla', value: `${v.toFixed(2)}×`, met: v <= 1.3 });
    goals.push({ goal: 'list first render (20 jobs) ≤ 0.5× React', value: `${r.toFixed(2)}×`, met: r <= 0.5 });
  }
  for (const s of render) {
    if (s.count === 20) continue;
    const v = s.ratios.litVsVanilla.median;
    const r = s.ratios.litVsReact.median;
    goals.push({ goal: `list first render (${s.count} jobs, stress) ≤ 1.3× vanilla`, value: `${v.toFixed(2)}×`, met: v <= 1.3 });
    goals.push({ goal: `list first render (${s.count} jobs, stress) ≤ 0.5× React`, value: `${r.toFixed(2)}×`, met: r <= 0.5 });
  }
  for (const s of render) {
    const lit = s.identical.lit;
    goals.push({ goal: `identical poll (${s.count} jobs) → 0 mutations`, value: `max ${lit.maxMutations}`, met: lit.maxMutations === 0 });
    const change = s.change.lit;
    goals.push({
      goal: `one progress change (${s.count} jobs) → mutations only in that row`,
      value: `${change.mutations.median} mutations, rows ${change.rowsTouched.join(',')}`,
      met: change.onlyThatRow,
    });
  }
  const pipeline = summary.pipeline;
  if (pipeline) goals.push({
    goal: 'identical poll through OmaClient → 0 renders, 0 mutations',
    value: `${pipeline.renders} renders, ${pipeline.mutations} mutations in ${pipeline.polls} polls`,
    met: pipeline.renders === 0 && pipeline.mutations === 0,
  });
  if (lifecycle) {
    const growth = lifecycle.heapGrowthBytes;
    goals.push({ goal: `${lifecycle.cycles} connect/disconnect cycles: heap growth < 1 MB`, value: kb(growth), met: growth < 1_000_000 });
    const left = lifecycle.after.counts;
    goals.push({
      goal: 'no timers, listeners or watches left',
      value: `${left.timeouts} timeouts, ${left.intervals} intervals, ${left.listenerTotal} listeners, ${lifecycle.after.activeWatches} watches`,
      met: left.timeouts === 0 && left.intervals === 0 && left.listenerTotal === lifecycle.before.counts.listenerTotal && lifecycle.after.activeWatches === 0,
    });
  }
  if (widgets) {
    const worst = Math.max(...widgets.guard.map((input) => describe(input.ms).median));
    goals.push({ goal: 'leak guard: every 100 KB hostile input < 1 s (no catastrophic backtracking)', value: `${ms(worst)} ms (the slowest input's median)`, met: worst < 1000 });
  }
  const fleet = summary.fleet;
  if (fleet) {
    const r = fleet.requests;
    goals.push({
      goal: `fleet: 1 request per poll cycle for any number of <mk-vm-status> (1 and ${fleet.size})`,
      value: `${r.oneVisible} and ${r.fleetVisible} requests/min visible (${r.cycles} cycles of 5 s), ${r.oneHidden} and ${r.fleetHidden} hidden`,
      met: r.onePerCycle,
    });
    const ratio = fleet.ratios.elementVsFloor.median;
    goals.push({ goal: `fleet: first render of ${fleet.size} <mk-vm-status> ≤ 1.5× hand-written floor`, value: `${ratio.toFixed(2)}×`, met: ratio <= 1.5 });
    goals.push({
      goal: `fleet: identical poll (${fleet.size} elements) → 0 mutations`,
      value: `max ${fleet.identical.maxMutations} mutations, ${fleet.identical.maxElementsRendered} elements rendered`,
      met: fleet.identical.maxMutations === 0,
    });
    goals.push({
      goal: `fleet: a poll with one changed VM mutates only that element`,
      value: `${fleet.change.mutations.median} mutations in ${fleet.change.maxElementsTouched} element(s), ${fleet.change.maxElementsRendered} rendered`,
      met: fleet.change.onlyThatElement,
    });
  }
  if (sizes) goals.push({ goal: 'dist/mk-widgets.js ≤ 36 kB gzip (the redesign budget)', value: kb(sizes.bundle.gzip), met: sizes.bundle.gzip <= 36_000 });
  return goals;
}

function reportFleet(f) {
  const out = [];
  out.push(`## Fleet: ${f.size} <mk-vm-status> (the mock OMA's generated fleet)`);
  const label = {
    element: 'element, host-fed (provider.vmContexts)',
    'element+request': 'element, one mocked request (real OmaClient)',
    floor: 'floor: hand-written DOM, light DOM',
    'floor-shadow': 'floor in a shadow root per VM',
  };
  const ratioTo = { element: f.ratios.elementVsFloor, 'element+request': f.ratios.requestVsFloor, 'floor-shadow': f.ratios.floorShadowVsFloor };
  out.push(
    table(
      ['first render of all', 'to laid out', 'DOM (ms)', 'style + layout (ms)', '÷ floor', 'requests', 'elements / text vs floor', 'JS heap per VM', 'DOM nodes per VM'],
      FLEET_CONTESTANTS.map((name) => [
        label[name],
        fmtMs(f.mount[name]),
        ms(f.split[name].dom.median),
        ms(f.split[name].layout.median),
        ratioTo[name] ? fmtRatio(ratioTo[name]) : '1',
        f.parity[name].requests.join(','),
        `${f.parity[name].elements}${f.parity[name].sameText ? ', same text' : ', TEXT DIFFERS'}`,
        f.heap[name] ? `${(f.heap[name].bytesPerElement / 1000).toFixed(2)} kB` : '',
        f.heap[name] ? f.heap[name].nodesPerElement.toFixed(1) : '',
      ]),
    ),
  );
  out.push('Times include readVmContexts (schema + leak guard) and vmStatusView for every contestant; element+request adds JSON.parse and the client.');
  const poll = (p) => [fmtMs(p.time), p.requests.join(','), `${p.mutations.median} (max ${p.maxMutations})`, p.maxElementsTouched, p.maxElementsRendered];
  out.push(
    table(
      [`polls, ${f.size} VMs`, 'answer → laid out', 'requests', 'mutations', 'elements mutated (max)', 'elements rendered (max)'],
      [
        [`element, identical answer (${f.identical.n} polls)`, ...poll(f.identical)],
        [`element, one VM's progress changed (${f.change.n} polls)${f.change.onlyThatElement ? '' : ' NOT ONLY THAT ELEMENT'}`, ...poll(f.change)],
        [`floor, identical answer`, ...poll(f.floorPolls.identical)],
        [`floor, one VM's progress changed`, ...poll(f.floorPolls.change)],
      ],
    ),
  );
  out.push(`one change, element ÷ floor: ${fmtRatio(f.changeVsFloor)} (the element's time includes client.refresh() through an in-memory fetch; both compare the answer's text first, then read all 500 VMs through the schema and guard)`);
  const r = f.requests;
  out.push(
    `requests in one minute of fake time (5 s cycle while a VM replicates: ${r.cycles} cycles): 1 element ${r.oneVisible} visible / ${r.oneHidden} hidden; ${f.size} elements ${r.fleetVisible} visible / ${r.fleetHidden} hidden${r.listOnly ? ' (all GET /vm-contexts)' : ''}; per-VM fallback (list 404), ${f.size} elements visible: ${r.fallbackVisible}`,
  );
  return out;
}

/** Scenarios 1–7 (left out by `--only coldstart`). */
function reportScenarios(results) {
  const out = [];
  const { summary, lifecycle, requests, widgets } = results;
  out.push('## List: first render, and polls');
  const rows = [];
  for (const s of summary.render) {
    const raw = results.render.sizes.find((x) => x.count === s.count).contestants;
    const ratio = (step, a, b) => fmtRatio(pairedRatio(raw[a][step].map((x) => x.ms), raw[b][step].map((x) => x.ms)));
    rows.push([
      `first render, ${s.count} jobs`,
      fmtMs(s.mount.lit),
      fmtMs(s.mount.react),
      fmtMs(s.mount.vanilla),
      fmtRatio(s.ratios.litVsVanilla),
      fmtRatio(s.ratios.litVsReact),
    ]);
    rows.push([
      `identical poll, ${s.count} jobs`,
      ...CONTESTANTS.map((c) => `${fmtMs(s.identical[c].time)}, ${s.identical[c].maxMutations} mut.`),
      ratio('identical', 'lit', 'vanilla'),
      ratio('identical', 'lit', 'react'),
    ]);
    rows.push([
      `one job's progress changes, ${s.count} jobs`,
      ...CONTESTANTS.map(
        (c) => `${fmtMs(s.change[c].time)}, ${s.change[c].mutations.median} mut.${s.change[c].onlyThatRow ? ' (that row only)' : ` (rows ${s.change[c].rowsTouched.join(',')})`}`,
      ),
      ratio('change', 'lit', 'vanilla'),
      ratio('change', 'lit', 'react'),
    ]);
  }
  out.push(table(['scenario', 'lit (mk-unified-job-list)', 'react 19', 'vanilla DOM', 'lit ÷ vanilla', 'lit ÷ react'], rows));
  out.push('');
  out.push('First render, split: building the DOM, then the forced style + layout (medians).');
  const splitRows = [];
  for (const s of summary.render) {
    for (const [name, split] of Object.entries(s.split)) {
      splitRows.push([`${s.count} jobs`, name, ms(split.dom.median), ms(split.layout.median), ms(s.mount[name].median), `${(s.mount[name].median / s.mount.vanilla.median).toFixed(2)}×`]);
    }
  }
  out.push(table(['list', 'contestant', 'DOM (ms)', 'style + layout (ms)', 'total (ms)', '÷ vanilla'], splitRows));
  out.push(
    'vanilla-shadow: the vanilla markup in a shadow root with the same adopted style sheets (the price of shadow DOM); lit+client: the element fed by the real OmaClient (JSON.parse, zod/mini, leak guard, then render).',
  );
  const p = summary.pipeline;
  out.push(`identical poll through OmaClient (20 jobs, ${p.polls} polls): ${p.fetches} fetches, ${p.renders} renders, ${p.mutations} mutations; refresh → settled ${fmtMs(describe(p.ms))}`);
  const parity = summary.render.map((s) => `${s.count} jobs: ${Object.entries(s.parity).map(([n, v]) => `${n} ${v.elements}${v.sameText ? '' : ' (TEXT DIFFERS)'}`).join(', ')}`);
  out.push(`markup parity (elements under ul.rows; text equal to lit's unless flagged): ${parity.join('; ')}`);
  out.push('');

  out.push('## Banner and modal (rendering only)');
  out.push(
    table(
      ['scenario', 'to layout', 'to first paint'],
      [
        ['banner first render', fmtMs(describe(widgets.banner.map((s) => s.layout))), fmtMs(describe(widgets.banner.map((s) => s.paint)))],
        ['modal show() → open', fmtMs(describe(widgets.modal.map((s) => s.layout))), fmtMs(describe(widgets.modal.map((s) => s.paint)))],
      ],
    ),
  );
  out.push('');

  out.push(`## Leak guard on hostile text (redactTechnicalTerms, ${widgets.guard[0]?.chars ?? 0} characters each, mock-oma/adversarial-text.ts)`);
  const guardRows = widgets.guard.map((input) => ({ label: JSON.stringify(input.label), time: describe(input.ms) })).sort((a, b) => b.time.median - a.time.median);
  out.push(table(['input (repeated)', 'time'], guardRows.slice(0, 5).map((row) => [row.label, fmtMs(row.time)])));
  out.push(`the 5 slowest of ${guardRows.length} inputs; the fastest: ${guardRows.at(-1)?.label} in ${ms(guardRows.at(-1)?.time.median ?? NaN)} ms`);
  out.push('');

  out.push(`## Lifecycle: ${lifecycle.cycles} connect/disconnect cycles of the list (vm-name, real OmaClient)`);
  const b = lifecycle.before;
  const a = lifecycle.after;
  out.push(
    table(
      ['', 'heap after GC', 'DOM nodes', 'JS listeners (all)', 'timeouts', 'intervals', 'listeners on window/document/stage/provider', 'OmaClient watches'],
      [
        ['after warm-up', kb(b.heap.usedSize), b.heap.nodes, b.heap.jsEventListeners, b.counts.timeouts, b.counts.intervals, b.counts.listenerTotal, b.activeWatches],
        [`after ${lifecycle.cycles} cycles`, kb(a.heap.usedSize), a.heap.nodes, a.heap.jsEventListeners, a.counts.timeouts, a.counts.intervals, a.counts.listenerTotal, a.activeWatches],
      ],
    ),
  );
  out.push(`heap growth ${kb(lifecycle.heapGrowthBytes)}; ${(lifecycle.msPerCycle * 1000).toFixed(0)} µs per cycle; ${a.fetches} fetches in all`);
  out.push('');

  out.push('## Requests in one minute (fake clock)');
  out.push(
    table(
      ['widgets', 'data', 'page', 'client', 'requests', 'by route'],
      requests.map((r) => [
        r.layout === 'one-vm' ? `1 VM: list + banner + modal (${r.widgets})` : `10 VMs: ${r.widgets} lists`,
        r.data === 'active' ? 'a job running' : 'idle',
        r.visibility,
        r.sharing === 'provider' ? 'one provider' : 'one client per widget',
        r.requests,
        Object.entries(r.byRoute)
          .map(([route, n]) => `${route} ${n}`)
          .join(', '),
      ]),
    ),
  );
  out.push('');

  if (summary.fleet) out.push(...reportFleet(summary.fleet), '');
  return out;
}

function report(results) {
  const out = [];
  const { meta, summary, sizes } = results;
  out.push(`mk-widgets benchmark — ${meta.date}${meta.quick ? ' (QUICK RUN: too few samples to quote)' : ''}`);
  out.push(
    `machine: ${meta.machine.cpu}, ${meta.machine.cores} cores, ${meta.machine.memoryGb} GB, ${meta.machine.os}; load ${meta.load.before.join(' ')} → ${meta.load.after.join(' ')}`,
  );
  out.push(`browser: ${meta.browser} (headless${meta.crossOriginIsolated ? ', cross-origin isolated: 5 µs timer' : ''}); node ${meta.node}; commit ${meta.commit}`);
  out.push(`command: ${meta.command}`);
  out.push('times: median (25th–75th percentile); ratios: median of per-round ratios (interleaved rounds)');
  out.push('');

  if (summary.coldstart) out.push(...reportColdStart(summary.coldstart, results.coldstart), '');
  if (results.render) out.push(...reportScenarios(results));

  out.push('## Size (minified, gzip level 9)');
  const sizeRows = [
    ['dist/mk-widgets.js (everything inlined; English)', kb(sizes.bundle.minified), kb(sizes.bundle.gzip), '≤ 36 kB'],
    ['dist/mk-widgets.de.js (German, loaded on demand)', kb(sizes.german.minified), kb(sizes.german.gzip), ''],
    ...sizes.entries.map((e) => [`npm entry ${e.name}: with deps / own code`, `${kb(e.full.minified)} / ${kb(e.own.minified)}`, `${kb(e.full.gzip)} / ${kb(e.own.gzip)}`, '']),
    ...sizes.references.map((r) => [`reference: ${r.label}`, kb(r.minified), kb(r.gzip), '']),
  ];
  out.push(table(['file', 'minified', 'gzip', 'budget'], sizeRows));
  out.push('');

  out.push('## Goals');
  out.push(table(['goal', 'measured', ''], results.goals.map((g) => [g.goal, g.value, g.met ? 'met' : 'MISSED'])));
  return out.join('\n');
}

// ---- main -------------------------------------------------------------------------------------

async function main() {
  ensureDependencies();
  const chromePath = process.env.CHROME_PATH || findChromium();
  if (!chromePath) {
    console.error('bench: no Chromium found: install it (`apt-get install chromium`) or set CHROME_PATH.');
    process.exit(1);
  }
  const started = Date.now();
  const loadBefore = os.loadavg().map((n) => n.toFixed(2));
  const vite = await import('vite');
  const { default: puppeteer } = await import('puppeteer-core');
  const { buildSizeArtifacts, measureSizes } = await import('./size.mjs');

  console.log('bench: building the pages (bench/vite.config.ts, production)…');
  await vite.build({ configFile: join(BENCH, 'vite.config.ts'), logLevel: 'warn' });
  await buildSizeArtifacts({ log: (line) => console.log(`bench: ${line}`) });
  const sizes = await measureSizes();

  const server = await serve(DIST);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({
    executablePath: chromePath,
    headless: true,
    args: CHROME_ARGS,
    defaultViewport: { width: 1280, height: 900 },
    protocolTimeout: 900_000,
  });
  const results = { meta: {}, plan: PLAN };
  try {
    const browserVersion = await browser.version();

    let isolated = false;
    if (!only) {
      console.log('bench: scenarios 1–3, the list: React, vanilla and Lit interleaved…');
      const render = await openPage(browser, base, 'render');
      results.render = await render.page.evaluate((options) => window.bench.run(options), { sizes: PLAN.sizes, pipelinePolls: PLAN.pipelinePolls });
      if (render.errors.length > 0) throw new Error(`render page errors:\n${render.errors.join('\n')}`);
      isolated = render.isolated;
      await render.page.close();

      console.log('bench: scenario 4, banner and modal…');
      const widgets = await openPage(browser, base, 'widgets');
      results.widgets = await widgets.page.evaluate((options) => window.bench.run(options), PLAN.widgets);
      if (widgets.errors.length > 0) throw new Error(`widgets page errors:\n${widgets.errors.join('\n')}`);
      await widgets.page.close();

      console.log(`bench: scenario 5, ${PLAN.lifecycle.cycles} connect/disconnect cycles…`);
      const lifecycle = await openPage(browser, base, 'lifecycle');
      const warm = await lifecycle.page.evaluate((options) => window.bench.phase(options), { cycles: PLAN.lifecycle.warmup });
      const heapBefore = await heapAfterGc(lifecycle.page);
      const cycled = await lifecycle.page.evaluate((options) => window.bench.phase(options), { cycles: PLAN.lifecycle.cycles });
      const heapAfter = await heapAfterGc(lifecycle.page);
      if (lifecycle.errors.length > 0) throw new Error(`lifecycle page errors:\n${lifecycle.errors.join('\n')}`);
      await lifecycle.page.close();
      results.lifecycle = {
        cycles: PLAN.lifecycle.cycles,
        before: { ...warm, heap: heapBefore },
        after: { ...cycled, heap: heapAfter },
        heapGrowthBytes: heapAfter.usedSize - heapBefore.usedSize,
        msPerCycle: cycled.ms / cycled.cycles,
      };

      console.log('bench: scenario 6, requests over a minute of fake time…');
      const requests = await openPage(browser, base, 'requests');
      results.requests = await requests.page.evaluate(() => window.bench.run());
      if (requests.errors.length > 0) throw new Error(`requests page errors:\n${requests.errors.join('\n')}`);
      await requests.page.close();

      console.log(`bench: scenario 7, the fleet: 500 <mk-vm-status> against the hand-written floor…`);
      results.fleet = await runFleet(browser, base);
    }

    console.log('bench: scenario 8, cold start: real page loads of the banner and list, against two hand-written floors and React…');
    results.coldstart = await runColdStart(browser, base);

    results.meta = {
      date: new Date().toISOString(),
      command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
      quick,
      durationSeconds: Math.round((Date.now() - started) / 1000),
      machine: {
        cpu: os.cpus()[0]?.model ?? 'unknown',
        cores: os.cpus().length,
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        os: `${os.type()} ${os.release()}`,
      },
      load: { before: loadBefore, after: os.loadavg().map((n) => n.toFixed(2)) },
      browser: browserVersion,
      chromePath,
      crossOriginIsolated: isolated,
      node: process.version,
      commit: gitCommit(),
    };
  } finally {
    await browser.close();
    server.close();
  }

  results.sizes = sizes;
  results.summary = {
    ...(results.render ? { render: summarizeRender(results.render), pipeline: results.render.pipeline, fleet: summarizeFleet(results.fleet) } : {}),
    coldstart: summarizeColdStart(results.coldstart),
  };
  results.goals = goalsOf(results.summary, results.lifecycle, sizes, results.widgets);
  const text = report(results);
  console.log(`\n${text}\n`);
  mkdirSync(dirname(outJson), { recursive: true });
  writeFileSync(outJson, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(outMd, `${text}\n`);
  console.log(`bench: saved ${relative(ROOT, outJson)} and ${relative(ROOT, outMd)} (${results.meta.durationSeconds} s)`);
  if (check && results.goals.some((goal) => !goal.met)) process.exit(1);
}

await main();
