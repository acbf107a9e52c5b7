/* Generated from schemas/node-manifest/node-manifest.schema.json by scripts/generate-types.ts: do not edit. */

/**
 * @maxItems 20
 */
export type Tags = string[];
/**
 * What flows through a port: table (keyed rows), value (one value), media (image or video URLs), scene (a 3D scene).
 */
export type PortKind = 'table' | 'value' | 'media' | 'scene';
/**
 * Text in which {/pointer} is replaced by the config value at that pointer and {field} by a field of the forEach item.
 */
export type Template = string;
/**
 * A family of column types a port accepts: any, number, integer, text, time, bool, json, bytes; or one exact column type.
 */
export type TypeClass =
  ('any' | 'number' | 'integer' | 'text' | 'time' | 'bool' | 'json' | 'bytes') | ColumnType;
/**
 * A PostgreSQL column type, by its short name.
 */
export type ColumnType =
  | 'text'
  | 'int2'
  | 'int4'
  | 'int8'
  | 'float4'
  | 'float8'
  | 'numeric'
  | 'bool'
  | 'timestamptz'
  | 'timestamp'
  | 'date'
  | 'json'
  | 'jsonb'
  | 'uuid'
  | 'bytea';
/**
 * A JSON pointer into the node's config, e.g. /y or /features.
 */
export type Pointer = string;
/**
 * What a column means to a twin: entity (which thing), time (when), measure (a reading), label (a name to show), category (a class), key (a unique id).
 */
export type ColumnRole = 'entity' | 'time' | 'measure' | 'label' | 'category' | 'key';

/**
 * Declares a node type: its ports, the columns it needs and produces, and a JSON Schema for its config with defaults. Built-in and community node types use the same manifest.
 */
export interface NodeManifest {
  $schema?: string;
  schemaVersion: 1;
  /**
   * A node-type id: a namespace and a name separated by a slash, e.g. core/chart.line or model/pump-rul.
   */
  id: string;
  /**
   * A semantic version, MAJOR.MINOR.PATCH with optional pre-release, e.g. 1.4.0 or 2.0.0-beta.1.
   */
  version: string;
  title: string;
  description?: string;
  category: 'source' | 'transform' | 'model' | 'component';
  tags?: Tags;
  icon?: string;
  inputs: {
    [k: string]: InputPort;
  };
  outputs: {
    [k: string]: OutputPort;
  };
  /**
   * A JSON Schema (2020-12) for the node's config; defaults are filled in by the compiler.
   */
  config: {
    [k: string]: unknown;
  };
  /**
   * Set when the node reads a blueprint input: where in its config the input's name is, and what kind of input it needs.
   */
  binds?: {
    input: Pointer;
    kind: 'table' | 'value';
  };
  /**
   * For components: the panel the node renders into.
   */
  panel?: {
    title?: string;
    minWidth?: number;
    minHeight?: number;
  };
  /**
   * The module implementing the node, relative to the manifest.
   */
  implementation?: string;
  /**
   * What a community node's sandbox may do, beyond receiving and emitting rows.
   */
  capabilities?: ('render' | 'network' | 'worker' | 'storage')[];
}
export interface InputPort {
  kind: PortKind;
  title?: string;
  description?: string;
  /**
   * Must be connected (default true).
   */
  required?: boolean;
  /**
   * Accepts more than one edge (default false).
   */
  multiple?: boolean;
  /**
   * Columns the port needs on its rows, usually named by the config.
   */
  columns?: ColumnRequirement[];
}
export interface ColumnRequirement {
  column: Template;
  /**
   * Text in which {/pointer} is replaced by the config value at that pointer and {field} by a field of the forEach item.
   */
  fallback?: string;
  /**
   * Repeat for each item of the config array at this pointer.
   */
  forEach?: string;
  /**
   * @minItems 1
   */
  accepts: [TypeClass, ...TypeClass[]];
  /**
   * No problem when the config does not name a column.
   */
  optional?: boolean;
  description?: string;
}
export interface OutputPort {
  kind: PortKind;
  title?: string;
  description?: string;
  columns?: OutputColumns;
  /**
   * For value ports: the value's column type, or a template naming one.
   */
  valueType?: string;
}
/**
 * How the output's columns follow from the inputs and the config.
 */
export interface OutputColumns {
  /**
   * Start from the columns arriving on this input port.
   */
  from?: string;
  /**
   * Start from the columns the blueprint input named at this config pointer declares.
   */
  fromInput?: string;
  /**
   * Keep only the columns named by this config pointer (when set).
   */
  keep?: string;
  add?: ColumnRule[];
}
export interface ColumnRule {
  forEach?: Pointer;
  name: Template;
  fallback?: Template;
  /**
   * A column type, a template naming one, or the type of an arriving column.
   */
  type: Template | SameAs;
  unit?: Template | SameAs;
  role?: ColumnRole;
}
export interface SameAs {
  sameAs: Template;
}
