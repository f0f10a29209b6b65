/** The page's side of the webview protocol: typed posting and guarded receiving. */
import { isBaseHostToWebview, type BaseHostToWebview, type BaseWebviewToHost } from '../../src/shared/webviewProtocol';

interface VsCodeApi<State> {
  postMessage(message: unknown): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

export class HostConnection<In extends { type: string }, Out extends { type: string }, State = unknown> {
  private readonly api = acquireVsCodeApi<State>();

  constructor(
    private readonly isIncoming: (value: unknown) => value is In,
    private readonly onMessage: (message: In | BaseHostToWebview) => void,
  ) {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const data = event.data;
      if (this.isIncoming(data) || isBaseHostToWebview(data)) {
        this.onMessage(data);
      } else {
        this.post({ type: 'webviewError', message: `Ignored a malformed message from the extension: ${describe(data)}` });
      }
    });
    window.addEventListener('error', (event) => this.post({ type: 'webviewError', message: String(event.message).slice(0, 2000) }));
  }

  post(message: Out | BaseWebviewToHost): void {
    this.api.postMessage(message);
  }

  /** Tells the host the page can receive messages; the host sends nothing before this. */
  ready(): void {
    this.post({ type: 'ready' });
  }

  get state(): State | undefined {
    return this.api.getState();
  }

  set state(value: State) {
    this.api.setState(value);
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value).slice(0, 200);
  } catch {
    return typeof value;
  }
}
