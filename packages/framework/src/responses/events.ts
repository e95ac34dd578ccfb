import type { HeaderList, HttpResponseBodyEvent, HttpResponseStartEvent } from '@flagon/gateway/core';

// The events a response sends are made per request, so they are classes, not object literals: V8 may
// decide, after a warm-up in which most of a literal's objects survived, to allocate all its later
// objects in the old generation (allocation-site pretenuring), and each young object such an event
// points to (its headers, its body) then survives its collection too. Seen on the bench: in the
// processes that served ~30 % slower, every response's start event and header pairs were old. Objects
// made by `new` are never pretenured.

/**
 * An `http.response.start` event.
 *
 * @example
 * ```ts
 * await send(new ResponseStart(200, [['content-type', 'text/plain']]));
 * ```
 */
export class ResponseStart implements HttpResponseStartEvent {
  readonly type = 'http.response.start' as const;
  constructor(
    readonly status: number,
    readonly headers: HeaderList,
  ) {}
}

/**
 * An `http.response.body` event: `more` says whether body events follow.
 *
 * @example
 * ```ts
 * await send(new ResponseChunk('Hello', false));
 * ```
 */
export class ResponseChunk implements HttpResponseBodyEvent {
  readonly type = 'http.response.body' as const;
  constructor(
    readonly body: Uint8Array | string,
    readonly more: boolean,
  ) {}
}
