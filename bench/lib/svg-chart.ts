// Horizontal bar charts as standalone SVG files for bench/results.md: no plotting dependency, the
// same look for every chart, readable on GitHub in light and dark themes (fixed white background).
// Bars of one chart share one scale; values print at the bar's end.

export interface Bar {
  label: string;
  value: number;
  /** A second series drawn under the first (e.g. p99 under p50), lighter. */
  value2?: number;
}

export interface BarChart {
  title: string;
  unit: string;
  bars: Bar[];
  /** Legend for value / value2 when value2 is used. */
  series?: [string, string];
}

const W = 720;
const LABEL_W = 250;
const BAR_H = 18;
const GAP = 14;
const TOP = 48;
const COLORS = ['#3b6fd4', '#9bb6ea'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : String(Math.round(v * 100) / 100));

export function barChartSvg(c: BarChart): string {
  const rows = c.bars.length;
  const perRow = c.series ? 2 * BAR_H + 4 : BAR_H;
  const h = TOP + rows * (perRow + GAP) + 24;
  const max = Math.max(1e-9, ...c.bars.flatMap((b) => [b.value, b.value2 ?? 0]).filter((v) => Number.isFinite(v)));
  const scale = (W - LABEL_W - 90) / max;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${h}" viewBox="0 0 ${W} ${h}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${h}" fill="#ffffff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="bold" fill="#222">${esc(c.title)}</text>`,
    `<text x="12" y="38" fill="#666">${esc(c.unit)}</text>`,
  ];
  if (c.series) {
    c.series.forEach((s, i) => {
      const x = W - 260 + i * 130;
      out.push(`<rect x="${x}" y="28" width="12" height="12" fill="${COLORS[i]}"/><text x="${x + 16}" y="38" fill="#444">${esc(s)}</text>`);
    });
  }
  c.bars.forEach((b, i) => {
    const y = TOP + i * (perRow + GAP);
    out.push(`<text x="${LABEL_W - 8}" y="${y + BAR_H - 5}" text-anchor="end" fill="#222">${esc(b.label)}</text>`);
    const draw = (v: number, dy: number, color: string) => {
      const w = Number.isFinite(v) ? Math.max(1, v * scale) : 0;
      out.push(`<rect x="${LABEL_W}" y="${y + dy}" width="${w.toFixed(1)}" height="${BAR_H}" fill="${color}"/>`);
      out.push(`<text x="${LABEL_W + w + 6}" y="${y + dy + BAR_H - 5}" fill="#222">${Number.isFinite(v) ? fmt(v) : 'n/a'}</text>`);
    };
    draw(b.value, 0, COLORS[0]!);
    if (c.series && b.value2 !== undefined) draw(b.value2, BAR_H + 4, COLORS[1]!);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
