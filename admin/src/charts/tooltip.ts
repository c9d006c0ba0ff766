/**
 * Chart tooltips built as DOM nodes with text only. ECharts writes a formatter's *string* into the page as HTML,
 * and tooltips show stored text (product titles, distributor names), so no formatter here returns a string:
 * every piece of text goes in through `textContent`, and markup in a product title stays visible characters.
 */

export interface TooltipRow {
  color: string;
  label: string;
  value: string;
}

export function tooltipNode(title: string, rows: readonly TooltipRow[]): HTMLElement {
  const box = document.createElement('div');
  box.className = 'chart-tooltip';
  if (title) {
    const heading = document.createElement('div');
    heading.className = 'chart-tooltip__title';
    heading.textContent = title;
    box.appendChild(heading);
  }
  for (const row of rows) {
    const line = document.createElement('div');
    const marker = document.createElement('span');
    marker.className = 'chart-tooltip__marker';
    // A CSSOM property, not an inline style attribute: a colour string cannot escape into markup.
    marker.style.backgroundColor = row.color;
    line.append(marker, document.createTextNode(`${row.label}：${row.value}`));
    box.appendChild(line);
  }
  return box;
}

/** What ECharts hands a tooltip formatter for each item: only the fields read here. */
export interface TooltipParam {
  seriesName?: string;
  name?: string;
  value?: unknown;
  color?: unknown;
}

export function paramsList(params: unknown): TooltipParam[] {
  return (Array.isArray(params) ? params : [params]) as TooltipParam[];
}

export function colorOf(param: TooltipParam): string {
  return typeof param.color === 'string' ? param.color : '#999';
}
