/**
 * A printable picking list (拣货单) of the orders on screen that wait to be shipped: one row per order line and a
 * total per product, opened in its own window and handed to the browser's print dialog. Text goes in through
 * `textContent` only, never as markup: titles and addresses are shopper- or operator-typed.
 */
import type { OrderDoc } from '../../api-types';

export interface PickingRow {
  orderId: string;
  title: string;
  quantity: number;
  receiver: string;
}

export function pickingRows(orders: readonly OrderDoc[]): { rows: PickingRow[]; totals: Map<string, number> } {
  const rows: PickingRow[] = [];
  const totals = new Map<string, number>();
  for (const order of orders) {
    if (order.status !== 'paid') continue;
    for (const line of order.lines) {
      const quantity = line.quantity - line.refundedQuantity;
      if (quantity <= 0) continue;
      const title = (line as { skuLabel?: string }).skuLabel
        ? `${line.title}（${(line as { skuLabel?: string }).skuLabel}）`
        : line.title;
      rows.push({
        orderId: (order as { orderNo?: string }).orderNo ?? order._id,
        title,
        quantity,
        receiver: order.address.userName,
      });
      totals.set(title, (totals.get(title) ?? 0) + quantity);
    }
  }
  return { rows, totals };
}

function table(doc: Document, header: string[], rows: (string | number)[][]): HTMLTableElement {
  const element = doc.createElement('table');
  const head = element.createTHead().insertRow();
  for (const text of header) {
    const cell = doc.createElement('th');
    cell.textContent = text;
    head.appendChild(cell);
  }
  const body = element.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const value of row) tr.insertCell().textContent = String(value);
  }
  return element;
}

export function printPickingList(orders: readonly OrderDoc[]): boolean {
  const { rows, totals } = pickingRows(orders);
  const win = window.open('', '_blank');
  if (!win) return false;
  const doc = win.document;
  doc.title = '拣货单';
  const style = doc.createElement('style');
  style.textContent =
    'body{font:14px/1.5 sans-serif;margin:16px}table{border-collapse:collapse;width:100%;margin:8px 0 20px}' +
    'th,td{border:1px solid #999;padding:4px 8px;text-align:left}h1{font-size:18px}';
  doc.head.appendChild(style);
  const title = doc.createElement('h1');
  title.textContent = `拣货单 · ${rows.length} 行 · ${new Date().toLocaleString('zh-CN', { hour12: false })}`;
  doc.body.appendChild(title);
  doc.body.appendChild(
    table(
      doc,
      ['商品', '合计件数'],
      [...totals].map(([name, count]) => [name, count]),
    ),
  );
  doc.body.appendChild(
    table(
      doc,
      ['订单号', '商品', '件数', '收货人', '已拣'],
      rows.map((row) => [row.orderId, row.title, row.quantity, row.receiver, '☐']),
    ),
  );
  win.print();
  return true;
}
