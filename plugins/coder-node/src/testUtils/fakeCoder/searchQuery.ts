// The workspace search query (`GET /workspaces?q=`), parsed as coderd/searchquery.Workspaces does:
// the whole query is lowercased, split on spaces (quotes keep a value together), `key:value` terms
// become filters, a bare term is a name (or `owner/name`), and every error is a validation with
// Coder's text. Filters the fake does not implement answer a clear 400 instead of being ignored.
import { CoderValidation, goQuote, isUuid, uuidParseError } from './errors';
import { WORKSPACE_STATUSES, WorkspaceStatus } from './lifecycle';

export interface WorkspaceSearch {
  ids: string[];
  /** A username, or `me`. */
  owner: string;
  template: string;
  /** Substring of the workspace name (SQL ILIKE '%name%'). */
  name: string;
  status: WorkspaceStatus | '';
  /** An organization id. */
  organization: string;
  /** `outdated:true|false`; undefined when not given. */
  outdated?: boolean;
  dormant: boolean;
  /** `param:name`: the latest build has a value for the parameter. */
  hasParam: string[];
  /** `param:name=value`: the latest build has this value for the parameter. */
  params: Array<{ name: string; value: string }>;
}

/** Keys Coder accepts that the fake does not implement; using one answers a 400 saying so. */
export const UNIMPLEMENTED_SEARCH_KEYS = [
  'has-agent',
  'healthy',
  'last_used_after',
  'last_used_before',
  'has-ai-task',
  'has_external_agent',
  'shared',
  'shared_with_user',
  'shared_with_group',
];

type Values = Map<string, string[]>;

/** The parts of httpapi.QueryParamParser the workspace search uses. */
class QueryParamParser {
  readonly errors: CoderValidation[] = [];
  readonly parsed = new Set<string>();

  constructor(private readonly values: Values) {}

  /** The value set, or undefined when absent or empty (parseQueryParamSet). */
  private set(key: string): string[] | undefined {
    this.parsed.add(key);
    const set = this.values.get(key);
    if (!set || set.length === 0 || set[0] === '') return undefined;
    return set;
  }

  /** parseSingle: more than one value is its own error. */
  private single(key: string): string | undefined {
    const set = this.set(key);
    if (!set) return undefined;
    if (set.length > 1) {
      this.errors.push({
        field: key,
        detail: `Query param ${goQuote(key)} provided more than once, found ${
          set.length
        } times. Only provide 1 instance of this query param.`,
      });
      return undefined;
    }
    return set[0];
  }

  string(key: string): string {
    return this.single(key) ?? '';
  }

  boolean(key: string, def: boolean): boolean {
    const v = this.single(key);
    if (v === undefined) return def;
    if (['1', 't', 'true'].includes(v)) return true;
    if (['0', 'f', 'false'].includes(v)) return false;
    this.errors.push({
      field: key,
      detail: `Query param ${goQuote(
        key,
      )} must be a valid boolean: strconv.ParseBool: parsing ${goQuote(
        v,
      )}: invalid syntax`,
    });
    return def;
  }

  /** httpapi.ParseCustom */
  custom<T>(
    key: string,
    def: T,
    parse: (v: string) => { value: T } | { error: string },
  ): T {
    const v = this.single(key);
    if (v === undefined) return def;
    const result = parse(v);
    if ('error' in result) {
      this.errors.push({
        field: key,
        detail: `Query param ${goQuote(key)} has invalid value: ${
          result.error
        }`,
      });
      return def;
    }
    return result.value;
  }

  /** httpapi.ParseCustomList: every value, each split on commas; all errors joined. */
  list<T>(
    key: string,
    parse: (v: string) => { value: T } | { error: string },
  ): T[] {
    const set = this.set(key);
    if (!set) return [];
    const out: T[] = [];
    const errors: string[] = [];
    for (const term of set.flatMap(s => s.split(','))) {
      const result = parse(term);
      if ('error' in result) errors.push(result.error);
      else out.push(result.value);
    }
    if (errors.length > 0) {
      this.errors.push({
        field: key,
        detail: `Query param ${goQuote(key)} has invalid values: ${errors.join(
          '\n',
        )}`,
      });
      return [];
    }
    return out;
  }

  /** ErrorExcessParams */
  errorExcessParams() {
    for (const key of this.values.keys()) {
      if (!this.parsed.has(key)) {
        this.errors.push({
          field: key,
          detail: `${goQuote(key)} is not a valid query param`,
        });
      }
    }
  }
}

