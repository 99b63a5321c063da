import type { DailyTokens } from "../../store/status-queries.js";
import { html, type Markup } from "./html.js";

const WIDTH = 640;
const HEIGHT = 180;
const TOP = 16;
const BOTTOM = 24;
const LEFT = 8;
const GAP = 6;

/** An inline SVG bar chart of tokens (prompt + completion) per day, oldest day on the left. */
export function tokenChart(days: readonly DailyTokens[]): Markup {
  const totals = days.map((day) => day.promptTokens + day.completionTokens);
  const peak = Math.max(0, ...totals);
  const slot = oneDecimal((WIDTH - LEFT) / Math.max(1, days.length));
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const bars = days.map((day, index) => {
    const total = totals[index] ?? 0;
    const height = total === 0 ? 0 : Math.max(1, Math.round((total / peak) * plotHeight));
    const x = oneDecimal(LEFT + index * slot);
    const label = `${day.day}: ${total.toLocaleString("en")} tokens (${day.promptTokens.toLocaleString("en")} prompt, ${day.completionTokens.toLocaleString("en")} completion)`;
    return html`<g class="day">
      <title>${label}</title>
      <rect
        x="${oneDecimal(x + GAP / 2)}"
        y="${TOP + plotHeight - height}"
        width="${oneDecimal(slot - GAP)}"
        height="${height}"
        rx="2"
      ></rect>
      <text x="${oneDecimal(x + slot / 2)}" y="${HEIGHT - 8}" text-anchor="middle">${day.day.slice(5)}</text>
    </g>`;
  });
  return html`<svg
    class="chart"
    viewBox="0 0 ${WIDTH} ${HEIGHT}"
    role="img"
    aria-label="Tokens per day, last ${days.length} days; most in one day: ${peak.toLocaleString("en")}"
  >
    <line x1="${LEFT}" y1="${TOP + plotHeight}" x2="${WIDTH}" y2="${TOP + plotHeight}"></line>
    <text x="${LEFT}" y="${TOP - 4}">${peak.toLocaleString("en")} max</text>
    ${bars}
  </svg>`;
}

function oneDecimal(value: number): number {
  return Math.round(value * 10) / 10;
}
