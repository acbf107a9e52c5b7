import type { FieldProps } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import { readAnyValue, writeAnyValue } from './any-value';

/**
 * The form field for settings whose schema allows any value (e.g. a filter condition's value).
 * @example <Form fields={{ anyValue: AnyValueField }} uiSchema={{ value: { 'ui:field': 'anyValue' } }} … />
 */
export function AnyValueField({
  formData,
  onChange,
  fieldPathId,
  schema,
  disabled,
  readonly,
  required,
  name,
}: FieldProps) {
  const [text, setText] = useState(writeAnyValue(formData));
  useEffect(() => {
    setText((current) =>
      JSON.stringify(readAnyValue(current)) === JSON.stringify(formData) ? current : writeAnyValue(formData),
    );
  }, [formData]);
  const id = fieldPathId.$id;
  return (
    <div className="form-group field field-any">
      <label className="control-label" htmlFor={id}>
        {schema.title ?? name}
        {required ? '*' : ''}
      </label>
      {schema.description && <p className="field-description">{schema.description}</p>}
      <input
        id={id}
        className="form-control"
        value={text}
        disabled={disabled}
        readOnly={readonly}
        onChange={(e) => {
          setText(e.target.value);
          onChange(readAnyValue(e.target.value), fieldPathId.path);
        }}
      />
    </div>
  );
}
