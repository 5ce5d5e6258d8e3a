'use client';

/*
 * Every Recharts chart of the dashboard. The page loads this module with next/dynamic only in
 * the browser, so Recharts stays out of the page's first load; the numbers (tables, matrices)
 * render without it.
 */
import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Layer,
  Line,
  LineChart,
  ReferenceLine,
  Rectangle,
  ResponsiveContainer,
  Sankey,
  Tooltip,
  XAxis,
  YAxis,
  type SankeyNodeProps,
} from 'recharts';
import { LEVELS, type Level } from '@/components/levels/levels';
import { LEVEL_HEX } from './format';

const axis = { tick: { fontSize: 11, fill: '#475569' }, tickLine: false } as const;
// Value axes take width="auto": Recharts measures the rendered ticks, since compact money ("SEK 600M",
// "−600 mn kr") is wider than any fixed width that also suits a count axis, and a fixed one clipped it.

/** The tooltip's heading: Recharts hands over the row's `label` (a period key) typed as any ReactNode. */
const periodLabel = (formatPeriod: (label: string) => string) => (label: ReactNode) =>
  typeof label === 'string' ? formatPeriod(label) : label;

export interface DistributionDatum {
  label: string;
  levels: number[];
}

/** Stacked columns: accounts (or revenue) per level at the end of each period, level 1 at the bottom. */
export function DistributionChart({
  data,
  formatValue,
  formatPeriod,
  levelName,
  onSelect,
}: {
  data: DistributionDatum[];
  formatValue: (value: number) => string;
  formatPeriod: (label: string) => string;
  levelName: (level: number) => string;
  onSelect?: (index: number, level: number) => void;
}) {
  const rows = data.map((d) => ({ label: d.label, ...Object.fromEntries(LEVELS.map((level) => [`l${level}`, d.levels[level - 1] ?? 0])) }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="label" tickFormatter={formatPeriod} {...axis} axisLine={{ stroke: '#cbd5e1' }} minTickGap={8} />
        <YAxis tickFormatter={formatValue} {...axis} axisLine={false} width="auto" />
        <Tooltip
          cursor={{ fill: '#f1f5f9' }}
          formatter={(value, name) => [formatValue(Number(value)), levelName(Number(String(name).slice(1)))]}
          labelFormatter={periodLabel(formatPeriod)}
          itemSorter={(item) => -Number(String(item.dataKey).slice(1))}
        />
        {LEVELS.map((level) => (
          <Bar
            key={level}
            dataKey={`l${level}`}
            stackId="levels"
            fill={LEVEL_HEX[level]}
            isAnimationActive={false}
            onClick={onSelect ? (_, index) => onSelect(index, level) : undefined}
            cursor={onSelect ? 'pointer' : undefined}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export interface MovementDatum {
  label: string;
  up: number;
  down: number;
  net: number;
}

/** Accounts up (above the line), down (below) and the net per period. */
export function MovementChart({
  data,
  formatValue,
  formatPeriod,
  labels,
}: {
  data: MovementDatum[];
  formatValue: (value: number) => string;
  formatPeriod: (label: string) => string;
  labels: { up: string; down: string; net: string };
}) {
  const rows = data.map((d) => ({ ...d, down: -d.down }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} stackOffset="sign" accessibilityLayer={false}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="label" tickFormatter={formatPeriod} {...axis} axisLine={{ stroke: '#cbd5e1' }} minTickGap={8} />
        <YAxis tickFormatter={(v: number) => formatValue(v)} {...axis} axisLine={false} width="auto" />
        <ReferenceLine y={0} stroke="#94a3b8" />
        <Tooltip
          cursor={{ fill: '#f1f5f9' }}
          formatter={(value, name) => [formatValue(Math.abs(Number(value))), labels[name as keyof typeof labels] ?? String(name)]}
          labelFormatter={periodLabel(formatPeriod)}
        />
        <Bar dataKey="up" stackId="move" fill="#059669" isAnimationActive={false} />
        <Bar dataKey="down" stackId="move" fill="#dc2626" isAnimationActive={false} />
        <Line
          dataKey="net"
          type="monotone"
          stroke="#0f172a"
          strokeWidth={2}
          strokeDasharray="5 3"
          dot={{ r: 3, fill: '#0f172a' }}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

/** The average perception gap per period; above zero the team rates itself higher than the customer does. */
export function GapTrendChart({
  data,
  formatGap,
  formatPeriod,
  label,
}: {
  data: Array<{ label: string; gap: number | null }>;
  formatGap: (value: number | null) => string;
  formatPeriod: (label: string) => string;
  label: string;
}) {
  // Whole or half levels on the axis: with one decimal, Recharts' own quarter steps would read "+0.3" and "+0.8".
  const gaps = data.flatMap((d) => (d.gap === null ? [] : [d.gap]));
  const low = Math.min(0, Math.floor(Math.min(0, ...gaps)));
  const high = Math.max(1, Math.ceil(Math.max(0, ...gaps)));
  const step = high - low > 2 ? 1 : 0.5;
  const ticks = Array.from({ length: Math.round((high - low) / step) + 1 }, (_, i) => low + i * step);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="label" tickFormatter={formatPeriod} {...axis} axisLine={{ stroke: '#cbd5e1' }} minTickGap={8} />
        <YAxis
          tickFormatter={(v: number) => formatGap(v)}
          {...axis}
          axisLine={false}
          width={44}
          domain={[low, high]}
          ticks={ticks}
          interval={0}
        />
        <ReferenceLine y={0} stroke="#94a3b8" />
        <Tooltip
          formatter={(value) => [formatGap(value === null ? null : Number(value)), label]}
          labelFormatter={periodLabel(formatPeriod)}
        />
        <Line
          dataKey="gap"
          type="monotone"
          stroke="#be185d"
          strokeWidth={2.5}
          dot={{ r: 3, fill: '#be185d' }}
          connectNulls
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

export interface FlowLink {
  from: number;
  to: number;
  value: number;
}

/** The transition matrix as a flow: levels on day A on the left, on day B on the right. */
export function FlowChart({
  links,
  formatValue,
  nodeLabel,
}: {
  links: FlowLink[];
  formatValue: (value: number) => string;
  /** side 'a' or 'b', level 1–5 */
  nodeLabel: (side: 'a' | 'b', level: number) => string;
}) {
  const used = (side: 'a' | 'b') =>
    LEVELS.filter((level) => links.some((link) => (side === 'a' ? link.from : link.to) === level && link.value > 0));
  const left = used('a');
  const right = used('b');
  const nodes = [
    ...left.map((level) => ({ name: nodeLabel('a', level), level, side: 'a' })),
    ...right.map((level) => ({ name: nodeLabel('b', level), level, side: 'b' })),
  ];
  const data = {
    nodes,
    links: links
      .filter((link) => link.value > 0)
      .map((link) => ({
        source: left.indexOf(link.from as Level),
        target: left.length + right.indexOf(link.to as Level),
        value: link.value,
      })),
  };
  if (data.links.length === 0) return null;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <Sankey
        data={data}
        nodePadding={14}
        nodeWidth={12}
        margin={{ top: 8, right: 120, bottom: 8, left: 120 }}
        link={{ stroke: '#94a3b8', strokeOpacity: 0.35 }}
        node={(props: SankeyNodeProps) => <FlowNode {...props} formatValue={formatValue} />}
        iterations={0}
        sort={false}
      >
        <Tooltip formatter={(value) => formatValue(Number(value))} />
      </Sankey>
    </ResponsiveContainer>
  );
}

function FlowNode(props: SankeyNodeProps & { formatValue: (value: number) => string }) {
  const { x, y, width, height, payload, formatValue } = props;
  const node = payload as unknown as { name: string; level: Level; side: 'a' | 'b'; value: number };
  const labelX = node.side === 'a' ? x - 6 : x + width + 6;
  return (
    <Layer>
      <Rectangle x={x} y={y} width={width} height={height} fill={LEVEL_HEX[node.level]} fillOpacity={1} />
      <text
        x={labelX}
        y={y + height / 2}
        textAnchor={node.side === 'a' ? 'end' : 'start'}
        dominantBaseline="middle"
        fontSize={11}
        fill="#334155"
      >
        {node.name} · {formatValue(node.value)}
      </text>
    </Layer>
  );
}
