/* Generated from schemas/blueprint/blueprint.schema.json by scripts/generate-types.ts: do not edit. */

/**
 * What a twin is for: monitor, predict, simulate, diagnose, optimise.
 */
export type Usage = 'monitor' | 'predict' | 'simulate' | 'diagnose' | 'optimise';
/**
 * @maxItems 20
 */
export type Tags = string[];
export type Input = TableInput | ValueInput;
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
 * What a column means to a twin: entity (which thing), time (when), measure (a reading), label (a name to show), category (a class), key (a unique id).
 */
export type ColumnRole = 'entity' | 'time' | 'measure' | 'label' | 'category' | 'key';

/**
 * A digital-twin use case: a dataflow graph wiring data sources to models to components, with declared inputs, a layout and a lock.
 */
export interface Blueprint {
  $schema?: string;
  schemaVersion: 1;
  /**
   * A lower-case name: letters, digits and dashes, starting with a letter.
   */
  name: string;
  /**
   * A semantic version, MAJOR.MINOR.PATCH with optional pre-release, e.g. 1.4.0 or 2.0.0-beta.1.
   */
  version: string;
  title: string;
  description?: string;
  usages?: Usage[];
  tags?: Tags;
  license?: string;
  /**
   * The blueprint this one was forked from, as name@version.
   */
  forkedFrom?: string;
  /**
   * The data the blueprint needs, by input name; a twin binds each to a data source.
   */
  inputs?: {
    [k: string]: Input;
  };
  /**
   * @maxItems 20000
   */
  nodes: Node[];
  /**
   * @maxItems 40000
   */
  edges: Edge[];
  layout?: ProjectTwinLayoutV1;
  /**
   * The exact version and digest each node type range resolved to when the blueprint was published.
   */
  lock?: {
    [k: string]: LockEntry;
  };
}
export interface TableInput {
  kind: 'table';
  title?: string;
  description?: string;
  columns: {
    [k: string]: ColumnSpec;
  };
  /**
   * The columns that identify a row; defaults to the bound table's own primary key.
   *
   * @minItems 1
   *
   * Items: A name usable as a node, port, input or column name: a letter, then letters, digits and underscores.
   */
  primaryKey?: [string, ...string[]];
}
/**
 * A column's type and meaning.
 */
export interface ColumnSpec {
  type: ColumnType;
  /**
   * Unit of measure, UCUM-style, e.g. mm/s, degC, bar, h.
   */
  unit?: string;
  role?: ColumnRole;
  description?: string;
  /**
   * When true, the data may lack this column.
   */
  optional?: boolean;
}
export interface ValueInput {
  kind: 'value';
  title?: string;
  description?: string;
  type: ColumnType;
  unit?: string;
  default?: unknown;
}
export interface Node {
  /**
   * A node id: a letter, then letters, digits, underscores or dashes (no dots: a dot separates node and port in edges).
   */
  id: string;
  /**
   * The node type and the versions accepted, as id@range, e.g. core/chart.line@^1.
   */
  type: string;
  title?: string;
  config?: {
    [k: string]: unknown;
  };
  /**
   * Where the editor draws the node; ignored by the compiler.
   */
  position?: {
    x: number;
    y: number;
  };
}
export interface Edge {
  /**
   * A node id: a letter, then letters, digits, underscores or dashes (no dots: a dot separates node and port in edges).
   */
  id?: string;
  /**
   * The producing node and output port, as node.port.
   */
  from: string;
  /**
   * The consuming node and input port, as node.port.
   */
  to: string;
}
/**
 * A tiled dashboard: a binary mosaic tree of panels (each panel is a component node's id) plus the panels the user has hidden.
 */
export interface ProjectTwinLayoutV1 {
  $schema?: string;
  schemaVersion?: 1;
  /**
   * A lower-case name: letters, digits and dashes, starting with a letter.
   */
  name?: string;
  /**
   * A semantic version, MAJOR.MINOR.PATCH with optional pre-release, e.g. 1.4.0 or 2.0.0-beta.1.
   */
  version?: string;
  title?: string;
  description?: string;
  /**
   * The blueprint this layout was made for, as name@range.
   */
  blueprint?: string;
  kind: 'mosaic';
  /**
   * A panel id, a split of two subtrees, or null for an empty dashboard.
   */
  root: null | (string | Split);
  /**
   * Panels the user has hidden; they can be restored.
   *
   * Items: A node id: a letter, then letters, digits, underscores or dashes (no dots: a dot separates node and port in edges).
   */
  hidden?: string[];
  /**
   * Per-panel display settings, by panel id.
   */
  panels?: {
    [k: string]: PanelSettings;
  };
}
export interface Split {
  direction: 'row' | 'column';
  first: string | Split;
  second: string | Split;
  splitPercentage?: number;
}
export interface PanelSettings {
  title?: string;
}
export interface LockEntry {
  /**
   * A semantic version, MAJOR.MINOR.PATCH with optional pre-release, e.g. 1.4.0 or 2.0.0-beta.1.
   */
  version: string;
  /**
   * A SHA-256 digest as 64 lower-case hex characters.
   */
  sha256?: string;
}
