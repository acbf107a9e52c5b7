/**
 * Generates docs/node-types.md, the reference of every built-in node type, from the manifests listed in
 * nodes/builtins.ts. Run `npm run gen:node-docs` after changing a built-in manifest; a test fails when the
 * committed page differs from what this script would write.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { builtinManifests } from '../nodes/builtins';
import type {
  ColumnRequirement,
  ColumnRule,
  InputPort,
  NodeManifest,
  OutputPort,
  SameAs,
  Template,
} from '../schemas/node-manifest/node-manifest.types';

/** Where the generated page is written. */
export const nodeDocsPath = fileURLToPath(new URL('../docs/node-types.md', import.meta.url));

type Limit = 'minItems' | 'maxItems' | 'minLength' | 'maxLength' | 'minimum' | 'maximum' | 'exclusiveMinimum';

/** The part of JSON Schema that the built-in config schemas use. */
export type ConfigSchema = Partial<Record<Limit | 'exclusiveMaximum', number>> & {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, ConfigSchema>;
  required?: string[];
  items?: ConfigSchema;
  pattern?: string;
};

/** One row of a config table. */
export type ConfigField = Record<'path' | 'type' | 'default' | 'notes', string> & { required: boolean };

const code = (text: string): string => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``);
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const sentence = (text: string): string => (/[.!?:]$/.test(text) ? text : `${text}.`);

/**
 * Writes a whole number with thousands separators, the same on every machine.
 * @example formatNumber(5000000) // '5,000,000'
 */
