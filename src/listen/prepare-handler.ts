import { resolve } from 'node:path';
import type { Deps } from '../deps.js';
import { InputError } from '../errors.js';
import { NamedFileError, readNamedFile } from '../inputs/read-named-file.js';
import { DEFAULT_MAX_FILE_BYTES } from '../options/max-file-size.js';
import type { SchemaRegistry } from '../schemas/types.js';
import { loadSignatureKeys } from '../signatures/load-keys.js';
import { FORWARD_MAX_RESPONSE_BYTES } from './create-forwarder.js';
import {
  createDeliveryHandler,
  type DeliveryHandler,
  type DeliverySettings,
  type HandlerConfig,
  type RouteSettings,
} from './handle-delivery.js';
import type { DeliveryOptions, ListenOptions } from './listen-options.js';

/** What `listen` was asked to do with deliveries: the part of its options a handler is made from. */
export type HandlerOptions = DeliveryOptions &
  Pick<ListenOptions, 'path' | 'routes' | 'maxDecoding' | 'forwardTimeoutMs' | 'forwardMaxResponseBytes'> & {
    /** The validator cache's directory (see chosenCacheDir); none: schemas compile on every run. */
    cacheDir?: string;
  };

/** What preparing a handler needs: the working directory, and where a warning goes. */
export interface HandlerDeps {
  cwd: string;
  /** A warning that does not stop the listener (a validator cache that cannot be written). */
  warn?: (message: string) => void;
}

/**
 * Keys, schemas, capture writers and forwarding for the top-level settings and every route: what
 * `createDeliveryHandler` is given, on whichever thread handles deliveries.
 */
export async function prepareHandlerConfig(
  options: HandlerOptions,
  deps: HandlerDeps,
): Promise<HandlerConfig> {
  const { detectEventType } = await import('../schemas/detect-event.js');
  // Capture writers run on threads: those already opened are closed when a later part fails.
  const opened: DeliverySettings[] = [];
  const prepare = async (each: DeliveryOptions, mountPath: string | undefined) => {
    const settings = await prepareSettings(each, mountPath, options, deps);
    opened.push(settings);
    return settings;
  };
  try {
    const config: HandlerConfig = {
      maxDecoding: options.maxDecoding,
      detectEvent: detectEventType,
      ...(await prepare(options, options.path)),
    };
    if (options.routes !== undefined && options.routes.length > 0) {
      const routes: RouteSettings[] = [];
      for (const route of options.routes) {
        const settings = await prepare(route, route.path);
        routes.push({ path: route.path, ...(route.events && { events: route.events }), ...settings });
      }
      config.routes = routes;
    }
    return config;
  } catch (error) {
    await closeCaptureWriters(opened);
    throw error;
  }
}

/** The delivery handler for these options, on the thread that calls it. */
export async function openDeliveryHandler(
  options: HandlerOptions,
  deps: HandlerDeps & Pick<Deps, 'clock'>,
): Promise<DeliveryHandler> {
  const config = await prepareHandlerConfig(options, deps);
  return createDeliveryHandler(config, deps.clock).catch(async (error: unknown) => {
    await closeCaptureWriters([config, ...(config.routes ?? [])]);
    throw error;
  });
}

/** Stops the capture writers' threads of settings that will not be used. */
async function closeCaptureWriters(settings: readonly DeliverySettings[]): Promise<void> {
  await Promise.all(settings.map((each) => each.save?.close?.()));
}

/**
 * One set of settings; `mountPath` (`--path`, or the route's path) is what forwarding strips from
 * the request path.
 */
async function prepareSettings(
  options: DeliveryOptions,
  mountPath: string | undefined,
  listen: HandlerOptions,
  deps: HandlerDeps,
): Promise<DeliverySettings> {
  const settings: DeliverySettings = {
    response: {
      statuses: options.statuses,
      body: await responseBody(options.responseBody, deps.cwd),
      headers: options.responseHeaders,
      delayMs: options.delayMs,
      rejectInvalid: options.rejectInvalid,
    },
  };
  if (options.event !== undefined) settings.event = options.event;
  if (options.verify) settings.verify = await loadSignatureKeys(options.verify, deps);
  if (options.schemaRefs.length > 0) {
    settings.schemas = await loadSchemas(options.schemaRefs, listen.cacheDir, deps);
  }
  if (options.saveDir !== undefined) {
    const { openThreadedCaptureWriter } = await import('./open-threaded-capture-writer.js');
    settings.save = await openThreadedCaptureWriter(resolve(deps.cwd, options.saveDir));
  }
  if (options.forwardTo) {
    settings.forward = {
      url: options.forwardTo,
      timeoutMs: listen.forwardTimeoutMs,
      maxResponseBytes: listen.forwardMaxResponseBytes ?? FORWARD_MAX_RESPONSE_BYTES,
    };
    if (mountPath !== undefined) settings.forward.mountPath = mountPath;
  }
  return settings;
}

/** The schemas, with validators from the cache when there is one (saved again on close). */
async function loadSchemas(
  refs: string[],
  cacheDir: string | undefined,
  deps: HandlerDeps,
): Promise<SchemaRegistry> {
  const { loadSchemaRegistry } = await import('../schemas/load-schema-registry.js');
  if (cacheDir === undefined) return loadSchemaRegistry(refs, { cwd: deps.cwd, strict: false });
  const { ValidatorCache } = await import('../schemas/validator-cache.js');
  const cache = new ValidatorCache(cacheDir, (message) => deps.warn?.(message));
  return loadSchemaRegistry(refs, { cwd: deps.cwd, strict: false, cache });
}

async function responseBody(value: string | undefined, cwd: string): Promise<Buffer> {
  if (value === undefined) return Buffer.alloc(0);
  if (!value.startsWith('@')) return Buffer.from(value);
  const file = value.slice(1);
  try {
    return readNamedFile(resolve(cwd, file), file, DEFAULT_MAX_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof NamedFileError)) throw error;
    throw new InputError(`--response-body: ${error.message}`, {
      hint: 'write --response-body @path/to/file, or the text itself',
    });
  }
}
