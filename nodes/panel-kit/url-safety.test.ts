import { describe, expect, it } from 'vitest';
import { safeMediaUrl } from './url-safety';

describe('safeMediaUrl', () => {
  it.each([
    ['https://example.com/a.png', 'image', 'https://example.com/a.png'],
    ['  http://127.0.0.1:8080/v.mp4 ', 'video', 'http://127.0.0.1:8080/v.mp4'],
    ['/media/pump.jpg', 'image', '/media/pump.jpg'],
    ['pump.jpg', 'image', 'pump.jpg'],
    ['blob:http://x/1', 'video', 'blob:http://x/1'],
    ['data:image/png;base64,AAAA', 'image', 'data:image/png;base64,AAAA'],
    ['data:video/mp4;base64,AAAA', 'video', 'data:video/mp4;base64,AAAA'],
    ['data:text/html,<script>alert(1)</script>', 'image', null],
    ['data:image/png;base64,AAAA', 'video', null],
    ['javascript:alert(1)', 'image', null],
    ['JAVASCRIPT:alert(1)', 'video', null],
    ['file:///etc/passwd', 'image', null],
    ['   ', 'image', null],
  ] as const)('%s as %s', (address, kind, expected) => {
    expect(safeMediaUrl(address, kind)).toBe(expected);
  });
});
