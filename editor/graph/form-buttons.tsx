import type { IconButtonProps, TemplatesType } from '@rjsf/utils';

/** A form button with a visible word instead of an icon font, so that its purpose reads without guessing. */
function wordButton(word: string, className: string) {
  return function WordButton(props: IconButtonProps) {
    const {
      iconType: _iconType,
      icon: _icon,
      uiSchema: _uiSchema,
      registry: _registry,
      className: extra,
      title,
      ...rest
    } = props;
    void _iconType;
    void _icon;
    void _uiSchema;
    void _registry;
    return (
      <button
        type="button"
        {...rest}
        title={title ?? word}
        className={`btn pt-form-button ${className} ${extra ?? ''}`}
      >
        {word}
      </button>
    );
  };
}

/** The config form's buttons: Add, Remove, Move up, Move down, Copy, each with its word on it. */
export const formButtons: Partial<TemplatesType['ButtonTemplates']> = {
  AddButton: wordButton('+ Add', 'btn-add'),
  RemoveButton: wordButton('Remove', 'btn-remove'),
  MoveUpButton: wordButton('Up', 'btn-up'),
  MoveDownButton: wordButton('Down', 'btn-down'),
  CopyButton: wordButton('Copy', 'btn-copy'),
};
