/**
 * The panel's status: a line saying what is shown (window, period, calls, time), and — when a refresh failed —
 * a block that says why, since when the data are old, with Retry and Show log. Never left on "Loading…".
 */
import { button, el } from './dom';

export interface StatusActions {
  retry(): void;
  showLog(): void;
}

export class StatusView {
  private readonly line = el('p', { id: 'status', role: 'status', class: 'status' }, 'Loading…');
  private readonly failure: HTMLElement;
  private readonly failureText = el('span', { class: 'failure-text' });
  /** The line of the data shown, put back when a later refresh fails. */
  private dataLine = '';

  constructor(actions: StatusActions) {
    this.failure = el(
      'div',
      { id: 'failure', class: 'failure', role: 'alert', hidden: '' },
      el('span', { class: 'codicon codicon-error', 'aria-hidden': 'true' }),
      this.failureText,
      button('Retry', 'retry', () => actions.retry(), false),
      button('Show log', 'showLog', () => actions.showLog()),
    );
  }

  /** The elements to put in the page (again, after the page is rebuilt). */
  get elements(): HTMLElement[] {
    return [this.line, this.failure];
  }

  get text(): string {
    return this.failure.hidden ? (this.line.textContent ?? '') : (this.failureText.textContent ?? '');
  }

  loading(): void {
    this.set('Loading…', true);
  }

  shown(text: string): void {
    this.failure.hidden = true;
    this.dataLine = text;
    this.set(text, false);
  }

  failed(message: string, lastGoodAt: number | undefined): void {
    const since = lastGoodAt !== undefined ? ` Showing the data of ${new Date(lastGoodAt).toLocaleTimeString()}.` : ' No data yet.';
    this.failureText.textContent = `Could not refresh: ${message}${since}`;
    this.failure.hidden = false;
    this.set(lastGoodAt !== undefined ? this.dataLine : '', false);
  }

  private set(text: string, busy: boolean): void {
    this.line.textContent = text;
    this.line.classList.toggle('busy', busy);
  }
}
