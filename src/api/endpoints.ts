/**
 * Where each OMA resource lives: one URL template per resource, with `{vmName}`, `{contextId}` and
 * `{jobId}` placeholders. Hosts whose proxy routes are not the OMA's `/api/v1` paths give their own
 * (the MigrateKit dashboard: `{ vmContext: '/api/vm-contexts/{vmName}', ... }`).
 *
 * How a template becomes a URL:
 * - A template starting with `/` is a path: the client's `apiBase` goes in front of it, as for the
 *   defaults (`apiBase` is empty for the same origin, so the dashboard's paths are used as they are).
 * - An absolute `http:` or `https:` template is used as it is.
 * - Anything else (`data:`, `javascript:`, a path without the leading `/`, an unknown or misplaced
 *   placeholder, an unclosed brace) is a configuration error: that resource is never fetched.
 * - Each value is URL-encoded (`encodeURIComponent`), so `a/b` fills in as `a%2Fb`.
 * - `null` says the host does not expose that resource: it is never asked (the widgets do without it).
 */

export type EndpointName = 'vmContext' | 'recentJobs' | 'failoverStatus' | 'vmContexts';
export type Placeholder = 'vmName' | 'contextId' | 'jobId';

/** One URL template per resource; the ones left out keep the OMA's own path, `null` ones are not exposed. */
export type EndpointTemplates = Partial<Record<EndpointName, string | null>>;

/** The values a template may be filled with. */
export type PlaceholderValues = Partial<Record<Placeholder, string>>;

/** The OMA's own paths (v2.32), put behind `apiBase`. */
export const DEFAULT_ENDPOINTS: Readonly<Record<EndpointName, string>> = {
  vmContext: '/api/v1/vm-contexts/{vmName}',
  recentJobs: '/api/v1/vm-contexts/{contextId}/recent-jobs',
  failoverStatus: '/api/v1/failover/{jobId}/status',
  vmContexts: '/api/v1/vm-contexts',
};

/** The placeholders each resource can be addressed by (the others would never have a value). */
const ALLOWED: Readonly<Record<EndpointName, readonly Placeholder[]>> = {
  vmContext: ['vmName'],
  recentJobs: ['contextId', 'vmName'],
  failoverStatus: ['jobId'],
  vmContexts: [],
};

const NAMES = Object.keys(DEFAULT_ENDPOINTS) as EndpointName[];

/** A scheme at the start (`http:`, `data:`); a URL without one is relative. */
const SCHEME = /^[a-z][a-z\d+.-]*:/i;

/**
 * Whether `url` may be fetched: an absolute http(s) URL or a relative one. Parsed the way fetch
 * parses it, so `java\tscript:` or a leading space cannot slip through.
 */
export function isFetchableUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url, 'http://relative.invalid/');
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** A problem with the endpoint configuration, for the console (said once) and the error's detail. */
export interface EndpointProblem {
  message: string;
  /** The resources it keeps from being fetched (none for an ignored unknown key). */
  affects: readonly EndpointName[];
}

/** One parsed template: literal text and placeholders, in order. */
export class UrlTemplate {
  readonly source: string;
  /** The placeholders it needs, each filled with a non-empty value. */
  readonly placeholders: ReadonlySet<Placeholder>;
  readonly #parts: readonly (string | { name: Placeholder })[];

  /** Throws a plain Error naming the problem when the template cannot be used for `endpoint`. */
  constructor(source: string, endpoint: EndpointName) {
    this.source = source;
    const allowed = ALLOWED[endpoint];
    const parts: (string | { name: Placeholder })[] = [];
    const names = new Set<Placeholder>();
    for (const piece of source.split(/(\{[^{}]*\})/)) {
      if (!piece.startsWith('{')) {
        if (/[{}]/.test(piece)) throw new Error(`unbalanced brace in ${endpoint} template '${source}'`);
        if (piece) parts.push(piece);
        continue;
      }
      const name = piece.slice(1, -1) as Placeholder;
      if (!allowed.includes(name)) {
        const expected = allowed.length ? allowed.map((known) => `{${known}}`).join(' or ') : 'no placeholder';
        throw new Error(`unknown placeholder ${piece} in ${endpoint} template '${source}' (expected ${expected})`);
      }
      names.add(name);
      parts.push({ name });
    }
    // Checked with every placeholder filled, so only the literal parts decide.
    const sample = parts.map((part) => (typeof part === 'string' ? part : 'x')).join('');
    if (!sample.startsWith('/') && !(SCHEME.test(sample) && isFetchableUrl(sample))) {
      throw new Error(`the ${endpoint} template '${source}' is neither a path starting with '/' nor an http(s) URL`);
    }
    this.#parts = parts;
    this.placeholders = names;
  }

