// The SVG bar charts of bench/results.md: one bar per value on a shared scale, labels and values
// escaped and printed, a second series when asked, n/a for a missing figure.
import { describe, expect, it } from 'vitest';
import { barChartSvg } from '../../../bench/lib/svg-chart.js';

const widths = (svg: string) => [...svg.matchAll(/<rect x="250" y="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('barChartSvg', () => {
  it('draws bars proportional to their values on one scale, with escaped labels', () => {
    const svg = barChartSvg({ title: 'msgs <per> second', unit: 'msg/s', bars: [{ label: 'a & b', value: 100 }, { label: 'c', value: 50 }] });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('msgs &lt;per&gt; second');
    expect(svg).toContain('a &amp; b');
    const [a, b] = widths(svg);
    expect(a! / b!).toBeCloseTo(2, 5);
    expect(svg).toContain('>100<');
  });

  it('draws the second series under the first, and n/a for a missing value', () => {
    const svg = barChartSvg({ title: 't', unit: 'ms', series: ['p50', 'p99'], bars: [{ label: 'x', value: 10, value2: 40 }, { label: 'y', value: NaN }] });
    const w = widths(svg);
    expect(w[1]! / w[0]!).toBeCloseTo(4, 5);
    expect(svg).toContain('n/a');
    expect(svg).toContain('>p99<');
  });
});
