// The part of autocannon's programmatic API the load worker uses (autocannon ships no types).
declare module 'autocannon' {
  export interface AutocannonOptions {
    url: string;
    connections: number;
    pipelining: number;
    duration?: number;
    amount?: number;
    warmup?: { connections: number; pipelining: number; duration: number };
    method: string;
    headers: Record<string, string>;
    body?: string;
  }
  export default function autocannon(
    options: AutocannonOptions,
    done: (error: Error | null, result: unknown) => void,
  ): unknown;
}
