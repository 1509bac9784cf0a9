import { describe, expect, it } from 'vitest';

import { fromPlot, nudge, onScale, quadrantChanges, quadrantOf, toPlot } from './quadrants';

const scale = { min: 1, max: 5, highFrom: 3 };

describe('the map in the browser', () => {
  it('puts the midpoint in the high half, as the server does', () => {
    expect(quadrantOf({ influence: 3, interest: 3 }, scale)).toBe('A');
    expect(quadrantOf({ influence: 3, interest: 2.9 }, scale)).toBe('B');
    expect(quadrantOf({ influence: 2.9, interest: 3 }, scale)).toBe('C');
    expect(quadrantOf({ influence: 1, interest: 1 }, scale)).toBe('D');
  });

  it('moves a point a tenth per arrow key and a whole step with Shift, staying on the scale', () => {
    expect(nudge({ influence: 2.9, interest: 3 }, 'ArrowUp', false, scale)).toEqual({ influence: 3, interest: 3 });
    expect(nudge({ influence: 4.5, interest: 3 }, 'ArrowUp', true, scale)).toEqual({ influence: 5, interest: 3 });
    expect(nudge({ influence: 3, interest: 1.05 }, 'ArrowLeft', false, scale)).toEqual({ influence: 3, interest: 1 });
    expect(nudge({ influence: 3, interest: 3 }, 'Enter', false, scale)).toBeNull();
  });

  it('turns plot coordinates into positions and back', () => {
    const plot = toPlot({ influence: 4.2, interest: 1.5 }, scale);
    expect(fromPlot(plot.x, plot.y, scale)).toEqual({ influence: 4.2, interest: 1.5 });
    expect(onScale(7, scale)).toBe(5);
  });

  it('lists who changed quadrant between two dates', () => {
    const from = [{ id: '1', quadrant: 'B' }, { id: '2', quadrant: 'A' }];
    const to = [{ id: '1', quadrant: 'A' }, { id: '2', quadrant: 'A' }, { id: '3', quadrant: 'C' }];
    expect(quadrantChanges(from, to).map((c) => [c.stakeholder.id, c.from, c.to])).toEqual([['1', 'B', 'A']]);
  });
});