  /** The template filled in, each value URL-encoded; undefined when a placeholder has no value. */
  fill(values: PlaceholderValues): string | undefined {
    let url = '';
    for (const part of this.#parts) {
      if (typeof part === 'string') {
        url += part;
        continue;
      }
      const value = values[part.name];
      if (!value) return undefined;
      url += encodeURIComponent(value);
    }
    return url;
  }
}

/**
 * The URL of every resource for one client: `apiBase` plus the templates. Bad configuration never
 * throws: it is listed in `problems`, and the resources it concerns have no URL.
 */
export class Endpoints {
  /** The base, without trailing slashes. */
  readonly apiBase: string;
  readonly problems: readonly EndpointProblem[];
  /** The usable templates: a resource with a problem, or one the host does not expose, has none. */
  readonly #templates = new Map<EndpointName, UrlTemplate>();
  /** The resources the host said it does not expose (`null` templates). */
  readonly #notExposed = new Set<EndpointName>();

  /** `templates` may also be their JSON text (the provider's `endpoints` attribute). */
  constructor(apiBase: string, templates?: EndpointTemplates | string | null) {
    this.apiBase = apiBase.replace(/\/+$/, '');
    const problems: EndpointProblem[] = [];
    if (!isFetchableUrl(this.apiBase)) problems.push({ message: `api-base '${apiBase}' is not an http(s) URL or a path`, affects: NAMES });
    const given = readTemplates(templates, problems);
    for (const name of NAMES) {
      if (given?.[name] === null) {
        this.#notExposed.add(name);
        continue;
      }
      const source = given?.[name] ?? DEFAULT_ENDPOINTS[name];
      try {
        this.#templates.set(name, new UrlTemplate(source, name));
      } catch (error) {
        problems.push({ message: (error as Error).message, affects: [name] });
      }
    }
    this.problems = problems;
  }

  /** Whether the host said it does not expose `endpoint` (a `null` template). */
  isExposed(endpoint: EndpointName): boolean {
    return !this.#notExposed.has(endpoint);
  }

  /** The problem that keeps `endpoint` from being fetched, if any. */
  problemWith(endpoint: EndpointName): EndpointProblem | undefined {
    return this.problems.find((problem) => problem.affects.includes(endpoint));
  }

  /** The placeholders `endpoint`'s template needs (empty for an unusable one). */
  placeholders(endpoint: EndpointName): ReadonlySet<Placeholder> {
    return this.#templates.get(endpoint)?.placeholders ?? new Set();
  }

  /** The URL of one resource; undefined when the configuration is bad or a value is missing. */
  url(endpoint: EndpointName, values: PlaceholderValues = {}): string | undefined {
    const filled = this.problemWith(endpoint) ? undefined : this.#templates.get(endpoint)?.fill(values);
    if (filled === undefined) return undefined;
    return filled.startsWith('/') ? this.apiBase + filled : filled;
  }
}

/** The templates object, from an object or its JSON; undefined (with a problem) when it is neither. */
function readTemplates(value: EndpointTemplates | string | null | undefined, problems: EndpointProblem[]): EndpointTemplates | undefined {
  if (value == null || value === '') return undefined;
  let templates: unknown = value;
  if (typeof value === 'string') {
    try {
      templates = JSON.parse(value);
    } catch {
      problems.push({ message: `endpoints is not valid JSON: ${value.slice(0, 200)}`, affects: NAMES });
      return undefined;
    }
  }
  if (typeof templates !== 'object' || templates === null || Array.isArray(templates)) {
    problems.push({ message: `endpoints must be an object of URL templates, not ${JSON.stringify(templates)}`, affects: NAMES });
    return undefined;
  }
  const known: EndpointTemplates = {};
  for (const [name, source] of Object.entries(templates)) {
    // An unknown key is said but not fatal: a newer host's configuration keeps this version working.
    if (!NAMES.includes(name as EndpointName)) problems.push({ message: `endpoints has an unknown resource '${name}' (known: ${NAMES.join(', ')})`, affects: [] });
    else if (source !== null && typeof source !== 'string') problems.push({ message: `the ${name} template must be a string or null`, affects: [name as EndpointName] });
    else known[name as EndpointName] = source;
  }
  return known;
}