export function parseWorkspaceSearch(
  query: string,
  /** Finds an organization's id by name (searchquery.parseOrganization). */
  organizationIdByName: (name: string) => string | undefined = () => undefined,
): { search: WorkspaceSearch } | { validations: CoderValidation[] } {
  const search: WorkspaceSearch = {
    ids: [],
    owner: '',
    template: '',
    name: '',
    status: '',
    organization: '',
    dormant: false,
    hasParam: [],
    params: [],
  };
  if (query === '') return { search };

  const terms = searchTerms(query.toLowerCase(), (term, values) => {
    const parts = splitByDelimiter(term, '/', false);
    if (parts.length === 1) {
      add(values, 'name', parts[0]);
    } else if (parts.length === 2) {
      add(values, 'owner', parts[0]);
      add(values, 'name', parts[1]);
    } else {
      return `Query element ${goQuote(term)} can only contain 1 '/'`;
    }
    return undefined;
  });
  if ('validations' in terms) return terms;
  const values = terms.values;

  const parser = new QueryParamParser(values);
  search.ids = parser.list<string>('id', v => {
    const id = v.trim();
    return isUuid(id) ? { value: id } : { error: uuidParseError(id) };
  });
  search.owner = parser.string('owner');
  search.template = parser.string('template');
  search.name = parser.string('name');
  search.status = parser.custom<WorkspaceStatus | ''>('status', '', v =>
    (WORKSPACE_STATUSES as string[]).includes(v)
      ? { value: v as WorkspaceStatus }
      : { error: `${goQuote(v)} is not a valid value` },
  );
  for (const key of UNIMPLEMENTED_SEARCH_KEYS) {
    if (values.has(key)) {
      parser.parsed.add(key);
      parser.errors.push({
        field: key,
        detail: `the fake Coder server does not implement the ${goQuote(
          key,
        )} search filter`,
      });
    }
  }
  search.dormant = parser.boolean('dormant', false);
  if (values.has('outdated')) {
    search.outdated = !!parser.boolean('outdated', true);
  } else {
    parser.parsed.add('outdated');
  }
  search.organization = parser.custom<string>('organization', '', v => {
    if (isUuid(v)) return { value: v };
    const id = organizationIdByName(v);
    return id
      ? { value: id }
      : {
          error: `organization ${goQuote(
            v,
          )} either does not exist, or you are unauthorized to view it`,
        };
  });
  // `param:<name>[=<value>]`; values may also be comma-separated (httpapi.ParseCustomList).
  const params = parser.list<{ name: string; value?: string }>('param', raw => {
    const v = raw.trim();
    const parts = v.split('=');
    if (parts.length === 1) return { value: { name: parts[0] } };
    if (parts.length === 2) {
      if (parts[1] === '') {
        return {
          error: `query element ${goQuote(
            v,
          )} has an empty value. omit the '=' to match just on the parameter name`,
        };
      }
      return { value: { name: parts[0], value: parts[1] } };
    }
    return {
      error: `query element ${goQuote(v)} can only contain 1 '='`,
    };
  });
  for (const p of params) {
    if (p.value === undefined) search.hasParam.push(p.name);
    else search.params.push({ name: p.name, value: p.value });
  }
  parser.errorExcessParams();
  if (parser.errors.length > 0) return { validations: parser.errors };
  return { search };
}

function add(values: Values, key: string, value: string) {
  const list = values.get(key) ?? [];
  list.push(value);
  values.set(key, list);
}

/** searchquery.searchTerms */
function searchTerms(
  query: string,
  defaultKey: (term: string, values: Values) => string | undefined,
): { values: Values } | { validations: CoderValidation[] } {
  const values: Values = new Map();
  const elements = processTokens(splitByDelimiter(query, ' ', true));
  for (const element of elements) {
    if (element.startsWith(':') || element.endsWith(':')) {
      return {
        validations: [
          {
            field: 'q',
            detail: `Query element ${goQuote(
              element,
            )} cannot start or end with ':'`,
          },
        ],
      };
    }
    const parts = splitByDelimiter(element, ':', false);
    if (parts.length === 1) {
      const error = defaultKey(element, values);
      if (error) return { validations: [{ field: 'q', detail: error }] };
    } else if (parts.length === 2) {
      add(values, parts[0].toLowerCase(), parts[1]);
    } else {
      return {
        validations: [
          {
            field: 'q',
            detail: `Query element ${goQuote(element)} can only contain 1 ':'`,
          },
        ],
      };
    }
  }
  return { values };
}

/**
 * searchquery.splitQueryParameterByDelimiter: splits on the delimiter outside double quotes and
 * drops empty parts (strings.FieldsFunc); quotes are trimmed from the parts unless kept.
 */
export function splitByDelimiter(
  query: string,
  delimiter: string,
  maintainQuotes: boolean,
): string[] {
  const parts: string[] = [];
  let quoted = false;
  let current = '';
  for (const ch of query) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === delimiter) {
      if (current !== '') parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current !== '') parts.push(current);
  return maintainQuotes ? parts : parts.map(p => p.replace(/^"+|"+$/g, ''));
}

/** searchquery.processTokens: terms without ':' are joined into one term, placed last. */
function processTokens(tokens: string[]): string[] {
  const results: string[] = [];
  const plain: string[] = [];
  for (const token of tokens) {
    if (token.includes(':')) results.push(token);
    else plain.push(token);
  }
  if (plain.length > 0) results.push(plain.join(' '));
  return results;
}
