/** The schema types the compiler works with, re-exported under one roof. */
export type {
  Blueprint,
  ColumnRole,
  ColumnSpec,
  ColumnType,
  Edge,
  Input,
  Node as BlueprintNode,
} from '../../schemas/blueprint/blueprint.types';
export type { Layout, Split } from '../../schemas/layout/layout.types';
export type {
  ColumnRequirement,
  ColumnRule,
  InputPort,
  NodeManifest,
  OutputPort,
  TypeClass,
} from '../../schemas/node-manifest/node-manifest.types';
