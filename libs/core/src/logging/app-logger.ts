import type { LoggerService } from '@nestjs/common';

/**
 * Nest's own contexts whose info lines describe wiring, not events: one line per module, controller and route at
 * every boot (about 200), which buried the lines an operator looks for. They go out at debug.
 */
const WIRING_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * The logger both apps hand to Nest (`app.useLogger`): nestjs-pino's, with Nest's wiring lines moved to debug.
 * Nest passes the context as the last argument.
 */
export class AppLogger implements LoggerService {
  constructor(private readonly pino: Required<Omit<LoggerService, 'setLogLevels'>>) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && WIRING_CONTEXTS.has(context)) this.pino.debug(message, ...optionalParams);
    else this.pino.log(message, ...optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.pino.error(message, ...optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.pino.warn(message, ...optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.pino.debug(message, ...optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.pino.verbose(message, ...optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.pino.fatal(message, ...optionalParams);
  }
}
