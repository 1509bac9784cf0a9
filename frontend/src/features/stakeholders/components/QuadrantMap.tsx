import { ActionIcon, Group } from '@mantine/core';
import { IconZoomIn, IconZoomOut, IconZoomReset } from '@tabler/icons-react';
import { drag } from 'd3-drag';
import { forceCollide, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { type KeyboardEvent, type Ref, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FRAME, fromPlot, NO_SECTOR_COLOR, nudge, type Position, type Quadrant, QUADRANT_ACTION, quadrantOf, type Scale, SECTOR_COLOR, toPlot } from './quadrants';

export type MapPoint = {
  id: string;
  name: string;
  sector?: string | null;
  inForum: boolean;
  influence: number;
  interest: number;
  moves?: { influence: number; interest: number }[];
};

export type Arrow = { id: string; from: Position; to: Position };

export type QuadrantMapHandle = { svg: () => SVGSVGElement | null };

type Props = {
  scale: Scale;
  points: MapPoint[];
  selectedId: string | null;
  canEdit: boolean;
  showTrajectories: boolean;
  arrows?: Arrow[];
  /** Written into the picture (town and date), so an exported map says what it shows. */
  caption: string;
  onSelect: (id: string) => void;
  onMove: (id: string, to: Position) => void;
  ref?: Ref<QuadrantMapHandle>;
};

const LABEL_CHARS = 22;
/** Labels are wider than tall: the force layout squashes the plane by this much so round collision keeps boxes apart. */
const LABEL_ASPECT = 4;
const KEYBOARD_SAVE_DELAY_MS = 700;
/** Room under the plane for the caption and the legend, which exported pictures carry too. */
const LEGEND_HEIGHT = 72;

function shortName(name: string) {
  return name.length > LABEL_CHARS ? `${name.slice(0, LABEL_CHARS - 1)}…` : name;
}

type LabelNode = SimulationNodeDatum & { id: string; ax: number; ay: number; width: number };

/** Labels placed near their points without overlapping one another (d3-force collision). */
function layoutLabels(points: { id: string; x: number; y: number; label: string }[]) {
  const nodes: LabelNode[] = points.map((p) => {
    const width = Math.max(24, p.label.length * 6.2);
    return { id: p.id, ax: p.x, ay: (p.y - 14) * LABEL_ASPECT, x: p.x, y: (p.y - 14) * LABEL_ASPECT, width };
  });
  const simulation = forceSimulation(nodes)
    .force('x', forceX<LabelNode>((n) => n.ax).strength(0.2))
    .force('y', forceY<LabelNode>((n) => n.ay).strength(0.2))
    .force('collide', forceCollide<LabelNode>((n) => n.width / 2 + 2).iterations(3))
    .stop();
  simulation.tick(160);
  // Keep every label inside the plane, where the picture does not cut it off.
  const within = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
  return new Map(
    nodes.map((n) => [
      n.id,
      {
        x: within(n.x ?? n.ax, FRAME.left + n.width / 2, FRAME.width - FRAME.right - n.width / 2),
        y: within((n.y ?? n.ay) / LABEL_ASPECT, FRAME.top + 10, FRAME.height - FRAME.bottom - 4),
      },
    ]),
  );
}

/**
 * The stakeholder map as an SVG: quadrants with their prescribed actions, a point per
 * stakeholder coloured by sector (filled when in the forum, outlined when not), dragged with a
 * mouse or finger and moved with the arrow keys; pinch, wheel or the buttons zoom.
 */
export function QuadrantMap({ scale, points, selectedId, canEdit, showTrajectories, arrows, caption, onSelect, onMove, ref }: Props) {
  const { t } = useTranslation();
  const svgRef = useRef<SVGSVGElement>(null);
  const plotRef = useRef<SVGGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const [override, setOverride] = useState<Record<string, Position>>({});
  const [announcement, setAnnouncement] = useState('');
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const timers = useRef<Record<string, number>>({});
  useImperativeHandle(ref, () => ({ svg: () => svgRef.current }), []);

  const placed = useMemo(
    () =>
      points.map((p) => {
        const position = override[p.id] ?? { influence: p.influence, interest: p.interest };
        return { ...p, position, ...toPlot(position, scale), label: shortName(p.name) };
      }),
    [points, override, scale],
  );
  const labels = useMemo(() => layoutLabels(placed), [placed]);

  const quadrantName = (q: Quadrant) => t(`stakeholders.quadrants.${q}.name`);
  const actionOf = (q: Quadrant) => t(`stakeholders.actions.${QUADRANT_ACTION[q]}`);

  // Wheel, pinch and drag on the background zoom and pan.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const behaviour = zoom<SVGSVGElement, unknown>()
      .scaleExtent([1, 5])
      .translateExtent([
        [0, 0],
        [FRAME.width, FRAME.height],
      ])
      .on('zoom', (event: { transform: ZoomTransform }) => setTransform(event.transform));
    zoomRef.current = behaviour;
    select(svg).call(behaviour);
    return () => {
      select(svg).on('.zoom', null);
    };
  }, []);

  // Points drag within the plot's (zoomed) coordinates; a press without a move selects.
  useEffect(() => {
    const plot = plotRef.current;
    if (!plot || !canEdit) return;
    const byId = new Map(points.map((p) => [p.id, p]));
    const behaviour = drag<SVGGElement, unknown>()
      .container(plot)
      .on('start', function () {
        const id = this.dataset.id ?? '';
        onSelect(id);
      })
      .on('drag', function (event: { x: number; y: number }) {
        const id = this.dataset.id ?? '';
        setOverride((current) => ({ ...current, [id]: fromPlot(event.x, event.y, scale) }));
      })
      .on('end', function (event: { x: number; y: number }) {
        const id = this.dataset.id ?? '';
        const point = byId.get(id);
        const to = fromPlot(event.x, event.y, scale);
        if (point && (to.influence !== point.influence || to.interest !== point.interest)) {
          announce(point.name, { influence: point.influence, interest: point.interest }, to);
          onMove(id, to);
        } else {
          setOverride((current) => Object.fromEntries(Object.entries(current).filter(([key]) => key !== id)));
        }
      });
    const selection = select(plot).selectAll<SVGGElement, unknown>('g[data-id]');
    selection.call(behaviour);
    return () => {
      selection.on('.drag', null);
    };
    // `announce` only reads translations; re-binding on every render would cancel a drag in progress.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [points, canEdit, scale, onMove, onSelect]);

  // A new answer from the server replaces whatever was being moved locally.
  useEffect(() => setOverride({}), [points]);

  function announce(name: string, from: Position, to: Position) {
    const was = quadrantOf(from, scale);
    const now = quadrantOf(to, scale);
    setAnnouncement(
      was !== now
        ? t('stakeholders.announceMove', { name, quadrant: quadrantName(now), action: actionOf(now) })
        : t('stakeholders.announceSame', { name, influence: to.influence.toFixed(1), interest: to.interest.toFixed(1) }),
    );
  }

  function onKey(event: KeyboardEvent<SVGGElement>, point: MapPoint, position: Position) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(point.id);
      return;
    }
    if (!canEdit) return;
    const to = nudge(position, event.key, event.shiftKey, scale);
    if (!to) return;
    event.preventDefault();
    announce(point.name, position, to);
    setOverride((current) => ({ ...current, [point.id]: to }));
    window.clearTimeout(timers.current[point.id]);
    timers.current[point.id] = window.setTimeout(() => onMove(point.id, to), KEYBOARD_SAVE_DELAY_MS);
  }

  const zoomBy = (factor: number) => {
    const svg = svgRef.current;
    if (svg && zoomRef.current) select(svg).call(zoomRef.current.scaleBy, factor);
  };
  const resetZoom = () => {
    const svg = svgRef.current;
    if (svg && zoomRef.current) select(svg).call(zoomRef.current.transform, zoomIdentity);
  };

  const mid = toPlot({ influence: scale.highFrom, interest: scale.highFrom }, scale);
  const corner = { left: FRAME.left, right: FRAME.width - FRAME.right, top: FRAME.top, bottom: FRAME.height - FRAME.bottom };
  const quadrants: { q: Quadrant; x: number; y: number; w: number; h: number; fill: string }[] = [
    { q: 'B', x: corner.left, y: corner.top, w: mid.x - corner.left, h: mid.y - corner.top, fill: '#fff7e0' },
    { q: 'A', x: mid.x, y: corner.top, w: corner.right - mid.x, h: mid.y - corner.top, fill: '#e6f4ea' },
    { q: 'D', x: corner.left, y: mid.y, w: mid.x - corner.left, h: corner.bottom - mid.y, fill: '#f1f1f1' },
    { q: 'C', x: mid.x, y: mid.y, w: corner.right - mid.x, h: corner.bottom - mid.y, fill: '#e8f0fb' },
  ];
  const ticks = Array.from({ length: Math.round(scale.max - scale.min) + 1 }, (_, i) => scale.min + i);

  return (
    <div>
      <Group gap={4} justify="flex-end" mb={4}>
        <ActionIcon variant="default" aria-label={t('stakeholders.zoomIn')} onClick={() => zoomBy(1.5)}>
          <IconZoomIn size={18} aria-hidden />
        </ActionIcon>
        <ActionIcon variant="default" aria-label={t('stakeholders.zoomOut')} onClick={() => zoomBy(1 / 1.5)}>
          <IconZoomOut size={18} aria-hidden />
        </ActionIcon>
        <ActionIcon variant="default" aria-label={t('stakeholders.zoomReset')} onClick={resetZoom}>
          <IconZoomReset size={18} aria-hidden />
        </ActionIcon>
      </Group>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${FRAME.width} ${FRAME.height + LEGEND_HEIGHT}`}
        width="100%"
        role="group"
        aria-label={t('stakeholders.mapLabel', { count: points.length })}
        // The plane does not mirror in right-to-left: more interest is to the right in every language (ADR 0009).
        direction="ltr"
        style={{ display: 'block', maxHeight: '75vh', touchAction: 'none', background: '#fff', fontFamily: 'system-ui, sans-serif' }}
        data-testid="stakeholder-map"
      >
        <defs>
          <marker id="arrow-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#333" />
          </marker>
        </defs>
        <g ref={plotRef} transform={transform.toString()}>
          {quadrants.map(({ q, x, y, w, h, fill }) => (
            <g key={q} data-quadrant={q}>
              <rect x={x} y={y} width={w} height={h} fill={fill} stroke="#bbb" />
              <text x={x + w / 2} y={y + 22} textAnchor="middle" fontSize={15} fontWeight={700} fill="#333">
                {quadrantName(q)}
              </text>
              <text x={x + w / 2} y={y + 40} textAnchor="middle" fontSize={11} fill="#444">
                {actionOf(q)}
              </text>
            </g>
          ))}
          {ticks.map((tick) => {
            const { x, y } = toPlot({ influence: tick, interest: tick }, scale);
            return (
              <g key={tick} fontSize={11} fill="#444">
                <text x={x} y={corner.bottom + 16} textAnchor="middle">
                  {tick}
                </text>
                <text x={corner.left - 8} y={y + 4} textAnchor="end">
                  {tick}
                </text>
              </g>
            );
          })}
          <text x={(corner.left + corner.right) / 2} y={corner.bottom + 38} textAnchor="middle" fontSize={13} fontWeight={600}>
            {t('stakeholders.interest')} →
          </text>
          <text transform={`translate(${corner.left - 36} ${(corner.top + corner.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={13} fontWeight={600}>
            {t('stakeholders.influence')} →
          </text>
          {showTrajectories &&
            placed
              .filter((p) => (p.moves?.length ?? 0) > 1)
              .map((p) => (
                <polyline
                  key={`path-${p.id}`}
                  points={(p.moves ?? []).map((m) => Object.values(toPlot(m, scale)).join(',')).join(' ')}
                  fill="none"
                  stroke={SECTOR_COLOR[p.sector ?? ''] ?? NO_SECTOR_COLOR}
                  strokeWidth={1.5}
                  strokeDasharray="4 3"
                  markerEnd="url(#arrow-head)"
                />
              ))}
          {arrows?.map((a) => {
            const from = toPlot(a.from, scale);
            const to = toPlot(a.to, scale);
            return <line key={`arrow-${a.id}`} x1={from.x} y1={from.y} x2={to.x} y2={to.y} stroke="#333" strokeWidth={1.5} markerEnd="url(#arrow-head)" data-arrow={a.id} />;
          })}
          {placed.map((p) => {
            const label = labels.get(p.id) ?? { x: p.x, y: p.y - 14 };
            const color = SECTOR_COLOR[p.sector ?? ''] ?? NO_SECTOR_COLOR;
            const quadrant = quadrantOf(p.position, scale);
            const selected = p.id === selectedId;
            const far = Math.hypot(label.x - p.x, label.y - p.y) > 18;
            return (
              <g key={p.id}>
                {far && <line x1={p.x} y1={p.y} x2={label.x} y2={label.y + 3} stroke="#999" strokeWidth={0.75} />}
                <text x={label.x} y={label.y} textAnchor="middle" fontSize={11} fill="#222" stroke="#fff" strokeWidth={3} paintOrder="stroke" pointerEvents="none">
                  {p.label}
                </text>
                <g
                  data-id={p.id}
                  data-quadrant={quadrant}
                  tabIndex={0}
                  role="button"
                  aria-pressed={selected}
                  aria-label={t('stakeholders.pointLabel', {
                    name: p.name,
                    quadrant: quadrantName(quadrant),
                    action: actionOf(quadrant),
                    influence: p.position.influence.toFixed(1),
                    interest: p.position.interest.toFixed(1),
                  })}
                  onClick={() => onSelect(p.id)}
                  onKeyDown={(event) => onKey(event, p, p.position)}
                  onFocus={() => setFocusedId(p.id)}
                  onBlur={() => setFocusedId((current) => (current === p.id ? null : current))}
                  style={{ cursor: canEdit ? 'grab' : 'pointer', outline: 'none' }}
                  transform={`translate(${p.x} ${p.y})`}
                >
                  <circle r={16} fill="transparent" />
                  {selected && <circle r={13} fill="none" stroke="#1c1c1c" strokeWidth={2} strokeDasharray="3 2" />}
                  {focusedId === p.id && <circle r={16} fill="none" stroke="#1864ab" strokeWidth={3} />}
                  <circle r={8} fill={p.inForum ? color : '#fff'} stroke={p.inForum ? '#1c1c1c' : color} strokeWidth={p.inForum ? 1 : 3} />
                </g>
              </g>
            );
          })}
        </g>
        <text x={FRAME.width / 2} y={FRAME.height + 18} textAnchor="middle" fontSize={12} fontWeight={600} fill="#333">
          {caption}
        </text>
        <g data-legend fontSize={11} fill="#333">
          {Object.entries(SECTOR_COLOR).map(([sector, color], index) => {
            const x = 12 + (index % 4) * 156;
            const y = FRAME.height + 38 + Math.floor(index / 4) * 18;
            return (
              <g key={sector} transform={`translate(${x} ${y})`}>
                <circle r={6} fill={color} stroke="#1c1c1c" />
                <text x={12} y={4}>
                  {t(`sectors.${sector}`)}
                </text>
              </g>
            );
          })}
          <g transform={`translate(${12 + 3 * 156} ${FRAME.height + 56})`}>
            <circle r={6} fill="#fff" stroke="#555" strokeWidth={2.5} />
            <text x={12} y={4}>
              {t('stakeholders.notInForum')}
            </text>
          </g>
        </g>
      </svg>
      <div aria-live="polite" className="visually-hidden" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        {announcement}
      </div>
    </div>
  );
}
