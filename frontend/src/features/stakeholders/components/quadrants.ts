/**
 * The map's geometry and the quadrant rule as the web app needs them while a point is being
 * dragged or moved by keyboard, before the server answers. The thresholds come from the server
 * (`stakeholderScale`), where the one rule lives; nothing here repeats its numbers.
 */

export type Scale = { min: number; max: number; highFrom: number };
export type Quadrant = 'A' | 'B' | 'C' | 'D';
export type Position = { influence: number; interest: number };

export const QUADRANT_ACTION: Record<Quadrant, string> = {
  A: 'WORK_WITH_NOW',
  B: 'RAISE_AWARENESS',
  C: 'BUILD_CAPACITY',
  D: 'DO_NOT_FOCUS',
};

/** The quadrant of a position: high influence is the top row, high interest the right column. */
export function quadrantOf(position: Position, scale: Scale): Quadrant {
  const influential = position.influence >= scale.highFrom;
  const interested = position.interest >= scale.highFrom;
  if (influential) return interested ? 'A' : 'B';
  return interested ? 'C' : 'D';
}

/** A value kept on the scale and to a tenth, as the server stores it. */
export function onScale(value: number, scale: Scale): number {
  const clamped = Math.min(scale.max, Math.max(scale.min, value));
  return Math.round(clamped * 10) / 10;
}

/**
 * Where an arrow key takes a point: right is more interest and up more influence in both
 * languages (the axes do not mirror; ADR 0009), a tenth per press or a whole step with Shift.
 */
export function nudge(position: Position, key: string, shift: boolean, scale: Scale): Position | null {
  const step = shift ? 1 : 0.1;
  const moves: Record<string, [number, number]> = { ArrowRight: [0, step], ArrowLeft: [0, -step], ArrowUp: [step, 0], ArrowDown: [-step, 0] };
  const move = moves[key];
  if (!move) return null;
  return { influence: onScale(position.influence + move[0], scale), interest: onScale(position.interest + move[1], scale) };
}

/** The plot's frame in SVG units: the axes' room around a square-ish plane. */
export const FRAME = { width: 640, height: 520, left: 56, right: 16, top: 16, bottom: 56 };

export function toPlot(position: Position, scale: Scale) {
  const w = FRAME.width - FRAME.left - FRAME.right;
  const h = FRAME.height - FRAME.top - FRAME.bottom;
  const span = scale.max - scale.min;
  return {
    x: FRAME.left + ((position.interest - scale.min) / span) * w,
    y: FRAME.top + (1 - (position.influence - scale.min) / span) * h,
  };
}

export function fromPlot(x: number, y: number, scale: Scale): Position {
  const w = FRAME.width - FRAME.left - FRAME.right;
  const h = FRAME.height - FRAME.top - FRAME.bottom;
  const span = scale.max - scale.min;
  return {
    interest: onScale(scale.min + ((x - FRAME.left) / w) * span, scale),
    influence: onScale(scale.min + (1 - (y - FRAME.top) / h) * span, scale),
  };
}

/** The seven sectors in the Okabe–Ito palette, which stays distinct with every common colour-vision deficiency. */
export const SECTOR_COLOR: Record<string, string> = {
  GOVERNMENT: '#0072B2',
  LOCAL_GOVERNMENT: '#56B4E9',
  BUSINESS: '#E69F00',
  THIRD_SECTOR: '#009E73',
  PHILANTHROPY: '#CC79A7',
  CIVIL_SOCIETY: '#D55E00',
  ACADEMIA: '#F0E442',
};
export const NO_SECTOR_COLOR = '#7a7a7a';

/** Stakeholders whose quadrant differs between two readings of the map, for "compare two dates". */
export function quadrantChanges<T extends { id: string; quadrant: string }>(from: T[], to: T[]) {
  const before = new Map(from.map((s) => [s.id, s]));
  return to.flatMap((s) => {
    const then = before.get(s.id);
    return then && then.quadrant !== s.quadrant ? [{ stakeholder: s, from: then.quadrant, to: s.quadrant }] : [];
  });
}
