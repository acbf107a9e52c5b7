/**
 * A shape request the sync refuses, with a message saying why: answered 400 in the project's error format.
 * @example throw new ShapeRequestError('The columns must include the primary key "id".')
 */
export class ShapeRequestError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 | 404 | 422 | 503 = 400,
    readonly code = 'invalid_shape_request',
  ) {
    super(message);
    this.name = 'ShapeRequestError';
  }
}
