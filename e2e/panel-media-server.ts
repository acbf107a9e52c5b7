import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';

/** A file the media server answers with. */
export interface MediaFile {
  type: string;
  body: Buffer;
}

/**
 * Serves the given files on 127.0.0.1 (any other path is a 404), for image and video panels to load in tests.
 * @example const media = await serveMedia({ '/pump.png': { type: 'image/png', body } }); // media.url + 'pump.png'
 */
export async function serveMedia(
  files: Record<string, MediaFile>,
): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    requests.push(path);
    const file = files[path];
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Draws a small picture of a pump in the page's canvas and returns it as PNG bytes (no image files needed).
 * @example const png = await drawPng(page, 'Pump P-7')
 */
export async function drawPng(page: Page, caption: string): Promise<Buffer> {
  const dataUrl = await page.evaluate((text) => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 200;
    const g = canvas.getContext('2d')!;
    const sky = g.createLinearGradient(0, 0, 0, 200);
    sky.addColorStop(0, '#dbe7f5');
    sky.addColorStop(1, '#f5f8fc');
    g.fillStyle = sky;
    g.fillRect(0, 0, 320, 200);
    g.fillStyle = '#3d5a80';
    g.fillRect(60, 70, 140, 70);
    g.beginPath();
    g.arc(230, 105, 38, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#98c1d9';
    g.fillRect(20, 95, 40, 20);
    g.fillRect(268, 95, 40, 20);
    g.fillStyle = '#293241';
    g.font = '600 18px sans-serif';
    g.fillText(text, 60, 175);
    return canvas.toDataURL('image/png');
  }, caption);
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

/**
 * Records one second of an animated canvas with MediaRecorder and returns it as WebM bytes.
 * @example const webm = await recordWebm(page)
 */
export async function recordWebm(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 180;
    const g = canvas.getContext('2d')!;
    const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm;codecs=vp8' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    const started = performance.now();
    const draw = () => {
      const t = (performance.now() - started) / 1000;
      g.fillStyle = '#293241';
      g.fillRect(0, 0, 320, 180);
      g.fillStyle = '#ee6c4d';
      g.beginPath();
      g.arc(40 + 240 * Math.min(1, t), 90, 24, 0, Math.PI * 2);
      g.fill();
      if (recorder.state === 'recording') requestAnimationFrame(draw);
    };
    recorder.start();
    draw();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    recorder.stop();
    await stopped;
    const bytes = new Uint8Array(await new Blob(chunks, { type: 'video/webm' }).arrayBuffer());
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
  });
  return Buffer.from(base64, 'base64');
}
