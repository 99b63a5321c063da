import { html } from "./html.js";

/** The page's only styling, inline (the Content-Security-Policy allows inline styles and nothing else). */
export const PAGE_STYLE = html`<style>
  :root {
    color-scheme: light dark;
    --muted: #6b7280;
    --line: #d1d5db;
    --bar: #d97706;
    --accent: #b45309;
  }
  body {
    font:
      14px/1.45 system-ui,
      sans-serif;
    margin: 0 auto;
    max-width: 1100px;
    padding: 24px;
  }
  header {
    display: flex;
    align-items: baseline;
    gap: 24px;
    flex-wrap: wrap;
    border-bottom: 1px solid var(--line);
  }
  h1 {
    font-size: 22px;
    margin: 0 0 12px;
  }
  h1 span {
    color: var(--accent);
  }
  h2 {
    font-size: 16px;
    margin: 28px 0 8px;
  }
  h3 {
    font-size: 14px;
    margin: 12px 0 4px;
  }
  .muted {
    color: var(--muted);
  }
  .figure {
    font-size: 28px;
    font-weight: 600;
  }
  section {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 4px 8px;
    border-bottom: 1px solid var(--line);
    white-space: nowrap;
  }
  td.title {
    white-space: normal;
  }
  th {
    font-weight: 600;
    color: var(--muted);
  }
  td.number,
  th.number {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  code {
    font:
      12px ui-monospace,
      monospace;
  }
  a {
    color: var(--accent);
  }
  [data-status="failed"] {
    color: #dc2626;
    font-weight: 600;
  }
  [data-status="queued"],
  [data-status="running"] {
    color: #2563eb;
  }
  [data-status="done"] {
    color: #16a34a;
  }
  .chart {
    width: 100%;
    max-width: 640px;
    height: auto;
  }
  .chart rect {
    fill: var(--bar);
  }
  .chart .day:hover rect {
    fill: var(--accent);
  }
  .chart line {
    stroke: var(--line);
  }
  .chart text {
    fill: var(--muted);
    font-size: 11px;
  }
  .hotspots {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
    gap: 8px 24px;
  }
  .hotspots ol {
    margin: 0;
    padding-left: 20px;
  }
</style>`;
