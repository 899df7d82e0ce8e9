// Colours shared by the map and legend. Species colours follow the usual forest-map conventions (conifers green-blue,
// broadleaves warm green, bamboo yellow-green, oil tea olive).
export const SPECIES_COLOURS: Record<string, string> = {
  杉木: '#2e7d32',
  马尾松: '#558b2f',
  湿地松: '#7cb342',
  硬阔: '#00897b',
  软阔: '#4db6ac',
  针阔混: '#388e3c',
  阔叶混: '#26a69a',
  毛竹: '#c0ca33',
  油茶: '#8d6e63',
  灌木: '#a5d6a7',
  无: '#d7ccc8',
};

export const UPGRADE_COLOURS: Record<string, string> = {
  更新: '#d84315',
  补植: '#f9a825',
  抚育: '#1e88e5',
  封育: '#6a1b9a',
};

export const STATUS_COLOURS = {
  done: '#2e7d32',
  underway: '#f9a825',
  planned: '#1e88e5',
  todo: '#c62828',
} as const;
