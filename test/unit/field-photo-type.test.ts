// Photo types are judged by content: a real JPEG (written by Chromium) with and without EXIF, PNG and WebP headers,
// and things that are not images whatever their name says.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withExif } from '../fixtures/exif-jpeg.ts';
import { sniffPhoto } from '../../src/core/field/photo-type.ts';

const jpeg = new Uint8Array(readFileSync(path.join(import.meta.dirname, '../fixtures/photos/field-photo.jpg')));

describe('sniffPhoto', () => {
  it('reads a JPEG and its size from the frame header, with an EXIF segment in front too', () => {
    expect(sniffPhoto(jpeg)).toEqual({ type: 'image/jpeg', width: 320, height: 240 });
    expect(sniffPhoto(withExif(jpeg, { dateTimeOriginal: '2026:06:01 10:00:00', lat: 26.3, lon: 115.3 }))).toEqual({ type: 'image/jpeg', width: 320, height: 240 });
  });
  it('reads PNG and WebP headers', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 2, 0, 0, 0, 1, 0x80, 8, 6, 0, 0, 0]);
    expect(sniffPhoto(png)).toEqual({ type: 'image/png', width: 512, height: 384 });
    const webp = new Uint8Array(30);
    webp.set([...Buffer.from('RIFF')], 0);
    webp.set([...Buffer.from('WEBPVP8X')], 8);
    webp.set([0xff, 0x03, 0x00, 0xff, 0x02, 0x00], 24); // 1024 × 768
    expect(sniffPhoto(webp)).toEqual({ type: 'image/webp', width: 1024, height: 768 });
  });
  it('refuses what is not an image: text, a PDF, a zip, an empty file, a truncated JPEG marker', () => {
    for (const text of ['just text named photo.jpg', '%PDF-1.7\n', 'PK\u0003\u0004', '', '\u00ff\u00d8']) {
      expect(sniffPhoto(Uint8Array.from(Buffer.from(text, 'latin1'))), JSON.stringify(text)).toBeNull();
    }
  });
});
