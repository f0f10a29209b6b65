/**
 * A virtualized results grid: only the rows in view (and a few either side) are in the DOM, so 10,000 rows
 * scroll as smoothly as 10. Sortable columns; a traceback frame in a cell is a jump-to-source link.
 */
import { POINTER_FIELD, sortRows, visibleFields, type ResultRow } from '../../src/shared/insights/results';
import { sourceFrameOf } from '../../src/shared/insights/rowActions';
import { el } from '../metrics/dom';

export const ROW_HEIGHT = 22;
const OVERSCAN = 10;

export interface GridCallbacks {
  onRowClick(row: ResultRow): void;
  onSourceLink(path: string, line: number, row: ResultRow): void;
  onSortChanged(): void;
}

function columnWidth(field: string): string {
  if (field === '@timestamp' || /^bin\(/.test(field)) return '190px';
  if (field === '@message') return 'minmax(320px, 1fr)';
  if (field === '@logStream') return 'minmax(160px, 280px)';
  return 'minmax(90px, max-content)';
}

export class ResultsGrid {
  readonly element: HTMLElement;
  private readonly header = el('div', { class: 'grid-header', role: 'row' });
  private readonly viewport = el('div', { class: 'grid-viewport', tabindex: '0' });
  private readonly spacer = el('div', { class: 'grid-spacer' });
  private readonly body = el('div', { class: 'grid-body', role: 'rowgroup' });
  private fields: string[] = [];
  private rows: readonly ResultRow[] = [];
  private sorted: readonly ResultRow[] = [];
  private selected: ResultRow | undefined;
  sortField: string | undefined;
  descending = false;
  /** Rows in the DOM after the last render. */
  renderedRows = 0;

  constructor(private readonly callbacks: GridCallbacks) {
    this.viewport.append(this.spacer, this.body);
    this.element = el('div', { class: 'grid', role: 'grid' }, this.header, this.viewport);
    this.viewport.addEventListener('scroll', () => this.renderVisible(), { passive: true });
    this.body.addEventListener('click', (event) => this.onClick(event));
  }

  get rowCount(): number {
    return this.rows.length;
  }

  /** The rows in the order shown. */
  get shownRows(): readonly ResultRow[] {
    return this.sorted;
  }

  setData(fields: readonly string[], rows: readonly ResultRow[]): void {
    const shown = visibleFields(fields);
    const sameFields = shown.length === this.fields.length && shown.every((f, i) => f === this.fields[i]);
    this.fields = shown;
    this.rows = rows;
    if (this.sortField && !shown.includes(this.sortField)) {
      this.sortField = undefined;
    }
    this.applySort();
    if (!sameFields) {
      this.renderHeader();
    }
    this.spacer.style.height = `${this.sorted.length * ROW_HEIGHT}px`;
    this.renderVisible(true);
  }

  sortBy(field: string): void {
    this.descending = this.sortField === field ? !this.descending : false;
    this.sortField = field;
    this.applySort();
    this.renderHeader();
    this.renderVisible(true);
    this.callbacks.onSortChanged();
  }

  private applySort(): void {
    const field = this.sortField;
    if (!field) {
      this.sorted = this.rows;
      return;
    }
    this.sorted = sortRows(this.rows, field, this.descending);
  }

  private template(): string {
    return this.fields.map(columnWidth).join(' ');
  }

  private renderHeader(): void {
    this.header.style.gridTemplateColumns = this.template();
    this.header.replaceChildren(
      ...this.fields.map((f) => {
        const arrow = this.sortField === f ? (this.descending ? ' ▼' : ' ▲') : '';
        const cell = el('button', { class: 'grid-head', role: 'columnheader', title: `Sort by ${f}`, 'aria-sort': this.sortField === f ? (this.descending ? 'descending' : 'ascending') : 'none' }, `${f}${arrow}`);
        cell.addEventListener('click', () => this.sortBy(f));
        return cell;
      }),
    );
  }

  private firstVisible = -1;

  private renderVisible(force = false): void {
    const height = this.viewport.clientHeight || 400;
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    if (!force && first === this.firstVisible) {
      return;
    }
    this.firstVisible = first;
    const last = Math.min(this.sorted.length, Math.ceil((this.viewport.scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
    const template = this.template();
    const rows: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      rows.push(this.renderRow(this.sorted[i], i, template));
    }
    this.body.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    this.body.replaceChildren(...rows);
    this.renderedRows = rows.length;
  }

  private renderRow(row: ResultRow, index: number, template: string): HTMLElement {
    const r = el('div', { class: `grid-row${row === this.selected ? ' selected' : ''}${row[POINTER_FIELD] ? ' has-ptr' : ''}`, role: 'row', 'data-index': String(index) });
    r.style.gridTemplateColumns = template;
    for (const f of this.fields) {
      const value = row[f] ?? '';
      const cell = el('div', { class: 'grid-cell', role: 'gridcell', title: value.length > 80 ? value.slice(0, 2000) : '' });
      const frame = sourceFrameOf(value);
      if (frame) {
        const link = el('a', { href: '#', class: 'source-link', 'data-path': frame.path, 'data-line': String(frame.line), title: `Open ${frame.path}:${frame.line}` }, value.slice(frame.start, frame.end));
        cell.append(value.slice(0, frame.start), link, value.slice(frame.end));
      } else {
        cell.textContent = value;
      }
      r.append(cell);
    }
    return r;
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as HTMLElement;
    const rowEl = target.closest('.grid-row') as HTMLElement | null;
    const row = rowEl ? this.sorted[Number(rowEl.dataset.index)] : undefined;
    if (!row) {
      return;
    }
    const link = target.closest('.source-link') as HTMLElement | null;
    if (link) {
      event.preventDefault();
      this.callbacks.onSourceLink(link.dataset.path ?? '', Number(link.dataset.line), row);
      return;
    }
    this.selected = row;
    this.renderVisible(true);
    this.callbacks.onRowClick(row);
  }
}
