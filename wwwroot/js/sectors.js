// The sectors (行业领域) as the server defines them: code, Chinese and English label, risk weight and typical supervising
// department, read once from GET /api/v1/map-config. The page keeps no list of its own.
import { state } from './state.js';

let sectors = [];

/** Keeps the sectors of the map configuration ({ code, nameZh, nameEn, riskWeight, department }), in display order. */
export function setSectors(list) { sectors = list ?? []; }

/** Every sector code, in display order. */
export function sectorCodes() { return sectors.map((s) => s.code); }

/** The sector's label in the page's language; an unknown code shows itself. */
export function sectorName(code) {
  const sector = sectors.find((s) => s.code === code);
  if (!sector) return code;
  return state.language === 'en' ? sector.nameEn : sector.nameZh;
}
