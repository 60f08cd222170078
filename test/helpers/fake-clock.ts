/** A clock tests move by hand: nothing in the engine or the runtime reads the real one. */
export class FakeClock {
  constructor(public time: number) {}
  now = (): number => this.time;
  set(ms: number): void {
    this.time = ms;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}
