// The user's per-layer choices (on/off, opacity), kept apart from the registry defaults.
import type { LayerDef } from '../layers/types.ts';

export interface LayerChoice {
  visible: boolean;
  opacity: number; // 0–1, multiplies the registry's own opacity
}

export type LayerChoices = Record<string, LayerChoice>;

export function defaultChoices(layers: LayerDef[]): LayerChoices {
  return Object.fromEntries(layers.map((l) => [l.id, { visible: l.visible, opacity: 1 }]));
}
