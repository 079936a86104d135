import type { CaptureWriter } from '../capture/capture-writer.js';
import type { Clock } from '../deps.js';
import { getHeader, type HeaderList } from '../options/headers.js';
import { detectSender } from '../providers/registry.js';
import type { EventType, PayloadContext, SchemaRegistry } from '../schemas/types.js';
import { type SignatureSettings, verifyDelivery } from '../signatures/signature-settings.js';
import { chooseResponse, type ResponsePlan } from './choose-response.js';
import { createForwarder, type Forwarder, type ForwardOptions } from './create-forwarder.js';
import type { Delivery } from './delivery.js';
import { detectHandshake, type Handshake } from './detect-handshake.js';
import { findDeliveryId } from './find-delivery-id.js';
import { classifyContent, payloadOf, readContent } from './read-content.js';

const EMPTY_QUERY = new URLSearchParams();

/** What to do with each accepted delivery. */
export interface HandlerConfig {
  /** `--verify`; `settings.url` is `--public-url`, the origin the provider calls. */
  verify?: SignatureSettings;
  schemas?: SchemaRegistry;
  /** `--event`: the event type to validate as, instead of what headers and body say. */
  event?: string;
  /** Finds the event type from headers and body (the schema registry's rules). */
  detectEvent?: (context: PayloadContext) => EventType;
  /** `close`, when there is one, is called once every delivery is done. */
  save?: CaptureWriter & { close?(): Promise<void> };
  forward?: ForwardOptions;
  response: ResponsePlan;
  /** Largest decoded (gunzipped) body shown and validated. */
  maxDecoded?: number;
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
}

export async function createDeliveryHandler(config: HandlerConfig, clock: Clock): Promise<DeliveryHandler> {
  const forwarder: Forwarder | null = config.forward ? await createForwarder(config.forward, clock) : null;
  const maxDecoded = config.maxDecoded ?? 16 * 1024 * 1024;
  let scriptIndex = 0;

  return {
    async handle(request, respond) {
      // Saving starts first and runs alongside the checks: the exact bytes and headers as received.
      const saving = config.save?.write(request).then(
        (path) => ({ path, error: null }),
        (error: Error) => ({ path: null, error: `cannot save: ${error.message}` }),
      );
      // Most bodies are not compressed: classify them without a detour through a promise.
      const content = getHeader(request.headers, 'content-encoding')
        ? await readContent(request.body, request.headers, maxDecoded)
        : classifyContent(request.body, getHeader(request.headers, 'content-type'));
      const payload = payloadOf(content);
      const payloadValue = payload.ok ? payload.value : undefined;
      const queryAt = request.path.indexOf('?');
      const query = queryAt === -1 ? EMPTY_QUERY : new URLSearchParams(request.path.slice(queryAt + 1));
      const handshake = detectHandshake(
        { method: request.method, query, headers: request.headers, payload: payloadValue },
        config.verify?.secrets[0],
      );
      const context: PayloadContext = { body: payloadValue, headers: request.headers };
      if (config.event !== undefined) context.event = config.event;
      const event = config.detectEvent?.(context).type ?? config.event ?? null;

      let signature: Delivery['signature'] = null;
      // A GET/OPTIONS subscription check carries no signature; everything else is checked.
      if (config.verify && handshake?.signed !== false) {
        const base = config.verify.url;
        const result = verifyDelivery(
          config.verify,
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
      if (config.schemas && !handshake) {
        if (!payload.ok) validation = { schema: null, ok: false, errors: [], message: payload.why };
        else {
          const outcome = config.schemas.validate(context, { maxErrors: config.maxErrors ?? 20 });
          if (outcome.status === 'valid') validation = { schema: outcome.schema, ok: true, errors: [] };
          else if (outcome.status === 'invalid') {
            validation = {
              schema: outcome.schema,
              ok: false,
              errors: outcome.errors.map(({ pointer, message }) => ({ pointer, message })),
            };
          } else if (outcome.status === 'no-schema') {
            validation = { schema: null, ok: false, errors: [], message: outcome.message };
          } else {
            // A broken schema, or a payload too deep for it: a failed check against that schema.
            validation = { schema: outcome.schema, ok: false, errors: [], message: outcome.message };
          }
        }
      }

      const planned = chooseResponse(config.response, scriptIndex, { signature, validation, handshake });
      let forward: Delivery['forward'] = null;
      let answer: { status: number; headers: HeaderList; body: Buffer | string };
      if (planned.forwardable && forwarder) {
        const outcome = await forwarder.forward(request);
        forward = outcome.result;
        answer = outcome;
      } else {
        if (planned.forwardable) scriptIndex += 1;
        if (planned.delayMs > 0) await clock.sleep(planned.delayMs);
        answer = planned;
      }
      // The sender is answered once the capture is on disk: a 2xx then means "kept", and a disk
      // slower than the senders slows them down instead of piling deliveries up in memory.
      const saved = saving ? await saving : { path: null, error: null };
      respond(answer.status, answer.headers, answer.body);
      const status = answer.status;

      return {
        ...request,
        event,
        deliveryId: findDeliveryId(request.headers, payloadValue),
        signature,
        validation,
        forward,
        response: { status },
        handshake: handshake ? describeHandshake(handshake, signature) : null,
        provider: detectSender(request.headers)?.id ?? null,
        savedTo: saved.path,
        saveError: saved.error,
        content,
        accepted: true,
      };
    },
    close: async (force = false) => {
      await forwarder?.close(force);
      await config.save?.close?.();
    },
  };
}

/** `slack url_verification`, with why it was not answered or what to do (SNS's SubscribeURL). */
function describeHandshake(handshake: Handshake, signature: Delivery['signature']): string {
  if (signature && !signature.ok) return `${handshake.name} (not answered: the signature failed)`;
  return handshake.note ? `${handshake.name} (${handshake.note})` : handshake.name;
}
