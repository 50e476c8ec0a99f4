import { z } from 'zod';
import { method } from './define';

export const RunModeSchema = z.enum(['production', 'training']);
export type RunMode = z.infer<typeof RunModeSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: RunModeSchema,
  /** How this renderer talks to main: the Electron IPC bridge or the loopback websocket harness. */
  transport: z.enum(['electron', 'websocket']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const appMethods = {
  info: method(z.object({}).strict(), AppInfoSchema),
};
