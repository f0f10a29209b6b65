/** Simulated clock: real time times `speed`, plus manual offsets (advance / set). */
export class Clock {
  private anchorReal: number;
  private anchorSim: number;
  constructor(start: number = Date.now(), private speedValue = 1) {
    this.anchorReal = Date.now();
    this.anchorSim = start;
  }
  now(): number {
    return Math.floor(this.anchorSim + (Date.now() - this.anchorReal) * this.speedValue);
  }
  get speed(): number {
    return this.speedValue;
  }
  setSpeed(speed: number): void {
    const n = this.now();
    this.anchorReal = Date.now();
    this.anchorSim = n;
    this.speedValue = speed;
  }
  advance(ms: number): void {
    this.anchorSim += ms;
  }
  set(epochMs: number): void {
    this.anchorReal = Date.now();
    this.anchorSim = epochMs;
  }
}
