/** The few text styles the CLI uses; each is the identity when colour is off. */
export interface Palette {
  error(text: string): string;
  warning(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const plain = (text: string): string => text;

function ansi(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

/**
 * The styles for one output stream: ANSI colours when `colour` is true, plain text otherwise.
 * @example createPalette(false).error('error') // 'error'
 */
export function createPalette(colour: boolean): Palette {
  if (!colour) return { error: plain, warning: plain, bold: plain, dim: plain };
  return { error: ansi(31, 39), warning: ansi(33, 39), bold: ansi(1, 22), dim: ansi(2, 22) };
}

/**
 * Makes any text safe to print on one line: line breaks, tabs and other control characters are escaped.
 * @example oneLine('a\nb') // 'a\\nb'
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}
