import { describe, expect, it } from 'vitest';
import { escapeHtml, markdownToHtml, placeholdersIn } from './markdown-template';

describe('Markdown with placeholders', () => {
  it('finds the columns a text refers to', () => {
    expect(placeholdersIn('Pump {{pump_id}}: {{ rul }} h, again {{pump_id}}; not {{1x}} or {x}')).toEqual([
      'pump_id',
      'rul',
    ]);
  });

  it('renders Markdown and puts values in as text', () => {
    const html = markdownToHtml('# Fleet\n\n**{{n}}** pumps, worst: `{{worst}}`\n\n- a\n- b', (c) =>
      c === 'n' ? '12' : c === 'worst' ? 'P-7' : undefined,
    );
    expect(html).toContain('<h1>Fleet</h1>');
    expect(html).toContain('<strong>12</strong> pumps');
    expect(html).toContain('<code>P-7</code>');
    expect(html).toContain('<li>a</li>');
  });

  it('never lets a value add Markdown or HTML', () => {
    const html = markdownToHtml('Name: {{name}}', () => '<img src=x onerror=alert(1)> **bold**');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62; **bold**');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<strong>');
  });

  it('shows a dash for a value that is missing', () => {
    expect(markdownToHtml('x {{gone}}', () => undefined)).toBe('<p>x —</p>\n');
  });

  it('escapes quotes for attributes', () => {
    expect(escapeHtml(`"a" & 'b'`)).toBe('&#34;a&#34; &#38; &#39;b&#39;');
  });
});
