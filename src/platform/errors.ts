/** Errors with a message written for the user; anything else is reported with a generic summary. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    /** Buttons offered next to the message, each running a command. */
    readonly actions: readonly { readonly title: string; readonly command: string; readonly args?: readonly unknown[] }[] = [],
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/** Cancellation by the user (Escape in a picker) or by an AbortSignal: never shown as an error. */
export function isCancellation(error: unknown): boolean {
  return error instanceof Error && (error.name === 'Canceled' || error.name === 'AbortError' || error.name === 'CancellationError');
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
