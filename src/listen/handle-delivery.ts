import type { CaptureWriter } from '../capture/capture-writer.js';
import type { Clock } from '../deps.js';
import { describeFsError } from '../inputs/expand-inputs.js';
import { getHeader, type HeaderList } from '../options/headers.js';
import { detectSender } from '../providers/registry.js';
import type { EventType, PayloadContext, SchemaRegistry } from '../schemas/types.js';
import { type SignatureSettings, verifyDelivery } from '../signatures/signature-settings.js';
import { checkPayload } from './check-payload.js';
import { chooseResponse, type ResponsePlan } from './choose-response.js';
import { createForwarder, type Forwarder, type ForwardOptions } from './create-forwarder.js';
import { createDecodeBudget, type DecodeBudget, type DecodeLease } from './decode-budget.js';
import type { Delivery, DeliveryContent, DeliveryRoute } from './delivery.js';
import { detectHandshake, type Handshake } from './detect-handshake.js';
import { findDeliveryId } from './find-delivery-id.js';
import { createRouteMatcher, type RouteMatch } from './match-route.js';
import { classifyContent, payloadOf, readContent } from './read-content.js';
import { type HandlerOutline, outlineHandler } from './settings-outline.js';

const EMPTY_QUERY = new URLSearchParams();

/** What is done with a delivery: the listener's top-level settings, or those of the route it matched. */
export interface DeliverySettings {
  /** `--verify`; `settings.url` is `--public-url`, the origin the provider calls. */
  verify?: SignatureSettings;
  schemas?: SchemaRegistry;
  /** `--event`: the event type to validate as, instead of what headers and body say. */
  event?: string;
  /** `close`, when there is one, is called once every delivery is done. */
  save?: CaptureWriter & { close?(): Promise<void> };
  forward?: ForwardOptions;
  response: ResponsePlan;
}

/** A config file's route: deliveries it matches (see match-route.ts) get its settings. */
export type RouteSettings = RouteMatch & DeliverySettings;

/** What to do with each accepted delivery. */
export interface HandlerConfig extends DeliverySettings {
  /** Routes tried first; a delivery that matches none gets the settings above. */
  routes?: RouteSettings[];
  /** Finds the event type from headers and body (the schema registry's rules). */
  detectEvent?: (context: PayloadContext) => EventType;
  /** Largest decoded (gunzipped) body shown and validated. */
  maxDecoded?: number;
  /** `--max-decoding`: decoded bytes of compressed bodies held at once, across requests. */
  maxDecoding?: number;
  /** Most schema errors kept per delivery. */
  maxErrors?: number;
}

/** A request whose body has been read in full. */
export type ReceivedRequest = Pick<
  Delivery,
  'id' | 'receivedAt' | 'method' | 'path' | 'headers' | 'body' | 'remoteAddress'
>;

export type Respond = (status: number, headers: HeaderList, body: Buffer | string) => void;

export interface DeliveryHandler {
  /** Checks, answers (through `respond`), forwards and saves one delivery; resolves when all is done. */
  handle(request: ReceivedRequest, respond: Respond): Promise<Delivery>;
  /** Releases the forwarder's connections; `force` aborts forwards still waiting for the app. */
  close(force?: boolean): Promise<void>;
  /** The decoding budget's accounting. */
  decoding: Pick<DecodeBudget, 'total' | 'inUse' | 'peak'>;
  /** What the settings do, for the ready lines and the summary. */
  outline: HandlerOutline;
}

export const DEFAULT_MAX_DECODED = 16 * 1024 * 1024;
export const DEFAULT_MAX_DECODING = 64 * 1024 * 1024;

/** What a delivery's decoded content holds beyond its raw body. */
function decodedBytes(content: DeliveryContent, raw: Buffer): number {
  if (content.kind === 'empty') return 0;
  if (content.kind === 'binary') return content.bytes === raw ? 0 : content.bytes.length;
  return content.text.length;
}

function notKept(why: string): { status: number; headers: HeaderList; body: string } {
  return {
    status: 503,
    headers: [['Content-Type', 'text/plain; charset=utf-8']],
    body: `webhook-cli: the delivery was not kept: ${why}\n`,
  };
}

/** One set of settings with what it keeps between deliveries: its forwarder, its place in the script. */
interface Route {
  settings: DeliverySettings;
  /** The config file route (path and events) these settings are, or null for the top level. */
  match: DeliveryRoute | null;
  forwarder: Forwarder | null;
  scriptIndex: number;
}

