// What a response channel is made with and what it reports: the head, the offered extensions, the hooks.
import type { HeaderList } from '../../types.js';

/** The status line and headers of a response, once `http.response.start` arrived. */
export interface ResponseHead {
  readonly status: number;
  readonly headers: HeaderList;
}

/** Which send-side extensions the transport offered in `scope.extensions`. */
export interface OfferedSendExtensions {
  readonly trailers: boolean;
  readonly file: boolean;
  readonly earlyHints: boolean;
}

export interface ResponseChannelOptions {
  readonly extensions: OfferedSendExtensions;
  /** The request method: a `HEAD` response carries no body bytes. */
  readonly method: string;
  /** Called once the response is complete (its last body chunk taken, or its last trailers sent). */
  readonly onComplete: () => void;
  /** Called when the consumer cancels the body stream: the client went away. */
  readonly onCancel: () => void;
  /** Called when a file for `http.response.file` cannot be read (before the send rejects with it). */
  readonly onFileError: (error: unknown) => void;
  /** Called when the body breaks the app's own Content-Length (before the send rejects with it). */
  readonly onFramingError: (error: TypeError) => void;
}
