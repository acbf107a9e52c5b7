/* Generated from schemas/twin/twin.schema.json by scripts/generate-types.ts: do not edit. */

export type Binding = TableBinding | ValueBinding;

/**
 * A running instance of a blueprint: the exact blueprint version, a binding of each blueprint input to a data source, config overrides per node, and a layout.
 */
export interface Twin {
  $schema?: string;
  schemaVersion: 1;
  title: string;
  description?: string;
  blueprint: {
    /**
     * A lower-case name: letters, digits and dashes, starting with a letter.
     */
    name: string;
    /**
     * A semantic version, MAJOR.MINOR.PATCH with optional pre-release, e.g. 1.4.0 or 2.0.0-beta.1.
     */
    version: string;
  };
  /**
   * For each blueprint input, where its data comes from.
   */
  bindings: {
    [k: string]: Binding;
  };
  /**
   * Config values that replace the blueprint's, by node id.
   */
  overrides?: {
    [k: string]: {
      [k: string]: unknown;
    };
  };
  layout?: ProjectTwinLayoutV1;
  visibility?: 'private' | 'unlisted' | 'public';
}
export interface TableBinding {
  kind: 'table';
  /**
   * builtin for the platform's own database (demo data and uploads), or a registered connection's id.
   */
  connection: string;
  /**
   * The table, as schema.table or table.
   */
  table: string;
  /**
   * For each column the blueprint input declares, the bound table's column that supplies it.
   */
  columns: {
    [k: string]: string;
  };
}
export interface ValueBinding {
  kind: 'value';
  value: unknown;
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
