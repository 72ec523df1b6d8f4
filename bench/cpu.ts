/**
 * The whole machine's CPU time over a measurement, from /proc/stat (Linux): how many core-seconds
 * every process together used. A path that keeps every core busy cannot go faster by overlapping
 * its stages, only by doing less. (Steal time is not used: this project's VMs report none, even
 * when their neighbours take the host's cores.)
 */
import { readFileSync } from 'node:fs'

/** /proc/stat counts in USER_HZ, 100 per second on Linux whatever the kernel's tick rate. */
const USER_HZ = 100

/** Machine-wide busy CPU seconds so far; undefined where /proc/stat is not (not Linux). */
export function machineCpu (): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? ''
    // cpu user nice system idle iowait irq softirq steal guest guest_nice
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = line.trim().split(/\s+/).slice(1).map(Number)
    return (user + nice + system + irq + softirq) / USER_HZ
  } catch {
    return undefined
  }
}

/** Busy CPU seconds since a reading (NaN when there is none). */
export function cpuSince (start: number | undefined, end = machineCpu()): number {
  return start === undefined || end === undefined ? NaN : end - start
}