export async function createDeliveryHandler(config: HandlerConfig, clock: Clock): Promise<DeliveryHandler> {
  const open = async (settings: DeliverySettings, match: DeliveryRoute | null): Promise<Route> => ({
    settings,
    match,
    forwarder: settings.forward ? await createForwarder(settings.forward, clock) : null,
    scriptIndex: 0,
  });
  const topLevel = await open(config, null);
  const routes = await Promise.all(
    (config.routes ?? []).map((route) =>
      open(route, route.events ? { path: route.path, events: route.events } : { path: route.path }),
    ),
  );
  const matchRoute = createRouteMatcher(config.routes ?? []);
  const budget = createDecodeBudget(config.maxDecoding ?? DEFAULT_MAX_DECODING);
  const maxDecoded = Math.min(config.maxDecoded ?? DEFAULT_MAX_DECODED, budget.total);

  /**
   * Decoding waits for room in the budget: a hundred small bodies that each expand to the per-body
   * cap at once must not hold a hundred times that cap.
   */
  const contentOf = async (request: ReceivedRequest): Promise<[DeliveryContent, DecodeLease | null]> => {
    // Most bodies are not compressed: classify them without a detour through a promise.
    if (!getHeader(request.headers, 'content-encoding') || request.body.length === 0) {
      return [classifyContent(request.body, getHeader(request.headers, 'content-type')), null];
    }
    const lease = await budget.reserve(maxDecoded);
    try {
      const content = await readContent(request.body, request.headers, maxDecoded);
      lease.shrink(decodedBytes(content, request.body));
      return [content, lease];
    } catch (error) {
      lease.release();
      throw error;
    }
  };

  return {
    decoding: budget,
    outline: outlineHandler(config),
    async handle(request, respond) {
      // The route is chosen first, once; only a route limited to event types needs the body read.
      let route = topLevel;
      let early: [DeliveryContent, DecodeLease | null] | undefined;
      if (routes.length > 0) {
        let match = matchRoute(request.path);
        if (match === 'event') {
          early = await contentOf(request);
          const body = payloadOf(early[0]);
          const context = { body: body.ok ? body.value : undefined, headers: request.headers };
          match = matchRoute(request.path, config.detectEvent?.(context).type ?? null);
        }
        if (typeof match === 'number' && match >= 0) route = routes[match] as Route;
      }
      const save = route.settings.save;
      // Saving starts first and runs alongside the checks: the exact bytes and headers as received.
      const saving = save?.write(request).then(
        (path) => ({ path, error: null }),
        (error: unknown) => ({
          path: null,
          error: `cannot save the capture in ${save.dir}: ${describeFsError(error)}`,
        }),
      );
      const [content, lease] = early ?? (await contentOf(request));
      try {
        return await finish(request, respond, content, saving, route);
      } finally {
        lease?.release();
      }
    },
    close: async (force = false) => {
      for (const route of [topLevel, ...routes]) {
        await route.forwarder?.close(force);
        await route.settings.save?.close?.();
        // Validators compiled for this run's deliveries, kept for the next (a no-op without a cache).
        route.settings.schemas?.saveCache();
      }
    },
  };

  async function finish(
    request: ReceivedRequest,
    respond: Respond,
    content: DeliveryContent,
    saving: Promise<{ path: string | null; error: string | null }> | undefined,
    route: Route,
  ): Promise<Delivery> {
    const { settings, forwarder } = route;
    const payload = payloadOf(content);
    const payloadValue = payload.ok ? payload.value : undefined;
    const queryAt = request.path.indexOf('?');
    const query = queryAt === -1 ? EMPTY_QUERY : new URLSearchParams(request.path.slice(queryAt + 1));
    // The sender the headers name, asked once for the handshake, the event type and the delivery id.
    const sender = detectSender(request.headers);
    const handshake = detectHandshake(
      { method: request.method, query, headers: request.headers, payload: payloadValue, sender },
      settings.verify?.secrets[0],
    );
    const context: PayloadContext = { body: payloadValue, headers: request.headers, sender };
    if (settings.event !== undefined) context.event = settings.event;
    // Detected once: the schema registry is given what was found here (issue #18).
    const detected = config.detectEvent?.(context);
    const event = detected?.type ?? settings.event ?? null;

    let signature: Delivery['signature'] = null;
    // A GET/OPTIONS subscription check carries no signature; everything else is checked.
    if (settings.verify && handshake?.signed !== false) {
      const base = settings.verify.url;
      const result = verifyDelivery(
        settings.verify,
        {
          body: request.body,
          headers: request.headers,
          method: request.method,
          ...(base !== undefined && { url: new URL(request.path, base).href }),
        },
        Math.floor(clock.now() / 1000),
      );
      signature = { scheme: result.scheme, ok: result.ok };
      if (result.reason) signature.reason = result.reason;
      if (result.detail) signature.detail = result.detail;
    }

    let validation: Delivery['validation'] = null;
    if (settings.schemas && !handshake) {
      if (!payload.ok) validation = { schema: null, ok: false, errors: [], message: payload.why };
      else {
        const maxErrors = config.maxErrors ?? 20;
        validation = checkPayload(settings.schemas, context, {
          maxErrors,
          ...(detected && { event: detected }),
        });
      }
    }

    const planned = chooseResponse(settings.response, route.scriptIndex, {
      signature,
      validation,
      handshake,
    });
    let forward: Delivery['forward'] = null;
    let answer: { status: number; headers: HeaderList; body: Buffer | string };
    if (planned.forwardable && forwarder) {
      const outcome = await forwarder.forward(request);
      forward = outcome.result;
      answer = outcome;
    } else {
      if (planned.forwardable) route.scriptIndex += 1;
      if (planned.delayMs > 0) await clock.sleep(planned.delayMs);
      answer = planned;
    }
    // The sender is answered once the capture is on disk: a 2xx then means "kept", and a disk
    // slower than the senders slows them down instead of piling deliveries up in memory. A
    // capture that could not be written is answered 503, so that the sender retries it.
    const saved = saving ? await saving : { path: null, error: null };
    if (saved.error !== null) answer = notKept(saved.error);
    respond(answer.status, answer.headers, answer.body);
    const status = answer.status;

    return acceptedDelivery(request, {
      event,
      deliveryId: findDeliveryId(request.headers, payloadValue, sender),
      signature,
      validation,
      forward,
      response: { status },
      handshake: handshake ? describeHandshake(handshake, signature) : null,
      provider: sender?.id ?? null,
      route: route.match,
      savedTo: saved.path,
      saveError: saved.error,
      content,
    });
  }
}

