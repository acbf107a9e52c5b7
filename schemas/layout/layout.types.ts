/* Generated from schemas/layout/layout.schema.json by scripts/generate-types.ts: do not edit. */

/**
 * A panel id, a split of two subtrees, or null for an empty dashboard.
 */
export type Tree = null | Node;
export type Node = string | Split;

/**
 * A tiled dashboard: a binary mosaic tree of panels (each panel is a component node's id) plus the panels the user has hidden.
 */
export interface Layout {
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
  root: Tree;
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
  first: Node;
  second: Node;
  splitPercentage?: number;
}
export interface PanelSettings {
  title?: string;
}
