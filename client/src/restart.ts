/**
 * The language client's error handler. vscode-languageclient's default one means to
 * restart a server that dies (up to 4 times in 3 minutes) but does not always: a write
 * that fails as the server dies (EPIPE) makes it shut the client down for good. Here
 * connection errors are only logged, and the close handler alone decides.
 */
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult, type Message } from 'vscode-languageclient/node';

export const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;
export class RestartOnCrash implements ErrorHandler {
  private restarts: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  error(_error: Error, _message: Message | undefined, _count: number | undefined): ErrorHandlerResult {
    return { action: ErrorAction.Continue, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = this.now();
    this.restarts = this.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    if (this.restarts.length >= MAX_RESTARTS) {
      return {
        action: CloseAction.DoNotRestart,
        message: `The Therapy Note Lint server stopped ${MAX_RESTARTS + 1} times in 3 minutes and will not be restarted. Run "Developer: Reload Window" to start it again; the Therapy Note Lint output shows why it stopped.`,
      };
    }
    this.restarts.push(now);
    return { action: CloseAction.Restart, message: 'The Therapy Note Lint server stopped; restarting it.', handled: true };
  }
}