/** What handling a delivery found out about it, beyond the request itself. */
export type DeliveryFindings = Omit<Delivery, keyof ReceivedRequest | 'accepted'>;

/** The delivery: the request as received, and what its handling found. */
export function acceptedDelivery(request: ReceivedRequest, findings: DeliveryFindings): Delivery {
  // Every field named (no `...request`): V8 builds this object from one template, where a spread
  // followed by fourteen more fields cost about a tenth of a delivery's CPU in a profile (#18).
  const delivery: Delivery = {
    id: request.id,
    receivedAt: request.receivedAt,
    method: request.method,
    path: request.path,
    headers: request.headers,
    body: request.body,
    event: findings.event,
    deliveryId: findings.deliveryId,
    signature: findings.signature,
    validation: findings.validation,
    forward: findings.forward,
    response: findings.response,
    handshake: findings.handshake,
    provider: findings.provider ?? null,
    route: findings.route ?? null,
    savedTo: findings.savedTo,
    saveError: findings.saveError,
    content: findings.content,
    accepted: true,
  };
  if (request.remoteAddress !== undefined) delivery.remoteAddress = request.remoteAddress;
  return delivery;
}

/** What handling the delivery found, without the request: the other half of `acceptedDelivery`. */
export function deliveryFindings(delivery: Delivery): DeliveryFindings {
  // Every field named, for the reason given above (a rest pattern cost 5 µs a delivery, #18).
  return {
    event: delivery.event,
    deliveryId: delivery.deliveryId,
    signature: delivery.signature,
    validation: delivery.validation,
    forward: delivery.forward,
    response: delivery.response,
    handshake: delivery.handshake,
    provider: delivery.provider ?? null,
    route: delivery.route ?? null,
    savedTo: delivery.savedTo,
    saveError: delivery.saveError,
    content: delivery.content,
  };
}

/** `slack url_verification`, with why it was not answered or what to do (SNS's SubscribeURL). */
function describeHandshake(handshake: Handshake, signature: Delivery['signature']): string {
  if (signature && !signature.ok) return `${handshake.name} (not answered: the signature failed)`;
  return handshake.note ? `${handshake.name} (${handshake.note})` : handshake.name;
}
