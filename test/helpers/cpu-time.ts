/**
 * The work's result and the CPU time this process spent on it, in milliseconds: what the work
 * costs, however busy the machine is with other work (a bound on it catches a pathological
 * case; it is no benchmark).
 */
export async function cpuTimed<T>(work: () => T | Promise<T>): Promise<{ result: T; ms: number }> {
  const before = process.cpuUsage();
  const result = await work();
  const { user, system } = process.cpuUsage(before);
  return { result, ms: (user + system) / 1000 };
}
