import type { ChildProcess } from 'node:child_process';

/** SIGTERM, then SIGKILL if the child is still there after `graceMs`; resolves once it has exited. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Closes a forked child's IPC channel (a child of ours then shuts down cleanly and exits by itself, writing its
 * `--cpu-prof` profile), then `stopChild` if it is still there after `graceMs`; resolves once it has exited.
 */
export function disconnectChild(child: ChildProcess, graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => void stopChild(child).then(resolve), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.disconnect();
  });
}
