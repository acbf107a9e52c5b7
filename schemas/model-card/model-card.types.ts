/* Generated from schemas/model-card/model-card.schema.json by scripts/generate-types.ts: do not edit. */

/**
 * @maxItems 20
 */
export type Tags = string[];
export type Dtype = 'float32' | 'float64' | 'int32' | 'int64' | 'bool' | 'string';
/**
 * Tensor dimensions; -1 or a name for a dimension that varies (the batch).
 */
export type Shape = (number | string)[];

/**
 * Describes an ONNX model: what it does, its input and output signature with feature meaning and units, preprocessing, held-out metrics and licence. A model becomes a node whose ports follow from this signature.
 */
export interface ModelCard {
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
  task: 'regression' | 'classification' | 'anomaly-detection' | 'forecasting' | 'clustering' | 'other';
  format: 'onnx' | 'keras' | 'h5' | 'pytorch' | 'tensorflow';
  tags?: Tags;
  license: string;
  authors?: string[];
  /**
   * @minItems 1
   */
  inputs: [InputTensor, ...InputTensor[]];
  /**
   * @minItems 1
   */
  outputs: [OutputTensor, ...OutputTensor[]];
  /**
   * Applied to features before the model, in order.
   */
  preprocessing?: PreprocessingStep[];
  metrics?: Metric[];
  training?: {
    script?: string;
    data?: string;
    seed?: number;
    date?: string;
  };
  artifact?: {
    /**
     * A SHA-256 digest as 64 lower-case hex characters.
     */
    sha256: string;
    bytes?: number;
  };
}
export interface InputTensor {
  tensor: string;
  dtype: Dtype;
  shape: Shape;
  /**
   * The features along the last dimension, in order; each is fed from a column.
   *
   * @minItems 1
   */
  features: [Feature, ...Feature[]];
}
export interface Feature {
  /**
   * A name usable as a node, port, input or column name: a letter, then letters, digits and underscores.
   */
  name: string;
  description?: string;
  unit?: string;
}
export interface OutputTensor {
  tensor: string;
  dtype: Dtype;
  shape: Shape;
  /**
   * The columns appended to each row, one per value along the last dimension.
   *
   * @minItems 1
   */
  columns: [Feature, ...Feature[]];
}
export interface PreprocessingStep {
  kind: 'standardize' | 'minmax';
  mean?: number[];
  std?: number[];
  min?: number[];
  max?: number[];
}
export interface Metric {
  name: string;
  value: number;
  unit?: string;
  dataset?: string;
}
