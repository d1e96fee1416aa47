import { AppError } from "@/lib/errors";

/**
 * Decoding memory is reserved before decoding: at most `totalBytes` of decoded pixels in flight in
 * this process (waiters queue in order), and at most `perUser` photos of one person being
 * processed or waiting. Memory is per process, so the budget is too.
 */
export class DecodeSlots {
  private inFlight = 0;
  private readonly perUserCount = new Map<string, number>();
  private readonly queue: { bytes: number; start: () => void }[] = [];

  constructor(
    readonly totalBytes: number,
    private readonly perUser: number,
    private readonly maxQueued: number,
    private readonly maxWaitMs: number,
  ) {}

  async run<T>(userId: string, bytes: number, work: () => Promise<T>): Promise<T> {
    const mine = this.perUserCount.get(userId) ?? 0;
    if (mine >= this.perUser) throw busy("another of your photos is still being processed");
    if (this.queue.length >= this.maxQueued) throw busy("the server is processing many photos");
    this.perUserCount.set(userId, mine + 1);
    const reserved = Math.min(bytes, this.totalBytes);
    try {
      await this.reserve(reserved);
      try {
        return await work();
      } finally {
        this.release(reserved);
      }
    } finally {
      const left = (this.perUserCount.get(userId) ?? 1) - 1;
      if (left > 0) this.perUserCount.set(userId, left);
      else this.perUserCount.delete(userId);
    }
  }

  private reserve(bytes: number): Promise<void> {
    if (this.queue.length === 0 && this.inFlight + bytes <= this.totalBytes) {
      this.inFlight += bytes;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry = {
        bytes,
        start: () => {
          clearTimeout(timer);
          this.inFlight += bytes;
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.queue.splice(this.queue.indexOf(entry), 1);
        reject(busy("the server is processing many photos"));
      }, this.maxWaitMs);
      this.queue.push(entry);
    });
  }

  private release(bytes: number): void {
    this.inFlight -= bytes;
    while (this.queue.length && this.inFlight + this.queue[0]!.bytes <= this.totalBytes) this.queue.shift()!.start();
  }
}

function busy(why: string): AppError {
  return new AppError("rate_limited", `The photo was not processed because ${why}. Try again in a few seconds.`, { file: "media.errors.busy" });
}

/**
 * The process's budget: 160 MB of decoded pixels at once (a 48-megapixel 8-bit photo is 144 MB),
 * two photos per person, sixteen waiting for at most 20 s.
 */
const holder = globalThis as { __decodeSlots?: DecodeSlots };
export function decodeSlots(): DecodeSlots {
  holder.__decodeSlots ??= new DecodeSlots(160 * 1024 * 1024, 2, 16, 20_000);
  return holder.__decodeSlots;
}
