import type { RJSFValidationError } from '@rjsf/utils';

/**
 * Rewrites the form library's validation messages in plain words for the config panel.
 * @example plainFormErrors([{ name: 'required', params: { missingProperty: 'x' }, message: "must have required property 'x'" }])
 */
export function plainFormErrors(errors: RJSFValidationError[]): RJSFValidationError[] {
  return errors.map((error) => {
    const params = (error.params ?? {}) as Record<string, unknown>;
    const plain: Record<string, string | undefined> = {
      required: 'Fill this in: it is needed.',
      minItems: `Add at least ${String(params.limit)}.`,
      maxItems: `Keep at most ${String(params.limit)}.`,
      minLength:
        params.limit === 1
          ? 'Fill this in: it cannot be empty.'
          : `Write at least ${String(params.limit)} characters.`,
      maxLength: `Write at most ${String(params.limit)} characters.`,
      minimum: `Use ${String(params.limit)} or more.`,
      maximum: `Use ${String(params.limit)} or less.`,
      exclusiveMinimum: `Use more than ${String(params.limit)}.`,
      exclusiveMaximum: `Use less than ${String(params.limit)}.`,
      pattern: 'Use letters, digits and underscores, starting with a letter.',
      type: `This should be ${String(params.type) === 'string' ? 'text' : `a ${String(params.type)}`}.`,
      enum: 'Pick one of the choices in the list.',
      additionalProperties: `"${String(params.additionalProperty)}" is not a setting of this node; remove it.`,
    };
    const message = error.name ? plain[error.name] : undefined;
    return message ? { ...error, message, stack: message } : error;
  });
}
