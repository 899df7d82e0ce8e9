// A photo for a report: the original's EXIF time and position read with exifr (the resized copy has no EXIF), then
// the picture resized on the phone to at most MAX_SIDE pixels on its long side and stored as JPEG, so a report of
// eight photos stays a few MB on a rural mobile link.
import exifr from 'exifr';
import type { FieldPhoto } from './field-types.ts';

export const MAX_SIDE = 1600;
const QUALITY = 0.82;

export interface PhotoExif {
  taken_at: string | null;
  lon: number | null;
  lat: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "YYYY-MM-DD HH:MM:SS" (+ the offset when the camera wrote one), as the camera's clock said. */
export async function readExif(file: Blob): Promise<PhotoExif> {
  try {
    // reviveValues off: DateTimeOriginal stays the camera's text (a Date would move it into the phone's time zone).
    const tags = (await exifr.parse(file, { gps: true, tiff: true, exif: true, reviveValues: false, pick: ['DateTimeOriginal', 'OffsetTimeOriginal', 'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef'] })) as Record<string, unknown> | undefined;
    const gps = (await exifr.gps(file).catch(() => undefined)) as { latitude?: number; longitude?: number } | undefined;
    const raw = typeof tags?.DateTimeOriginal === 'string' ? tags.DateTimeOriginal : null;
    const m = raw ? /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(raw) : null;
    const offset = typeof tags?.OffsetTimeOriginal === 'string' ? tags.OffsetTimeOriginal.trim() : '';
    const taken = m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}${offset ? ` ${offset}` : ''}` : null;
    const ok = (v: unknown, lim: number) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= lim;
    return { taken_at: taken, lat: ok(gps?.latitude, 90) ? gps!.latitude! : null, lon: ok(gps?.longitude, 180) ? gps!.longitude! : null };
  } catch {
    return { taken_at: null, lon: null, lat: null };
  }
}

/** The picture at most MAX_SIDE px on its long side, as JPEG; throws when the file is not a picture the browser reads. */
export async function resizePhoto(file: Blob): Promise<{ blob: Blob; width: number; height: number }> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: QUALITY });
  return { blob, width, height };
}

export function newId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

export async function photoFromFile(file: File): Promise<FieldPhoto> {
  const exif = await readExif(file);
  const { blob, width, height } = await resizePhoto(file);
  const name = (file.name || 'photo.jpg').replace(/\.[^.]*$/, '') + '.jpg';
  return { id: newId('p').slice(0, 40), name: name.slice(0, 200), blob, width, height, ...exif };
}

export function timeText(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