export function formatNumber(n: number): string {
  const [whole, fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * The anchor GitHub gives a Markdown heading.
 * @example headingAnchor('core/join: Lookup / join') // 'corejoin-lookup--join'
 */
export function headingAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The heading of a node type's section. */
const typeHeading = (m: NodeManifest): string => `${m.id}: ${m.title}`;

/** A config pointer as a field path: `/constraint/op` is `constraint.op`. */
function pointerPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** The config schema at a pointer (through `properties` only), to tell lists from single names. */
function schemaAt(config: ConfigSchema, pointer: string): ConfigSchema | undefined {
  let schema: ConfigSchema | undefined = config;
  for (const part of pointerPath(pointer).split('.')) schema = schema?.properties?.[part];
  return schema;
}

const SINGLE = /^\{([^{}]+)\}$/;

/**
 * A template in words: a literal in code, one placeholder as the config field it reads (`{field}` being a field
 * of the current `forEach` item), anything else as the template with each placeholder written `<field>`.
 */
function templateWords(template: Template): string {
  const single = SINGLE.exec(template);
  if (single) {
    const name = single[1];
    return name.startsWith('/') ? `the config's ${code(pointerPath(name))}` : `its ${code(name)}`;
  }
  if (!template.includes('{')) return code(template);
  const shown = template.replace(/\{([^{}]+)\}/g, (_m, name: string) =>
    name.startsWith('/') ? `<${pointerPath(name)}>` : `<${name}>`,
  );
  return code(shown);
}

const TYPE_CLASS_WORDS: Record<string, string> = {
  any: 'any type',
  number: 'a number',
  integer: 'an integer',
  text: 'text',
  time: 'a time',
  bool: 'a boolean',
  json: 'JSON',
  bytes: 'bytes',
};

/** Joins words as `a, b or c`. */
function orList(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** A name template in words: `named by <field>` for one placeholder, `<template>` otherwise. */
function nameWords(template: Template, fallback: Template | undefined): string {
  const main = SINGLE.test(template) ? `named by ${templateWords(template)}` : templateWords(template);
  if (!fallback) return main;
  return `${main}, or else ${SINGLE.test(fallback) ? `named by ${templateWords(fallback)}` : templateWords(fallback)}`;
}

/** `For each item of the config's `x`, ` before a repeated requirement or rule. */
const forEachWords = (pointer: string | undefined): string =>
  pointer ? `For each item of the config's ${code(pointerPath(pointer))}, ` : '';

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * One column requirement of an input port in plain words.
 * @example requirementWords({ column: '{/x}', accepts: ['time', 'number'] }, { type: 'object' })
 * // 'The column named by the config\'s `x` (a time or a number).'
 */
export function requirementWords(req: ColumnRequirement, config: ConfigSchema): string {
  const single = SINGLE.exec(req.column);
  const what =
    single && single[1].startsWith('/') && schemaAt(config, single[1])?.type === 'array'
      ? `each column listed in the config's ${code(pointerPath(single[1]))}`
      : `the column ${nameWords(req.column, req.fallback)}`;
  const accepts = orList(req.accepts.map((a) => TYPE_CLASS_WORDS[a] ?? code(a)));
  const when = req.optional ? ', when set' : '';
  const about = req.description ? `: ${req.description}` : '';
  return sentence(capitalise(`${forEachWords(req.forEach)}${what} (${accepts})${when}${about}`));
}

const isSameAs = (v: Template | SameAs | undefined): v is SameAs => typeof v === 'object' && v !== null;

/** A column rule's type or unit in words. */
function typeOrUnitWords(value: Template | SameAs, kind: 'type' | 'unit'): string {
  if (isSameAs(value)) return `the ${kind} of the arriving column named by ${templateWords(value.sameAs)}`;
  return SINGLE.test(value) ? `${kind} from ${templateWords(value)}` : `${kind} ${code(value)}`;
}

/**
 * One column an output port adds, in plain words.
 * @example ruleWords({ name: 'alert_id', type: 'text', role: 'key' }) // 'Adds a column `alert_id`: type `text`, role key.'
 */
export function ruleWords(rule: ColumnRule): string {
  const name = nameWords(rule.name, rule.fallback);
  const parts = [typeOrUnitWords(rule.type, 'type')];
  if (rule.unit !== undefined) parts.push(typeOrUnitWords(rule.unit, 'unit'));
  if (rule.role) parts.push(`role ${rule.role}`);
  return sentence(capitalise(`${forEachWords(rule.forEach)}adds a column ${name}: ${parts.join(', ')}`));
}

/** How an output port's columns are produced, as list items. */
function outputColumnWords(port: OutputPort, config: ConfigSchema): string[] {
  const columns = port.columns;
  if (port.kind === 'value')
    return port.valueType ? [`The value's type: ${templateWords(port.valueType)}.`] : [];
  if (!columns) return port.kind === 'table' ? ['Its columns are not declared.'] : [];
  const lines: string[] = [];
  if (columns.fromInput)
    lines.push(
      `Starts from the columns declared by the blueprint input named by the config's ${code(pointerPath(columns.fromInput))}.`,
    );
  else if (columns.from) lines.push(`Starts from the columns arriving on ${code(columns.from)}.`);
  else lines.push('Starts from no columns.');
  if (columns.keep) {
    const list = schemaAt(config, columns.keep)?.type === 'array' ? 'listed in' : 'named by';
    lines.push(`Keeps only the columns ${list} the config's ${code(pointerPath(columns.keep))}, when set.`);
  }
  for (const rule of columns.add ?? []) lines.push(ruleWords(rule));
  return lines;
}

/** The words for a number range. */
function rangeWords(s: ConfigSchema): string {
  const [low, high, above, below] = [s.minimum, s.maximum, s.exclusiveMinimum, s.exclusiveMaximum].map((n) =>
    n === undefined ? undefined : formatNumber(n),
  );
  const parts = [low && high ? `${low} to ${high}` : low ? `≥ ${low}` : high ? `≤ ${high}` : ''];
  if (above) parts.push(`> ${above}`);
  if (below) parts.push(`< ${below}`);
  return parts.filter(Boolean).join(', ');
}

/** The words for a count range (characters, items). */
function countWords(min: number | undefined, max: number | undefined, unit: string): string {
  const plural = (n: number) => `${formatNumber(n)} ${unit}${n === 1 ? '' : 's'}`;
  if (min !== undefined && max !== undefined) return min === max ? plural(min) : `${min} to ${plural(max)}`;
  if (min !== undefined) return `at least ${plural(min)}`;
  if (max !== undefined) return `at most ${plural(max)}`;
  return '';
}

/** JSON Schema types in words, where the name is not the word (`number`, `boolean`... are). */
const TYPE_WORDS: Record<string, string> = { string: 'text', array: 'list' };

/** The identifier pattern of the standard (see "Ids and names"). */
const IDENTIFIER = '^[A-Za-z][A-Za-z0-9_]{0,62}$';

/** A schema's type in words, split into the type itself and its limits. */
function typeParts(s: ConfigSchema, many = false): { base: string; details: string[] } {
  if (s.const !== undefined) return { base: `exactly ${code(JSON.stringify(s.const))}`, details: [] };
  const values = s.enum?.map((v) => code(typeof v === 'string' ? v : JSON.stringify(v)));
  if (values) return { base: `one of ${values.join(', ')}`, details: [] };
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (types.length === 0) return { base: many ? 'values of any type' : 'any value', details: [] };
  if (types.length === 1 && types[0] === 'string' && s.pattern === IDENTIFIER)
    return { base: `[identifier${many ? 's' : ''}](blueprint-standard.md#ids-and-names)`, details: [] };
  const base = orList(types.map((t) => `${TYPE_WORDS[t] ?? t}${many ? 's' : ''}`));
  const details: string[] = [];
  if (types.includes('string')) {
    const length = countWords(s.minLength, s.maxLength, 'character');
    if (length) details.push(length);
    if (s.pattern) details.push(`matching ${code(s.pattern)}`);
  }
  if (types.includes('number') || types.includes('integer')) {
    const range = rangeWords(s);
    if (range) details.push(range);
  }
  if (types.includes('array')) {
    const items = s.items ? typeParts(s.items, true) : undefined;
    const of = items ? ` of ${s.items?.properties ? 'objects' : items.base}` : '';
    const each =
      items && !s.items?.properties && items.details.length ? ` (each ${items.details.join(', ')})` : '';
    return {
      base: `${base}${of}${each}`,
      details: [countWords(s.minItems, s.maxItems, 'item'), ...details].filter(Boolean),
    };
  }
  return { base, details };
}

/**
 * A config field's type in words: enum values, number ranges, text patterns and lengths, list sizes.
 * @example schemaTypeWords({ type: 'integer', minimum: 1, maximum: 5000000 }) // 'integer, 1 to 5,000,000'
 */
export function schemaTypeWords(s: ConfigSchema): string {
  const { base, details } = typeParts(s);
  return [base, ...details].join(', ');
}

/** A default value as shown in the table. */
const defaultWords = (value: unknown): string =>
  value === undefined ? '' : code(typeof value === 'string' && value !== '' ? value : JSON.stringify(value));

/**
 * The rows of a config table, depth first in schema order: `a`, `a[].b` for list items, `a.b` for objects.
 * @example configFields({ type: 'object', properties: { n: { type: 'integer', default: 1 } } })[0].path // 'n'
 */
export function configFields(schema: ConfigSchema, prefix = ''): ConfigField[] {
  const rows: ConfigField[] = [];
  const required = new Set(schema.required ?? []);
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const path = `${prefix}${name}`;
    const notes =
      field.title && field.description
        ? `${field.title} — ${field.description}`
        : (field.title ?? field.description ?? '');
    rows.push({
      path,
      type: schemaTypeWords(field),
      default: defaultWords(field.default),
      required: required.has(name),
      notes,
    });
    if (field.properties) rows.push(...configFields(field, `${path}.`));
    if (field.items?.properties) rows.push(...configFields(field.items, `${path}[].`));
  }
  return rows;
}

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

const inputWords = (name: string, port: InputPort): string =>
  `${code(name)} (${port.kind}, ${port.required === false ? 'optional' : 'required'}, ${port.multiple ? 'any number of edges' : 'one edge'})`;

/** Ports as `name (kind, optional, multiple)`, joined by semicolons. */
function portsSummary(ports: Record<string, InputPort | OutputPort>): string {
  const words = Object.entries(ports).map(([name, port]) => {
    const flags = 'required' in port && port.required === false ? ', optional' : '';
    return `${code(name)} (${port.kind}${flags}${'multiple' in port && port.multiple ? ', multiple' : ''})`;
  });
  return words.length ? words.join('; ') : 'none';
}

/** The manifests, typed (the schema validates them when they are registered). */
const manifests = (): NodeManifest[] => builtinManifests as NodeManifest[];

/**
 * The summary table of the built-in node types: id (linked to its section), title, category, ports, binds.
 * @example indexTable('node-types.md') // ['| id | title | ...', ...]
 */
export function indexTable(linkTo = ''): string[] {
  return table(
    ['id', 'title', 'category', 'inputs', 'outputs', 'binds'],
    manifests().map((m) => [
      `[${code(m.id)}](${linkTo}#${headingAnchor(typeHeading(m))})`,
      m.title,
      m.category,
      portsSummary(m.inputs),
      portsSummary(m.outputs),
      m.binds ? `${code(pointerPath(m.binds.input))} (${m.binds.kind} input)` : '',
    ]),
  );
}

function typeSection(m: NodeManifest): string[] {
  const config = m.config as ConfigSchema;
  const lines = [`## ${typeHeading(m)}`, '', m.description ?? '', ''];
  const facts = [`Category: ${m.category}.`, `Version ${m.version}.`];
  if (m.tags?.length) facts.push(`Tags: ${m.tags.join(', ')}.`);
  if (m.capabilities?.length) facts.push(`Capabilities: ${m.capabilities.join(', ')}.`);
  lines.push(facts.join(' '), '');
  const { title, minWidth = 0, minHeight = 0 } = m.panel ?? {};
  if (m.panel)
    lines.push(`**Panel:** titled "${title ?? m.title}", at least ${minWidth} × ${minHeight} pixels.`, '');
  if (m.binds)
    lines.push(
      `**Reads a blueprint input:** the ${m.binds.kind} input named by the config's ${code(pointerPath(m.binds.input))}.`,
      '',
    );
  const inputs = Object.entries(m.inputs);
  lines.push(inputs.length === 0 ? '**Inputs:** none.' : '**Inputs:**', '');
  for (const [name, port] of inputs) {
    const about = [port.title, port.description].filter(Boolean).map((t) => sentence(t as string));
    if (port.columns?.length) about.push('Needs these columns:');
    lines.push(`- ${inputWords(name, port)}${about.length ? `: ${about.join(' ')}` : ''}`);
    for (const req of port.columns ?? []) lines.push(`  - ${requirementWords(req, config)}`);
  }
  // Prettier collapses the extra blank lines.
  const outputs = Object.entries(m.outputs);
  lines.push('', outputs.length === 0 ? '**Outputs:** none.' : '**Outputs:**', '');
  for (const [name, port] of outputs) {
    const about = [port.title, port.description].filter(Boolean).map((t) => sentence(t as string));
    lines.push(`- ${code(name)} (${port.kind})${about.length ? `: ${about.join(' ')}` : ''}`);
    for (const line of outputColumnWords(port, config)) lines.push(`  - ${line}`);
  }
  const fields = configFields(config);
  lines.push('', fields.length === 0 ? '**Config:** none.' : '**Config:**', '');
  if (fields.length)
    lines.push(
      ...table(
        ['field', 'type', 'default', 'required', 'notes'],
        fields.map((f) => [code(f.path), f.type, f.default, f.required ? 'yes' : '', f.notes]),
      ),
    );
  lines.push('');
  return lines;
}

/**
 * The text of docs/node-types.md, formatted with the repository's Prettier settings.
 * @example await generateNodeDocs() // '# Built-in node types\n...'
 */
export async function generateNodeDocs(): Promise<string> {
  const lines = [
    '# Built-in node types',
    '',
    '<!-- Generated from nodes/*/manifest.json by scripts/generate-node-docs.ts: do not edit. Run `npm run gen:node-docs`. -->',
    '',
    `ProjectTwin ships ${manifests().length} built-in node types in the \`core\` namespace. Each is a folder \`nodes/<name>/\``,
    'holding a `manifest.json` in the format community node types use too (see [the node-type',
    'manifest](blueprint-standard.md#the-node-type-manifest)) and an implementation module (see [the node SDK](node-sdk.md)).',
    "Most columns an input port needs are named by the node's config; one the config leaves unset is not needed. In",
    'config fields, `a[].b` is the field `b` of each item of the list `a`, and `a.b` the field `b` of the object `a`.',
    'Defaults are filled in before `required` is checked, so a required field with a default may be left out.',
    'The formulas of `core/derive` are specified in [the derive formula',
    'language](blueprint-standard.md#the-derive-formula-language).',
    '',
    ...indexTable(),
    '',
  ];
  for (const m of manifests()) lines.push(...typeSection(m));
  const config = await prettier.resolveConfig(nodeDocsPath);
  return prettier.format(lines.join('\n'), { ...config, parser: 'markdown' });
}

async function main(): Promise<void> {
  await writeFile(nodeDocsPath, await generateNodeDocs());
  console.log('wrote docs/node-types.md');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
